// The benchmark on a real repository (`npm run bench:realworld -- <dir>`, which builds first): lints the TypeScript
// files of one tsconfig project with type information, in fresh processes (no rule, our `all` config,
// no-floating-promises alone, and both), several runs each, and prints what our rules cost there: their share of the
// wall time alone and next to no-floating-promises, each rule ÷ no-floating-promises, the time per file and the
// slowest files. Every finding is recorded, so that a later run can be compared with it (`--compare`).
//
//   npm run bench:realworld -- <dir> [--scope src,test] [--runs 3]
//        <dir>                the project directory (its tsconfig.json), e.g. a package of a monorepo
//        --scope a,b          lint only the project's files under these directories of <dir> (default: all of them)
//        --tsconfig file      the project's tsconfig, relative to <dir> (default tsconfig.json)
//        --include a,b        globs (relative to <dir>) added to the tsconfig's `include`: test files that no
//                             tsconfig of the repository includes
//        --types a,b          the tsconfig's `types` (default: see below)
//        --runs n             runs of each configuration (default 3); medians are reported
//        --modes a,b          configurations (default none,all,nfp,nfp+all; also receivers, bench/configs.js)
//        --out dir            where the results go (default realworld/out/<name of dir>)
//        --compare file       an earlier results.json: exit 1 when the findings differ (and, without the nfp
//                             mode, no-floating-promises' time from there: it does not run our rules)
//        --top n              slowest files to list (default 10)
//
// The repository's own files are never changed. The lint uses a tsconfig written into the output directory that
// extends the project's: TypeScript 6 loads only the @types packages that `types` lists, and most repositories were
// written for TypeScript 5, which loaded every @types package it found. So `types` becomes what TypeScript 5 would
// have loaded: the project's list plus `node` where it has one, every @types package in node_modules (of <dir> and
// the directories above it) where it has none. Type information then comes from that tsconfig
// (`parserOptions.project`), not from the project service, which only finds tsconfig.json files next to the sources.
import { runLintOnce } from './lint-process.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const here = import.meta.dirname;
const ALL_MODES = ['none', 'all', 'nfp', 'nfp+all', 'receivers'];
const DEFAULT_MODES = ['none', 'all', 'nfp', 'nfp+all'];
const OURS = 'transport/';
const NFP = '@typescript-eslint/no-floating-promises';
/** Targets from issue 21. */
const TARGETS = { share: 0.02, shareNextToNfp: 0.005, ratioToNfp: 0.05 };

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scope: { type: 'string' },
    tsconfig: { type: 'string', default: 'tsconfig.json' },
    include: { type: 'string' },
    types: { type: 'string' },
    runs: { type: 'string', default: '3' },
    modes: { type: 'string', default: DEFAULT_MODES.join(',') },
    out: { type: 'string' },
    compare: { type: 'string' },
    top: { type: 'string', default: '10' },
  },
});
const list = (value) => (value ? value.split(',').filter(Boolean) : []);
const [dirArg] = positionals;
const modes = list(args.modes);
if (!dirArg || modes.some((m) => !ALL_MODES.includes(m)) || !modes.includes('all')) {
  console.error(
    'usage: npm run bench:realworld -- <dir> [--scope a,b] [--tsconfig file] [--include globs] [--types a,b] [--runs n] [--modes none,all,nfp,nfp+all,receivers] [--out dir] [--compare results.json] [--top n]',
  );
  process.exit(2);
}
const dir = path.resolve(dirArg);
// realworld/repos/<owner>__<repo>/packages/x: results in realworld/out/<owner>__<repo>__packages__x
const parts = dir.split(path.sep);
const reposAt = parts.findLastIndex((p, i) => p === 'repos' && parts[i - 1] === 'realworld');
const name = reposAt >= 0 ? parts.slice(reposAt + 1).join('__') : path.basename(dir);
const out = path.resolve(args.out ?? path.join(here, '..', 'realworld', 'out', name));
fs.mkdirSync(out, { recursive: true });

