// transport-lint against `tsc --noEmit` on the same files (`npm run bench:cli`, which builds first): wall time and
// peak RSS of each, best of a few runs in fresh processes, run alternately. The project is generated (bench/generate.js)
// or given: a folder and its tsconfig. transport-lint lints the files of that tsconfig (those `tsc --listFilesOnly`
// lists inside the folder, without declaration files), so both tools read the same program.
//
//   npm run bench:cli                                     # a generated project of 800 files, 2 runs each
//   npm run bench:cli -- --size 3200 --runs 3
//   npm run bench:cli -- --size 96 --configs 23 --out /tmp/mono   # a monorepo: 23 folders with their own tsconfig
//   npm run bench:cli -- ../repos/redis__ioredis          # a checkout: its tsconfig.json
//   npm run bench:cli -- ../repos/node-redis/packages/client --project tsconfig.json
//   npm run bench:cli -- <checkout> --baseline /tmp/old/dist/cli/index.js   # also an older build, in the same rounds
//   npm run bench:cli -- <checkout> --floor               # also what every run costs before it lints (cli-floor.js)
//
// References: `tsc --noEmit -p <tsconfig>` as a user types it; the same with the options transport-lint adds to the
// config (Node's types, below), so that tsc builds the program the CLI builds, where they differ; and the plain one
// with what makes tsc type-check (`--incremental false --composite false`, and `--ignoreDeprecations 6.0` on
// TypeScript 6). Plain `tsc --noEmit` may check nothing: a config with a deprecated option (`moduleResolution: node`
// on TypeScript 6) stops it at error TS5107, and a composite or incremental config checks once, writes its
// .tsbuildinfo, and from then on only reads the program. Whether each reference type-checked is printed (TypeScript's `Check time` in
// `--extendedDiagnostics`, from one more run). `--no-checked` leaves out the checking reference.
//
// Peak RSS comes from GNU time (/usr/bin/time -f %M); without it, only wall times are printed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateProject } from './generate.js';

const root = path.resolve(import.meta.dirname, '..');
const CLI = path.join(root, 'dist', 'cli', 'index.js');
const TSC = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const TIME = '/usr/bin/time';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: '800' },
    runs: { type: 'string', default: '2' },
    project: { type: 'string', default: 'tsconfig.json' },
    configs: { type: 'string', default: '0' },
    out: { type: 'string' },
    baseline: { type: 'string' },
    'no-checked': { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);

let dir;
if (positionals[0]) dir = path.resolve(positionals[0]);
else {
  dir = path.resolve(args.out ?? path.join(import.meta.dirname, 'out', `cli-vs-tsc-${args.size}`));
  generateProject(dir, Number(args.size));
  splitIntoPackages(dir, Number(args.configs));
}
const tsconfig = path.resolve(dir, args.project);
if (!fs.existsSync(tsconfig)) throw new Error(`no ${tsconfig}`);

// the program's own files, as tsc lists them (a fresh clone may lack dependencies: tsc still lists what it finds)
const listed = spawnSync(process.execPath, [TSC, '--listFilesOnly', '-p', tsconfig], { cwd: dir, encoding: 'utf8' });
const files = listed.stdout
  .split('\n')
  .map((f) => f.trim())
  .filter(
    (f) =>
      /\.[cm]?[jt]sx?$/.test(f) && // not the JSON files of `resolveJsonModule`
      !/\.d\.[cm]?ts$/.test(f) &&
      !f.includes('/node_modules/') &&
      f.startsWith(dir + path.sep),
  );
if (files.length === 0) throw new Error(`tsc lists no files of ${tsconfig}:\n${listed.stdout}${listed.stderr}`);

/**
 * Gives the first `count` module folders of a generated project a tsconfig.json of their own, as the packages of a
 * monorepo: transport-lint then builds one program per folder; `tsc -p` builds the root config's one program.
 */
