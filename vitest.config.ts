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
      // not src/engine/typescript.cts: the two-line CommonJS hand-over that the alias above replaces (never run here)
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      // floors a little below what a full run (`npm test`'s `vitest run --coverage`, every test) reached on
      // 2026-12-05: engine 93.65 statements, 88.23 branches, 94.32 functions, 96.15 lines; rule-kit
      // 97.3/91.5/100/98.4; rules 95.0/90.7/98.9/98.8. When new tests raise a folder, raise its floor.
      thresholds: {
        'src/engine/**': { statements: 93, branches: 87.5, functions: 94, lines: 95.5 },
        'src/rule-kit/**': { statements: 96.5, branches: 90.5, functions: 99, lines: 97.5 },
        'src/rules/**': { statements: 94.5, branches: 90, functions: 98, lines: 98 },
        // the CLI's spawned runs are not counted (13.1/16.4/12.0/14.3 for src/cli from tests/integration/cli): floors
        // only for the files its tests import (args 90.7/82.4/100/94.6, sarif 100/91.4/100/100)
        'src/cli/args.ts': { statements: 89, branches: 81, functions: 98, lines: 93 },
        'src/cli/sarif.ts': { statements: 98, branches: 90, functions: 98, lines: 98 },
      },
    },
  },
});
