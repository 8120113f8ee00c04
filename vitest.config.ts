// Story tests: every story in stories/ renders (and runs its play function and an axe check)
// in headless Chromium through @storybook/addon-vitest. `npm run test:stories`.
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
// @ts-expect-error plain ESM helper without type declarations
import { findChrome, CHROME_ARGS, NO_CHROME_MESSAGE } from './scripts/chrome-path.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const executablePath: string | undefined = findChrome();
if (!executablePath) throw new Error(NO_CHROME_MESSAGE);

export default defineConfig({
  // A git worktree may link node_modules from another checkout: Vite serves files only inside the
  // allowed folders, and the addon's setup file is loaded by its real path.
  server: { fs: { allow: [root, realpathSync(join(root, 'node_modules'))] } },
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: join(root, '.storybook') })],
        test: {
          name: 'storybook',
          // The machine is shared with other browser test runs: be patient, stay deterministic.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath, args: CHROME_ARGS } }),
            instances: [{ browser: 'chromium' }],
            // One page; stories already run one after another within a file.
            fileParallelism: false,
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
