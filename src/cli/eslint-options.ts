/**
 * The ESLint options of a run, built from a plan that is plain JSON. With `--concurrency`, ESLint's worker threads
 * load the options from a module (`ESLint.fromOptionsModule`) because the plugin, the parser and the file matchers
 * cannot be copied to a thread: transport-lint writes a module that calls `eslintOptions` with the same plan.
 */
import type { ESLint, Linter } from 'eslint';
import plugin from '../index.ts';
import type { Concurrency } from './args.ts';
import { parserWith, Programs } from './programs.ts';
import type { ProgramGroup } from './projects.ts';

export const NAMESPACE = 'transport';

export interface LintPlan {
  /** ESLint's cwd: a folder that contains every linted file. */
  cwd: string;
  groups: ProgramGroup[];
  /** Files in which no rule can report but that do not parse: linted without types, for the parse error. */
  syntaxOnly: string[];
  /** The rules to run, by full id (`transport/…`). */
  rules: Record<string, Linter.RuleEntry>;
  fix: boolean;
  quiet: boolean;
  concurrency: Concurrency;
}

/** This module, for the options module that worker threads load. */
export const ESLINT_OPTIONS_MODULE = import.meta.url;

/**
 * The options for ESLint. Every file handed to ESLint is parsed with its program from `programs` (a new set of
 * programs by default: a worker thread builds its own).
 */
export function eslintOptions(plan: LintPlan, programs = new Programs(plan.groups)): ESLint.Options {
  silenceESLintIgnoreWarning();
  const ruleIds = new Set(Object.keys(plan.rules));
  const everyFile = new Set([...plan.groups.flatMap((g) => g.lint), ...plan.syntaxOnly]);
  const config: Linter.Config[] = [
    {
      name: 'transport-lint/linter-options',
      // the project's own eslint-disable comments name rules that do not run here: do not report them as unused
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    // `files` matchers may be functions (@eslint/config-array accepts them; ESLint's types list only strings): with
    // thousands of files, a set lookup is faster than as many glob patterns
    {
      name: 'transport-lint/rules',
      // `syntaxOnly` may grow during the run (a file whose syntax error its group's program found): a few files
      files: [(file: string) => everyFile.has(file) || plan.syntaxOnly.includes(file)] as unknown as string[],
      languageOptions: { parser: parserWith(programs) },
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

/**
 * ESLint warns about a `.eslintignore` in its working folder, which transport-lint never reads (it does not use the
 * project's ESLint setup). ESLint's warnings go through the `process.emitWarning` it finds when an ESLint instance
 * is made: this one passes on every other warning.
 */
export function silenceESLintIgnoreWarning(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(process, …) below
  const emit = process.emitWarning as typeof process.emitWarning & { transportLint?: true };
  if (emit.transportLint) return;
  const filtered = Object.assign(
    function (this: unknown, warning: string | Error, ...rest: unknown[]) {
      const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
      if (type === 'ESLintIgnoreWarning') return;
      (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
    },
    { transportLint: true as const },
  );
  process.emitWarning = filtered;
}
