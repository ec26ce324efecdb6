/**
 * The README's ESLint config, copied verbatim into a new project whose tsconfig.json includes only `src/` (the usual
 * layout), and `eslint .` run there as a user would: findings in src/, no parsing error, and no crash from a
 * JavaScript file outside the typed files that names a member the rules look at. The compat leg of `npm test` runs
 * this on ESLint 9 and TypeScript 5.9 as well.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/build.ts';

const run = promisify(execFile);

/** The first ```js block of the README's "Configure" section. */
export function readmeConfig(readme: string): string {
  const section = readme.slice(readme.indexOf('\n## Configure\n'));
  const block = /```js\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('README.md has no ```js block under "## Configure"');
  return block[1];
}

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'readme-config-fixture', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      types: ['node'],
      noEmit: true,
    },
    include: ['src'],
  }),
  // a finding of a recommended rule: options that carry both a port and a path
  'src/server.ts': `import * as net from 'node:net';

const server = net.createServer((socket) => {
  socket.end('hello\\n');
});
server.listen({ port: 8080, path: '/tmp/app.sock' });
`,
  // no finding: TCP by its listen target
  'src/client.ts': `import * as net from 'node:net';

const client = net.connect(8080, 'localhost');
client.setNoDelay(true);
`,
  // outside the typed files, with member names the rules look at: must not stop the run
  'scripts/tool.js': `export function tune(socket) {
  socket.setNoDelay(true);
  return socket.address();
}
`,
};

let dir: string;
let results: ESLint.LintResult[];
let exitCode: number;

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-readme-'));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(
    path.join(dir, 'eslint.config.js'),
    readmeConfig(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')),
  );
  // node_modules: ours, entry by entry, and this package itself as `eslint-plugin-transport` (its dist/)
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  fs.symlinkSync(ROOT, path.join(modules, 'eslint-plugin-transport'));
  const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  try {
    const { stdout } = await run(process.execPath, [eslint, '--format', 'json', '.'], { cwd: dir });
    exitCode = 0;
    results = JSON.parse(stdout) as ESLint.LintResult[];
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    exitCode = failed.code ?? -1;
    if (!failed.stdout) throw new Error(`eslint . failed without results:\n${failed.stderr ?? ''}`, { cause: error });
    results = JSON.parse(failed.stdout) as ESLint.LintResult[];
  }
}, 180_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the README's config, pasted into a project whose tsconfig includes only src/", () => {
  it('is a plain module that imports the plugin and the parser', () => {
    const config = readmeConfig(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(config).toContain("from 'eslint-plugin-transport'");
    expect(config).toContain('projectService: true');
  });

  it('lints every file with no parsing error and no fatal error', () => {
    const linted = results.map((r) => path.relative(dir, r.filePath).split(path.sep).join('/')).sort();
    expect(linted).toEqual(['eslint.config.js', 'scripts/tool.js', 'src/client.ts', 'src/server.ts']);
    const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal || m.ruleId === null));
    expect(fatal).toEqual([]);
  });

  it('reports the finding in src/ and nothing elsewhere', () => {
    const findings = Object.fromEntries(
      results.map((r) => [
        path.relative(dir, r.filePath).split(path.sep).join('/'),
        r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`),
      ]),
    );
    expect(findings).toEqual({
      'eslint.config.js': [],
      'scripts/tool.js': [],
      'src/client.ts': [],
      'src/server.ts': ['transport/no-ambiguous-listen-options 6:15'],
    });
    expect(exitCode).toBe(1);
  });
});
