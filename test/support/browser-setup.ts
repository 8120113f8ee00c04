/**
 * Loaded before the test framework on every web-test-runner page (web-test-runner.config.mjs,
 * `testRunnerHtml`). Mocha's globals need no shim: @types/mocha types them (tsconfig.json `types`).
 *
 * "ResizeObserver loop completed with undelivered notifications" is a benign browser report that
 * @lit-labs/virtualizer triggers when rows it adds during a resize callback get their first
 * observation in the same frame (nothing is lost: they are measured next frame). Mocha would count
 * it as a test failure, so it alone is swallowed; every other error still fails the test.
 */
window.addEventListener(
  'error',
  (e) => {
    if (/ResizeObserver loop/.test(e.message)) {
      e.stopImmediatePropagation();
      e.preventDefault();
    }
  },
  true,
);

export {};
