/**
 * Type information for every file, without an ESLint config: which TypeScript program lints which file.
 *
 * A file included by a tsconfig.json or jsconfig.json is linted in that config's program: the nearest config that
 * includes the file, following project references and then ancestor folders, as TypeScript's language server finds
 * it. The program is the one `tsc -p` builds (the config's files and options, read from the config's own folder),
 * except that a config whose program has no Node types (no @types/node installed, or `types` without `node`) gets
 * `node` added, from the project's own type roots or else from the @types/node that comes with this package. Files
 * that no config includes, and the files of a config that cannot be read (it extends a package that is not
 * installed, a file a framework generates, or it does not parse), share one default program: JavaScript allowed,
 * Node's types. An unreadable config is a warning, never the end of the run.
 *
 * The plan is plain JSON (worker threads get a copy); programs.ts builds the programs from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from '../engine/typescript.cts';
import { commonDirectory, isInside } from './files.ts';

export interface ProgramGroup {
  /** `config`: the program of a user's config. `default`: the program for files no readable config includes. */
  kind: 'config' | 'default';
  /** The user's config whose options the program has, for `config` groups. */
  config?: string;
  /** Every config whose files the program holds: those with the same options as `config` share its program. */
  configs?: string[];
  /** What is added to the config's compiler options (Node's types), or the default program's options. */
  compilerOptions?: DefaultOptions | AddedOptions;
  /**
   * The root files of the program: the config's files; for the default program, none (its roots are the files
   * handed to ESLint, whose imports bring in the rest: a file that is only parsed needs no program).
   */
  files: string[];
  /** The files found to lint that this program gives types to. */
  owned: string[];
  /** The files handed to ESLint (filled in by main.ts: the files in which a rule may report). */
  lint: string[];
}

interface AddedOptions {
  types: string[];
  typeRoots: string[];
}

type DefaultOptions = typeof DEFAULT_COMPILER_OPTIONS & { typeRoots: string[] };

export interface TypePlan {
  /** The folder that bounds the search for configs. */
  root: string;
  groups: ProgramGroup[];
  /** Which config owns each file (undefined: no config includes it). */
  owners: Map<string, string | undefined>;
  /** One line per config that cannot be read and owns files: which, why, and how many files it owns. */
  warnings: string[];
  /** The configs read for the plan, for the programs to build from (not JSON: a worker thread reads its own). */
  configs: ConfigCache;
}

/** Error codes that make a config unreadable: JSON syntax, a missing or unreadable file (also one it extends). */
const FATAL_CONFIG_ERRORS = new Set([5083, 5092, 6053, 18001]);

/**
 * The type root with the Node types that this package bundles, for projects without any: dist/node-types/, which holds
 * `node/` (scripts/bundle-node-types.mjs copies it at build time). Not a dependency on @types/node, which npm would
 * hoist into the project's node_modules/@types/, where TypeScript loads it for the project itself. Run from src/ (the
 * repository's tests), the build's copy.
 */
export function bundledTypeRoot(): string | undefined {
  return ['../node-types', '../../dist/node-types']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((root) => fs.existsSync(path.join(root, 'node', 'index.d.ts')));
}

/**
 * The folder that bounds the search for configs: the repository of the files (the nearest folder with `.git`), else
 * the folder that holds both the working folder and the files. Above it, a stray tsconfig.json (say, in a home
 * folder) is never used.
 */
export function projectRoot(filesDir: string, cwd: string): string {
  for (let d = filesDir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) break;
  }
  return commonDirectory([filesDir, cwd]);
}

export interface PlanOptions {
  bundledTypeRoot: string | undefined;
  /** For paths in messages. */
  cwd: string;
}

