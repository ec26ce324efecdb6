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
//
// Peak RSS comes from GNU time (/usr/bin/time -f %M); without it, only wall times are printed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
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

const commands = {
  'tsc --noEmit': [process.execPath, TSC, '--noEmit', '-p', tsconfig],
  'transport-lint': [process.execPath, CLI, '--format', 'json', ...files.map((f) => path.relative(dir, f))],
};
const best = {};
let report;
for (let i = 0; i < runs; i++) {
  for (const [name, command] of i % 2 ? Object.entries(commands).reverse() : Object.entries(commands)) {
    const run = measure(command);
    if (name === 'transport-lint') {
      if (run.code !== 0 && run.code !== 1) throw new Error(`transport-lint exited with ${run.code}:\n${run.stderr}`);
      report = run;
    }
    const b = (best[name] ??= { wall: Infinity, rss: Infinity });
    b.wall = Math.min(b.wall, run.wall);
    if (run.rss !== undefined) b.rss = Math.min(b.rss, run.rss);
    console.error(`  run ${i + 1}: ${name} ${run.wall.toFixed(1)} s${run.rss ? `, ${run.rss.toFixed(0)} MiB` : ''}`);
  }
}

const results = JSON.parse(report.stdout);
const findings = results.reduce((n, r) => n + r.messages.length, 0);
const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0] : 'n/a';
const versions = `Node ${process.versions.node}, TypeScript ${execFileSync(process.execPath, [TSC, '--version'], { encoding: 'utf8' }).trim()}`;
console.log(`${path.relative(process.cwd(), dir) || '.'}: ${files.length} files of ${path.relative(dir, tsconfig)}`);
console.log(`best of ${runs} run(s); ${versions}; 1-minute load average at the end ${load}`);
const row = (name, b) =>
  `${name.padEnd(16)} ${`${b.wall.toFixed(1)} s`.padStart(8)} ${hasTime ? `${b.rss.toFixed(0)} MiB`.padStart(10) : ''}`;
console.log(`${''.padEnd(16)} ${'wall'.padStart(8)} ${hasTime ? 'peak RSS'.padStart(10) : ''}`);
console.log(row('tsc --noEmit', best['tsc --noEmit']));
console.log(row('transport-lint', best['transport-lint']));
const t = best['tsc --noEmit'];
const l = best['transport-lint'];
console.log(
  `${'ratio'.padEnd(16)} ${`${(l.wall / t.wall).toFixed(2)}×`.padStart(8)} ${hasTime ? `${(l.rss / t.rss).toFixed(2)}×`.padStart(10) : ''}`,
);
console.log(`transport-lint: exit ${report.code}, ${findings} finding(s) in ${results.length} files`);