// the tsconfig, written next to the results
const baseConfig = path.resolve(dir, args.tsconfig);
const raw = ts.readConfigFile(baseConfig, ts.sys.readFile);
if (raw.error) throw new Error(ts.flattenDiagnosticMessageText(raw.error.messageText, '\n'));
const baseParsed = ts.parseJsonConfigFileContent(raw.config, ts.sys, path.dirname(baseConfig));
// the @types folders of the repository: a tsconfig elsewhere would find those around itself instead
const typeRoots = baseParsed.options.typeRoots ?? typeRootsOf(dir);
const types = args.types ? list(args.types) : typesAsTypeScript5(baseParsed.options.types);
const generated = {
  extends: baseConfig,
  compilerOptions: { types, typeRoots, noEmit: true, incremental: false, composite: false, rootDir: dir },
};
if (args.include) {
  const own = raw.config.include ?? (raw.config.files ? [] : ['**/*']);
  generated.include = [
    ...own.map((p) => path.resolve(path.dirname(baseConfig), p)),
    ...list(args.include).map((p) => path.resolve(dir, p)),
  ];
  if (raw.config.files) generated.files = raw.config.files.map((p) => path.resolve(path.dirname(baseConfig), p));
}
const tsconfig = path.join(out, 'tsconfig.json');
fs.writeFileSync(tsconfig, JSON.stringify(generated, null, 2) + '\n');
const parsed = ts.parseJsonConfigFileContent(
  ts.readConfigFile(tsconfig, ts.sys.readFile).config,
  ts.sys,
  out,
  undefined,
  tsconfig,
);

// the files to lint: the project's sources under the scope
const scopes = list(args.scope).map((s) => path.resolve(dir, s));
const inScope = (file) => scopes.length === 0 || scopes.some((s) => file === s || file.startsWith(s + path.sep));
const files = parsed.fileNames
  .map((f) => path.resolve(f))
  .filter(
    (f) => /\.(?:[cm]?[jt]s|tsx)$/.test(f) && !/\.d\.[cm]?ts$/.test(f) && inScope(f) && f.startsWith(dir + path.sep),
  )
  .sort();
if (files.length === 0) {
  console.error(`no files of ${path.relative(process.cwd(), baseConfig)} under ${scopes.join(', ') || dir}`);
  process.exit(2);
}
const fileList = path.join(out, 'files.json');
fs.writeFileSync(fileList, JSON.stringify(files) + '\n');

const runCount = Number(args.runs);
const top = Number(args.top);
const machine = {
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model,
  node: process.version,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
};
console.log(
  `${name}: ${files.length} files${scopes.length ? ` under ${list(args.scope).join(', ')}` : ''}, types [${types.join(', ')}]; ` +
    `${machine.nproc} cores, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}\n`,
);

