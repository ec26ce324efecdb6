#!/usr/bin/env node
/**
 * Real-world corpus (`npm run realworld`, issue 18): lints the pinned repositories of realworld/manifest.json with the
 * built `transport-lint` (dist/cli, so `npm run build` first), once with `recommended` and once with `--strict`, and
 * compares every report with the triaged verdicts in realworld/verdicts.jsonl.
 *
 * It prints precision per rule and overall, on shipped code and on tests (a report counts as good when its verdict is
 * `true` or `close` AND the message's stated reason is the real one), reports per 100 test files, every report that
 * has no verdict (untriaged), every verdict that no longer matches a report (stale), and the false reports by the
 * class of misread their verdict names (`class`, a section of realworld/FINDINGS.md).
 *
 * Usage: node realworld/run.mjs [--repos DIR] [--only SUBSTRING[,SUBSTRING…]] [--jobs N] [--cached] [--check] [--untriaged FILE]
 *   --repos      the folder holding <owner>__<name>/ checkouts (default $REALWORLD_REPOS, else realworld/repos)
 *   --only       lint only repositories whose owner/name contains one of the SUBSTRINGs (stale verdicts of others are not listed)
 *   --jobs       how many transport-lint processes run at once (default 2)
 *   --cached     reuse the reports of the last run (realworld/out/) instead of linting again
 *   --check      exit 1 when a report is untriaged (otherwise, and for missing repositories, the exit code is 0;
 *                it is 2 when transport-lint failed on a repository, since the figures are then incomplete)
 *   --untriaged  write the untriaged reports as verdict lines to FILE (verdict left empty), for triage
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const here = path.join(root, 'realworld');
const cli = path.join(root, 'dist', 'cli', 'index.js');

const { values: args } = parseArgs({
  options: {
    repos: { type: 'string', default: process.env.REALWORLD_REPOS ?? path.join(here, 'repos') },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    cached: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    untriaged: { type: 'string' },
  },
});

const CONFIGS = ['recommended', 'strict'];
const VERDICTS = new Set(['true', 'close', 'false']);
const outDir = path.join(here, 'out');
const manifest = JSON.parse(fs.readFileSync(path.join(here, 'manifest.json'), 'utf8'));
const verdicts = readVerdicts(path.join(here, 'verdicts.jsonl'));

/** @param {string} repo owner/name */
const folderOf = (repo) => repo.replace('/', '__');

/** @param {string} file */
function readVerdicts(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line !== '')
    .map(({ line, index }) => {
      const verdict = JSON.parse(line);
      if (!VERDICTS.has(verdict.verdict) || typeof verdict.reason !== 'boolean' || !verdict.why) {
        throw new Error(`verdicts.jsonl:${index + 1}: needs verdict (true|close|false), reason (boolean) and why`);
      }
      return verdict;
    });
}

if (!fs.existsSync(path.join(cli)) && !args.cached) {
  console.error(`realworld: ${path.relative(root, cli)} is missing; run \`npm run build\` first`);
  process.exit(2);
}

const only = args.only?.split(',').filter(Boolean);
const selected = manifest.repos.filter((entry) => !only || only.some((name) => entry.repo.includes(name)));
const missing = [];
const runnable = [];
for (const entry of selected) {
  if (entry.excluded) {
    console.log(`excluded  ${entry.repo}: ${entry.excluded}`);
    continue;
  }
  const dir = path.join(args.repos, folderOf(entry.repo));
  if (!fs.existsSync(dir)) missing.push(entry);
  else runnable.push({ ...entry, dir });
}
for (const entry of missing) {
  const folder = folderOf(entry.repo);
  console.log(
    `MISSING   ${entry.repo}: no ${path.join(args.repos, folder)}. Fetch it (the fetch tool: github:${entry.repo}, or git clone),` +
      ` then extract the pinned commit (it leaves out, and names, files the snapshot lacks):\n          realworld/extract.sh <git dir> ${entry.commit} ${path.join(args.repos, folder)}`,
  );
}

fs.mkdirSync(outDir, { recursive: true });
const started = Date.now();
const results = await runAll(runnable, Number(args.jobs));
const seconds = ((Date.now() - started) / 1000).toFixed(0);

/**
 * @param {typeof runnable} entries
 * @param {number} jobs
 */
async function runAll(entries, jobs) {
  const tasks = entries.flatMap((entry) => CONFIGS.map((config) => ({ entry, config })));
  /** @type {Map<string, { entry: any, config: string, files: any[], error?: string }>} */
  const done = new Map();
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const task = tasks[next++];
      done.set(`${task.entry.repo} ${task.config}`, await lint(task.entry, task.config));
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return tasks.map((task) => done.get(`${task.entry.repo} ${task.config}`));
}

