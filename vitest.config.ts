import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // src/engine/typescript.cts hands ESM code the `require`d TypeScript (Node scans a CJS bundle imported as ESM);
    // Vite does not transform `import x = require()`, and under Vitest the plain import is the same module
    alias: [{ find: /^(?:\.\.?\/)+(?:engine\/)?typescript\.cts$/, replacement: 'typescript' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/helpers/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'src/**/*.cts'],
      reporter: ['text-summary', 'json-summary'],
      // floors a little below what tests/rules and tests/engine reach alone (measured 2026-12-04: engine 91.2 statements,
      // 84.8 branches, 93.1 functions, 94.0 lines; rule-kit 94.9/88.5/100/95.2; rules 94.5/88.4/100/97.6). The engine's
      // branches are short of 85: the floor is what they reach. Checked by `npm run coverage`, which runs every test.
      thresholds: {
        'src/engine/**': { statements: 90, branches: 84, functions: 92, lines: 93 },
        'src/rule-kit/**': { statements: 93, branches: 87, functions: 98, lines: 94 },
        'src/rules/**': { statements: 93, branches: 87, functions: 98, lines: 96 },
        // the CLI's spawned runs are not counted (13.1/16.4/12.0/14.3 for src/cli from tests/integration/cli): floors
        // only for the files its tests import (args 90.7/82.4/100/94.6, sarif 100/91.4/100/100)
        'src/cli/args.ts': { statements: 89, branches: 81, functions: 98, lines: 93 },
        'src/cli/sarif.ts': { statements: 98, branches: 90, functions: 98, lines: 98 },
      },
    },
  },
});
