// The benchmark (`npm run bench`, which builds first): generates projects of about 200, 800 and 3200 files, lints
// each with type information in fresh processes (no rule, our `all` config, no-floating-promises alone, and both),
// several runs each, and prints one table per size with the medians. Writes everything to bench/out/results.json.
//
//   npm run bench                                  # 200, 800, 3200 files; 3, 3 and 2 runs
//   npm run bench -- --sizes 200,800 --runs 5      # other sizes or run counts (one count for all, or one per size)
//   npm run bench -- --no-memory                   # skip the concurrency memory measurement
import { runLintOnce } from './lint-process.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeConfigFiles } from './configs.js';
import { generateProject } from './generate.js';
import {
  ADDRESS_MEMBERS,
  BUN_REQUEST_IP,
  BUN_SERVER_ADDRESS,
  DENO_LOCAL_ADDRESS,
  DENO_REMOTE_ADDRESS,
  H2_COMPAT_PROXY_SHARED,
  H2_COMPAT_PROXY_THROWS,
  H2_SESSION_PROXY_THROWS,
  SOCKET_OPTIONS,
  TLS_METHODS,
  TLS_PROPERTIES,
} from '../dist/engine/node-members.js';

const here = import.meta.dirname;
const out = path.join(here, 'out');

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200,800,3200' },
    runs: { type: 'string', default: '3,3,2' },
    'no-memory': { type: 'boolean', default: false },
    'memory-size': { type: 'string', default: '800' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const runCounts = args.runs.split(',').map(Number);
const runsFor = (i) => runCounts[Math.min(i, runCounts.length - 1)];

/** Targets from issue 9. */
const TARGETS = { share: 0.02, ratioToNfp: 0.1, flatGrowth: 1.25 };
const OURS = 'transport/';
const NFP = '@typescript-eslint/no-floating-promises';

/**
 * Every name a rule of ours reacts to before it asks for a type (the selectors and name sets in src/rules, from the
 * table src/engine/node-members.ts): a file that has none of them, anywhere in its text, must cost no type-checker
 * query at all.
 */
const CANDIDATE_NAMES = [
  // no-unguarded-socket-options (its default methods and socket-only methods)
  ...SOCKET_OPTIONS,
  'setTimeout',
  'ref',
  'unref',
  'address',
  // no-http2-socket-manipulation
  ...H2_SESSION_PROXY_THROWS,
  'destroy',
  ...H2_COMPAT_PROXY_THROWS,
  ...H2_COMPAT_PROXY_SHARED,
  // no-unguarded-tls-api
  ...TLS_METHODS,
  ...TLS_PROPERTIES,
  // no-unchecked-peer-address, no-unchecked-bound-address (Node, Deno, Bun)
  ...ADDRESS_MEMBERS,
  BUN_REQUEST_IP,
  ...DENO_REMOTE_ADDRESS,
  ...DENO_LOCAL_ADDRESS,
  ...BUN_SERVER_ADDRESS,
  // no-ambiguous-listen-options
  'listen',
  'connect',
  'createConnection',
];
const CANDIDATE = new RegExp(`\\b(?:${CANDIDATE_NAMES.join('|')})\\b`);

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sum = (values) => values.reduce((a, b) => a + b, 0);
const ourRuleMs = (run) =>
  sum(
    Object.entries(run.ruleMs)
      .filter(([rule]) => rule.startsWith(OURS))
      .map(([, ms]) => ms),
  );

function lintOnce(dir, mode, concurrency) {
  return runLintOnce([dir, mode, ...(concurrency ? [String(concurrency)] : [])]);
}

function versionOf(name) {
  const file = path.join(here, '..', 'node_modules', ...name.split('/'), 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

const MODES = ['none', 'all', 'nfp', 'nfp+all'];
const machine = {
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model,
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
};
const versions = Object.fromEntries(
  ['eslint', 'typescript', 'typescript-eslint', '@types/node'].map((n) => [n, versionOf(n)]),
);
const started = Date.now();

console.log(
  `eslint-plugin-transport benchmark: ${machine.nproc} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
);
console.log(
  `ESLint ${versions.eslint}, TypeScript ${versions.typescript}, typescript-eslint ${versions['typescript-eslint']}, @types/node ${versions['@types/node']}\n`,
);

const results = [];
for (const [index, size] of sizes.entries()) {
  const dir = path.join(out, `p${size}`);
  const { files, socketFiles } = generateProject(dir, size);
  writeConfigFiles(dir);
  const candidates = new Set(
    files.filter((f) => CANDIDATE.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(dir, f)),
  );
  const runs = Object.fromEntries(MODES.map((m) => [m, []]));
  const count = runsFor(index);
  for (let r = 0; r < count; r++) {
    // rotate the order so that no mode always runs first (or last) on a machine that warms up or gets busy
    const order = MODES.map((_, i) => MODES[(i + r) % MODES.length]);
    for (const mode of order) {
      process.stdout.write(`  ${size} files, run ${r + 1}/${count}: ${mode.padEnd(8)}`);
      const run = lintOnce(dir, mode);
      runs[mode].push(run);
      process.stdout.write(` ${(run.wallMs / 1000).toFixed(1)} s\n`);
    }
  }
  results.push(
    summarize(
      size,
      files.map((f) => path.relative(dir, f)),
      socketFiles,
      candidates,
      runs,
    ),
  );
  console.log();
  printTable(results.at(-1));
}

let memory;
const memorySize = Number(args['memory-size']);
if (!args['no-memory'] && sizes.includes(memorySize)) {
  // memory of ESLint's multithreading with typed linting: every worker builds its own program
  const dir = path.join(out, `p${memorySize}`);
  process.stdout.write(`  ${memorySize} files, all, concurrency 2`);
  const two = lintOnce(dir, 'all', 2);
  process.stdout.write(` ${(two.wallMs / 1000).toFixed(1)} s\n`);
  const off = results.find((r) => r.files === memorySize).modes.all;
  memory = {
    files: memorySize,
    off: { wallMs: off.wallMs, maxRssMiB: off.maxRssMiB },
    concurrency2: { wallMs: two.wallMs, maxRssMiB: two.maxRssMiB },
  };
  console.log(
    `\nMemory, ${memorySize} files, \`all\`: concurrency off ${memory.off.maxRssMiB.toFixed(0)} MiB peak RSS in ${(memory.off.wallMs / 1000).toFixed(1)} s;` +
      ` concurrency 2 ${memory.concurrency2.maxRssMiB.toFixed(0)} MiB in ${(memory.concurrency2.wallMs / 1000).toFixed(1)} s`,
  );
}

const verdict = targetVerdict(results);
machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
const report = {
  date: new Date().toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  machine,
  versions,
  targets: TARGETS,
  verdict,
  sizes: results,
  memory,
};
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nTargets: ${verdict.lines.join('\n         ')}`);
console.log(
  `\n${Math.round(report.durationS / 60)} min; results in ${path.relative(process.cwd(), path.join(out, 'results.json'))}`,
);

function summarize(size, fileNames, socketFiles, candidates, runs) {
  const fileCount = fileNames.length;
  const modes = {};
  for (const [mode, list] of Object.entries(runs)) {
    const rules = [...new Set(list.flatMap((r) => Object.keys(r.ruleMs)))].sort();
    modes[mode] = {
      runs: list.length,
      wallMs: median(list.map((r) => r.wallMs)),
      cpuMs: median(list.map((r) => r.cpuMs)),
      parseMs: median(list.map((r) => r.parseMs)),
      maxRssMiB: median(list.map((r) => r.maxRssMiB)),
      ruleMs: Object.fromEntries(rules.map((rule) => [rule, median(list.map((r) => r.ruleMs[rule] ?? 0))])),
      ourRulesMs: median(list.map(ourRuleMs)),
      ourShare: median(list.map((r) => ourRuleMs(r) / r.wallMs)),
      queryMs: median(list.map((r) => r.queryMs)),
      loadAverage: list.map((r) => r.loadAverage),
      findings: list[0]?.findings,
      wallMsEach: list.map((r) => r.wallMs),
    };
  }
  // type-checker queries per file: deterministic, the same in every run of `all`; a file where no rule built the
  // engine (the pre-filters found none of its names) is not in the map, and asked nothing
  const perFile = runs.all[0]?.queries ?? {};
  const counts = fileNames.map((file) => [file, perFile[file] ?? 0]);
  const withCandidates = counts.filter(([file]) => candidates.has(file));
  const without = counts.filter(([file]) => !candidates.has(file));
  const queries = {
    total: sum(counts.map(([, n]) => n)),
    perFile: sum(counts.map(([, n]) => n)) / fileCount,
    filesWithCandidateNames: withCandidates.length,
    perCandidateFile: withCandidates.length ? sum(withCandidates.map(([, n]) => n)) / withCandidates.length : 0,
    filesWithoutCandidateNames: without.length,
    maxWithoutCandidateNames: Math.max(0, ...without.map(([, n]) => n)),
    maxPerFile: Math.max(0, ...counts.map(([, n]) => n)),
  };
  const nfpMs = modes.nfp.ruleMs[NFP];
  const ratios = Object.fromEntries(Object.entries(modes.all.ruleMs).map(([rule, ms]) => [rule, ms / nfpMs]));
  return { files: fileCount, socketFiles, modes, ratios, queries };
}

function printTable(s) {
  const { modes } = s;
  const nfpMs = modes.nfp.ruleMs[NFP];
  const pct = (x) => `${(x * 100).toFixed(2)}%`;
  const row = (label, wall, perFile, rulesMs, share, ratio) =>
    `${label.padEnd(44)}${wall.padStart(9)}${perFile.padStart(12)}${rulesMs.padStart(11)}${share.padStart(9)}${ratio.padStart(9)}`;
  console.log(`${s.files} files (${s.socketFiles} with sockets and servers), medians of ${modes.all.runs} runs`);
  console.log(row('', 'wall s', 'ms / file', 'rules ms', 'share', '× nfp'));
  const line = (label, m, rulesMs, share, ratio = '') =>
    console.log(
      row(
        label,
        (m.wallMs / 1000).toFixed(1),
        (m.wallMs / s.files).toFixed(1),
        rulesMs === undefined ? '' : rulesMs.toFixed(0),
        share,
        ratio,
      ),
    );
  line('no rules (parse and program)', modes.none, undefined, '');
  line(
    'transport `all`',
    modes.all,
    modes.all.ourRulesMs,
    pct(modes.all.ourShare),
    (modes.all.ourRulesMs / nfpMs).toFixed(3),
  );
  for (const [rule, ms] of Object.entries(modes.all.ruleMs)) {
    console.log(
      row(`  ${rule.slice(OURS.length)}`, '', '', ms.toFixed(0), pct(ms / modes.all.wallMs), s.ratios[rule].toFixed(3)),
    );
  }
  console.log(
    row(
      '    inside type questions (TypeScript API)',
      '',
      '',
      modes.all.queryMs.toFixed(0),
      pct(modes.all.queryMs / modes.all.wallMs),
      '',
    ),
  );
  const outside = modes.all.ourRulesMs - modes.all.queryMs;
  console.log(
    row('    outside them (syntax, ESLint overhead)', '', '', outside.toFixed(0), pct(outside / modes.all.wallMs), ''),
  );
  line('no-floating-promises alone', modes.nfp, nfpMs, pct(nfpMs / modes.nfp.wallMs), '1.000');
  const both = modes['nfp+all'];
  line(
    'no-floating-promises + transport `all`',
    both,
    both.ourRulesMs,
    pct(both.ourShare),
    (both.ourRulesMs / nfpMs).toFixed(3),
  );
  console.log(row('    (share and × nfp: our rules there)', '', '', '', '', ''));
  const q = s.queries;
  console.log(
    `type-checker queries (all): ${q.total} in ${s.files} files, ${q.perFile.toFixed(2)} per file; ` +
      `${q.perCandidateFile.toFixed(2)} per file in the ${q.filesWithCandidateNames} files with candidate names, ` +
      `max ${q.maxWithoutCandidateNames} in the ${q.filesWithoutCandidateNames} without`,
  );
  console.log(
    `findings (all): ${Object.entries(modes.all.findings ?? {})
      .map(([r, n]) => `${r.slice(OURS.length)} ${n}`)
      .join(', ')}`,
  );
}

function targetVerdict(list) {
  const lines = [];
  let ok = true;
  const check = (pass, text) => {
    ok &&= pass;
    lines.push(`${pass ? 'ok  ' : 'MISS'} ${text}`);
  };
  for (const s of list) {
    const share = s.modes.all.ourShare;
    check(
      share <= TARGETS.share,
      `${s.files} files: our rules ${(share * 100).toFixed(2)}% of the \`all\` run's wall time (target ≤ ${TARGETS.share * 100}%)`,
    );
    const worst = Object.entries(s.ratios).sort((a, b) => b[1] - a[1])[0];
    if (worst)
      check(
        worst[1] <= TARGETS.ratioToNfp,
        `${s.files} files: slowest rule ${worst[0].slice(OURS.length)} ${worst[1].toFixed(3)}× no-floating-promises (target ≤ ${TARGETS.ratioToNfp}×)`,
      );
    check(
      s.queries.maxWithoutCandidateNames === 0,
      `${s.files} files: ${s.queries.maxWithoutCandidateNames} type-checker queries on files without candidate names (must be 0)`,
    );
  }
  for (const s of list) {
    const both = s.modes['nfp+all'];
    if (both)
      lines.push(
        `info ${s.files} files: with no-floating-promises first, our rules ${(both.ourShare * 100).toFixed(2)}% of the run's wall time, ${(both.ourRulesMs / s.modes.nfp.ruleMs[NFP]).toFixed(3)}× no-floating-promises`,
      );
  }
  for (let i = 1; i < list.length; i++) {
    const [a, b] = [list[i - 1], list[i]];
    const perFile = (s) => s.modes.all.ourRulesMs / s.files;
    const growth = perFile(b) / perFile(a);
    check(
      growth <= TARGETS.flatGrowth,
      `our rules' time per file ${(perFile(a) * 1000).toFixed(0)} µs at ${a.files} files, ${(perFile(b) * 1000).toFixed(0)} µs at ${b.files} (×${growth.toFixed(2)}; flat: ≤ ×${TARGETS.flatGrowth})`,
    );
  }
  return { ok, lines };
}
