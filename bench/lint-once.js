// One timed lint of a project, in a fresh process (the TypeScript project service and its program live as long as
// the process, so every run must start cold). Run by bench/run.js (generated projects) and bench/realworld.js:
//
//   node bench/lint-once.js <project dir> <mode: none | all | nfp | nfp+all> [concurrency]
//        [--files <list.json>]    lint the files listed there (absolute paths) instead of src/**/*.ts
//        [--project <tsconfig>]   type information from that tsconfig (parserOptions.project), not the project service
//        [--details]              also each file's rule times and every finding (rule, line, column, message)
//
// Prints one JSON object: wall and CPU time, ESLint's per-rule times (stats: true), the findings per rule, the type
// questions, and the type checker's counters after the lint (types and instantiations made: how much TypeScript
// checked for the rules, which the machine's load does not change).

import { ESLint } from 'eslint';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
// the engine's observer hook: not a package export, so from the build (the plugin resolves to the same dist files)
import { observeEngine } from '../dist/engine/stats.js';
import { configFor, MODES } from './configs.js';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { files: { type: 'string' }, project: { type: 'string' }, details: { type: 'boolean', default: false } },
});
const [dir, mode, concurrencyArg] = positionals;
if (!dir || !MODES.includes(mode ?? '')) {
  console.error(
    `usage: node bench/lint-once.js <project dir> <${MODES.join('|')}> [concurrency] [--files list.json] [--project tsconfig] [--details]`,
  );
  process.exit(2);
}
const concurrency = concurrencyArg ? Number(concurrencyArg) : 'off';
const cwd = path.resolve(dir);
const patterns = options.files ? JSON.parse(fs.readFileSync(options.files, 'utf8')) : ['src/**/*.ts'];
const configOptions = options.project
  ? { project: path.resolve(options.project), files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'] }
  : {};

// counts per file and in all; type questions timed as a whole (nested questions once, by the outermost)
const globalStats = { typeQueries: 0, classifications: 0, queryMs: 0 };
const fileStats = new Map();
let active = globalStats;
let depth = 0;
/** The type checker the rules asked (its counters after the lint: how much TypeScript checked for them). */
let checker;
observeEngine({
  startFile(filename, programChecker) {
    active = { typeQueries: 0, classifications: 0, queryMs: 0 };
    fileStats.set(filename, active);
    checker ??= programChecker;
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
    ? new ESLint({ cwd, overrideConfigFile: true, overrideConfig: configFor(mode, cwd, configOptions), stats: true })
    : new ESLint({ cwd, overrideConfigFile: path.join(cwd, `eslint.config.${mode}.js`), stats: true, concurrency });
const results = await eslint.lintFiles(patterns);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);

const ruleMs = {};
const findings = {};
let parseMs = 0;
let fatal = 0;
/** With --details: each file's parse and rule times, and every finding as one line of text. */
const perFile = {};
const findingLines = [];
for (const result of results) {
  const file = path.relative(cwd, result.filePath);
  const times = { parseMs: 0, ruleMs: {} };
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    times.parseMs += pass.parse?.total ?? 0;
    for (const [rule, { total }] of Object.entries(pass.rules ?? {})) {
      ruleMs[rule] = (ruleMs[rule] ?? 0) + total;
      times.ruleMs[rule] = (times.ruleMs[rule] ?? 0) + total;
    }
  }
  perFile[file] = times;
  for (const message of result.messages) {
    if (message.fatal) fatal++;
    const key = message.ruleId ?? '(fatal)';
    findings[key] = (findings[key] ?? 0) + 1;
    findingLines.push(`${file}:${message.line}:${message.column} ${key} ${message.message}`);
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
    // load-independent: what TypeScript made while answering (absent in mode none, which starts no engine)
    checker: checker && {
      types: checker.getTypeCount(),
      instantiations: checker.getInstantiationCount(),
      assignable: checker.getRelationCacheSizes().assignable,
    },
    classifications: globalStats.classifications,
    queryMs: globalStats.queryMs,
    queries: concurrency === 'off' && mode !== 'none' ? queries : undefined,
    perFile: options.details ? perFile : undefined,
    findingLines: options.details ? findingLines.sort() : undefined,
    maxRssMiB: usage.maxRSS / 1024,
    // other processes on the machine: wall times (and ESLint's rule times) grow with them, CPU time much less
    loadAverage: [loadAverage, os.loadavg()[0]],
  }),
);
