// Lints the example project with the plugin built from this repository (`npm run build` writes ../dist).
import tsParser from '@typescript-eslint/parser';
import transport from '../dist/index.js';

const { recommended } = transport.configs;

export default [
  { ignores: ['**/eslint.config.js'] },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    ...recommended,
    files: ['**/*.ts', '**/*.js'],
    // warnings, so that `npm run example` shows the findings and still exits 0
    rules: Object.fromEntries(
      Object.entries(recommended.rules ?? {}).map(([name, entry]) => [name, Array.isArray(entry) ? ['warn', ...entry.slice(1)] : 'warn']),
    ),
  },
];
