/**
 * Fix soundness over a multi-file project: apply every autofix, then the first suggestion of what remains; the result
 * must type-check with the TypeScript compiler and re-lint to zero reports, and fixing again must change nothing.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.ts';

const source = path.join(import.meta.dirname, '..', 'fixtures', 'fix-project');
const scratch = path.join(import.meta.dirname, '..', '.tmp');
let round = 0;

/** A fresh copy of a project (a new folder gives a new project service, so nothing is cached). */
function copyProject(from: string): string {
  const to = path.join(scratch, `fix-${process.pid}-${round++}`);
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
  return to;
}

async function lint(dir: string, fix: boolean): Promise<ESLint.LintResult[]> {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.js'],
      languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
    },
    plugin.configs.strict as Linter.Config,
    // requireTcp reports real sockets of unknown transport with suggestions only; the rest of `strict` as it is
    { rules: { 'transport/no-unguarded-socket-options': 'error' } },
  ];
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, fix });
  const results = await eslint.lintFiles(['.']);
  if (fix) await ESLint.outputFixes(results);
  return results;
}

function typeErrors(dir: string): string[] {
  const configFile = ts.readConfigFile(path.join(dir, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, dir);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Applies the first suggestion of every message that has one, last first so ranges stay valid. */
function applySuggestions(results: ESLint.LintResult[]): number {
  let applied = 0;
  for (const result of results) {
    const fixes = result.messages
      .flatMap((m) => (m.suggestions?.[0] ? [m.suggestions[0].fix] : []))
      .sort((a, b) => b.range[0] - a.range[0]);
    if (fixes.length === 0) continue;
    let text = fs.readFileSync(result.filePath, 'utf8');
    let limit = Infinity;
    for (const fix of fixes) {
      if (fix.range[1] > limit) continue; // overlapping: left for the next round
      text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
      limit = fix.range[0];
      applied++;
    }
    fs.writeFileSync(result.filePath, text);
  }
  return applied;
}

describe('fixes over a multi-file project', () => {
  afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('the original project type-checks and has findings in every file but the safe one', async () => {
    expect(typeErrors(source)).toEqual([]);
    const results = await lint(copyProject(source), false);
    const counts = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages.length]));
    expect(counts).toEqual({ 'client.js': 1, 'inject.ts': 2, 'safe.ts': 0, 'unix.ts': 2, 'upgrade.ts': 3 });
    expect(results.flatMap((r) => r.messages).every((m) => m.ruleId === 'transport/no-unguarded-socket-options')).toBe(
      true,
    );
  });

  it('fixes and suggestions type-check, re-lint clean, and are idempotent', async () => {
    const dir = copyProject(source);
    const fixed = await lint(dir, true);
    expect(
      fixed
        .filter((r) => r.output !== undefined)
        .map((r) => path.basename(r.filePath))
        .sort(),
    ).toEqual(['client.js', 'inject.ts', 'upgrade.ts']);
    expect(applySuggestions(fixed)).toBe(2);

    const again = copyProject(dir);
    const relinted = await lint(again, false);
    expect(
      relinted.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.message}`)),
    ).toEqual([]);
    expect(typeErrors(again)).toEqual([]);

    const before = Object.fromEntries(
      fs.readdirSync(again).map((f) => [f, fs.readFileSync(path.join(again, f), 'utf8')]),
    );
    const refixed = await lint(again, true);
    expect(refixed.every((r) => r.output === undefined)).toBe(true);
    expect(
      Object.fromEntries(fs.readdirSync(again).map((f) => [f, fs.readFileSync(path.join(again, f), 'utf8')])),
    ).toEqual(before);

    expect(fs.readFileSync(path.join(again, 'upgrade.ts'), 'utf8')).toContain(
      "if ('setNoDelay' in conn) conn.setNoDelay(true); // websocket frames are small",
    );
    expect(fs.readFileSync(path.join(again, 'unix.ts'), 'utf8')).toContain('return control;');
  });
});