function splitIntoPackages(project, count) {
  if (count <= 0) return;
  const root = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8'));
  const folders = fs
    .readdirSync(path.join(project, 'src'))
    .filter((f) => f !== 'shared')
    .slice(0, count);
  if (folders.length < count) throw new Error(`only ${folders.length} folders for --configs ${count}: raise --size`);
  for (const folder of folders) {
    const config = { compilerOptions: root.compilerOptions, include: ['.'] };
    fs.writeFileSync(path.join(project, 'src', folder, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
}

const hasTime = fs.existsSync(TIME);
/** One run: wall seconds, peak RSS in MiB (or undefined), exit code, stderr. */
function measure(command) {
  const started = performance.now();
  const argv = hasTime ? [TIME, '-f', '%M', ...command] : command;
  // the file list goes on the command line: Linux takes up to 2 MB of arguments
  const result = spawnSync(argv[0], argv.slice(1), { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const lines = result.stderr.trimEnd().split('\n');
  const rss = hasTime ? Number(lines.pop()) / 1024 : undefined;
  return { wall, rss, code: result.status, stderr: lines.join('\n'), stdout: result.stdout };
}

const tscVersion = execFileSync(process.execPath, [TSC, '--version'], { encoding: 'utf8' }).trim();
const tscMajor = Number(/(\d+)\./.exec(tscVersion)?.[1]);
const CHECKED = [
  '--incremental',
  'false',
  '--composite',
  'false',
  ...(tscMajor >= 6 ? ['--ignoreDeprecations', '6.0'] : []),
];
// The options transport-lint adds to the tsconfig (projects.ts): Node's types where the config's program has none. On
// TypeScript 6, whose `types` defaults to [], that is every config without `types`: a plain `tsc` then builds a smaller
// program than the CLI (redis/node-redis `packages/client`: 672 files, without @types/node, with errors on every
// `Buffer`; the CLI's program has 761). The third reference builds the CLI's program: the same config with these.
const lintArgs = ['--format', 'json', ...files.map((f) => path.relative(dir, f))];
const planned = spawnSync(process.execPath, [CLI, ...lintArgs], {
  cwd: dir,
  encoding: 'utf8',
  maxBuffer: 1 << 30,
  env: { ...process.env, TRANSPORT_LINT_DEBUG: '1' },
});
const debugLine = planned.stderr.split('\n').find((l) => l.startsWith('transport-lint debug: '));
if (!debugLine) throw new Error(`transport-lint printed no plan:\n${planned.stderr}`);
const group = JSON.parse(debugLine.slice('transport-lint debug: '.length)).groups.find(
  (g) => g.kind === 'config' && g.configs.includes(path.relative(dir, tsconfig)),
);
const added = Object.entries(group?.compilerOptions ?? {}).flatMap(([key, value]) => [
  `--${key}`,
  Array.isArray(value) ? value.join(',') : String(value),
]);
// an incremental or composite config: its own .tsbuildinfo, so that the two plain references, run in turn, do not
// make each other check again (each then runs as for a user who always types it); a new one per invocation, so its
// first run checks and writes it: the best of 2 or more runs is the figure
const shown = JSON.parse(execFileSync(process.execPath, [TSC, '--showConfig', '-p', tsconfig], { encoding: 'utf8' }));
if (added.length > 0 && (shown.compilerOptions?.incremental || shown.compilerOptions?.composite)) {
  const buildInfo = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-vs-tsc-'));
  process.on('exit', () => fs.rmSync(buildInfo, { recursive: true, force: true }));
  added.push('--tsBuildInfoFile', path.join(buildInfo, 'same.tsbuildinfo'));
}

const TSC_PLAIN = 'tsc --noEmit';
const TSC_SAME = 'tsc --noEmit, same program';
const TSC_CHECKED = 'tsc --noEmit, checking';
const LINT = 'transport-lint';
const FLOOR = 'transport-lint floor';
const commands = {
  [TSC_PLAIN]: [process.execPath, TSC, '--noEmit', '-p', tsconfig],
  ...(added.length > 0 ? { [TSC_SAME]: [process.execPath, TSC, '--noEmit', '-p', tsconfig, ...added] } : {}),
  ...(!args['no-checked'] ? { [TSC_CHECKED]: [process.execPath, TSC, '--noEmit', '-p', tsconfig, ...CHECKED] } : {}),
  [LINT]: [process.execPath, CLI, ...lintArgs],
  // the same files, without `--format json`
  ...(args.floor
    ? { [FLOOR]: [process.execPath, path.join(import.meta.dirname, 'cli-floor.js'), ...lintArgs.slice(2)] }
    : {}),
  ...(args.baseline ? { baseline: [process.execPath, path.resolve(args.baseline), ...lintArgs] } : {}),
};
const best = {};
const reports = {};
const loads = [];
const loadNow = () => (fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0] : 'n/a');
for (let i = 0; i < runs; i++) {
  for (const [name, command] of i % 2 ? Object.entries(commands).reverse() : Object.entries(commands)) {
    loads.push(loadNow());
    const run = measure(command);
    if (name === LINT || name === 'baseline') {
      if (run.code !== 0 && run.code !== 1) throw new Error(`${name} exited with ${run.code}:\n${run.stderr}`);
      reports[name] = run;
    }
    const b = (best[name] ??= { wall: Infinity, rss: Infinity });
    b.wall = Math.min(b.wall, run.wall);
    if (run.rss !== undefined) b.rss = Math.min(b.rss, run.rss);
    console.error(`  run ${i + 1}: ${name} ${run.wall.toFixed(1)} s${run.rss ? `, ${run.rss.toFixed(0)} MiB` : ''}`);
  }
}

/** Whether a tsc command type-checks (after the timed runs: a .tsbuildinfo they wrote counts, as for a user). */
const checks = (command) =>
  /^Check time:/m.test(
    spawnSync(command[0], [...command.slice(1), '--extendedDiagnostics'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    }).stdout,
  );
const versions = `Node ${process.versions.node}, TypeScript ${tscVersion}`;
const sorted = loads.map(Number).filter((n) => !Number.isNaN(n));
console.log(`${path.relative(process.cwd(), dir) || '.'}: ${files.length} files of ${path.relative(dir, tsconfig)}`);
console.log(
  `best of ${runs} run(s); ${versions}; 1-minute load average before each run ${Math.min(...sorted)}–${Math.max(...sorted)}, at the end ${loadNow()}`,
);
const tscRefs = [TSC_PLAIN, ...(added.length > 0 ? [TSC_SAME] : []), ...(!args['no-checked'] ? [TSC_CHECKED] : [])];
const cell = (text, w) => text.padStart(w);
console.log(
  `${''.padEnd(24)}${cell('wall', 8)}${hasTime ? cell('peak RSS', 10) : ''}${tscRefs.map((r) => cell(`÷ ${r}`, 32)).join('')}`,
);
for (const name of Object.keys(commands)) {
  const b = best[name];
  let line = `${name.padEnd(24)}${cell(`${b.wall.toFixed(1)} s`, 8)}${hasTime ? cell(`${b.rss.toFixed(0)} MiB`, 10) : ''}`;
  if (!tscRefs.includes(name))
    for (const r of tscRefs) {
      const t = best[r];
      line += cell(`${(b.wall / t.wall).toFixed(2)}×${hasTime ? ` / ${(b.rss / t.rss).toFixed(2)}×` : ''}`, 32);
    }
  console.log(line);
}
for (const r of tscRefs)
  console.log(
    `${r}: \`${['tsc', ...commands[r].slice(2).map((a) => (a === tsconfig ? path.relative(dir, a) : a))].join(' ')}\`, ${checks(commands[r]) ? 'type-checks' : 'does not type-check (no Check time in --extendedDiagnostics)'}`,
  );
for (const [name, report] of Object.entries(reports)) {
  const results = JSON.parse(report.stdout);
  const findings = results.reduce((n, r) => n + r.messages.length, 0);
  console.log(`${name}: exit ${report.code}, ${findings} finding(s) in ${results.length} files`);
}
if (reports.baseline) {
  const same = reports.baseline.stdout === reports[LINT].stdout;
  console.log(`baseline and transport-lint reports: ${same ? 'byte-identical' : 'DIFFERENT'}`);
}
