#!/usr/bin/env node
/**
 * Corpus run (`npm run test:corpus`): lints a large body of real code that is available offline with the `all`
 * config and type information, and fails if any rule throws.
 *
 * The corpus is every .ts/.mts/.cts/.d.ts/.js/.mjs/.cjs file up to 2 MB of TypeScript's `lib`, `@types/node`, and
 * the sources and dist bundles of ESLint, typescript-eslint, Vite and Vitest in our own node_modules (nested
 * node_modules left out). None of these files is in a tsconfig of ours, so each batch gets its own TypeScript
 * program (allowJs, checkJs off, types: ['node']) handed to the parser as `parserOptions.programs`: one program per
 * batch of packages, dropped before the next, so memory stays bounded.
 *
 * A rule that throws makes ESLint throw for that file ("…\nRule: \"transport/…\""): each file is linted on its own,
 * crashes are recorded and listed at the end (exit code 1). Parse errors of odd files are no crashes: counted apart.
 * Every report is written to a JSON file (default scripts/.corpus/reports.json) for review.
 *
 * Usage: node scripts/corpus.mjs [--batch-size N] [--out FILE] [--filter SUBSTRING] [--plugin FILE] [--quiet]
 *   --filter  lint only corpus files whose path contains SUBSTRING
 *   --plugin  the plugin module to load (default dist/index.js, so `npm run build` first); it must export `configs.strict`
 */
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');

const { values: args } = parseArgs({
  options: {
    'batch-size': { type: 'string', default: '1200' },
    out: { type: 'string', default: path.join(root, 'scripts', '.corpus', 'reports.json') },
    filter: { type: 'string' },
    plugin: { type: 'string', default: path.join(root, 'dist', 'index.js') },
    quiet: { type: 'boolean', default: false },
  },
});
const BATCH_SIZE = Number(args['batch-size']);
const MAX_BYTES = 2 * 1024 * 1024;
const EXTENSIONS = /\.(?:d\.)?[mc]?[jt]s$/;
const log = args.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);

/**
 * Package groups, in the order they are linted. Each group is one type environment: TypeScript's own lib files
 * (with lib.dom and friends) are not mixed with Vite's bundles.
 */
const GROUPS = [
  { name: 'typescript lib', dirs: ['typescript/lib'] },
  { name: '@types/node', dirs: ['@types/node'] },
  { name: 'eslint', dirs: ['eslint', ...scope('@eslint')] },
  { name: 'typescript-eslint', dirs: ['typescript-eslint', ...scope('@typescript-eslint')] },
  { name: 'vite', dirs: ['vite'] },
  { name: 'vitest', dirs: ['vitest', ...scope('@vitest')] },
];

/** @param {string} name */
function scope(name) {
  const dir = path.join(modules, name);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((pkg) => `${name}/${pkg}`) : [];
}

/**
 * Every corpus file below `dir`, not descending into nested node_modules.
 * @param {string} dir
 * @param {{ files: string[], tooLarge: string[] }} into
 */
function collect(dir, into) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') collect(full, into);
    } else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
      if (args.filter && !full.includes(args.filter)) continue;
      if (fs.statSync(full).size > MAX_BYTES) into.tooLarge.push(full);
      else into.files.push(full);
    }
  }
}

/** Batches of at most BATCH_SIZE files, never mixing two groups. */
function planBatches() {
  const batches = [];
  const tooLarge = [];
  for (const group of GROUPS) {
    const found = { files: [], tooLarge };
    for (const dir of group.dirs) {
      const full = path.join(modules, dir);
      if (fs.existsSync(full)) collect(fs.realpathSync(full), found);
    }
    found.files.sort();
    const count = Math.max(1, Math.ceil(found.files.length / BATCH_SIZE));
    const size = Math.ceil(found.files.length / count);
    for (let i = 0; i < found.files.length; i += size) {
      batches.push({
        name: count > 1 ? `${group.name} ${i / size + 1}/${count}` : group.name,
        files: found.files.slice(i, i + size),
      });
    }
  }
  return { batches, tooLarge };
}

