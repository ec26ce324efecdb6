/**
 * Runs the built `transport-lint` (dist/cli/index.js) as a child process, building it first when dist is missing or
 * older than src (`npm test` builds before Vitest; a test file run alone may not have).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'cli');

export { ensureBuilt } from './build.ts';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the process. */
  ms: number;
}

/**
 * At most this many runs at a time: each builds TypeScript programs, so more runs than cores only add memory and
 * make every run slower.
 */
const MAX_RUNNING = Math.max(2, os.availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function inSlot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return inSlot(() => spawnCli(args, cwd, env));
}

/** Whether util-linux `script` is there to give a command a terminal. */
export function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs a shell command under `script`, which gives it a terminal; resolves with what it wrote to the terminal. */
export function runInTerminal(command: string, cwd: string): Promise<string> {
  return inSlot(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], {
          cwd,
          env: { ...process.env, NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
        });
        child.on('error', reject);
        child.on('close', () => {
          resolve(out);
        });
      }),
  );
}

function spawnCli(args: readonly string[], cwd: string, env: Record<string, string>): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete childEnv.FORCE_COLOR;
  if (!('TRANSPORT_LINT_DEBUG' in env)) delete childEnv.TRANSPORT_LINT_DEBUG;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** A copy of a fixture repository in the system's temp folder: outside this repository, its tsconfig and node_modules. */
export function copyFixture(name: string, options: { linkNodeModules?: boolean } = {}): string {
  const to = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `transport-lint-test-${name}-`)));
  fs.cpSync(path.join(FIXTURES, name), to, { recursive: true });
  if (options.linkNodeModules) fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
  return to;
}

/** The plan that TRANSPORT_LINT_DEBUG prints: which program gives types to which file, and which files ESLint sees. */
export interface DebugPlan {
  groups: {
    kind: 'config' | 'default';
    /** The configs whose files the program holds (configs with the same options share one). */
    configs?: string[];
    compilerOptions?: { types?: string[]; typeRoots?: string[] };
    files: { file: string; owner?: string; lint: 'types' | 'syntax' | 'skipped' }[];
  }[];
}

export function debugPlan(stderr: string): DebugPlan {
  const line = stderr.split('\n').find((l) => l.startsWith('transport-lint debug: '));
  if (!line) throw new Error(`no debug plan in stderr:\n${stderr}`);
  return JSON.parse(line.slice('transport-lint debug: '.length)) as DebugPlan;
}

/**
 * Which program gives types to each file: the program of its config (`<config> + node types` when Node's types are
 * added to it), or `default` (the program for files no readable config includes).
 */
export function programOf(plan: DebugPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const group of plan.groups) {
    for (const { file, owner } of group.files)
      out[file] = group.kind === 'default' ? 'default' : `${owner}${group.compilerOptions ? ' + node types' : ''}`;
  }
  return out;
}

/** The configs of each program that holds more than one (configs with the same options share a program). */
export function sharedPrograms(plan: DebugPlan): string[][] {
  return plan.groups.flatMap((g) => (g.configs && g.configs.length > 1 ? [g.configs] : []));
}

/** How ESLint sees each file: with types, without (it does not parse, and no rule can report in it), or not at all. */
export function lintOf(plan: DebugPlan): Record<string, string> {
  return Object.fromEntries(plan.groups.flatMap((g) => g.files.map((f) => [f.file, f.lint])));
}