export function planPrograms(files: readonly string[], options: PlanOptions): TypePlan {
  const root = projectRoot(commonDirectory(files.map((f) => path.dirname(f))), options.cwd);
  const configs = new ConfigCache();
  const finder = new ConfigFinder(root, configs);
  const owners = new Map<string, string | undefined>();
  const byOwner = new Map<string, string[]>();
  const loose: string[] = [];
  for (const file of files) {
    const owner = finder.ownerOf(file);
    owners.set(file, owner);
    if (owner === undefined || finder.parse(owner).error !== undefined) loose.push(file);
    else {
      const list = byOwner.get(owner) ?? [];
      list.push(file);
      byOwner.set(owner, list);
    }
  }

  const groups: ProgramGroup[] = [];
  // configs with the same options share one program (the packages of a monorepo, a config per test folder): one
  // parse, one module resolution and one checker for their files instead of one each
  const byOptions = new Map<string, ProgramGroup>();
  for (const [owner, owned] of byOwner) {
    const parsed = finder.parse(owner);
    let added: AddedOptions | undefined;
    if (!hasNodeTypes(parsed.options, owner)) {
      added = {
        types: [...typeNames(parsed.options).filter((n) => n !== 'node'), 'node'],
        typeRoots: typeRootsWith(parsed.options, options.bundledTypeRoot),
      };
    }
    const key = sharingKey(parsed, added);
    const shared = byOptions.get(key);
    if (shared) {
      const files = new Set(shared.files);
      for (const file of parsed.fileNames) if (!files.has(file)) shared.files.push(file);
      shared.owned.push(...owned);
      shared.configs!.push(owner);
      continue;
    }
    const group: ProgramGroup = {
      kind: 'config',
      config: owner,
      configs: [owner],
      files: [...parsed.fileNames],
      owned: [...owned],
      lint: [],
      ...(added ? { compilerOptions: added } : {}),
    };
    byOptions.set(key, group);
    groups.push(group);
  }
  if (loose.length > 0) {
    const configFilePath = path.join(commonDirectory(loose.map((f) => path.dirname(f))), 'tsconfig.json');
    groups.push({
      kind: 'default',
      compilerOptions: {
        ...DEFAULT_COMPILER_OPTIONS,
        typeRoots: typeRootsWith({ configFilePath }, options.bundledTypeRoot),
      },
      files: [],
      owned: loose,
      lint: [],
    });
  }

  const warnings: string[] = [];
  const show = (file: string) => shown(file, options.cwd);
  for (const [config, error] of finder.unreadable()) {
    const count = files.filter((f) => owners.get(f) === config).length;
    if (count === 0) continue;
    const where = `${show(error.file)}${error.line ? `:${error.line}` : ''}`;
    const via = error.file === config ? '' : ` (extended by ${show(config)})`;
    const what = count === 1 ? 'its 1 file is' : `its ${count} files are`;
    // TypeScript's message, without its full stop and with paths as the others
    const why = error.message.replace(/\.$/, '').replaceAll(`${options.cwd}${path.sep}`, '');
    warnings.push(
      `transport-lint: warning: cannot read ${where}${via}: ${why}; ${what} linted with the default options and Node's types`,
    );
  }
  return { root, groups, owners, warnings, configs };
}

/** Options that do not change what a file's types are: configs that differ only in these can share a program. */
const OUTPUT_OPTIONS = new Set([
  'configFilePath',
  'outDir',
  'rootDir',
  'declarationDir',
  'tsBuildInfoFile',
  'composite',
  'incremental',
  'declaration',
  'declarationMap',
  'emitDeclarationOnly',
  'sourceMap',
  'inlineSourceMap',
  'inlineSources',
  'noEmit',
  'noEmitOnError',
  'removeComments',
  'listFiles',
  'listEmittedFiles',
  'pretty',
  'build',
]);

/**
 * What decides a program's types, as a string: the compiler options but those about output (with `paths`, the
 * folder they are relative to), project references, and the options added here.
 */
function sharingKey(parsed: ParsedConfig, added: AddedOptions | undefined): string {
  const options = Object.entries(parsed.options)
    .filter(([name]) => !OUTPUT_OPTIONS.has(name) && (name !== 'pathsBasePath' || parsed.options.paths))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([options, parsed.references, added ?? null]);
}

/**
 * The default program, for files that no config includes: lenient module resolution (relative imports without
 * extensions resolve, as bundlers and most JavaScript projects expect), JavaScript allowed but not type-checked,
 * strict null checks (a `Socket | null` stays nullable), and no JavaScript from node_modules.
 */
