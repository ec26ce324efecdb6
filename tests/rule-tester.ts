import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';

export const fixtures = path.join(import.meta.dirname, 'fixtures');

/** Every error must give its full location and data; every suggestion its data. */
export const assertionOptions = { requireLocation: true, requireData: true } as const;

/** A RuleTester with type information: `file.ts` (and `file.js`) in tests/fixtures, covered by its tsconfig. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
  });
}
