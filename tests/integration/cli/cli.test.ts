/**
 * `transport-lint` end to end: each test spawns the built command on a fixture repository (tests/fixtures/cli/) and
 * checks its exit code, its output, and which program gave each file its types (TRANSPORT_LINT_DEBUG prints that).
 * The lint runs are independent, so they run concurrently.
 */
import { ESLint } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../../src/index.ts';
import type { SarifLog } from '../../../src/cli/sarif.ts';
import { cleanResult } from '../../../src/cli/report.ts';
import {
  CLI,
  copyFixture,
  debugPlan,
  ensureBuilt,
  hasScript,
  programOf,
  ROOT,
  type Run,
  runCli,
  runInTerminal,
} from '../../helpers/run-cli.ts';

const temps: string[] = [];
const temp = (dir: string) => (temps.push(dir), dir);

beforeAll(() => {
  ensureBuilt();
}, 120_000);
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const copies = new Map<string, string>();
/**
 * A fixture repository, copied once to a temp folder outside any git checkout (the CLI bounds its search for configs
 * at the nearest `.git`, so a run inside this repository would see a different root than a user's), with this
 * project's node_modules linked beside it for @types/node.
 */
function fixture(name: string): string {
  let dir = copies.get(name);
  if (dir === undefined) copies.set(name, (dir = temp(copyFixture(name, { linkNodeModules: true }))));
  return dir;
}
let monorepoRun: Promise<Run> | undefined;
/** One JSON run over the monorepo, shared by the test of its findings and the test of --concurrency. */
const monorepoJson = () =>
  (monorepoRun ??= runCli(['--format', 'json'], fixture('monorepo'), { TRANSPORT_LINT_DEBUG: '1' }));
const SUMMARY = /^transport-lint: (\d+) files?, (.+), \d+\.\d s$/m;
/** The Node types that the built CLI bundles (scripts/bundle-node-types.mjs), for projects without any. */
const BUNDLED_TYPES = path.join(ROOT, 'dist', 'node-types');

/** The findings of a JSON report, by file relative to `dir`: `rule line:column`. */
function findings(stdout: string, dir: string): Record<string, string[]> {
  const results = JSON.parse(stdout) as ESLint.LintResult[];
  return Object.fromEntries(
    results
      .filter((r) => r.messages.length > 0)
      .map((r) => [
        path.relative(dir, r.filePath),
        r.messages.map((m) => `${m.ruleId ?? 'parse error'} ${m.line}:${m.column}`),
      ]),
  );
}

