/**
 * `transport-lint` on a repository as cloned (tests/fixtures/cli/fresh-clone, copied to the system's temp folder so
 * that no @types/node is found above it): tsconfigs that cannot be read are warnings, configs without Node's types
 * keep their file sets, default and `--ignore-pattern` ignores, the project's .eslintignore is not mentioned, and
 * ESLint sees only the files in which a rule may report or that do not parse.
 */
import type { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  debugPlan,
  ensureBuilt,
  lintOf,
  programOf,
  runCli,
  sharedPrograms,
} from '../../helpers/run-cli.ts';

const temps: string[] = [];
beforeAll(() => {
  ensureBuilt();
}, 120_000);
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** What no walk enters or lints: dependencies, build output, coverage, dot folders, minified files and bundles. */
const GENERATED = [
  'node_modules/dep/index.js',
  'dist/server.js',
  'build/server.js',
  'coverage/lcov-report/sorter.js',
  '.cache/server.js',
  'lib/vendor.min.js',
  'lib/app.bundle.js',
  // minified by its content: one long line (a documentation site's bundle)
  'docs/assets/main.js',
];
const SOURCE =
  "const net = require('node:net');\nconst socket = net.connect('/run/generated.sock');\nsocket.setNoDelay(true);\n";
/** What a minifier makes of SOURCE: no line breaks, and more of the same around it. */
const MINIFIED = `${'var a=1;'.repeat(20)}${SOURCE.replaceAll('\n', '')}${'var b=2;'.repeat(20)}\n`;

/** The fixture in a temp folder, with the generated files (each with a finding, were it linted). */
function freshClone(): string {
  const dir = copyFixture('fresh-clone');
  temps.push(dir);
  for (const file of GENERATED) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), file.endsWith('main.js') ? MINIFIED : SOURCE);
  }
  return dir;
}

/** Every finding of a JSON report, by file relative to `dir`: `rule line:column` (`parse error` for a parse error). */
function findings(stdout: string, dir: string): Record<string, string[]> {
  return Object.fromEntries(
    (JSON.parse(stdout) as ESLint.LintResult[]).map((r) => [
      path.relative(dir, r.filePath),
      r.messages.map((m) => `${m.ruleId ?? 'parse error'} ${m.line}:${m.column}`),
    ]),
  );
}

const WARNINGS = [
  "transport-lint: warning: cannot read examples/bad-json/tsconfig.json:3: ',' expected; its 1 file is linted with the default options and Node's types",
  "transport-lint: warning: cannot read examples/missing-package/tsconfig.json:2: File '@tsconfig/node20/tsconfig.json' not found; its 2 files are linted with the default options and Node's types",
  "transport-lint: warning: cannot read examples/nuxt/tsconfig.json: Cannot read file 'examples/nuxt/.nuxt/tsconfig.server.json'; its 1 file is linted with the default options and Node's types",
];

