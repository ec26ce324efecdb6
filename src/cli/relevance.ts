/**
 * Which files ESLint needs to see. A rule can report on a file only if its `create` returns listeners for it; every
 * rule of this plugin first looks for its names in the file's text and returns none when they are absent
 * (src/rule-kit/prefilter.ts). Asking the rules themselves, with their configured options, before any parse, keeps
 * this exact: `create` runs with a context that holds only the file's text and the options, and a rule that reaches
 * for anything else (the AST, types, the file name, `report`) counts as one that may report. Most files of a project
 * mention none of the names; handing them to ESLint would cost a parse and an AST conversion each, for nothing.
 *
 * A file that is left out is still parsed by TypeScript alone, so that a file that does not parse is reported as it
 * would be by ESLint (typescript-eslint reports TypeScript's first parse error).
 */
import type { Linter, Rule } from 'eslint';
import path from 'node:path';
import ts from '../engine/typescript.cts';

export interface ConfiguredRule {
  rule: Rule.RuleModule;
  /** The rule's options, without the severity. */
  options: unknown[];
}

export function configuredRules(
  entries: Record<string, Linter.RuleEntry>,
  ruleOf: (id: string) => Rule.RuleModule | undefined,
): ConfiguredRule[] {
  return Object.entries(entries).map(([id, entry]) => {
    const rule = ruleOf(id);
    if (!rule) throw new Error(`no rule ${id}`);
    return { rule, options: Array.isArray(entry) ? entry.slice(1) : [] };
  });
}

/** Thrown by the context when a rule wants more than the text and the options. */
const WANTS_MORE = Symbol('wants more than the text');

/** Whether any of the rules returns listeners for a file with this text. */
export function mayReport(text: string, rules: readonly ConfiguredRule[]): boolean {
  const only = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        if (Object.hasOwn(object, key)) return (object as Record<PropertyKey, unknown>)[key];
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel caught by mayReport, never escapes
        throw WANTS_MORE;
      },
    });
  const sourceCode = only({ text });
  for (const { rule, options } of rules) {
    try {
      const listeners = rule.create(only({ sourceCode, options }) as unknown as Rule.RuleContext);
      if (Object.keys(listeners).length > 0) return true;
    } catch (error) {
      if (error === WANTS_MORE) return true;
      throw error;
    }
  }
  return false;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

/** Whether TypeScript's parser finds an error in the file (the errors typescript-eslint reports as parse errors). */
export function hasSyntaxError(file: string, text: string): boolean {
  const source = ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    SCRIPT_KINDS[path.extname(file)] ?? ts.ScriptKind.TS,
  );
  return (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics.length > 0;
}