const runs = Object.fromEntries(modes.map((m) => [m, []]));
for (let r = 0; r < runCount; r++) {
  // rotate the order so that no mode always runs first (or last) on a machine that warms up or gets busy
  const order = modes.map((_, i) => modes[(i + r) % modes.length]);
  for (const mode of order) {
    process.stdout.write(`  run ${r + 1}/${runCount}: ${mode.padEnd(8)}`);
    const run = lintOnce(mode);
    runs[mode].push(run);
    process.stdout.write(` ${(run.wallMs / 1000).toFixed(1)} s\n`);
  }
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sum = (values) => values.reduce((a, b) => a + b, 0);
const ours = (ruleMs) =>
  sum(
    Object.entries(ruleMs)
      .filter(([rule]) => rule.startsWith(OURS))
      .map(([, ms]) => ms),
  );

const summary = {};
for (const [mode, list] of Object.entries(runs)) {
  const rules = [...new Set(list.flatMap((r) => Object.keys(r.ruleMs)))].sort();
  summary[mode] = {
    runs: list.length,
    wallMs: median(list.map((r) => r.wallMs)),
    wallMsEach: list.map((r) => r.wallMs),
    ruleMs: Object.fromEntries(rules.map((rule) => [rule, median(list.map((r) => r.ruleMs[rule] ?? 0))])),
    ourRulesMs: median(list.map((r) => ours(r.ruleMs))),
    ourShare: median(list.map((r) => ours(r.ruleMs) / r.wallMs)),
    queryMs: median(list.map((r) => r.queryMs)),
    typeQueries: list[0]?.typeQueries,
    checker: list[0]?.checker,
    maxRssMiB: median(list.map((r) => r.maxRssMiB)),
    loadAverage: list.map((r) => r.loadAverage),
  };
}
const all = summary.all;
// no-floating-promises alone does not run our rules: without that mode, its time in the compared run
const compared = args.compare ? JSON.parse(fs.readFileSync(args.compare, 'utf8')) : undefined;
const nfpMs = summary.nfp?.ruleMs[NFP] ?? compared?.modes.nfp?.ruleMs[NFP];
if (!summary.nfp && nfpMs !== undefined) summary.nfp = { ...compared.modes.nfp, from: args.compare };
const ratios = nfpMs
  ? Object.fromEntries(
      Object.entries(all.ruleMs)
        .filter(([rule]) => rule.startsWith(OURS))
        .map(([rule, ms]) => [rule, ms / nfpMs]),
    )
  : undefined;

// our rules' time on each file (the median over the runs of `all`), the slowest first
const perFile = files.map((file) => {
  const rel = path.relative(dir, file);
  const each = runs.all.map((r) => r.perFile[rel]?.ruleMs ?? {});
  const byRule = {};
  for (const rule of new Set(each.flatMap((m) => Object.keys(m))))
    if (rule.startsWith(OURS)) byRule[rule.slice(OURS.length)] = median(each.map((m) => m[rule] ?? 0));
  return { file: rel, ms: median(each.map(ours)), byRule, queries: runs.all[0].queries?.[rel] ?? 0 };
});
perFile.sort((a, b) => b.ms - a.ms);

// findings: the same in every run of a mode with our rules, and compared with an earlier result if asked
const findings = runs.all[0].findingLines.filter((line) => line.includes(` ${OURS}`));
for (const [mode, list] of Object.entries(runs)) {
  for (const run of list) {
    const mine = run.findingLines.filter((line) => line.includes(` ${OURS}`));
    if (mode.endsWith('all') && mine.join('\n') !== findings.join('\n'))
      throw new Error(`the findings of a \`${mode}\` run differ from the first \`all\` run`);
  }
}

const pct = (x) => `${(x * 100).toFixed(2)}%`;
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`\n${files.length} files, medians of ${runCount} runs (load average ${loadText()})`);
for (const mode of modes)
  console.log(
    `  ${mode.padEnd(8)} wall ${(summary[mode].wallMs / 1000).toFixed(2)} s, peak RSS ${summary[mode].maxRssMiB.toFixed(0)} MiB`,
  );
console.log(
  `our rules alone (\`all\`): ${ms(all.ourRulesMs)}, ${pct(all.ourShare)} of the wall time; inside type questions ${ms(all.queryMs)}; ` +
    `${((all.ourRulesMs / files.length) * 1000).toFixed(0)} µs per file`,
);
if (all.checker)
  console.log(
    `TypeScript's work for them (load-independent): ${all.typeQueries} type questions, ${all.checker.types} types, ` +
      `${all.checker.instantiations} instantiations, ${all.checker.assignable} assignability checks`,
  );
if (summary['nfp+all'])
  console.log(
    `next to no-floating-promises: ${ms(summary['nfp+all'].ourRulesMs)}, ${pct(summary['nfp+all'].ourShare)} of the wall time`,
  );
if (nfpMs !== undefined) console.log(`no-floating-promises alone: ${ms(nfpMs)}, ${pct(nfpMs / summary.nfp.wallMs)}`);
if (summary.receivers) {
  const receiversMs = summary.receivers.ruleMs['bench/receivers'] ?? 0;
  console.log(
    `a rule that asks TypeScript the type of every receiver of these members (receivers): ${ms(receiversMs)}, ` +
      `${pct(receiversMs / summary.receivers.wallMs)} of the wall time`,
  );
}
console.log('each rule (`all`):');
for (const [rule, time] of Object.entries(all.ruleMs).filter(([r]) => r.startsWith(OURS)))
  console.log(
    `  ${rule.slice(OURS.length).padEnd(30)} ${time.toFixed(1).padStart(8)} ms${ratios ? `  ${ratios[rule].toFixed(4)}× no-floating-promises` : ''}`,
  );
