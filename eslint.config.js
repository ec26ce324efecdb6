// Lints the plugin itself: typescript-eslint on everything, eslint-plugin-eslint-plugin on rules and tests.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'examples/',
      'scratch/',
      'tests/fixtures/',
      'tests/.tmp/',
      'bench/out/',
      'coverage/',
      'realworld/repos/',
      'realworld/out/',
      '.compat/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: ['src/**/*.ts'] })),
  {
    files: ['src/**/*.ts'],
    rules: {
      // messages and the CLI print line numbers, counts and ports: a number in a template is the point
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `!` states an invariant the line before established (`length === 1`, `has()` then `get()`, a stack not empty)
      '@typescript-eslint/no-non-null-assertion': 'off',
      // the AST types promise a `parent` that Program and other parsers' odd shapes lack: the defensive `?.` stays
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.rules,
    rules: {
      ...eslintPlugin.configs.rules.rules,
      // createRule (ESLintUtils.RuleCreator) adds meta.docs.url; tests/integration/configs.test.ts checks every URL
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce) ' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/no-property-in-node': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='context'][property.name='options']",
          message: 'Read options from the second argument of create().',
        },
      ],
    },
  },
  // typed self-lint of the tests (src/ has its own block): the strictest typescript-eslint preset
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: ['tests/**/*.ts'] })),
  {
    files: ['tests/**/*.ts'],
    rules: {
      // `results[0]!` after the assertion on the length: when it is wrong, the test fails at that line all the same
      '@typescript-eslint/no-non-null-assertion': 'off',
      // line and column numbers in messages: a number prints one way
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['tests/**/*.test.ts'],
    ...eslintPlugin.configs.tests,
    rules: {
      ...eslintPlugin.configs.tests.rules,
      'eslint-plugin/require-test-error-positions': 'error',
      'eslint-plugin/unique-test-case-names': 'error',
      'eslint-plugin/no-only-tests': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
