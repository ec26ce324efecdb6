/**
 * Lints a snippet as the typed fixture file `file.ts` with one probe rule, and returns what the probe reported: each
 * message is the JSON of one probe. The engine tests use it to look at the engine's answers directly.
 */
import tsParser from '@typescript-eslint/parser';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { Linter } from 'eslint';
import path from 'node:path';
import { fixtures } from './rule-tester.ts';

const linter = new Linter({ configType: 'flat', cwd: fixtures });

export function probeResults<T>(rule: RuleModule<string, []>, code: string): T[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
        plugins: { test: { rules: { probe: rule as never } } },
        rules: { 'test/probe': 'error' },
      },
    ],
    path.join(fixtures, 'file.ts'),
  );
  for (const m of messages) if (m.fatal) throw new Error(m.message);
  return messages.map((m) => JSON.parse(m.message) as T);
}
