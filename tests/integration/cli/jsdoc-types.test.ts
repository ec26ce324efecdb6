/**
 * The CLI's programs parse JSDoc only where it gives types (TypeScript's `JSDocParsingMode.ParseForTypeInfo`: all
 * of it in JavaScript files, none in TypeScript files). Plain JavaScript gets its socket and server types from JSDoc
 * alone, so those findings must stay: without JSDoc, `bound.js` and `typedef.js` would type their server `any` and
 * report nothing.
 */
import type { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyFixture, debugPlan, ensureBuilt, runCli } from '../../helpers/run-cli.ts';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = copyFixture('jsdoc-types', { linkNodeModules: true });
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it(
  'JavaScript typed by JSDoc (`@param {import(…)}`, `@type`, `@typedef`) keeps its findings',
  { timeout: 240_000 },
  async () => {
    const run = await runCli(['--format', 'json', '--strict'], dir, { TRANSPORT_LINT_DEBUG: '1' });
    expect(run.code).toBe(1);
    const plan = debugPlan(run.stderr);
    expect(plan.groups.map((g) => g.kind)).toEqual(['config']);
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    const found = Object.fromEntries(
      results.map((r) => [
        path.relative(dir, r.filePath),
        r.messages.map((m) => `${m.ruleId ?? 'parse error'} ${m.line}:${m.column}`),
      ]),
    );
    expect(found).toEqual({
      'src/agent.js': ['transport/no-unguarded-socket-options 8:12'],
      'src/bound.js': ['transport/no-unchecked-bound-address 5:21'],
      'src/typedef.js': ['transport/no-unchecked-bound-address 8:10'],
      'src/untyped.js': [],
    });
    // the agent's type, from its `@param`, names the agent as the reason
    const agent = results.find((r) => r.filePath.endsWith('agent.js'))!;
    expect(agent.messages[0]!.message).toContain('whose `createConnection` may return any Duplex');
  },
);
