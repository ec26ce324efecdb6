// One timed lint of a generated project, in a fresh process (the TypeScript project service and its program live as
// long as the process, so every run must start cold). Run by bench/run.js:
//
//   node bench/lint-once.js <project dir> <mode: none | all | nfp | nfp+all> [concurrency]
//
// Prints one JSON object: wall and CPU time, ESLint's per-rule times (stats: true), the findings per rule, the

import { ESLint } from 'eslint';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// the engine's observer hook: not a package export, so from the build (the plugin resolves to the same dist files)
import { observeEngine } from '../dist/engine/stats.js';
import { configFor, MODES } from './configs.js';

const [dir, mode, concurrencyArg] = process.argv.slice(2);
if (!dir || !MODES.includes(mode ?? '')) {
  console.error(`usage: node bench/lint-once.js <project dir> <${MODES.join('|')}> [concurrency]`);
  process.exit(2);
}
const concurrency = concurrencyArg ? Number(concurrencyArg) : 'off';
const cwd = path.resolve(dir);

// counts per file and in all; type questions timed as a whole (nested questions once, by the outermost)
const globalStats = { typeQueries: 0, classifications: 0, queryMs: 0 };
const fileStats = new Map();
let active = globalStats;
let depth = 0;
observeEngine({
  startFile(filename) {
    active = { typeQueries: 0, classifications: 0, queryMs: 0 };
    fileStats.set(filename, active);
  },
  countQuery() {
    globalStats.typeQueries++;
    active.typeQueries++;
  },
  countClassification() {
    globalStats.classifications++;
    active.classifications++;
  },
  observe(ask) {
    const start = depth++ === 0 ? performance.now() : 0;
    try {
      return ask();
    } finally {
      if (--depth === 0) {
        const ms = performance.now() - start;
        globalStats.queryMs += ms;
        if (active !== globalStats) active.queryMs += ms;
      }
    }
  },
});
const loadAverage = os.loadavg()[0];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// with concurrency the options must be cloneable: the workers load the config from a file that configs.js wrote
const eslint =
  concurrency === 'off'
    ? new ESLint({ cwd, overrideConfigFile: true, overrideConfig: configFor(mode, cwd), stats: true })
    : new ESLint({ cwd, overrideConfigFile: path.join(cwd, `eslint.config.${mode}.js`), stats: true, concurrency });
const results = await eslint.lintFiles(['src/**/*.ts']);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);

const ruleMs = {};
const findings = {};
let parseMs = 0;
let fatal = 0;
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [rule, { total }] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + total;
  }
  for (const message of result.messages) {
    if (message.fatal) fatal++;
    const key = message.ruleId ?? '(fatal)';
    findings[key] = (findings[key] ?? 0) + 1;
  }
}
if (fatal > 0) {
  const first = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`))[0];
  console.error(`${fatal} fatal parse errors, e.g. ${first}`);
  process.exit(1);
}

// type-checker queries per file (relative to the project), for the files our rules ran on
const queries = {};
for (const [file, stats] of fileStats) queries[path.relative(cwd, file)] = stats.typeQueries;

const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    mode,
    concurrency,
    files: results.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    parseMs,
    ruleMs,
    findings,
    typeQueries: globalStats.typeQueries,
    classifications: globalStats.classifications,
    queryMs: globalStats.queryMs,
    queries: concurrency === 'off' && mode !== 'none' ? queries : undefined,
    maxRssMiB: usage.maxRSS / 1024,
    // other processes on the machine: wall times (and ESLint's rule times) grow with them, CPU time much less
    loadAverage: [loadAverage, os.loadavg()[0]],
  }),
);