const withTime = perFile.filter((f) => f.ms > 0).map((f) => f.ms);
console.log(
  `per file (our rules, \`all\`): median ${((median(withTime) ?? 0) * 1000).toFixed(0)} µs, ` +
    `90th percentile ${((withTime.sort((a, b) => a - b)[Math.floor(withTime.length * 0.9)] ?? 0) * 1000).toFixed(0)} µs, ` +
    `max ${perFile[0].ms.toFixed(1)} ms`,
);
console.log(`slowest files:`);
for (const f of perFile.slice(0, top)) {
  const rules = Object.entries(f.byRule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([rule, t]) => `${rule} ${t.toFixed(1)}`)
    .join(', ');
  console.log(`  ${f.ms.toFixed(1).padStart(7)} ms  ${f.file} (${rules}; ${f.queries} type queries)`);
}
console.log(`findings (our rules): ${findings.length}`);

const verdict = [];
const check = (pass, text) => verdict.push(`${pass ? 'ok  ' : 'MISS'} ${text}`);
check(
  all.ourShare <= TARGETS.share,
  `our rules alone ${pct(all.ourShare)} of the wall time (target ≤ ${pct(TARGETS.share)})`,
);
if (summary['nfp+all'])
  check(
    summary['nfp+all'].ourShare <= TARGETS.shareNextToNfp,
    `next to no-floating-promises ${pct(summary['nfp+all'].ourShare)} (target ≤ ${pct(TARGETS.shareNextToNfp)})`,
  );
if (ratios) {
  const [rule, ratio] = Object.entries(ratios).sort((a, b) => b[1] - a[1])[0];
  check(
    ratio <= TARGETS.ratioToNfp,
    `slowest rule ${rule.slice(OURS.length)} ${ratio.toFixed(4)}× no-floating-promises (target ≤ ${TARGETS.ratioToNfp}×)`,
  );
}
console.log(`\nTargets: ${verdict.join('\n         ')}`);

let changed = false;
if (args.compare) {
  const before = compared.findings;
  const gone = before.filter((f) => !findings.includes(f));
  const added = findings.filter((f) => !before.includes(f));
  changed = gone.length > 0 || added.length > 0;
  console.log(
    changed
      ? `\nFINDINGS CHANGED against ${args.compare}:\n${[...gone.map((f) => `- ${f}`), ...added.map((f) => `+ ${f}`)].join('\n')}`
      : `\nfindings: the same ${findings.length} as ${args.compare}`,
  );
}

machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
const report = {
  date: new Date().toISOString(),
  dir,
  scope: list(args.scope),
  tsconfig: generated,
  files: files.length,
  machine,
  targets: TARGETS,
  verdict,
  modes: summary,
  ratios,
  perFile,
  findings,
};
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`results in ${path.relative(process.cwd(), path.join(out, 'results.json'))}`);
if (changed) process.exit(1);

function lintOnce(mode) {
  return runLintOnce([dir, mode, '--files', fileList, '--project', tsconfig, '--details']);
}

/** What TypeScript 5 loaded: the project's `types` with `node` added, or every @types package in its type roots. */
function typesAsTypeScript5(listed) {
  if (listed) return listed.includes('node') ? listed : [...listed, 'node'];
  const found = new Set();
  for (const root of typeRoots)
    for (const entry of fs.readdirSync(root)) if (!entry.startsWith('.') && !found.has(entry)) found.add(entry);
  return [...found].sort();
}

/**
 * The node_modules/@types folders from <dir> up to the repository's root: its folder in realworld/repos/, or the nearest
 * one with a .git (not above: a checkout inside this project would see this project's own @types).
 */
function typeRootsOf(start) {
  let root = start;
  for (let d = start; path.dirname(d) !== d; d = path.dirname(d)) {
    const inRepos =
      path.basename(path.dirname(d)) === 'repos' && path.basename(path.dirname(path.dirname(d))) === 'realworld';
    if (inRepos || fs.existsSync(path.join(d, '.git'))) {
      root = d;
      break;
    }
  }
  const roots = [];
  for (let d = start; ; d = path.dirname(d)) {
    const atTypes = path.join(d, 'node_modules', '@types');
    if (fs.existsSync(atTypes)) roots.push(atTypes);
    if (d === root || path.dirname(d) === d) break;
  }
  return roots;
}

function loadText() {
  const loads = Object.values(summary).flatMap((m) => m.loadAverage.flat());
  return `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
}