/** The compiler options a temporary tsconfig for files outside any project would have. */
const compilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [path.join(modules, '@types')],
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  jsx: ts.JsxEmit.Preserve,
  resolveJsonModule: true,
};

/** @type {Map<string, 'module' | 'commonjs'>} */
const packageTypes = new Map();

/**
 * `module` or `commonjs` for a .js file: the `type` of the nearest package.json, as Node decides.
 * @param {string} file
 * @returns {'module' | 'commonjs'}
 */
function jsSourceType(file) {
  const dir = path.dirname(file);
  let type = packageTypes.get(dir);
  if (type) return type;
  const manifest = path.join(dir, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      type = JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    type = dir === path.dirname(dir) ? 'commonjs' : jsSourceType(dir);
  }
  packageTypes.set(dir, type);
  return type;
}

/** @param {string} file */
function sourceTypeOf(file) {
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  if (file.endsWith('.js')) return jsSourceType(file);
  return 'module';
}

const { default: plugin } = await import(pathToFileURL(path.resolve(args.plugin)).href).catch((error) => {
  console.error(`scripts/corpus.mjs needs the built plugin (${args.plugin}): run \`npm run build\` first.`);
  throw error;
});

/**
 * One ESLint instance per source type, for a batch's program.
 * @param {ts.Program} program
 * @param {'module' | 'commonjs'} sourceType
 */
function createESLint(program, sourceType) {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    // the corpus's own `eslint-disable` comments would hide reports (and name rules we do not load)
    allowInlineConfig: false,
    stats: true,
    overrideConfig: [
      // node_modules is ignored by default (`ignore: false` drops this negation but not the default)
      { ignores: ['!**/node_modules/'] },
      {
        files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
        languageOptions: {
          parser: tsParser,
          sourceType,
          parserOptions: { programs: [program] },
        },
        linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      },
      plugin.configs.strict,
    ],
  });
}

const { batches, tooLarge } = planBatches();
const total = batches.reduce((n, b) => n + b.files.length, 0);
log(
  `corpus: ${total} files in ${batches.length} batches (${tooLarge.length} over 2 MB left out: ${tooLarge.map((f) => path.relative(modules, f)).join(', ') || 'none'})`,
);

const rel = (/** @type {string} */ file) => path.relative(root, file);
const reports = [];
const crashes = [];
const setupErrors = [];
const parseErrors = [];
/** @type {Record<string, number>} */
const byRule = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`transport/${name}`, 0]));
const started = performance.now();
let linted = 0;
let programMs = 0;
/** @type {{ file: string, ms: number, bytes: number }[]} */
const timings = [];
const phases = { parse: 0, rules: 0, total: 0 };
const cpuStart = process.cpuUsage();

/**
 * Lints one batch with its own program; the program and linters go out of scope when it returns.
 * @param {{ name: string, files: string[] }} batch
 */
