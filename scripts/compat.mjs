#!/usr/bin/env node
// The compatibility leg of `npm test`: the rule tests, the CLI tests and the README-config test, run against the
// lowest ESLint and the lowest TypeScript that package.json's peer range accepts, in a copy of the repository under
// .compat/ with its own node_modules. The main node_modules stays as package-lock.json has it (the pinned leg).
//
// The copy's package.json is ours with `eslint` and `typescript` replaced (and the devDependencies that only lint,
// format or document the repository left out); npm keeps every other version from the copied package-lock.json, so
// the two legs differ in ESLint and TypeScript only. A second run reuses .compat/node_modules (a few seconds).
//
//   npm run test:compat                              # ESLint 9.34.0, TypeScript 5.9.2: the floors
//   COMPAT_ESLINT=9.39.5 npm run test:compat         # another candidate
//   npm run test:compat -- tests/rules/x.test.ts     # some test files only
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, '.compat');

/** The floors of the peer range: keep them equal to the lower bounds in package.json (tests/package.test.ts checks). */
export const FLOORS = { eslint: '9.34.0', typescript: '5.9.2' };

/** What the leg runs: everything that lints with the plugin through ESLint and TypeScript. */
const TESTS = ['tests/rules', 'tests/integration/cli', 'tests/integration/readme-config.test.ts'];

/** Dev dependencies the tests above never load: linting, formatting and documenting the repository itself. */
const UNUSED = [
  '@arethetypeswrong/cli',
  '@eslint/js',
  'eslint-doc-generator',
  'eslint-plugin-eslint-plugin',
  'prettier',
  'publint',
  'typescript-eslint',
  'vscode-langservers-extracted',
];

const versions = {
  eslint: process.env.COMPAT_ESLINT ?? FLOORS.eslint,
  typescript: process.env.COMPAT_TYPESCRIPT ?? FLOORS.typescript,
};

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

function copy(name) {
  const from = path.join(ROOT, name);
  const to = path.join(DIR, name);
  fs.rmSync(to, { recursive: true, force: true });
  // preserveTimestamps: tests/helpers/build.ts rebuilds dist/ when src/ is newer, and dist/ is built by the pinned leg
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
}

function manifest() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const name of UNUSED) delete pkg.devDependencies[name];
  pkg.devDependencies.eslint = versions.eslint;
  pkg.devDependencies.typescript = versions.typescript;
  pkg.scripts = {};
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const started = Date.now();
fs.mkdirSync(DIR, { recursive: true });
if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) run('npm', ['run', 'build'], ROOT);
for (const name of ['src', 'tests', 'dist', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts'])
  copy(name);
// tests that wrote into the pinned tree (fixtures' generated files, tests/.tmp) are not copied as inputs
fs.rmSync(path.join(DIR, 'tests', '.tmp'), { recursive: true, force: true });

// the copied lock file is part of what was installed: a new lock on main installs again
const lock = fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8');
const wanted = manifest() + lock;
const manifestPath = path.join(DIR, 'package.json');
const installed = path.join(DIR, 'node_modules', '.compat-manifest.json');
if (!fs.existsSync(installed) || fs.readFileSync(installed, 'utf8') !== wanted) {
  fs.writeFileSync(manifestPath, manifest());
  fs.writeFileSync(path.join(DIR, 'package-lock.json'), lock);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], DIR);
  fs.writeFileSync(installed, wanted);
}

const have = (name) =>
  JSON.parse(fs.readFileSync(path.join(DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
for (const name of ['eslint', 'typescript']) {
  if (have(name) !== versions[name]) throw new Error(`.compat has ${name} ${have(name)}, not ${versions[name]}`);
}
console.log(`compat: ESLint ${have('eslint')}, TypeScript ${have('typescript')} (install ${Date.now() - started} ms)`);

const only = process.argv.slice(2);
const vitest = path.join(DIR, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', ...(only.length ? only : TESTS)], {
  cwd: DIR,
  stdio: 'inherit',
});
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`compat: ${result.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
process.exitCode = result.status ?? 1;
