/**
 * TypeScript's bundle (`typescript.js`, 9 MB) through V8's code cache, on Node versions without
 * `module.enableCompileCache` (before 22.1; Node 20 here). V8 compiles the bundle from source on every start of
 * `transport-lint`: 0.2–0.3 s of a run that takes 2–4 s on a real repository, and as much as TypeScript's own `tsc`
 * spends. With the code V8 made last time, it takes a tenth of that.
 *
 * The bundle is loaded here, before anything requires it, as Node's CommonJS loader would: the module's wrapper
 * compiled by `vm.Script` (with the cached code when there is some), run with the module's own `require`, and entered
 * in `require.cache`, where every later `require('typescript')` of this package and of typescript-eslint finds it.
 * The cache is made when the process exits, so that it holds the code of the functions the run compiled as well: on
 * redis/node-redis `packages/client` a run of 2.9–3.2 s then took 0.04–0.09 s less (medians of 10, alternating, two
 * rounds) than with a cache made right after the load, which holds only the bundle's top level. V8 counts the flags
 * in the cache's check: a run that turns on `--expose-gc` between programs (programs.ts) turns it off again. V8
 * rejects cached code made by another version or with other flags; then the bundle compiles from source and the
 * cache is written anew.
 *
 * Where: Node's own setting for its compile cache, `NODE_COMPILE_CACHE` (a folder), else a folder of this user in the
 * system's temp folder. `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does Node's. Any failure to read or write
 * the cache only costs the compile: the bundle then loads from source.
 *
 * Cached code runs as this process: a cache that someone else could have written is not read. Where the system has
 * user ids (not Windows, whose temp folder is the user's own), the folder and the file must belong to this user and be
 * writable by no one else (the folder is made so); otherwise the bundle loads from source and nothing is written.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);

/**
 * How the module was loaded (the tests look). 'written' and 'rejected and written': the cache is written when the
 * process exits; 'not written': it has no folder to go to.
 */
export type CodeCacheUse =
  'off' | 'loaded before' | 'untrusted' | 'used' | 'written' | 'rejected and written' | 'not written';

/** Loads the package `name` (its main file) through the code cache; see above. */
export function loadWithCodeCache(name: string, env: NodeJS.ProcessEnv = process.env): CodeCacheUse {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return 'off';
  const file = require.resolve(name);
  if (require.cache[file]) return 'loaded before';
  const source = fs.readFileSync(file, 'utf8');
  const uid = process.getuid?.();
  const folder = env.NODE_COMPILE_CACHE
    ? path.resolve(env.NODE_COMPILE_CACHE)
    : path.join(os.tmpdir(), `transport-lint-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  const cacheFile = path.join(folder, `${name.replace(/[^\w.-]/g, '_')}-${cacheKey(file)}.bin`);
  const trusted = ownFolder(folder, uid);
  let cachedData: Buffer | undefined;
  try {
    if (trusted === true && ownedBy(fs.lstatSync(cacheFile), uid)) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet, or unreadable: compiled from source
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
    // `import()` inside the module resolves as it would in a module Node loaded
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = new Module(file);
  module.filename = file;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  require.cache[file] = module;
  if (trusted === undefined) return 'not written';
  if (!trusted) return 'untrusted';
  // at exit, the cache holds the code of every function the run compiled (TypeScript's parser, binder and the parts of
  // its checker the rules asked for), not only the bundle's top level: the next run compiles almost nothing. A cache
  // that was used is written again when the run compiled more than it held (a first run that only printed `--help`
  // would otherwise leave a cache of the top level for good)
  const used = !!cachedData && !script.cachedDataRejected;
  process.once('exit', () => {
    const data = script.createCachedData();
    if (!used || data.length > cachedData!.length * GROWTH) write(cacheFile, data);
  });
  if (used) return 'used';
  return cachedData ? 'rejected and written' : 'written';
}

/** How much larger the code of a run must be than the cache it used for the cache to be written again. */
const GROWTH = 1.1;

/**
 * The cache's name for this file as it is on disk (another install of the package replaces the file: another name),
 * Node and its flags. V8 itself checks only the source's length, Node's version and the flags: a cache made with other
 * flags (`--cpu-prof`, a heap size) would be rejected and rewritten at every change between two sets of flags.
 */
function cacheKey(file: string): string {
  const { size, mtimeMs, ino } = fs.statSync(file);
  return crypto
    .createHash('sha256')
    .update([file, size, mtimeMs, ino, process.version, process.arch, ...process.execArgv].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Whether the cache's folder is this user's alone: made now (readable by this user only) or found so; undefined when
 * it cannot be made. Without user ids, any folder that is there or can be made.
 */
function ownFolder(folder: string, uid: number | undefined): boolean | undefined {
  let stat: fs.Stats;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    stat = fs.lstatSync(folder);
  } catch {
    return undefined;
  }
  return stat.isDirectory() && ownedBy(stat, uid);
}

/** Owned by the user (where there are user ids) and writable by no one else. */
function ownedBy(stat: fs.Stats, uid: number | undefined): boolean {
  return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
}

/** Writes the file whole or not at all (another run may read it meanwhile); false when it cannot. */
function write(file: string, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // the folder itself is not there
    }
    return false;
  }
}
