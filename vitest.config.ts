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
    },
  },
});
