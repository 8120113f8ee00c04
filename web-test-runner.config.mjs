// Element, client and unit tests in real headless Chromium.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { requireChrome, CHROME_ARGS } from './scripts/chrome-path.mjs';
import { simulatedCoordinatorPlugin } from './server/wtr-plugin.mjs';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { xssBeacons } from './test/support/xss-beacons.mjs';

const executablePath = requireChrome();

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One page at a time: background tabs get no animation frames or ResizeObserver callbacks,
  // which the virtualized timeline and the clamped cards need.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 20_000 } },
  // Every test page loads the shared browser-test setup before mocha (see the module).
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script type="module" src="/test/support/browser-setup.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter(), countReporter()],
  // The XSS corpus's payloads ask for /__xss-beacon/<id>: recorded here (test/support/xss-corpus.ts).
  middleware: [xssBeacons()],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    simulatedCoordinatorPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROME_ARGS },
    }),
  ],
};