describe.concurrent('a repository as cloned', { timeout: 240_000 }, () => {
  it('unreadable tsconfigs are warnings, their files are linted in the default program, and the exit code is 1 for the findings', async () => {
    const dir = freshClone();
    const run = await runCli(['--format', 'json', '--ignore-pattern', '**/*.spec.ts'], dir, {
      TRANSPORT_LINT_DEBUG: '1',
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    // one warning per unreadable config, the debug plan, the summary; nothing about the project's .eslintignore
    expect(lines.filter((l) => l.includes('warning'))).toEqual(WARNINGS);
    expect(lines).toHaveLength(WARNINGS.length + 2);
    expect(run.stderr).not.toMatch(/eslintignore/i);
    expect(lines.at(-1)).toMatch(
      /^transport-lint: 12 files, 7 findings \(no-unguarded-socket-options 4, no-unchecked-bound-address 2, parse errors 1\), \d+\.\d s$/,
    );

    const plan = debugPlan(run.stderr);
    // configs without @types/node keep their own file sets: no `include` (TypeScript's `**/*` from the config's
    // folder), `files`, and an `include` inherited through `extends` (relative to the config that has it)
    expect(programOf(plan)).toEqual({
      'src/broken.ts': 'tsconfig.json + node types',
      'src/names.ts': 'tsconfig.json + node types',
      'src/plain.ts': 'tsconfig.json + node types',
      'src/pool.ts': 'tsconfig.json + node types',
      'src/server.ts': 'tsconfig.json + node types',
      'packages/files-only/main.ts': 'packages/files-only/tsconfig.json + node types',
      'packages/include-chain/lib/pool.ts': 'packages/include-chain/tsconfig.json + node types',
      'examples/bad-json/client.ts': 'default',
      'examples/missing-package/clean.ts': 'default',
      'examples/missing-package/index.ts': 'default',
      'examples/nuxt/server.ts': 'default',
      'lib/util.js': 'default',
    });
    // the two packages have the same options (but the root's skipLibCheck): one program for both
    expect(sharedPrograms(plan)).toEqual([
      ['packages/files-only/tsconfig.json', 'packages/include-chain/tsconfig.json'],
    ]);
    // which files ESLint sees: those in which a rule may report; src/broken.ts only for its parse error;
    // src/names.ts has the rules' names only in strings and comments (its program's parse tells); src/pool.ts reads
    // `.socket` (HTTP/2's rule), in a program where nothing names http2
    expect(lintOf(plan)).toEqual({
      'src/broken.ts': 'syntax',
      'src/names.ts': 'skipped',
      'src/plain.ts': 'skipped',
      'src/pool.ts': 'skipped',
      'src/server.ts': 'types',
      'packages/files-only/main.ts': 'types',
      'packages/include-chain/lib/pool.ts': 'types',
      'examples/bad-json/client.ts': 'types',
      'examples/missing-package/clean.ts': 'skipped',
      'examples/missing-package/index.ts': 'types',
      'examples/nuxt/server.ts': 'types',
      'lib/util.js': 'skipped',
    });
    // the findings need Node's types (a Unix socket path, `address()`); every file is in the report
    expect(findings(run.stdout, dir)).toEqual({
      'examples/bad-json/client.ts': ['transport/no-unguarded-socket-options 4:8'],
      'examples/missing-package/clean.ts': [],
      'examples/missing-package/index.ts': ['transport/no-unguarded-socket-options 4:8'],
      'examples/nuxt/server.ts': ['transport/no-unchecked-bound-address 5:30'],
      'lib/util.js': [],
      'packages/files-only/main.ts': ['transport/no-unguarded-socket-options 5:10'],
      'packages/include-chain/lib/pool.ts': ['transport/no-unguarded-socket-options 5:10'],
      'src/broken.ts': ['parse error 1:31'],
      'src/names.ts': [],
      'src/plain.ts': [],
      'src/pool.ts': [],
      'src/server.ts': ['transport/no-unchecked-bound-address 6:20'],
    });
  });

  it('a run without findings exits 0, whatever the configs', async () => {
    const dir = freshClone();
    const run = await runCli(['examples/missing-package/clean.ts', 'src/plain.ts'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      "transport-lint: warning: cannot read examples/missing-package/tsconfig.json:2: File '@tsconfig/node20/tsconfig.json' not found; its 1 file is linted with the default options and Node's types",
    );
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^transport-lint: 2 files, no findings, \d+\.\d s$/)]);
  });

  it('a folder or file named on the command line is searched even when ignored by default; without --ignore-pattern, the spec file is linted', async () => {
    const dir = freshClone();
    const run = await runCli(['--format', 'json', '.cache', 'test', 'docs/assets/main.js'], dir, {
      TRANSPORT_LINT_DEBUG: '1',
    });
    expect(run.code).toBe(1);
    expect(programOf(debugPlan(run.stderr))).toEqual({
      '.cache/server.js': 'default',
      'docs/assets/main.js': 'default',
      'test/server.spec.ts': 'tsconfig.json + node types',
    });
    expect(findings(run.stdout, dir)).toEqual({
      '.cache/server.js': ['transport/no-unguarded-socket-options 3:8'],
      'docs/assets/main.js': ['transport/no-unguarded-socket-options 1:250'],
      'test/server.spec.ts': ['transport/no-unguarded-socket-options 4:3'],
    });
  });
});
