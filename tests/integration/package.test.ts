// Package hygiene: what `npm pack` ships, publint --strict, Are the Types Wrong?, no install scripts, runtime
// dependencies, and that the packed package loads from ESM and from CommonJS (require(esm), Node 20.19+).
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = path.join(root, 'tests', '.tmp', 'package');
const require = createRequire(import.meta.url);
const run = promisify(execFile);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports: Record<string, unknown>;
};

/**
 * Runtime dependencies that src/ does not import: reported in issue 8 for removal. Listed so that this test
 * checks every other dependency; removing them from package.json needs no change here.
 */
const KNOWN_UNUSED = new Set<string>();

/** Lifecycle scripts that run when the package is installed (from the registry, or from git for `prepare`). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

interface PackResult {
  filename: string;
  files: { path: string; size: number }[];
}

let packed: PackResult;
let tarball: string;
/** The tarball, unpacked where Node resolves it as `node_modules/<name>` (its dependencies from ours). */
let installed: string;

/** Every file below `dir`, relative to it, with `/` separators. */
function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/**
 * The modules a built file names: TypeScript's own pre-processing (static and dynamic imports, `export … from`,
 * `require()`), and `require.resolve()` (a dependency found through its package.json); not what a comment or a
 * string shows.
 */
function moduleSpecifiers(code: string): string[] {
  const found = ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'resolve' &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('built.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return found;
}

describe('package', () => {
  beforeAll(async () => {
    ensureBuilt();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    // the same JSON as `npm pack --dry-run --json`, and the tarball that publint and attw check
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root });
    [packed] = JSON.parse(stdout) as [PackResult];
    tarball = path.join(tmp, packed.filename);
    installed = path.join(tmp, 'node_modules', manifest.name);
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  });

  it('ships dist, README, LICENSE and package.json, nothing else', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']),
    );
    const unexpected = files.filter(
      (f) =>
        !/^(?:package\.json|README\.md|LICENSE|dist\/.+\.(?:js|d\.ts|cjs|d\.cts)|dist\/node-types\/node\/(?:LICENSE|package\.json))$/.test(
          f,
        ),
    );
    expect(unexpected).toEqual([]);
    const scratch = files.filter(
      (f) =>
        (!f.startsWith('dist/node-types/') &&
          /(?:^|\/)(?:src|tests?|fixtures|scratch|bench|examples|scripts|coverage|node_modules|\.tmp)\//.test(f)) ||
        f.endsWith('.tsbuildinfo'),
    );
    expect(scratch).toEqual([]);
  });

  it('ships the build of every source file and no stale output', () => {
    // `.ts` builds to `.js` + `.d.ts`, `.cts` (CommonJS) to `.cjs` + `.d.cts`
    const sources = filesBelow(path.join(root, 'src')).filter((f) => /\.c?ts$/.test(f) && !/\.d\.c?ts$/.test(f));
    const shipped = packed.files
      .map((f) => f.path)
      .filter((f) => f.startsWith('dist/') && !f.startsWith('dist/node-types/'));
    const expected = sources.flatMap((s) =>
      s.endsWith('.cts')
        ? [`dist/${s.slice(0, -4)}.cjs`, `dist/${s.slice(0, -4)}.d.cts`]
        : [`dist/${s.slice(0, -3)}.js`, `dist/${s.slice(0, -3)}.d.ts`],
    );
    // a stale file is output of a source that no longer exists: `npm run build` removes dist first
    expect({
      missing: expected.filter((f) => !shipped.includes(f)),
      stale: shipped.filter((f) => !expected.includes(f)),
    }).toEqual({ missing: [], stale: [] });
  });

  it('exports the plugin and package.json only (the engine, its observer hook included, is no package export)', async () => {
    expect(Object.keys(manifest.exports)).toEqual(['.', './package.json']);
    // the benchmark imports the observer hook from dist by path; through the package name it is not exported
    const script = `await import(${JSON.stringify(`${manifest.name}/dist/engine/stats.js`)});`;
    await expect(run(process.execPath, ['--input-type=module', '-e', script], { cwd: tmp })).rejects.toThrow(
      /ERR_PACKAGE_PATH_NOT_EXPORTED/,
    );
  });

  it('has no install scripts', () => {
    const packedManifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
      gypfile?: boolean;
    };
    expect(Object.keys(packedManifest.scripts ?? {}).filter((s) => INSTALL_SCRIPTS.includes(s))).toEqual([]);
    // npm adds `node-gyp rebuild` as the install script of a package with a binding.gyp
    expect(fs.existsSync(path.join(installed, 'binding.gyp'))).toBe(false);
    expect(packedManifest.gypfile).not.toBe(true);
  });

  it('declares every package that dist imports, and imports every runtime dependency', () => {
    const imported = new Set<string>();
    // the code, and the bundled Node types (their `undici-types` import is a dependency, found from the package)
    const dist = filesBelow(path.join(installed, 'dist'));
    const bundledTypes = dist.filter((f) => f.startsWith('node-types/') && f.endsWith('.d.ts'));
    // the modules the bundled types declare (`declare module "stream/iter"`, Node modules newer than this Node)
    const declaredModules = new Set(
      bundledTypes.flatMap(
        (f) =>
          ts.preProcessFile(fs.readFileSync(path.join(installed, 'dist', f), 'utf8'), true, true)
            .ambientExternalModules ?? [],
      ),
    );
    for (const file of [...dist.filter((f) => f.endsWith('.js')), ...bundledTypes]) {
      const code = fs.readFileSync(path.join(installed, 'dist', file), 'utf8');
      for (const specifier of moduleSpecifiers(code)) {
        if (
          !specifier ||
          declaredModules.has(specifier) ||
          specifier.startsWith('.') ||
          specifier.startsWith('node:') ||
          builtinModules.includes(specifier)
        )
          continue;
        const parts = specifier.split('/');
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
      }
    }
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    expect([...imported].filter((p) => p !== manifest.name && !declared.has(p))).toEqual([]);
    const unused = Object.keys(manifest.dependencies ?? {}).filter((d) => !imported.has(d) && !KNOWN_UNUSED.has(d));
    expect(unused).toEqual([]);
  });

  it("bundles Node's types for the CLI in a private folder instead of depending on @types/node", () => {
    // a dependency on @types/node would be hoisted into a project without one, into node_modules/@types/, where
    // TypeScript loads it for the project: Node 26's types in a Node 20 project
    const everyDependency = { ...manifest.dependencies, ...manifest.peerDependencies };
    expect(Object.keys(everyDependency).filter((d) => d.startsWith('@types/'))).toEqual([]);
    const bundled = path.join(installed, 'dist', 'node-types', 'node');
    for (const file of ['index.d.ts', 'net.d.ts', 'http.d.ts', 'LICENSE'])
      expect(fs.existsSync(path.join(bundled, file)), file).toBe(true);
    // no package name: nothing takes the folder for @types/node; the version says which copy it is
    const bundledManifest = JSON.parse(fs.readFileSync(path.join(bundled, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const developedWith = require('@types/node/package.json') as { version: string };
    expect(bundledManifest).toMatchObject({ version: developedWith.version, types: 'index.d.ts' });
    expect(bundledManifest.name).toBeUndefined();
  });

  it('passes publint --strict', async () => {
    const data = fs.readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
      level: 'suggestion',
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`)).toEqual([]);
  });

  it('passes Are the Types Wrong? for ESM and for require(esm) from CommonJS', async () => {
    // ESM only, but Node 20.19+ lets CommonJS `require()` it: node16-from-CJS must still resolve the types, so only
    // the "CJS resolves to ESM" warning is ignored (--profile esm-only would skip CommonJS altogether). node10
    // resolution (deprecated in TypeScript 6) knows no `exports` and is left out.
    const attw = path.join(path.dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
    const args = [
      attw,
      '--profile',
      'node16',
      '--ignore-rules',
      'cjs-resolves-to-esm',
      '--format',
      'ascii',
      '--no-color',
      '--no-emoji',
      tarball,
    ];
    const result: { code?: number; stdout?: string; stderr?: string } = await run(process.execPath, args, {
      cwd: tmp,
    }).catch((error: unknown) => error as { code?: number; stdout?: string; stderr?: string });
    expect({
      code: result.code ?? 0,
      output: result.code ? `${result.stdout ?? ''}\n${result.stderr ?? ''}` : '',
    }).toEqual({
      code: 0,
      output: '',
    });
  });

  it('loads from ESM and from CommonJS (require(esm), Node 20.19+) with its configs', async () => {
    const name = JSON.stringify(manifest.name);
    const script = [
      `import { createRequire } from 'node:module';`,
      `const check = (how, plugin) => { if (!plugin?.configs?.recommended || !plugin.rules || plugin.meta?.name !== ${name}) throw new Error(how + ': no plugin in ' + Object.keys(plugin ?? {})); };`,
      // CommonJS first (a fresh load): require() returns the plugin itself (the entry's 'module.exports' export),
      // not the module namespace
      `const m = createRequire(process.cwd() + '/')(${name});`,
      `check('require', m);`,
      // ESM: the default export is the plugin, the very object that require() gave
      `const d = (await import(${name})).default;`,
      `check('import', d);`,
      `if (d !== m) throw new Error('require() and import gave two objects');`,
    ].join('\n');
    const { stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: tmp });
    expect(stderr).not.toMatch(/ERR_REQUIRE/);
  });
});
