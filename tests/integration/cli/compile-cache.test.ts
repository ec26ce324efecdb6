/**
 * TypeScript's bundle through V8's code cache on Node versions without `module.enableCompileCache`
 * (src/cli/compile-cache.ts). Each load runs in a fresh process: `require.cache` and V8's own in-memory cache would
 * otherwise answer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, ROOT, runCli } from '../../helpers/run-cli.ts';

const MODULE = path.join(ROOT, 'dist', 'cli', 'compile-cache.js');
const folders: string[] = [];
function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-lint-compile-cache-test-'));
  folders.push(dir);
  return dir;
}

/**
 * Loads TypeScript in a new process through the cache, with the environment given, and tells what happened: how the
 * cache was used, and whether the module that loaded is the one `require('typescript')` gives and it works.
 */
function load(
  env: Record<string, string>,
  requireFirst = false,
  check = false,
): { use: string; same: boolean; parses: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    import { loadWithCodeCache } from ${JSON.stringify(MODULE)};
    const require = createRequire(${JSON.stringify(MODULE)});
    ${requireFirst ? "require('typescript');" : ''}
    const use = loadWithCodeCache('typescript', process.env);
    const ts = require('typescript');
    const same = require.cache[require.resolve('typescript')].exports === ts;
    const source = ts.createSourceFile('a.ts', 'const a: number = 1;', ts.ScriptTarget.Latest);
    ${
      // a type check compiles much of TypeScript's checker, which a parse does not reach
      check
        ? `const program = ts.createProgram(['a.ts'], { noLib: true }, {
            ...ts.createCompilerHost({}),
            getSourceFile: (name) => (name === 'a.ts' ? source : undefined),
            fileExists: (name) => name === 'a.ts',
          });
          if (ts.getPreEmitDiagnostics(program).length === 0) throw new Error('noLib: no global types, errors expected');`
        : ''
    }
    console.log(JSON.stringify({ use, same, parses: source.statements.length === 1 }));
  `;
  const inherited = { ...process.env };
  delete inherited.NODE_COMPILE_CACHE;
  delete inherited.NODE_DISABLE_COMPILE_CACHE;
  // a file, not `-e`: the script is part of the command line, on which the cache's name depends
  const file = path.join(scripts, `${requireFirst}-${check}.mjs`);
  fs.writeFileSync(file, script);
  const out = execFileSync(process.execPath, [file], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { use: string; same: boolean; parses: boolean };
}

const cacheFiles = (dir: string) => fs.readdirSync(dir).filter((f) => /^typescript-[0-9a-f]{16}\.bin$/.test(f));

let scripts: string;
beforeAll(() => {
  ensureBuilt();
  scripts = tempFolder();
});
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadWithCodeCache', { timeout: 120_000 }, () => {
  it('writes the cache on the first load and uses it on the next; the module is the one require gives', () => {
    const dir = tempFolder();
    expect(load({ NODE_COMPILE_CACHE: dir })).toEqual({ use: 'written', same: true, parses: true });
    const [file] = cacheFiles(dir);
    expect(file).toBeDefined();
    const written = fs.statSync(path.join(dir, file!));
    expect(written.size).toBeGreaterThan(100_000);
    expect(load({ NODE_COMPILE_CACHE: dir })).toEqual({ use: 'used', same: true, parses: true });
    // used, not rewritten
    expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBe(written.mtimeMs);
    expect(cacheFiles(dir)).toEqual([file]);
  });

  it('writes the cache at exit with the code the run compiled, and again when a later run compiled much more', () => {
    const dir = tempFolder();
    expect(load({ NODE_COMPILE_CACHE: dir }).use).toBe('written');
    const file = path.join(dir, cacheFiles(dir)[0]!);
    const parsed = fs.statSync(file);
    // a type check: the checker's code too
    expect(load({ NODE_COMPILE_CACHE: dir }, false, true).use).toBe('used');
    const checked = fs.statSync(file);
    expect(checked.size).toBeGreaterThan(parsed.size * 1.1);
    // the same work again: nothing new to keep, the file stays
    expect(load({ NODE_COMPILE_CACHE: dir }, false, true).use).toBe('used');
    expect(load({ NODE_COMPILE_CACHE: dir }).use).toBe('used');
    expect(fs.statSync(file).mtimeMs).toBe(checked.mtimeMs);
  });

  it('compiles from source and writes the cache anew when V8 rejects it', () => {
    const dir = tempFolder();
    load({ NODE_COMPILE_CACHE: dir });
    const file = path.join(dir, cacheFiles(dir)[0]!);
    const size = fs.statSync(file).size;
    fs.writeFileSync(file, Buffer.alloc(size, 7));
    expect(load({ NODE_COMPILE_CACHE: dir })).toEqual({ use: 'rejected and written', same: true, parses: true });
    expect(fs.readFileSync(file).equals(Buffer.alloc(size, 7))).toBe(false);
    expect(load({ NODE_COMPILE_CACHE: dir }).use).toBe('used');
  });

  it('loads from source where the cache cannot be written, and not at all when turned off or loaded before', () => {
    const blocker = path.join(tempFolder(), 'a-file');
    fs.writeFileSync(blocker, '');
    // the cache's folder would be inside a file
    expect(load({ NODE_COMPILE_CACHE: path.join(blocker, 'cache') })).toEqual({
      use: 'not written',
      same: true,
      parses: true,
    });
    const dir = tempFolder();
    expect(load({ NODE_COMPILE_CACHE: dir, NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({
      use: 'off',
      same: true,
      parses: true,
    });
    expect(load({ NODE_COMPILE_CACHE: dir }, true).use).toBe('loaded before');
    expect(cacheFiles(dir)).toEqual([]);
  });

  // cached code runs as this process: none that another user could have written
  it.skipIf(process.getuid === undefined)('reads no cache that others can write', () => {
    const open = tempFolder();
    fs.chmodSync(open, 0o777);
    expect(load({ NODE_COMPILE_CACHE: open })).toEqual({ use: 'untrusted', same: true, parses: true });
    expect(cacheFiles(open)).toEqual([]);

    const dir = tempFolder();
    load({ NODE_COMPILE_CACHE: dir });
    const file = path.join(dir, cacheFiles(dir)[0]!);
    fs.chmodSync(file, 0o666);
    // not read: compiled from source, and replaced by a file of this user's alone
    expect(load({ NODE_COMPILE_CACHE: dir }).use).toBe('written');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(load({ NODE_COMPILE_CACHE: dir }).use).toBe('used');
  });
});

describe('transport-lint with the cache', { timeout: 240_000 }, () => {
  // on Node >= 22.1 the command uses Node's own compile cache instead
  const ownCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

  // between two programs the run turns on `--expose-gc` (programs.ts), and V8 rejects a cache made with other flags:
  // the flag is off again when the cache is written at exit, so the next run uses it (a rejected one is rewritten)
  it.skipIf(ownCache)('uses the cache after a run that built two programs', async () => {
    const dir = tempFolder();
    const project = path.join(FIXTURES, 'monorepo');
    const runs: string[] = [];
    let written: number | undefined;
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['--format', 'json'], project, { NODE_COMPILE_CACHE: dir, TRANSPORT_LINT_DEBUG: '1' });
      runs.push(run.stdout);
      if (i === 0) expect(run.stderr.match(/"kind":"(config|default)"/g)?.length).toBeGreaterThanOrEqual(2);
      if (i === 1) written = fs.statSync(path.join(dir, cacheFiles(dir)[0]!)).mtimeMs;
    }
    expect(cacheFiles(dir)).toHaveLength(1);
    expect(fs.statSync(path.join(dir, cacheFiles(dir)[0]!)).mtimeMs).toBe(written);
    expect(new Set(runs).size).toBe(1);
  });

  it.skipIf(ownCache)('reports the same with a cache written, used, and turned off', async () => {
    const dir = tempFolder();
    const project = path.join(FIXTURES, 'ts-project');
    const first = await runCli(['--format', 'json'], project, { NODE_COMPILE_CACHE: dir });
    expect(cacheFiles(dir)).toHaveLength(1);
    const second = await runCli(['--format', 'json'], project, { NODE_COMPILE_CACHE: dir });
    const off = await runCli(['--format', 'json'], project, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).not.toEqual([]);
    for (const run of [second, off]) {
      expect(run.code).toBe(first.code);
      expect(run.stdout).toBe(first.stdout);
    }
  });
});
