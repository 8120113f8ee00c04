/**
 * The captures of test/fixtures for the stories: Vite imports their text (a story module needs the
 * data when it loads); test/support/fixtures.ts parses them, as it does for the browser tests.
 */
import { historyEventsOf, parseSse } from '../../test/support/fixtures.js';
import currentTwoRunsText from '../../test/fixtures/current-two-runs.sse?raw';
import edgeCasesText from '../../test/fixtures/edge-cases.sse?raw';
import preRenameRunText from '../../test/fixtures/pre-rename-run.sse?raw';
import legacyHistoryText from '../../test/fixtures/legacy-history.json?raw';

export const fixtures = {
  /** Later release, one session, two runs (start + resume), then stopped. */
  currentTwoRuns: parseSse(currentTwoRunsText),
  /** A failed run, a stopped run, and a completed run followed by a partial update. */
  edgeCases: parseSse(edgeCasesText),
  /** A rename-era coordinator: `finished` for resumable, no `result` events. */
  preRenameRun: parseSse(preRenameRunText),
  /** History rows written before the rename: `session_start` / `session_stop`. */
  legacyHistory: historyEventsOf(legacyHistoryText),
};
