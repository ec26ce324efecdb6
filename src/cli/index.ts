#!/usr/bin/env node
// The `transport-lint` command (package.json `bin`). Everything else is in main.ts, which tests import.
import module from 'node:module';

// Node ≥ 22.1 keeps V8's compiled code of the modules loaded from here on (TypeScript's 9 MB bundle, ESLint,
// typescript-eslint) in a cache on disk, as `tsc` and `eslint` do for themselves. The import of main.ts comes after
// it, so that its modules are compiled with the cache. Before 22.1 (Node 20), TypeScript's bundle alone goes through
// V8's code cache (compile-cache.ts): loaded here, before main.ts and typescript-eslint require it.
const { enableCompileCache } = module as { enableCompileCache?: () => unknown };
if (enableCompileCache) enableCompileCache();
else (await import('./compile-cache.ts')).loadWithCodeCache('typescript');
const { main } = await import('./main.ts');

// `transport-lint | head`: a closed pipe is not an error of the lint
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
