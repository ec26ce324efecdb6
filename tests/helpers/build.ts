/**
 * Tests that run the built package (dist/) build it first when it is missing or older than src/: `npm test` builds
 * before Vitest, but a test file run alone may not have.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The oldest output file that tells whether dist/ is current. */
const MARKERS = [
  path.join(ROOT, 'dist', 'index.js'),
  path.join(ROOT, 'dist', 'cli', 'main.js'),
  path.join(ROOT, 'dist', 'node-types', 'node', 'index.d.ts'),
];

export function ensureBuilt(): void {
  const built = Math.min(...MARKERS.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  if (built >= newestMtime(path.join(ROOT, 'src'))) return;
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    // the Node types the CLI gives projects without any (package.json's build script does the same)
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-node-types.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const out = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`tsc -p tsconfig.build.json failed:\n${String(out.stdout ?? '')}${String(out.stderr ?? '')}`, {
      cause: error,
    });
  }
}
