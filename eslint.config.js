// ESLint flat config: typescript-eslint and eslint-plugin-lit recommended rules over the whole repo.
// Formatting is Prettier's job (npm run lint runs both); template types are lit-analyzer's.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'storybook-static/',
      'node_modules/',
      'test/fixtures/',
      'coverage/',
      '.test-results/',
      'examples/*/dist/',
      'examples/*/node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', '.storybook/**/*.ts'],
    ...lit.configs['flat/recommended'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Build scripts, the simulated coordinator and Node tests.
    files: ['**/*.{js,mjs,cjs}', '*.config.ts', 'vitest.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Chai assertions are property reads: `expect(x).to.be.true`.
    files: ['**/*.test.ts', '**/*.test.mjs', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    rules: {
      // `_`-prefixed names mark parameters kept for a signature.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
