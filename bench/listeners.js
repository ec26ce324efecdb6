// Where our rules spend their time on a real repository, call by call: every listener call of our rules (strict
// config) and every rule's `create` are timed, with the type questions each call asked. After a
// `bench/realworld.js` run, which writes the file list and the tsconfig it linted with:
//
//   npm run build && node bench/listeners.js <dir> <out dir of bench/realworld.js> [--top n] [--stacks]
//        [--twice] [--warm <dir>,<out dir>]
//        --top n       the n slowest listener calls (default 20), each with its type questions over 0.3 ms
//        --stacks      each question with the engine functions that asked it (reads a stack per question)
//        --twice       lint twice in this process and report the second run: the program, TypeScript's checked
//                      types and V8's compiled code are reused, so what remains is the rules' own steady cost
//        --warm        first lint another project (its dir and out dir): our code and TypeScript's are compiled,
//                      this project's types are not checked yet
//        --warm-checker  first type-check another project (its dir and out dir) without our rules: TypeScript's
//                      checker code is compiled, ours is not; what V8 compiling TypeScript costs our rules
//
// docs/performance.md ("On real repositories", "Where the rest goes") has the figures this gives.

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from 'eslint-plugin-transport';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import ts from 'typescript';
// the engine's observer hook: not a package export, so from the build (the plugin resolves to the same dist files)
import { observeEngine } from '../dist/engine/stats.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '20' },
    stacks: { type: 'boolean', default: false },
    twice: { type: 'boolean', default: false },
    warm: { type: 'string' },
    'warm-checker': { type: 'string' },
  },
});
const [dirArg, outArg] = positionals;
if (!dirArg || !outArg) {
  console.error(
    'usage: node bench/listeners.js <dir> <out dir of bench/realworld.js> [--top n] [--stacks] [--twice] [--warm dir,out] [--warm-checker dir,out]',
  );
  process.exit(2);
}

/** The listener call running now, which the type questions are charged to. */
let current;
let depth = 0;
observeEngine({
  startFile() {},
  countQuery() {},
  countClassification() {},
  observe(ask) {
    depth++;
    const start = performance.now();
    try {
      return ask();
    } finally {
      depth--;
      const ms = performance.now() - start;
      // nested questions are charged to the outermost one
      if (depth === 0 && current && ms > 0.3) current.push({ ms, askedBy: args.stacks ? askedBy() : '' });
    }
  },
});

/** The engine's functions on the stack, innermost first. */
function askedBy() {
  return (new Error().stack ?? '')
    .split('\n')
    .filter((line) => line.includes('/dist/engine/'))
    .slice(0, 8)
    .map((line) =>
      line
        .trim()
        .replace(/^at /, '')
        .replace(/\(.*\/dist\/engine\//, '(')
        .replace(/:\d+\)$/, ')'),
    )
    .join(' < ');
}

const calls = [];
const creates = new Map();
/** The plugin with every rule's `create` and listeners timed. */
const timed = {
  ...plugin,
  rules: Object.fromEntries(
    Object.entries(plugin.rules).map(([name, rule]) => [
      name,
      {
        ...rule,
        create(context) {
          const start = performance.now();
          const listeners = rule.create(context);
          const ms = performance.now() - start;
          const total = creates.get(name) ?? { ms: 0, files: 0, max: 0, listening: 0, listeningMs: 0 };
          const listens = Object.keys(listeners).length > 0;
          creates.set(name, {
            ms: total.ms + ms,
            files: total.files + 1,
            max: Math.max(total.max, ms),
            listening: total.listening + (listens ? 1 : 0),
            listeningMs: total.listeningMs + (listens ? ms : 0),
          });
          return Object.fromEntries(
            Object.entries(listeners).map(([selector, listener]) => [
              selector,
              (node, ...rest) => {
                const questions = (current = []);
                const at = performance.now();
                try {
                  return listener(node, ...rest);
                } finally {
                  calls.push({ ms: performance.now() - at, rule: name, file: context.filename, node, questions });
                  current = undefined;
                }
              },
            ]),
          );
        },
      },
    ]),
  ),
};

/** One lint of the files bench/realworld.js listed, with its tsconfig. */
async function lint(dir, out) {
  const project = path.resolve(out, 'tsconfig.json');
  const files = JSON.parse(fs.readFileSync(path.join(out, 'files.json'), 'utf8'));
  const eslint = new ESLint({
    cwd: path.resolve(dir),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { project } } },
      { files: ['**/*.ts'], plugins: { transport: timed }, rules: plugin.configs.strict.rules },
    ],
  });
  const start = performance.now();
  const results = await eslint.lintFiles(files);
  return { ms: performance.now() - start, results };
}

function reset() {
  calls.length = 0;
  creates.clear();
}

if (args['warm-checker']) {
  // TypeScript's checker code compiled by V8 (a full check of another project), our code not run yet
  const [warmDir, warmOut] = args['warm-checker'].split(',');
  const files = JSON.parse(fs.readFileSync(path.join(warmOut, 'files.json'), 'utf8'));
  const config = ts.getParsedCommandLineOfConfigFile(
    path.resolve(warmOut, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic() {},
    },
  );
  const program = ts.createProgram({ rootNames: files, options: config?.options ?? {} });
  const start = performance.now();
  for (const file of files) program.getSemanticDiagnostics(program.getSourceFile(file));
  console.log(`checked ${warmDir} first: ${((performance.now() - start) / 1000).toFixed(2)} s`);
}
if (args.warm) {
  const [warmDir, warmOut] = args.warm.split(',');
  await lint(warmDir, warmOut);
  reset();
}
let run = await lint(dirArg, outArg);
if (args.twice) {
  reset();
  run = await lint(dirArg, outArg);
}

const sum = (values) => values.reduce((a, b) => a + b, 0);
const fixed = (ms) => ms.toFixed(1).padStart(7);
console.log(
  `${run.results.length} files in ${(run.ms / 1000).toFixed(2)} s; listener calls: ${calls.length}, ${sum(calls.map((c) => c.ms)).toFixed(1)} ms` +
    `, of it in type questions ${sum(calls.flatMap((c) => c.questions.map((q) => q.ms))).toFixed(1)} ms (those over 0.3 ms)`,
);
console.log(`create (all files): ${sum([...creates.values()].map((c) => c.ms)).toFixed(1)} ms`);
for (const [name, { ms, files, max, listening, listeningMs }] of creates)
  console.log(
    `  ${name.padEnd(34)} ${fixed(ms)} ms, ${files} files, max ${max.toFixed(1)} ms; ${listening} files with listeners, ${listeningMs.toFixed(1)} ms of it`,
  );
console.log('slowest listener calls:');
const root = path.resolve(dirArg);
for (const call of calls.sort((a, b) => b.ms - a.ms).slice(0, Number(args.top))) {
  const source = fs.readFileSync(call.file, 'utf8').slice(call.node.range[0], call.node.range[1]);
  const text = source.replace(/\s+/g, ' ').slice(0, 60);
  console.log(
    `${fixed(call.ms)} ms  ${call.rule.padEnd(30)} ${path.relative(root, call.file)}:${call.node.loc.start.line} | ${text}`,
  );
  for (const q of call.questions) console.log(`           question ${q.ms.toFixed(1)} ms ${q.askedBy}`);
}
