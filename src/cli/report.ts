/**
 * What the run reports: only this plugin's findings and the files that do not parse, the summary line, and the
 * progress line on a terminal.
 */
import type { ESLint, Linter } from 'eslint';
import { NAMESPACE } from './eslint-options.ts';

/**
 * A message that belongs in the report. Dropped: what the project's own inline comments cause here, such as
 * "Definition for rule 'react/…' was not found" for an `eslint-disable` of a plugin that is not loaded, or the
 * fatal "/* eslint-env *\/ comments are no longer supported". Kept: our rules, and parse errors.
 */
function belongs(message: Linter.LintMessage, quiet: boolean): boolean {
  if (quiet && message.severity !== 2) return false;
  if (message.ruleId) return message.ruleId.startsWith(`${NAMESPACE}/`);
  return message.fatal === true && message.message.startsWith('Parsing error');
}

export function filterResults(results: readonly ESLint.LintResult[], quiet: boolean): ESLint.LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter((m) => belongs(m, quiet));
    const count = (pick: (m: Linter.LintMessage) => boolean) => messages.filter(pick).length;
    const filtered: ESLint.LintResult = {
      ...result,
      messages,
      suppressedMessages: result.suppressedMessages.filter((m) => belongs(m, quiet)),
      errorCount: count((m) => m.severity === 2),
      fatalErrorCount: count((m) => m.fatal === true),
      warningCount: count((m) => m.severity === 1),
      fixableErrorCount: count((m) => m.severity === 2 && !!m.fix),
      fixableWarningCount: count((m) => m.severity === 1 && !!m.fix),
    };
    // ESLint gives the source with errors or warnings: not where only dropped ones caused it, so that a clean file
    // reads the same whether ESLint saw it or not (cleanResult)
    if (messages.length === 0) delete filtered.source;
    return filtered;
  });
}

/** The result of a file that ESLint did not need to see: no rule can report in it, and it parses. */
export function cleanResult(filePath: string): ESLint.LintResult {
  return {
    filePath,
    messages: [],
    suppressedMessages: [],
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  /** Findings by rule name (without `transport/`); parse errors under `parse errors`. */
  byRule: Map<string, number>;
  fixedFiles: number;
}

export function totals(results: readonly ESLint.LintResult[]): Totals {
  const byRule = new Map<string, number>();
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    for (const m of result.messages) {
      const name = m.ruleId ? m.ruleId.replace(`${NAMESPACE}/`, '') : 'parse errors';
      byRule.set(name, (byRule.get(name) ?? 0) + 1);
    }
  }
  return {
    files: results.length,
    errors,
    warnings,
    byRule,
    fixedFiles: results.filter((r) => r.output !== undefined).length,
  };
}

/** `transport-lint: 12 files, 3 findings (no-unguarded-socket-options 2, parse errors 1), 2.4 s` */
export function summaryLine(t: Totals, milliseconds: number, fixMode: 'fix' | 'dry-run' | undefined): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const findings = t.errors + t.warnings;
  const parts = [plural(t.files, 'file')];
  if (findings === 0) {
    parts.push('no findings');
  } else {
    const rules = [...t.byRule]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([rule, n]) => `${rule} ${n}`);
    parts.push(`${plural(findings, 'finding')} (${rules.join(', ')})`);
  }
  if (fixMode)
    parts.push(`${plural(t.fixedFiles, 'file')} ${fixMode === 'fix' ? 'fixed' : 'with fixes (not written)'}`);
  parts.push(`${(milliseconds / 1000).toFixed(1)} s`);
  return `transport-lint: ${parts.join(', ')}`;
}

/** Files done / total and the current package, on one line of a terminal, redrawn at most ten times a second. */
export class Progress {
  private shown = false;
  private last = -Infinity;

  constructor(
    private readonly stream: NodeJS.WriteStream | undefined,
    private readonly total: number,
  ) {}

  update(done: number, label: string): void {
    if (!this.stream) return;
    const now = performance.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const line = `transport-lint: ${done}/${this.total} files${label ? ` · ${label}` : ''}`;
    const width = this.stream.columns || 80;
    this.stream.write(`\r\x1b[K${line.length >= width ? line.slice(0, width - 1) : line}`);
    this.shown = true;
  }

  /** A one-off status line (shown at once), such as the start of a multithreaded run. */
  status(text: string): void {
    if (!this.stream) return;
    this.stream.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.stream && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
