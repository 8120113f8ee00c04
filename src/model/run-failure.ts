/**
 * Why a run failed, from what a client holds, so that the timeline's run header and the chat's
 * answer give the same reason, live and after a reload:
 *
 * 1. the `run_failed` message (docs/protocol.md §7), kept on the session as `lastRunFailure`: it is
 *    only ever live, so a reload loses it;
 * 2. the session's own last error (`Session.lastError`), for a coordinator that keeps one;
 * 3. the run's last failing event that says why (a tool's or hook's `error`), which history keeps.
 *
 * The first two describe the session's latest failure, so they apply to its last run only (or to the
 * run whose id the `run_failed` names).
 */
import type { Run, Session } from '../types/model.js';

type SessionLike = Pick<Session, 'lastRunFailure' | 'lastError'> | null | undefined;

export interface FailureOptions {
  /** The run is the session's last one. */
  last: boolean;
  /** The run's id, when the caller knows it (the chat knows the runs it started). */
  runId?: string | null;
}

const filled = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim() !== '';

/** The reason a failed run failed, or null when nothing says (or the run did not fail). */
export function runFailureReason(run: Run, session: SessionLike, options: FailureOptions): string | null {
  if (run.outcome !== 'failed') return null;
  const failure = session?.lastRunFailure ?? null;
  // Both ids known: they decide; otherwise the session's latest failure is its last run's.
  const applies = failure && (options.runId && failure.runId ? failure.runId === options.runId : options.last);
  if (applies && filled(failure.error)) return failure.error;
  if (options.last && filled(session?.lastError)) return session.lastError;
  return lastEventError(run);
}

/** The `error` of the run's last failing event that has one (a tool, a hook), else null. */
export function lastEventError(run: Pick<Run, 'events'>): string | null {
  for (let i = run.events.length - 1; i >= 0; i--) {
    const event = run.events[i];
    if (event.failed && filled(event.error)) return event.error;
  }
  return null;
}
