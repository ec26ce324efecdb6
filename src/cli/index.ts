#!/usr/bin/env node
// The `transport-lint` command (package.json `bin`). Everything else is in main.ts, which tests import.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