/**
 * Lints one repository's shipped and test paths with one config; the JSON report is kept in realworld/out/.
 * @param {any} entry
 * @param {string} config
 */
async function lint(entry, config) {
  const out = path.join(outDir, `${folderOf(entry.repo)}.${config}.json`);
  if (args.cached) {
    if (!fs.existsSync(out)) return { entry, config, files: [], error: `no cached report ${out}` };
    return { entry, config, files: JSON.parse(fs.readFileSync(out, 'utf8')) };
  }
  const paths = [...entry.shipped, ...entry.tests].filter((p) => fs.existsSync(path.join(entry.dir, p)));
  const flags = config === 'strict' ? ['--strict'] : [];
  const t0 = Date.now();
  const { code, stderr } = await new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...paths, ...flags, '--quiet', '-f', 'json', '-o', out], {
      cwd: entry.dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (status) => resolve({ code: status, stderr: err }));
  });
  const took = ((Date.now() - t0) / 1000).toFixed(0);
  if (code === 2 || !fs.existsSync(out)) {
    return { entry, config, files: [], error: `transport-lint exited ${code}: ${stderr.trim().split('\n')[0]}` };
  }
  console.log(`linted    ${entry.repo} (${config}) in ${took} s`);
  return { entry, config, files: JSON.parse(fs.readFileSync(out, 'utf8')) };
}

/**
 * shipped, test, or null (not part of the measure) for a repository-relative path.
 * @param {any} entry
 * @param {string} rel
 */
function kindOf(entry, rel) {
  const under = (prefixes) => prefixes.some((p) => rel === p || rel.startsWith(`${p}/`));
  if (under(entry.tests)) return 'test';
  if (under(entry.shipped)) return entry.testPattern && new RegExp(entry.testPattern).test(rel) ? 'test' : 'shipped';
  return null;
}

