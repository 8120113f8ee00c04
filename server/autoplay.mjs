// Keeps a few sessions going on an instance, for the demo: new sessions, follow-ups, a failing
// run now and then, old-name (session_start/session_stop) executors, and clean-up of old sessions.
import { HttpError } from './http.mjs';

const PROMPTS = [
  'List the files and summarize the project',
  'Find the TODOs in src and explain them',
  'Write a markdown report on the stream parser',
  'Run the lint and tell me why it would fail',
  'Check the unknown hooks and telemetry',
  'Refactor the chat store and run the tests',
];
const FOLLOW_UPS = [
  'Now explain the reconnect logic',
  'Add a table of the files you touched',
  'Summarize that in three bullets',
];
const BUSY = new Set(['pending', 'running', 'stopping']);

/**
 * Starts the demo traffic. Returns `stop()`; it never stops sessions it started, only the loop.
 * @param {import('./instance.mjs').Instance} instance
 * @param {{ intervalMs?: number, maxBusy?: number, keep?: number }} [opts]
 *   intervalMs between actions (default 2500); at most `maxBusy` sessions working at once (default 2);
 *   older finished sessions are deleted beyond `keep` (default 8).
 */
export function startAutoplay(instance, { intervalMs = 2500, maxBusy = 2, keep = 8 } = {}) {
  let tick = 0;
  let starts = 0;
  const act = () => {
    if (instance.closed) return stop();
    tick++;
    const sessions = instance.listSessions();
    const busy = sessions.filter((s) => BUSY.has(String(s.status))).length;
    if (busy >= maxBusy) return;
    // The rename-era server has no `idle`: `finished` is its resumable state.
    const resumableStatus = instance.options.era === 'rename' ? 'finished' : 'idle';
    try {
      const resumable = sessions.filter((s) => s.status === resumableStatus);
      if (tick % 3 === 0 && resumable.length) {
        const target = resumable[resumable.length - 1];
        instance.resumeSession(String(target.session_id), FOLLOW_UPS[tick % FOLLOW_UPS.length]);
      } else {
        // Every third session is driven by an old executor that still sends the old names.
        instance.startScriptedSession({
          prompt: PROMPTS[starts % PROMPTS.length],
          legacyNames: starts % 3 === 1,
          runs: 1 + (starts % 2),
        });
        starts++;
      }
      if (sessions.length >= keep) {
        const oldest = sessions[sessions.length - 1];
        const id = String(oldest.session_id);
        if (BUSY.has(String(oldest.status))) return;
        if (oldest.status === resumableStatus) instance.stopSession(id);
        else instance.deleteSession(id);
      }
    } catch (err) {
      // A session changed state between listing and acting: skip this beat.
      if (!(err instanceof HttpError)) throw err;
    }
  };
  const timer = setInterval(act, intervalMs);
  act();
  function stop() {
    clearInterval(timer);
  }
  return { stop };
}
