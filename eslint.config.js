// ESLint flat config: typescript-eslint and eslint-plugin-lit recommended rules over the whole repo,
// and the layering of src/ (docs/architecture.md): each folder imports only from the folders below
// it, no import cycles, and nothing in the library imports test, story, benchmark or server code.
// Formatting is Prettier's job (npm run lint runs both); template types are lit-analyzer's.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ from the bottom up, each with the folders it may import from (besides itself).
 * Entries (src/*.ts, src/react/, src/locales/) sit on top and may import any of them.
 */
export const LAYERS = {
  types: [],
  model: ['types'],
  client: ['types', 'model'],
  i18n: ['types'],
  controllers: ['types', 'model', 'client', 'i18n'],
  pieces: ['types', 'model', 'client', 'i18n', 'controllers'],
  components: ['types', 'model', 'client', 'i18n', 'controllers', 'pieces'],
};
const ENTRIES = ['./src/*.ts', './src/react/**', './src/locales/**'];
const NOT_LIBRARY = ['test', 'stories', 'bench', 'server', 'demo', 'examples', 'scripts'].map((dir) => `./${dir}/**`);

const layerZones = Object.entries(LAYERS).map(([layer, allowed]) => ({
  target: `./src/${layer}/**`,
  from: [
    ...Object.keys(LAYERS)
      .filter((other) => other !== layer && !allowed.includes(other))
      .map((other) => `./src/${other}/**`),
    ...ENTRIES,
  ],
  message: `src/${layer} may import only from ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'itself'} (docs/architecture.md).`,
}));

/** The layering rules (exported for test/node/layering.test.mjs). */
export const layering = {
  // Layering of the library's own code (tests beside it may reach anything).
  files: ['src/**/*.ts'],
  ignores: ['src/**/*.test.ts'],
  plugins: { 'import-x': importX },
  settings: {
    // How to read the TypeScript files an import leads to (no-cycle follows them).
    'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
    'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
    'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
  },
  rules: {
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: [
          ...layerZones,
          {
            target: './src/**',
            from: NOT_LIBRARY,
            message: 'The library does not import test, story, benchmark, demo or server code.',
          },
        ],
      },
    ],
    'import-x/no-cycle': ['error', { ignoreExternal: true }],
  },
};

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
  layering,
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
