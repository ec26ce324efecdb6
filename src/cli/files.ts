/**
 * Which files `transport-lint` lints: the files named on the command line, and the JavaScript and TypeScript files
 * under the directories named there. The list is made here, not by ESLint, because the TypeScript programs are
 * chosen per file before ESLint starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './args.ts';

export const EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/**
 * Folders that a directory walk does not enter, besides those whose name starts with a dot (`.git`, `.next`,
 * `.nuxt`): dependencies, build output and coverage reports. A folder named on the command line is always searched.
 */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'dist',
  'build',
  'coverage',
]);

/**
 * Declaration files, minified files and generated bundles, by name: never written by hand, so never linted in a walk
 * (nor is JavaScript whose content looks minified, `looksMinified`).
 */
const GENERATED = /\.d\.[cm]?ts$|\.(?:min|bundle)\.[cm]?js$/;

export function isLintable(file: string): boolean {
  const base = path.basename(file);
  return EXTENSIONS.has(path.extname(base)) && !GENERATED.test(base);
}

/** JavaScript that a build may have minified; TypeScript and JSX are written by hand. */
const MINIFIABLE: ReadonlySet<string> = new Set(['.js', '.mjs', '.cjs']);
/**
 * The average line length above which a JavaScript file is taken as minified or generated (a bundle without
 * `.min.js` in its name, a documentation site's search index): GitHub's Linguist uses the same bound. Code written by
 * hand, even with long lines of data, stays far below it; a formatter wraps at 80 to 120 characters.
 */
const MINIFIED_LINE_LENGTH = 110;

/** Whether the text looks minified: its lines average more than MINIFIED_LINE_LENGTH characters. */
export function looksMinified(text: string): boolean {
  if (text.length <= MINIFIED_LINE_LENGTH) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}

/** A JavaScript file whose content looks minified (read only for the extensions a build minifies). */
function isMinifiedFile(file: string): boolean {
  if (!MINIFIABLE.has(path.extname(file))) return false;
  try {
    return looksMinified(fs.readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** Absolute paths of the files to lint, sorted. Throws a UsageError for a path that does not exist or has no files. */
export function findFiles(paths: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      const hint = /[*?{}[\]]/.test(given) ? ' (transport-lint takes files and directories, not glob patterns)' : '';
      throw new UsageError(`no such file or directory: ${given}${hint}`);
    }
    if (stat.isDirectory()) {
      const before = found.size;
      walk(absolute, found);
      if (found.size === before && !containsAny(absolute, found)) {
        throw new UsageError(`no JavaScript or TypeScript files in ${given}`);
      }
    } else if (EXTENSIONS.has(path.extname(absolute))) {
      found.add(absolute);
    } else {
      throw new UsageError(`not a JavaScript or TypeScript file: ${given}`);
    }
  }
  return [...found].sort();
}

function walk(dir: string, found: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read directory ${dir}: ${(error as Error).message}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // symbolic links are not followed: they can loop, and they often point into another package
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(full, found);
    } else if (entry.isFile() && isLintable(entry.name) && !isMinifiedFile(full)) {
      found.add(full);
    }
  }
}

/** A directory given twice (`transport-lint src src/a`) adds nothing the second time, and that is fine. */
function containsAny(dir: string, found: ReadonlySet<string>): boolean {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  for (const file of found) if (file.startsWith(prefix)) return true;
  return false;
}

/** The deepest directory that contains every one of the given directories. */
export function commonDirectory(dirs: readonly string[]): string {
  if (dirs.length === 0) throw new Error('commonDirectory of nothing');
  let common = dirs[0]!;
  for (const p of dirs) {
    while (!isInside(p, common)) {
      const parent = path.dirname(common);
      if (parent === common) return common;
      common = parent;
    }
  }
  return common;
}

/** Whether `file` is `dir` or inside it. */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
