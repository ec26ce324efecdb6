// One benchmark run in a fresh process: bench/lint-once.js with the given arguments, its JSON result parsed.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** @param {string[]} args the arguments of bench/lint-once.js (project dir, mode, options) */
export function runLintOnce(args) {
  const stdout = execFileSync(process.execPath, [path.join(import.meta.dirname, 'lint-once.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(stdout);
}
