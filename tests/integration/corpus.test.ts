// The corpus run (scripts/corpus.mjs, `npm run test:corpus`): every rule survives TypeScript's lib, @types/node,
// ESLint, typescript-eslint, Vite and Vitest, with the `all` config and type information. About a minute.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = path.join(root, 'tests', '.tmp', 'corpus');
const run = promisify(execFile);

interface CorpusResult {
  files: number;
  reports: { file: string; rule: string; message: string }[];
  parseErrors: unknown[];
  crashes: { file: string; rule: string | null; message: string }[];
  setupErrors: unknown[];
}

async function corpus(
  out: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string; result: CorpusResult }> {
  const script = path.join(root, 'scripts', 'corpus.mjs');
  try {
    const { stdout, stderr } = await run(process.execPath, [script, '--quiet', '--out', out, ...args], {
      cwd: root,
      maxBuffer: 64 * 2 ** 20,
    });
    return { code: 0, stdout, stderr, result: JSON.parse(fs.readFileSync(out, 'utf8')) as CorpusResult };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number' || !fs.existsSync(out)) throw error;
    return {
      code: e.code,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
      result: JSON.parse(fs.readFileSync(out, 'utf8')) as CorpusResult,
    };
  }
}

describe('corpus', () => {
  beforeAll(() => {
    ensureBuilt();
    fs.mkdirSync(tmp, { recursive: true });
  });

  it('no rule crashes on the whole corpus', { timeout: 600_000 }, async () => {
    const { code, stdout, stderr, result } = await corpus(path.join(tmp, 'reports.json'));
    expect(result.crashes, stderr).toEqual([]);
    expect(result.setupErrors).toEqual([]);
    expect(code, stderr).toBe(0);
    expect(result.files).toBeGreaterThan(1500);
    expect(stdout).toMatch(/files\/s/);
  });

  it('a rule that throws is caught per file, named, and fails the run', { timeout: 120_000 }, async () => {
    // a copy of the plugin with one more rule, which throws on one file of the corpus
    const plugin = path.join(tmp, 'crash-plugin.mjs');
    fs.writeFileSync(
      plugin,
      [
        `import plugin from ${JSON.stringify(path.join(root, 'dist', 'index.js'))};`,
        `const crash = { meta: { type: 'problem', schema: [] }, create: (context) => ({ Identifier() { if (context.filename.endsWith('dgram.d.ts')) throw new Error('boom'); } }) };`,
        'const self = { ...plugin, rules: { ...plugin.rules, crash } };',
        `export default { ...self, configs: { strict: { plugins: { transport: self }, rules: { ...plugin.configs.strict.rules, 'transport/crash': 'error' } } } };`,
      ].join('\n'),
    );
    const { code, stderr, result } = await corpus(
      path.join(tmp, 'crash.json'),
      '--plugin',
      plugin,
      '--filter',
      '@types/node/d',
    );
    expect(code).toBe(1);
    expect(result.files).toBeGreaterThan(1);
    expect(result.crashes).toEqual([
      expect.objectContaining({ file: 'node_modules/@types/node/dgram.d.ts', rule: 'transport/crash' }),
    ]);
    expect(result.crashes[0]?.message).toMatch(/^boom\n/);
    expect(stderr).toContain('dgram.d.ts: transport/crash');
  });
});