// Collect reports and file counts.
const reports = [];
const fileCounts = { shipped: 0, test: 0 };
/** @type {string[]} */
const notLinted = [];
let failed = false;
for (const result of results) {
  if (result.error) {
    failed = true;
    console.log(`FAILED    ${result.entry.repo} (${result.config}): ${result.error}`);
    continue;
  }
  for (const file of result.files) {
    const rel = path.relative(result.entry.dir, file.filePath).split(path.sep).join('/');
    const kind = kindOf(result.entry, rel);
    if (!kind) continue;
    if (result.config === 'recommended') fileCounts[kind]++;
    for (const message of file.messages) {
      if (!message.ruleId) {
        // Not a report of a rule: the file could not be linted (a parse error, or no type information for it).
        notLinted.push(`${result.entry.repo} ${rel} [${result.config}]: ${message.message.split('\n')[0]}`);
        continue;
      }
      reports.push({
        repo: result.entry.repo,
        path: rel,
        line: message.line,
        column: message.column,
        rule: message.ruleId.replace(/^transport\//, ''),
        config: result.config,
        kind,
        message: message.message,
      });
    }
  }
}

// Match reports with verdicts. A verdict with config `recommended` stands for the same report under `strict` too
// (strict is recommended plus requireTcp); a verdict with config `strict` is for a report only strict makes.
const sameSpot = (v, r) =>
  v.repo === r.repo && v.path === r.path && v.line === r.line && v.column === r.column && v.rule === r.rule;
const used = new Set();
const untriaged = [];
const changedMessages = [];
for (const report of reports) {
  const verdict =
    verdicts.find((v) => sameSpot(v, report) && v.config === report.config) ??
    (report.config === 'strict' ? verdicts.find((v) => sameSpot(v, report) && v.config === 'recommended') : undefined);
  if (!verdict) {
    // A strict report that recommended also makes is listed once, as the recommended one (one verdict covers both).
    const alsoRecommended =
      report.config === 'strict' && untriaged.some((u) => u.config === 'recommended' && sameSpot(u, report));
    if (!alsoRecommended) untriaged.push(report);
    continue;
  }
  used.add(verdict);
  report.verdict = verdict;
  if (verdict.message && !report.message.startsWith(verdict.message)) changedMessages.push(report);
}
const linted = new Set(results.filter((r) => !r.error).map((r) => `${r.entry.repo} ${r.config}`));
const stale = verdicts.filter(
  (v) =>
    !used.has(v) &&
    (v.config === 'strict' ? linted.has(`${v.repo} strict`) : linted.has(`${v.repo} recommended`)) &&
    selected.some((e) => e.repo === v.repo),
);

// Precision tables.
const good = (r) => r.verdict && r.verdict.verdict !== 'false' && r.verdict.reason;
const pct = (n, d) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
for (const config of CONFIGS) {
  console.log(`\n== ${config} ==`);
  console.log(
    `${'kind'.padEnd(8)} ${'rule'.padEnd(32)} ${'reports'.padStart(7)} ${'true'.padStart(5)} ${'close'.padStart(5)} ${'false'.padStart(5)} ${'wrong reason'.padStart(12)} ${'untriaged'.padStart(9)}  precision`,
  );
  for (const kind of ['shipped', 'test']) {
    const mine = reports.filter((r) => r.config === config && r.kind === kind);
    const rules = [...new Set(mine.map((r) => r.rule))].sort();
    for (const rule of [...rules, '(all)']) {
      const rows = rule === '(all)' ? mine : mine.filter((r) => r.rule === rule);
      const count = (verdict) => rows.filter((r) => r.verdict?.verdict === verdict).length;
      const wrongReason = rows.filter((r) => r.verdict && r.verdict.verdict !== 'false' && !r.verdict.reason).length;
      const triaged = rows.filter((r) => r.verdict).length;
      console.log(
        `${kind.padEnd(8)} ${rule.padEnd(32)} ${String(rows.length).padStart(7)} ${String(count('true')).padStart(5)} ${String(count('close')).padStart(5)} ${String(count('false')).padStart(5)} ${String(wrongReason).padStart(12)} ${String(rows.length - triaged).padStart(9)}  ${pct(rows.filter(good).length, triaged)}`,
      );
    }
  }
  const testReports = reports.filter((r) => r.config === config && r.kind === 'test').length;
  console.log(
    `test code: ${testReports} reports in ${fileCounts.test} test files = ${fileCounts.test ? ((100 * testReports) / fileCounts.test).toFixed(1) : '-'} per 100 test files; shipped code: ${fileCounts.shipped} files`,
  );
}
// False reports by class of misread (the `class` of a verdict names a section of realworld/FINDINGS.md).
const byClass = new Map();
for (const r of reports) {
  if (r.verdict?.verdict !== 'false' || r.config !== 'strict') continue;
  // the tag says what the runs made now, not which config the verdict was written for: a verdict written for
  // recommended also covers the strict report after recommended stopped making it
  const recommendedToo = reports.some((o) => o.config === 'recommended' && sameSpot(o, r));
  const key = `${r.verdict.class ?? '(no class)'} [${recommendedToo ? 'recommended' : 'strict'}]`;
  byClass.set(key, (byClass.get(key) ?? 0) + 1);
}
if (byClass.size) {
  console.log('\nfalse reports by class (strict run; [recommended] = recommended makes them too):');
  for (const [key, n] of [...byClass].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${key}`);
}

console.log(
  `\n${runnable.length} repositories linted${args.cached ? ' (cached reports)' : ` in ${seconds} s`}, ${missing.length} missing`,
);

const show = (r) => `  ${r.repo} ${r.path}:${r.line}:${r.column} ${r.rule} [${r.config}, ${r.kind}] ${r.message}`;
if (notLinted.length) {
  console.log(`\nNOT LINTED, no rule ran on these files (${notLinted.length}):`);
  for (const line of notLinted) console.log(`  ${line}`);
}
if (untriaged.length) {
  console.log(`\nUNTRIAGED (${untriaged.length}):`);
  for (const r of untriaged) console.log(show(r));
}
if (stale.length) {
  console.log(`\nSTALE VERDICTS, no longer reported (${stale.length}):`);
  for (const v of stale)
    console.log(`  ${v.repo} ${v.path}:${v.line}:${v.column} ${v.rule} [${v.config}] ${v.verdict}: ${v.why}`);
}
if (changedMessages.length) {
  console.log(`\nMESSAGE CHANGED since triage, re-check the stated reason (${changedMessages.length}):`);
  for (const r of changedMessages) console.log(show(r));
}
if (args.untriaged) {
  const lines = untriaged.map((r) =>
    JSON.stringify({
      repo: r.repo,
      path: r.path,
      line: r.line,
      column: r.column,
      rule: r.rule,
      config: r.config,
      verdict: '',
      reason: null,
      class: '',
      why: '',
      message: r.message.slice(0, 100),
    }),
  );
  fs.writeFileSync(args.untriaged, lines.join('\n') + (lines.length ? '\n' : ''));
  console.log(`\nwrote ${lines.length} untriaged reports to ${args.untriaged}`);
}
if (missing.length) {
  console.log(`\n${missing.length} repositories of the manifest are MISSING (see the top): the figures leave them out`);
}
if (failed) process.exitCode = 2;
else if (args.check && untriaged.length) process.exitCode = 1;
