/**
 * Type information for every file, without an ESLint config: which TypeScript program lints which file.
 *
 * A file included by a tsconfig.json or jsconfig.json goes to typescript-eslint's project service, which finds the
 * same config for it (the nearest one that includes the file, following project references and then ancestor
 * folders, as TypeScript's language server does). A config whose program has no Node types (no @types/node
 * installed, or `types` without `node`) is wrapped instead: a tsconfig written by transport-lint extends it and adds
 * `node`, from the project's own type roots or else from the @types/node that comes with this package. Files that no
 * config includes share one default program (JavaScript allowed, Node's types). Each written tsconfig is given to
 * typescript-eslint as `parserOptions.project`, for the files in it only.
 *
 * The project service's own default project (`allowDefaultProject`) is not used: it builds one program per file,
 * which took about 0.2 s of CPU per file in our measurements, against milliseconds in a shared program.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from '../engine/typescript.cts';
import { CliError } from './args.ts';
import { commonDirectory, isInside } from './files.ts';

/** A tsconfig that cannot be read: exit code 2. */
export class ConfigError extends CliError {}

export interface ProgramGroup {
  /** `service`: typescript-eslint's project service finds the user's config. `project`: a tsconfig written here. */
  kind: 'service' | 'project';
  /** The tsconfig given as `parserOptions.project`, for `project` groups. */
  tsconfig?: string;
  /** The user's config that the group comes from; undefined for the default program and the service group. */
  base?: string;
  files: string[];
}

export interface TypePlan {
  /** The folder that bounds the search for configs, as `parserOptions.tsconfigRootDir`. */
  tsconfigRootDir: string;
  groups: ProgramGroup[];
  /** Which config owns each file (undefined: the default program). */
  owners: Map<string, string | undefined>;
}

/** Error codes that make a config unreadable: JSON syntax, a missing or unreadable file (also one it extends). */
const FATAL_CONFIG_ERRORS = new Set([5083, 5092, 6053, 18001]);

/** The folder of the @types/node that this package depends on, for projects without one. */
export function bundledTypeRoot(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(path.dirname(require.resolve('@types/node/package.json')));
  } catch {
    return undefined;
  }
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
  /** Where the written tsconfigs go. */
  tempDir: string;
  bundledTypeRoot: string | undefined;
  /** For paths in messages. */
  cwd: string;
}

export function planPrograms(files: readonly string[], options: PlanOptions): TypePlan {
  const root = projectRoot(commonDirectory(files.map((f) => path.dirname(f))), options.cwd);
  const finder = new ConfigFinder(root, options.cwd);
  const owners = new Map<string, string | undefined>();
  const byOwner = new Map<string | undefined, string[]>();
  for (const file of files) {
    const owner = finder.ownerOf(file);
    owners.set(file, owner);
    const list = byOwner.get(owner) ?? [];
    list.push(file);
    byOwner.set(owner, list);
  }

  const groups: ProgramGroup[] = [];
  const serviceFiles: string[] = [];
  let written = 0;
  const write = (content: unknown): string => {
    const file = path.join(options.tempDir, `tsconfig.${++written}.json`);
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    return file;
  };

  for (const [owner, ownFiles] of byOwner) {
    if (owner === undefined) continue;
    const parsed = finder.parse(owner);
    if (hasNodeTypes(parsed.options, owner)) {
      serviceFiles.push(...ownFiles);
      continue;
    }
    const tsconfig = write({
      extends: owner,
      compilerOptions: {
        types: [...typeNames(parsed.options).filter((n) => n !== 'node'), 'node'],
        typeRoots: typeRootsWith(parsed.options, options.bundledTypeRoot),
      },
    });
    groups.push({ kind: 'project', tsconfig, base: owner, files: ownFiles });
  }
  if (serviceFiles.length > 0) groups.unshift({ kind: 'service', files: serviceFiles });

  const loose = byOwner.get(undefined);
  if (loose) {
    const typeRootOptions: ts.CompilerOptions = {
      configFilePath: path.join(commonDirectory(loose.map((f) => path.dirname(f))), 'tsconfig.json'),
    };
    const tsconfig = write({
      compilerOptions: {
        ...DEFAULT_COMPILER_OPTIONS,
        typeRoots: typeRootsWith(typeRootOptions, options.bundledTypeRoot),
      },
      files: loose,
    });
    groups.push({ kind: 'project', tsconfig, files: loose });
  }
  return { tsconfigRootDir: root, groups, owners };
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

interface ParsedConfig {
  options: ts.CompilerOptions;
  fileNames: ReadonlySet<string>;
  references: readonly string[];
}

/** Finds the config that includes a file the way TypeScript's language server does (and so the project service). */
export class ConfigFinder {
  private readonly parsed = new Map<string, ParsedConfig>();
  private readonly configsInDir = new Map<string, string[]>();

  constructor(
    private readonly root: string,
    private readonly cwd: string,
  ) {}

  ownerOf(file: string): string | undefined {
    const seen = new Set<string>();
    const bounded = isInside(file, this.root);
    for (let dir = path.dirname(file); ;) {
      for (const config of this.configsIn(dir)) {
        const owner = this.search(config, file, seen);
        if (owner) return owner;
      }
      const parent = path.dirname(dir);
      if (path.basename(dir) === 'node_modules' || parent === dir || (bounded && !isInside(parent, this.root)))
        return undefined;
      dir = parent;
    }
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
    const cached = this.parsed.get(config);
    if (cached) return cached;
    const describe = (diagnostic: ts.Diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    const host: ts.ParseConfigFileHost = {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new ConfigError(`cannot read ${this.show(config)}: ${describe(diagnostic)}`);
      },
    };
    const result = ts.getParsedCommandLineOfConfigFile(config, undefined, host);
    if (!result) throw new ConfigError(`cannot read ${this.show(config)}`);
    // getConfigFileParsingDiagnostics: `errors` leaves out the JSON syntax errors that the parser recovered from
    const fatal = ts
      .getConfigFileParsingDiagnostics(result)
      .find((d) => d.category === ts.DiagnosticCategory.Error && (d.code < 2000 || FATAL_CONFIG_ERRORS.has(d.code)));
    if (fatal) {
      const where =
        fatal.file && fatal.start !== undefined
          ? `:${fatal.file.getLineAndCharacterOfPosition(fatal.start).line + 1}`
          : '';
      const file = fatal.file?.fileName ?? config;
      const via = path.resolve(file) === config ? '' : ` (extended by ${this.show(config)})`;
      throw new ConfigError(`cannot read ${this.show(file)}${where}${via}: ${describe(fatal)}`);
    }
    const parsed: ParsedConfig = {
      options: result.options,
      fileNames: new Set(result.fileNames.map((f) => path.resolve(f))),
      references: (result.projectReferences ?? []).map((r) => path.resolve(ts.resolveProjectReferencePath(r))),
    };
    this.parsed.set(config, parsed);
    return parsed;
  }

  private show(file: string): string {
    const relative = path.relative(this.cwd, path.resolve(file));
    return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
  }
}
