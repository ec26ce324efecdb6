import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { buildConfigs, type ConfigName } from './configs/index.ts';
import { rules } from './rules/index.ts';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { name: string; version: string };

const NAMESPACE = 'transport';

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: NAMESPACE },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, buildConfigs(NAMESPACE, plugin as unknown as TSESLint.FlatConfig.Plugin));

export default plugin;
// `require('eslint-plugin-transport')` from CommonJS (an `eslint.config.cjs`) returns the plugin itself instead of the
// module namespace: Node's require of an ES module (20.19+) returns this export where there is one
export { plugin as 'module.exports' };