// each lint run takes 3 to 5 s of CPU; on a busy machine, waiting for a free slot (run-cli.ts) takes longer
describe.concurrent('linting fixture repositories', { timeout: 240_000 }, () => {
  it('TypeScript with a tsconfig: its files in its program, a script outside it in the default program; SARIF', async () => {
    const out = temp(fs.mkdtempSync(path.join(os.tmpdir(), 'transport-lint-test-sarif-')));
    const dir = fixture('ts-project');
    const run = await runCli(
      ['--format', 'sarif', '--output-file', path.join(out, 'reports', 'transport.sarif')],
      dir,
      { TRANSPORT_LINT_DEBUG: '1' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(programOf(debugPlan(run.stderr))).toEqual({
      'scripts/probe.js': 'default',
      'src/control.ts': 'tsconfig.json',
      'src/guarded.ts': 'tsconfig.json',
      'src/upgrade.ts': 'tsconfig.json',
    });
    expect(SUMMARY.exec(run.stderr)?.slice(1)).toEqual(['4', '3 findings (no-unguarded-socket-options 3)']);

    const log = JSON.parse(fs.readFileSync(path.join(out, 'reports', 'transport.sarif'), 'utf8')) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    const driver = sarifRun!.tool.driver;
    expect(driver.name).toBe('transport-lint');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    // every rule that ran, with its documentation, and the rule for files that do not parse
    const recommended = Object.keys(plugin.configs.recommended.rules ?? {});
    expect(driver.rules.map((r) => r.id)).toEqual([...recommended, 'parse-error']);
    for (const rule of driver.rules.slice(0, -1)) {
      const meta = plugin.rules[rule.id.replace('transport/', '') as keyof typeof plugin.rules].meta;
      expect(rule.shortDescription.text).toBe(meta.docs.description);
      expect(rule.helpUri).toBe(meta.docs.url);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    expect(sarifRun!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${dir}/`);

    const results = sarifRun!.results;
    expect(
      results.map(
        (r) =>
          `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
      ),
    ).toEqual(['scripts/probe.js:5', 'src/control.ts:5', 'src/upgrade.ts:7']);
    for (const result of results) {
      expect(result.ruleId).toBe('transport/no-unguarded-socket-options');
      expect(driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text).toMatch(/\S/);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    const upgrade = results[2]!;
    expect(upgrade.locations[0]!.physicalLocation.region).toEqual({
      startLine: 7,
      startColumn: 10,
      endLine: 7,
      endColumn: 20,
    });
    // the autofix, applied to the file as SARIF describes it, wraps the call in the guard
    const fix = upgrade.fixes?.[0];
    expect(fix?.artifactChanges[0]?.artifactLocation.uri).toBe('src/upgrade.ts');
    const source = fs.readFileSync(path.join(dir, 'src', 'upgrade.ts'), 'utf8');
    const [replacement] = fix!.artifactChanges[0]!.replacements;
    const { charOffset, charLength } = replacement!.deletedRegion;
    const fixed =
      source.slice(0, charOffset) + (replacement!.insertedContent?.text ?? '') + source.slice(charOffset + charLength);
    expect(fixed).toContain("    if ('setNoDelay' in conn) conn.setNoDelay(true);\n");
    // the Unix socket findings offer the suggestion to remove the call
    expect(results[1]!.fixes?.map((f) => f.description.text)).toEqual([
      'Remove the call: it has no effect on this socket.',
    ]);
  });

  it('JavaScript with no config and no @types/node: the default program, with the bundled Node types; --fix-dry-run writes nothing', async () => {
    const dir = temp(copyFixture('js-no-config'));
    const before = fs.readFileSync(path.join(dir, 'server.js'), 'utf8');
    const run = await runCli(['--format', 'json', '--fix-dry-run'], dir, { TRANSPORT_LINT_DEBUG: '1' });
    expect(run.code).toBe(1);
    const plan = debugPlan(run.stderr);
    expect(programOf(plan)).toEqual({ 'lib/greet.js': 'default', 'lib/tunnel.mjs': 'default', 'server.js': 'default' });
    expect(plan.groups[0]!.compilerOptions).toMatchObject({ types: ['node'], typeRoots: [BUNDLED_TYPES] });
    // what remains after the fixes: the Unix socket call (suggestion only); server.js is fixed in `output`
    expect(findings(run.stdout, dir)).toEqual({ 'lib/tunnel.mjs': ['transport/no-unguarded-socket-options 6:12'] });
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    const server = results.find((r) => r.filePath.endsWith('server.js'))!;
    // the guard checks for null: `res.socket` is `Socket | null`, which needs Node's types and strict null checks
    expect(server.output).toContain(
      "if (res.socket != null && 'setKeepAlive' in res.socket) res.socket.setKeepAlive(true, 30_000);",
    );
    expect(fs.readFileSync(path.join(dir, 'server.js'), 'utf8')).toBe(before);
    expect(SUMMARY.exec(run.stderr)?.[2]).toBe(
      '1 finding (no-unguarded-socket-options 1), 1 file with fixes (not written)',
    );
  });

  it('a monorepo with two tsconfigs and a root script: each package in the program of its own tsconfig', async () => {
    const dir = fixture('monorepo');
    const run = await monorepoJson();
    expect(run.code).toBe(1);
    const plan = debugPlan(run.stderr);
    expect(programOf(plan)).toEqual({
      'packages/api/src/server.ts': 'packages/api/tsconfig.json',
      'packages/worker/src/queue.ts': 'packages/worker/tsconfig.json',
      'scripts/release.mjs': 'default',
    });
    expect(findings(run.stdout, dir)).toEqual({
      'packages/api/src/server.ts': ['transport/no-unchecked-bound-address 5:20'],
      'packages/worker/src/queue.ts': ['transport/no-unguarded-socket-options 6:12'],
      'scripts/release.mjs': ['transport/no-unguarded-socket-options 4:10'],
    });
  });

  it('--concurrency 2 finds the same as a single thread', async () => {
    const dir = fixture('monorepo');
    const [single, threads] = await Promise.all([
      monorepoJson(),
      runCli(['--format', 'json', '--concurrency', '2'], dir),
    ]);
    expect(threads.code).toBe(1);
    const messages = (stdout: string) =>
      (JSON.parse(stdout) as ESLint.LintResult[]).map((r) => ({
        file: path.relative(dir, r.filePath),
        messages: r.messages,
      }));
    expect(messages(threads.stdout)).toEqual(messages(single.stdout));
    expect(messages(single.stdout).flatMap((r) => r.messages)).toHaveLength(3);
  });

  it('a file that does not parse is a finding with the parser message; the other files are still linted', async () => {
    const dir = fixture('syntax-error');
    const run = await runCli([], dir);
    expect(run.code).toBe(1);
    const broken = path.join(dir, 'src', 'broken.ts');
    const ok = path.join(dir, 'src', 'ok.ts');
    expect(run.stdout).toContain(`${broken}\n  3:21  error  Parsing error: Parameter declaration expected\n`);
    expect(run.stdout).toMatch(
      new RegExp(
        `${ok.replaceAll('/', '\\/')}\\n  5:5  error  \`s\\.setKeepAlive\\(\\)\` has no effect on a Unix domain socket .*transport/no-unguarded-socket-options\\n`,
      ),
    );
    expect(run.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
    expect(SUMMARY.exec(run.stderr)?.slice(1)).toEqual([
      '2',
      '2 findings (no-unguarded-socket-options 1, parse errors 1)',
    ]);
  });

  it('a jsconfig.json without Node types gets them added to its program; --rule, --strict and --quiet', async () => {
    const dir = fixture('jsconfig');
    const run = await runCli(
      ['--format', 'json', '--strict', '--quiet', '--rule', 'no-unguarded-socket-options'],
      dir,
      { TRANSPORT_LINT_DEBUG: '1' },
    );
    expect(run.code).toBe(1);
    const plan = debugPlan(run.stderr);
    const programs = programOf(plan);
    expect(Object.keys(programs).sort()).toEqual(['src/agent.js', 'src/listen.js']);
    if (Number(ts.versionMajorMinor.split('.')[0]) >= 6) {
      expect(programs).toEqual({
        'src/agent.js': 'jsconfig.json + node types',
        'src/listen.js': 'jsconfig.json + node types',
      });
      expect(plan.groups[0]!.compilerOptions?.types).toEqual(['node']);
    } else {
      // TypeScript 5 loads every @types package it finds when a config lists no `types`: the program is the
      // jsconfig's, with or without the bundled Node types depending on what lies above the fixture's copy
      for (const program of Object.values(programs)) expect(program).toMatch(/^jsconfig\.json/);
    }
    // --quiet: no summary, only the debug line
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    // listen.js has a finding of no-unchecked-bound-address, which --rule leaves out
    expect(findings(run.stdout, dir)).toEqual({ 'src/agent.js': ['transport/no-unguarded-socket-options 7:12'] });
    const [agent] = JSON.parse(run.stdout) as ESLint.LintResult[];
    // with Node's types the rule knows the request's agent, not just that the value is not proven a socket
    expect(agent!.messages[0]!.message).toContain('whose `createConnection` may return any Duplex');
  });

  it('--fix writes the autofixes and leaves the rest reported', async () => {
    const dir = temp(copyFixture('ts-project', { linkNodeModules: true }));
    const control = fs.readFileSync(path.join(dir, 'src', 'control.ts'), 'utf8');
    const run = await runCli(['--fix', '--format', 'json', 'src'], dir, { TRANSPORT_LINT_DEBUG: '1' });
    expect(run.code).toBe(1);
    // with node_modules (so @types/node) next to it, the copy's tsconfig is used as it is
    expect(programOf(debugPlan(run.stderr))).toEqual({
      'src/control.ts': 'tsconfig.json',
      'src/guarded.ts': 'tsconfig.json',
      'src/upgrade.ts': 'tsconfig.json',
    });
    expect(fs.readFileSync(path.join(dir, 'src', 'upgrade.ts'), 'utf8')).toContain(
      "    if ('setNoDelay' in conn) conn.setNoDelay(true);\n",
    );
    // the Unix socket calls have suggestions only: unchanged, and still reported
    expect(fs.readFileSync(path.join(dir, 'src', 'control.ts'), 'utf8')).toBe(control);
    expect(findings(run.stdout, dir)).toEqual({ 'src/control.ts': ['transport/no-unguarded-socket-options 5:11'] });
    expect(SUMMARY.exec(run.stderr)?.[2]).toBe('1 finding (no-unguarded-socket-options 1), 1 file fixed');
  });

  it('a clean repository exits 0 with an empty report and the summary on stderr', async () => {
    const run = await runCli([], fixture('clean'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    // not findings: the eslint-env comment in legacy.js (an error in ESLint 10 itself), eslint-disable comments for
    // rules that are not loaded, and the finding that suppressed.js suppresses (all in src/)
    expect(run.stderr).toMatch(/^transport-lint: 3 files, no findings, \d+\.\d s\r?\n$/);
    // in JSON, every file reads as a clean file: no `source`, which ESLint adds for the messages dropped here
    const json = await runCli(['--format', 'json'], fixture('clean'));
    const results = JSON.parse(json.stdout) as ESLint.LintResult[];
    expect(results).toHaveLength(3);
    for (const result of results) expect(Object.keys(result)).toEqual(Object.keys(cleanResult(result.filePath)));
  });

  // `script` (util-linux) gives the command a terminal for stderr; stdout goes to a file
  it.skipIf(!hasScript())('on a terminal, progress and then the summary go to stderr', async () => {
    const dir = fixture('clean');
    const out = temp(fs.mkdtempSync(path.join(os.tmpdir(), 'transport-lint-test-clean-')));
    const report = path.join(out, 'report.txt');
    const exitCode = path.join(out, 'code.txt');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} > ${JSON.stringify(report)}; echo $? > ${JSON.stringify(exitCode)}`;
    const terminal = await runInTerminal(command, dir);
    expect(Number(fs.readFileSync(exitCode, 'utf8'))).toBe(0);
    expect(fs.readFileSync(report, 'utf8')).toBe('');
    // each redraw of the progress line starts with a carriage return and "erase line"
    const redraws = terminal.split('\r\u001b[K');
    expect(redraws.some((line) => /^transport-lint: \d\/3 files · \S/.test(line))).toBe(true);
    expect(redraws.at(-1)).toMatch(/^transport-lint: 3 files, no findings, \d+\.\d s\r?\n$/);
  });
});

describe.concurrent('exit code 2 with one line on stderr', { timeout: 240_000 }, () => {
  it.each([
    [['--nope'], "transport-lint: unknown option '--nope' (see --help)"],
    [['no/such/dir'], 'transport-lint: no such file or directory: no/such/dir'],
    [
      ['--rule', 'no-such-rule'],
      /^transport-lint: unknown rule 'no-such-rule' \(the rules are no-ambiguous-listen-options, .*\)$/,
    ],
    [['--format', 'xml'], "transport-lint: unknown format 'xml' (expected stylish, json, sarif)"],
    [
      ['--concurrency', '0'],
      "transport-lint: --concurrency must be an integer of at least 1, 'auto' or 'off', not '0'",
    ],
    [['--fix', '--fix-dry-run'], 'transport-lint: --fix and --fix-dry-run cannot be used together'],
    [['tsconfig.json'], 'transport-lint: not a JavaScript or TypeScript file: tsconfig.json'],
    [['--ignore-pattern', ' '], 'transport-lint: --ignore-pattern needs a pattern'],
    [['--ignore-pattern', 'src/'], 'transport-lint: every file is ignored (--ignore-pattern src/)'],
  ])('%j', async (args, message) => {
    const run = await runCli(args, fixture('clean'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr.trimEnd()).toMatch(
      typeof message === 'string' ? new RegExp(`^${escapeRegExp(message)}$`) : message,
    );
  });
});

describe.concurrent('help and version', { timeout: 120_000 }, () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await runCli(['--help'], ROOT);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: transport-lint \[options\] \[paths\.\.\.\]\n/);
    for (const flag of [
      '--strict',
      '--rule',
      '--fix',
      '--fix-dry-run',
      '--format',
      '--output-file',
      '--max-warnings',
      '--concurrency',
      '--quiet',
      '--ignore-pattern',
      '--version',
      '--help',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version'], ROOT);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^transport-lint ${escapeRegExp(pkg.version)} \\(eslint-plugin-transport; ESLint ${escapeRegExp(ESLint.version)}, TypeScript ${escapeRegExp(ts.version)},`,
      ),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
