/**
 * The shared configs (`recommended`, `strict`, `disable-type-checked`; no `all`: it equalled `strict`), built from the rules' `meta.docs`.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.ts';

type RuleName = keyof typeof rules;
type Config = TSESLint.FlatConfig.Config;
export type ConfigName = 'recommended' | 'strict' | 'disable-type-checked';

/** Options that `strict` sets on top of a rule's defaults. */
const STRICT_OPTIONS: Partial<Record<RuleName, unknown[]>> = {
  'no-unguarded-socket-options': [{ requireTcp: true }],
  'no-unchecked-bound-address': [{ requireProof: true }],
};

const error = 'error';
const names = Object.keys(rules) as RuleName[];

function ruleEntries(
  namespace: string,
  pick: (name: RuleName) => boolean,
  level: (name: RuleName) => TSESLint.FlatConfig.RuleEntry,
): Record<string, TSESLint.FlatConfig.RuleEntry> {
  return Object.fromEntries(names.filter(pick).map((name) => [`${namespace}/${name}`, level(name)]));
}

const strictEntry = (name: RuleName): TSESLint.FlatConfig.RuleEntry => {
  const options = STRICT_OPTIONS[name];
  return options ? [error, ...options] : error;
};

/** The configs of `plugin`, registered under `namespace`. */
export function buildConfigs(namespace: string, plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, Config> {
  const docs = (name: RuleName) => rules[name].meta.docs;
  return {
    recommended: {
      name: `${namespace}/recommended`,
      plugins: { [namespace]: plugin },
      rules: ruleEntries(
        namespace,
        (n) => !!docs(n).recommended,
        () => error,
      ),
    },
    strict: {
      name: `${namespace}/strict`,
      plugins: { [namespace]: plugin },
      rules: ruleEntries(namespace, (n) => !!docs(n).recommended || !!docs(n).strict, strictEntry),
    },
    'disable-type-checked': {
      name: `${namespace}/disable-type-checked`,
      rules: ruleEntries(
        namespace,
        (n) => docs(n).requiresTypeChecking,
        () => 'off',
      ),
    },
  };
}
