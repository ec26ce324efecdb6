/**
 * The ESLint options of a run, built from a plan that is plain JSON. With `--concurrency`, ESLint's worker threads
 * load the options from a module (`ESLint.fromOptionsModule`) because the plugin, the parser and the file matchers
 * cannot be copied to a thread: transport-lint writes a module that calls `eslintOptions` with the same plan.
 */
import tsParser from '@typescript-eslint/parser';
import type { ESLint, Linter } from 'eslint';
import plugin from '../index.ts';
import type { Concurrency } from './args.ts';
import type { ProgramGroup } from './projects.ts';

export const NAMESPACE = 'transport';

export interface LintPlan {
  /** ESLint's cwd: a folder that contains every linted file. */
  cwd: string;
  tsconfigRootDir: string;
  groups: ProgramGroup[];
  /** The rules to run, by full id (`transport/…`). */
  rules: Record<string, Linter.RuleEntry>;
  fix: boolean;
  quiet: boolean;
  concurrency: Concurrency;
}

/** This module, for the options module that worker threads load. */
export const ESLINT_OPTIONS_MODULE = import.meta.url;

export function eslintOptions(plan: LintPlan): ESLint.Options {
  const ruleIds = new Set(Object.keys(plan.rules));
  const everyFile = new Set(plan.groups.flatMap((g) => g.files));
  const config: Linter.Config[] = [
    {
      name: 'transport-lint/linter-options',
      // the project's own eslint-disable comments name rules that do not run here: do not report them as unused
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    // `files` matchers may be functions (@eslint/config-array accepts them; ESLint's types list only strings): with
    // thousands of files, a set lookup is faster than as many glob patterns
    ...plan.groups.map((group, index): Linter.Config => {
      const files = new Set(group.files);
      return {
        name: `transport-lint/program-${index + 1}`,
        files: [(file: string) => files.has(file)] as unknown as string[],
        languageOptions: {
          parser: tsParser,
          parserOptions:
            group.kind === 'service'
              ? { projectService: true, tsconfigRootDir: plan.tsconfigRootDir }
              : {
                  project: [group.tsconfig],
                  tsconfigRootDir: plan.tsconfigRootDir,
                  disallowAutomaticSingleRunInference: true,
                },
        },
      };
    }),
    {
      name: 'transport-lint/rules',
      files: [(file: string) => everyFile.has(file)] as unknown as string[],
      plugins: { [NAMESPACE]: plugin as unknown as ESLint.Plugin },
      rules: plan.rules,
    },
  ];
  return {
    cwd: plan.cwd,
    overrideConfigFile: true,
    overrideConfig: config,
    fix: plan.fix,
    concurrency: plan.concurrency,
    // inline `/* eslint … */` comments may turn on rules of other plugins, or of ESLint: only ours run
    ruleFilter: ({ ruleId, severity }) => ruleIds.has(ruleId) && (!plan.quiet || severity === 2),
  };
}
