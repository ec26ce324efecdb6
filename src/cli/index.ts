#!/usr/bin/env node
// The `transport-lint` command (package.json `bin`). Everything else is in main.ts, which tests import.
import { main } from './main.ts';

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