const DEFAULT_COMPILER_OPTIONS = {
  target: 'esnext',
  lib: ['esnext'],
  module: 'preserve',
  moduleResolution: 'bundler',
  allowJs: true,
  checkJs: false,
  maxNodeModuleJsDepth: 0,
  jsx: 'preserve',
  strict: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  allowArbitraryExtensions: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

/** The `types` a program includes: the listed ones, or every package in its type roots (`"*"`, or before TS 6). */
function typeNames(options: ts.CompilerOptions): string[] {
  return ts.getAutomaticTypeDirectiveNames(options, ts.sys);
}

function hasNodeTypes(options: ts.CompilerOptions, configFile: string): boolean {
  if (!typeNames(options).includes('node')) return false;
  return !!ts.resolveTypeReferenceDirective('node', configFile, options, ts.sys).resolvedTypeReferenceDirective
    ?.resolvedFileName;
}

/** The type roots a config uses (its own, or every node_modules/@types above it), then the bundled one. */
function typeRootsWith(options: ts.CompilerOptions, bundled: string | undefined): string[] {
  const roots = (ts.getEffectiveTypeRoots(options, ts.sys) ?? []).filter((r) => fs.existsSync(r));
  if (bundled && !roots.includes(bundled)) roots.push(bundled);
  return roots;
}

/** A config as `tsc -p` reads it, or why it cannot be read. */
export interface ParsedConfig {
  options: ts.CompilerOptions;
  fileNames: ReadonlySet<string>;
  references: readonly string[];
  projectReferences: readonly ts.ProjectReference[] | undefined;
  error?: ConfigProblem;
}

interface ConfigProblem {
  /** The file that cannot be read: the config, or one it extends. */
  file: string;
  line?: number;
  message: string;
}

/**
 * The configs of a run, each read once: the plan reads a config to find the files it owns, and its program is built
 * from the same reading. A config that others extend (a monorepo's tsconfig.base.json, and what it extends) is read
 * once for all of them, as `tsc -b` and the language server share it.
 */
export class ConfigCache {
  private readonly parsed = new Map<string, ParsedConfig>();
  private readonly extended = new Map<string, ts.ExtendedConfigCacheEntry>();

  read(config: string): ParsedConfig {
    let parsed = this.parsed.get(config);
    if (!parsed) this.parsed.set(config, (parsed = readConfig(config, this.extended)));
    return parsed;
  }

  /** The configs read so far that could not be read, with why. */
  *unreadable(): Generator<[string, ConfigProblem]> {
    for (const [config, parsed] of this.parsed) if (parsed.error) yield [config, parsed.error];
  }
}

/**
 * Reads a config as `tsc -p` does: its files and options resolved from its own folder, through its `extends` chain
 * (the configs it extends looked up in `extended` first, and kept there). A config that cannot be read comes back
 * with `error` and no files.
 */
function readConfig(config: string, extended?: Map<string, ts.ExtendedConfigCacheEntry>): ParsedConfig {
  const describe = (diagnostic: ts.Diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  let unrecoverable: ts.Diagnostic | undefined;
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      unrecoverable ??= diagnostic;
    },
  };
  const result = ts.getParsedCommandLineOfConfigFile(config, undefined, host, extended);
  // getConfigFileParsingDiagnostics: `errors` leaves out the JSON syntax errors that the parser recovered from
  const fatal =
    unrecoverable ??
    (result &&
      ts
        .getConfigFileParsingDiagnostics(result)
        .find((d) => d.category === ts.DiagnosticCategory.Error && (d.code < 2000 || FATAL_CONFIG_ERRORS.has(d.code))));
  if (!result || fatal) {
    const error: ConfigProblem = { file: config, message: fatal ? describe(fatal) : 'unknown error.' };
    if (fatal?.file) {
      error.file = path.resolve(fatal.file.fileName);
      if (fatal.start !== undefined) error.line = fatal.file.getLineAndCharacterOfPosition(fatal.start).line + 1;
    }
    return { options: {}, fileNames: new Set(), references: [], projectReferences: undefined, error };
  }
  return {
    options: result.options,
    fileNames: new Set(result.fileNames.map((f) => path.resolve(f))),
    references: (result.projectReferences ?? []).map((r) => path.resolve(ts.resolveProjectReferencePath(r))),
    projectReferences: result.projectReferences,
  };
}

/**
 * Finds the config that owns a file the way TypeScript's language server does: the nearest config that includes it,
 * or its projects references. An unreadable config owns the files below its folder that no config before it owns.
 */
export class ConfigFinder {
  private readonly configsInDir = new Map<string, string[]>();

  constructor(
    private readonly root: string,
    private readonly configs = new ConfigCache(),
  ) {}

  ownerOf(file: string): string | undefined {
    const seen = new Set<string>();
    const bounded = isInside(file, this.root);
    for (let dir = path.dirname(file); ;) {
      for (const config of this.configsIn(dir)) {
        // its file set is unknown: the files it would own are those no config before it owns
        if (this.parse(config).error) return config;
        const owner = this.search(config, file, seen);
        if (owner) return owner;
      }
      const parent = path.dirname(dir);
      if (path.basename(dir) === 'node_modules' || parent === dir || (bounded && !isInside(parent, this.root)))
        return undefined;
      dir = parent;
    }
  }

  /** The configs that could not be read, with why. */
  unreadable(): Generator<[string, ConfigProblem]> {
    return this.configs.unreadable();
  }

  /** The config itself, then the projects it references (depth first). */
  private search(config: string, file: string, seen: Set<string>): string | undefined {
    if (seen.has(config)) return undefined;
    seen.add(config);
    const parsed = this.parse(config);
    if (parsed.fileNames.has(file)) return config;
    for (const reference of parsed.references) {
      if (!fs.existsSync(reference)) continue;
      const owner = this.search(reference, file, seen);
      if (owner) return owner;
    }
    return undefined;
  }

  private configsIn(dir: string): string[] {
    let configs = this.configsInDir.get(dir);
    if (!configs) {
      configs = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(dir, name)).filter((f) => fs.existsSync(f));
      this.configsInDir.set(dir, configs);
    }
    return configs;
  }

  parse(config: string): ParsedConfig {
    return this.configs.read(config);
  }
}

/** A path for messages: relative to the working folder when inside it. */
export function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}
