/**
 * Multi-file programs in the style of real servers and clients (tests/fixtures/programs, one folder each; plain
 * JavaScript and TypeScript, ESM and CommonJS), linted whole with `recommended` and `strict`. A line that ends in
 * `// BUG` must be reported by both configs; `// BUG (recommended misses it: …)` is a bug that only `strict` finds
 * today; `// not a bug (strict reports it: …)` is a false line of `strict` only; any other line must be reported by
 * neither. The score of each config (bugs found, false lines) is printed; the test fails on any other difference.
 */
import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.ts';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'programs');
const programs = fs
  .readdirSync(root)
  .filter((name) => fs.statSync(path.join(root, name)).isDirectory())
  .sort();
const SOURCE = /\.(?:[cm]?js|ts)$/;

type Lines = Map<string, Set<number>>;
type Config = 'recommended' | 'strict';

/** The lines a config reports today: the bugs it finds, and the false lines it is known for. */
function expected(config: Config, dir: string): { bugs: Lines; known: Lines } {
  const bugs: Lines = new Map();
  const known: Lines = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => SOURCE.test(f))) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    const marked = (pattern: RegExp): Set<number> =>
      new Set(lines.flatMap((line, i) => (pattern.test(line) ? [i + 1] : [])));
    bugs.set(file, marked(/\/\/ BUG\b/));
    known.set(
      file,
      config === 'strict' ? marked(/\/\/ not a bug \(strict reports it/) : marked(/\/\/ BUG \(recommended misses it/),
    );
  }
  return { bugs, known };
}

async function reported(config: Config, dir: string): Promise<Lines> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{js,cjs,mjs,ts}'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: root } },
      },
      { files: ['**/*.{js,cjs,mjs,ts}'], ...plugin.configs[config] },
    ] as ESLint.Options['overrideConfig'],
  });
  const out: Lines = new Map();
  for (const result of await eslint.lintFiles([path.join(dir, '*')])) {
    const file = path.basename(result.filePath);
    const lines = new Set<number>();
    for (const message of result.messages) {
      if (!message.ruleId) throw new Error(`${file}:${message.line}: ${message.message}\n`);
      lines.add(message.line);
      if (process.env['PROGRAMS_VERBOSE'])
        fs.appendFileSync(
          process.env['PROGRAMS_VERBOSE'],
          `${config} ${file}:${message.line}:${message.column} ${message.message}\n`,
        );
    }
    out.set(file, lines);
  }
  return out;
}

interface Score {
  bugs: number;
  found: number;
  falses: number;
  /** Differences from what the markers say this config does today. */
  unexpected: string[];
}

function compare(config: Config, want: { bugs: Lines; known: Lines }, got: Lines): Score {
  const score: Score = { bugs: 0, found: 0, falses: 0, unexpected: [] };
  for (const [file, lines] of want.bugs) {
    const reports = got.get(file) ?? new Set();
    const known = want.known.get(file) ?? new Set();
    for (const line of lines) {
      score.bugs++;
      if (reports.has(line)) score.found++;
      if (reports.has(line) === (config === 'recommended' && known.has(line)))
        score.unexpected.push(`${file}:${line} ${reports.has(line) ? 'found, marked missed' : 'missed'}`);
    }
    for (const line of reports) {
      if (lines.has(line)) continue;
      score.falses++;
      if (!known.has(line)) score.unexpected.push(`${file}:${line} false`);
    }
    if (config === 'strict')
      for (const line of known) if (!reports.has(line)) score.unexpected.push(`${file}:${line} no longer reported`);
  }
  return score;
}

describe('multi-file programs', { timeout: 120_000 }, () => {
  for (const config of ['recommended', 'strict'] as const) {
    it(`${config}: the BUG lines it finds today, and no other line`, async () => {
      const unexpected: string[] = [];
      const total = { bugs: 0, found: 0, falses: 0 };
      for (const program of programs) {
        const dir = path.join(root, program);
        const score = compare(config, expected(config, dir), await reported(config, dir));
        total.bugs += score.bugs;
        total.found += score.found;
        total.falses += score.falses;
        unexpected.push(...score.unexpected.map((u) => `${program}/${u}`));
      }
      console.log(`${config}: ${total.found}/${total.bugs} bugs found, ${total.falses} false lines`);
      expect(unexpected).toEqual([]);
    });
  }
});