async function lintBatch(batch) {
  const batchStart = performance.now();
  const host = ts.createCompilerHost(compilerOptions, true);
  const program = ts.createProgram({ rootNames: batch.files, options: compilerOptions, host });
  program.getTypeChecker();
  const programDone = performance.now();
  programMs += programDone - batchStart;
  /** @type {Partial<Record<'module' | 'commonjs', ESLint>>} */
  const linters = {};
  let batchReports = 0;
  for (const file of batch.files) {
    const sourceType = sourceTypeOf(file);
    const eslint = (linters[sourceType] ??= createESLint(program, sourceType));
    const text = fs.readFileSync(file, 'utf8');
    linted++;
    let result;
    const fileStart = performance.now();
    try {
      [result] = await eslint.lintText(text, { filePath: file });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const rule = /** @type {{ ruleId?: string }} */ (error).ruleId ?? /Rule: "([^"]+)"/.exec(message)?.[1] ?? null;
      crashes.push({ file: rel(file), rule, message, stack: error instanceof Error ? error.stack : undefined });
      log(`CRASH ${rel(file)}: ${rule ?? '(no rule)'}: ${message.split('\n')[0]}`);
      continue;
    }
    if (!result) continue;
    timings.push({ file: rel(file), ms: performance.now() - fileStart, bytes: text.length });
    for (const pass of result.stats?.times.passes ?? []) {
      phases.parse += pass.parse.total;
      phases.rules += Object.values(pass.rules ?? {}).reduce((n, r) => n + r.total, 0);
      phases.total += pass.total;
    }
    const lines = text.split(/\r?\n/);
    for (const m of result.messages) {
      if (m.fatal) {
        parseErrors.push({ file: rel(file), line: m.line, column: m.column, message: m.message });
      } else if (m.ruleId === null) {
        // "File ignored …": the corpus set-up is broken, not a rule, but the file was not linted: fail
        setupErrors.push({ file: rel(file), message: m.message });
      } else if (m.ruleId.startsWith('transport/')) {
        byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
        batchReports++;
        reports.push({
          file: rel(file),
          line: m.line,
          column: m.column,
          rule: m.ruleId,
          messageId: m.messageId,
          message: m.message,
          source: (lines[m.line - 1] ?? '').trim().slice(0, 240),
          fix: m.fix ? true : undefined,
          suggestions: m.suggestions?.length || undefined,
        });
      }
    }
  }
  const seconds = (performance.now() - batchStart) / 1000;
  log(
    `  ${batch.name}: ${batch.files.length} files, program ${((programDone - batchStart) / 1000).toFixed(1)} s, total ${seconds.toFixed(1)} s, ${batchReports} reports, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
  );
}

for (const batch of batches) await lintBatch(batch);

const seconds = (performance.now() - started) / 1000;
fs.mkdirSync(path.dirname(args.out), { recursive: true });
fs.writeFileSync(
  args.out,
  `${JSON.stringify({ files: linted, seconds, byRule, reports, parseErrors, crashes, setupErrors }, null, 2)}\n`,
);

console.log(`\nfiles:        ${linted}`);
console.log(`reports:      ${reports.length}`);
for (const [rule, count] of Object.entries(byRule)) console.log(`  ${rule.padEnd(42)} ${count}`);
console.log(`parse errors: ${parseErrors.length}`);
for (const e of parseErrors) console.log(`  ${e.file}:${e.line}:${e.column} ${e.message}`);
console.log(`rule crashes: ${crashes.length}`);
const cpu = process.cpuUsage(cpuStart);
console.log(
  `time:         ${seconds.toFixed(1)} s (programs ${(programMs / 1000).toFixed(1)} s; cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s), ${(linted / seconds).toFixed(1)} files/s, peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
);
console.log(
  `lint phases:  parse ${(phases.parse / 1000).toFixed(1)} s, rules ${(phases.rules / 1000).toFixed(1)} s, all ${(phases.total / 1000).toFixed(1)} s`,
);
console.log('slowest files:');
for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, 5))
  console.log(`  ${(t.ms / 1000).toFixed(2)} s ${t.file} (${Math.round(t.bytes / 1024)} KiB)`);
console.log(`written:      ${path.relative(process.cwd(), args.out)}`);

if (setupErrors.length > 0) {
  console.error(`\n${setupErrors.length} file(s) not linted (corpus set-up):`);
  for (const e of setupErrors.slice(0, 20)) console.error(`  ${e.file}: ${e.message}`);
  process.exitCode = 1;
}
if (crashes.length > 0) {
  console.error(`\n${crashes.length} file(s) crashed a rule:`);
  for (const c of crashes) console.error(`\n${c.file}: ${c.rule ?? '(no rule id)'}\n${c.stack ?? c.message}`);
  process.exitCode = 1;
}
