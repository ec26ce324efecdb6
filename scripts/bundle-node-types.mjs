#!/usr/bin/env node
// Copies the declaration files of the @types/node this repository develops with into dist/node-types/node/, the
// Node types that transport-lint gives a project that has none (src/cli/projects.ts, `bundledTypeRoot`).
//
// Why a copy, not a dependency on @types/node: npm hoists a dependency to the project's own node_modules/@types/ when
// the project has none, and TypeScript 5 loads every package there (and `"types": ["node"]` finds it): a Node 20
// project would get Node 26's types without asking. dist/node-types/ is no @types folder, so nothing loads it except
// the CLI, which adds it as the last type root. The one import these files make, `undici-types`, stays a
// dependency: it is no @types package, so TypeScript loads it only for these files.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const FROM = path.join(ROOT, 'node_modules', '@types', 'node');
const TO = path.join(ROOT, 'dist', 'node-types', 'node');

// ts5.6/ and ts5.7/ serve TypeScript versions below the peer range (>=5.9), through `typesVersions`
const LEFT_OUT = new Set(['README.md', 'ts5.6', 'ts5.7']);

fs.rmSync(TO, { recursive: true, force: true });
fs.mkdirSync(TO, { recursive: true });
for (const entry of fs.readdirSync(FROM)) {
  if (LEFT_OUT.has(entry) || entry === 'package.json') continue;
  fs.cpSync(path.join(FROM, entry), path.join(TO, entry), { recursive: true });
}
const pkg = JSON.parse(fs.readFileSync(path.join(FROM, 'package.json'), 'utf8'));
// what TypeScript reads (`types`), and where the copy came from; no `name`, so no tool takes the folder for the package
const manifest = {
  description: `${pkg.name} ${pkg.version}, bundled for transport-lint's projects without Node types`,
  version: pkg.version,
  license: pkg.license,
  types: pkg.types,
};
fs.writeFileSync(path.join(TO, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
