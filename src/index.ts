import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { rules } from './rules/index.ts';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { name: string; version: string };

type RuleName = keyof typeof rules;
type Level = 'error' | 'warn' | 'off';
type Config = TSESLint.FlatConfig.Config;

const NAMESPACE = 'transport';

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: NAMESPACE },
  rules,
  configs: {} as Record<'recommended' | 'strict' | 'all' | 'disable-type-checked', Config>,
};

/** Options that `strict` sets on top of a rule's defaults. */
const STRICT_OPTIONS: Partial<Record<RuleName, unknown[]>> = {
  'no-unguarded-socket-options': [{ requireTcp: true }],
  'no-unchecked-bound-address': [{ requireProof: true }],
};

function ruleEntries(
  pick: (name: RuleName) => boolean,
  level: (name: RuleName) => TSESLint.FlatConfig.RuleEntry,
): Record<string, TSESLint.FlatConfig.RuleEntry> {
  return Object.fromEntries(
    (Object.keys(rules) as RuleName[]).filter(pick).map((name) => [`${NAMESPACE}/${name}`, level(name)]),
  );
}

const docs = (name: RuleName) =>
  rules[name].meta.docs ?? { recommended: false, strict: false, requiresTypeChecking: true };
const error: Level = 'error';

Object.assign(plugin.configs, {
  recommended: {
    name: `${NAMESPACE}/recommended`,
    plugins: { [NAMESPACE]: plugin },
    rules: ruleEntries(
      (n) => !!docs(n).recommended,
      () => error,
    ),
  },
  strict: {
    name: `${NAMESPACE}/strict`,
    plugins: { [NAMESPACE]: plugin },
    rules: ruleEntries(
      (n) => !!docs(n).recommended || !!docs(n).strict,
      (n) => (STRICT_OPTIONS[n] ? [error, ...STRICT_OPTIONS[n]] : error),
    ),
  },
  all: {
    name: `${NAMESPACE}/all`,
    plugins: { [NAMESPACE]: plugin },
    rules: ruleEntries(
      () => true,
      (n) => (STRICT_OPTIONS[n] ? [error, ...STRICT_OPTIONS[n]] : error),
    ),
  },
  'disable-type-checked': {
    name: `${NAMESPACE}/disable-type-checked`,
    rules: ruleEntries(
      (n) => docs(n).requiresTypeChecking,
      () => 'off',
    ),
  },
} satisfies Record<string, Config>);

export default plugin;
// `require('eslint-plugin-transport')` from CommonJS (an `eslint.config.cjs`) returns the plugin itself instead of the
// module namespace: Node's require of an ES module (20.19+) returns this export where there is one
export { plugin as 'module.exports' };
