/**
 * Runs derived from a session's events. Events carry no run id: a run opens at `run_start` (or the
 * old `session_start`; types are already normalized) and closes at `run_completed` (or
 * `session_stop`). A failed or stopped run sends no completion, so the last open run is closed by
 * the session status instead.
 */
import type { CoordinatorEvent, Run, RunOutcome, Session } from '../types/model.js';

type SessionLike = Pick<Session, 'status' | 'lastRunFailure'> | null | undefined;

const STILL_RUNNING = new Set(['pending', 'running', 'stopping']);

interface Draft {
  run: Run;
  /** Opened by something other than `run_start` (events before it, a run-start hook). */
  implicit: boolean;
  closed: boolean;
  preTools: number;
  postTools: number;
}

function isRunStartHook(event: CoordinatorEvent): boolean {
  return event.type.startsWith('hook_') && (event.toolName ?? '').startsWith('hook:on_run_start');
}

function finite(time: number): number | null {
  return Number.isFinite(time) ? time : null;
}

/**
 * `events` must be in order (as the event store keeps them). `session` closes the last open run:
 * still pending/running/stopping → `running`; `failed` → failed; `stopped` → stopped; otherwise
 * (idle/finished without a completion marker yet) failed if a `run_failed` was seen, still running
 * if the run holds nothing but its start, else completed. Without a session the run stays running.
 * An earlier run cut short by a later `run_start` without a completion marker is `stopped` when its
 * last event did not fail, `failed` when it did (the stream does not say which).
 */
export function deriveRuns(events: readonly CoordinatorEvent[], session?: SessionLike): Run[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;

  const open = (event: CoordinatorEvent, implicit: boolean): Draft => {
    const index = drafts.length + 1;
    const draft: Draft = {
      run: {
        index,
        kind: index === 1 ? 'start' : 'resume',
        sessionId: event.sessionId,
        startTime: finite(event.time),
        endTime: null,
        durationMs: null,
        toolCount: 0,
        errorCount: 0,
        outcome: 'running',
        exitCode: null,
        reason: null,
        events: [],
      },
      implicit,
      closed: false,
      preTools: 0,
      postTools: 0,
    };
    drafts.push(draft);
    return draft;
  };

  for (const event of events) {
    if (event.type === 'run_start') {
      if (current && !current.closed && current.implicit) {
        // The run opened by earlier events (or a start hook) is the one this marker starts.
        current.implicit = false;
        current.run.startTime ??= finite(event.time);
      } else {
        if (current && !current.closed) interrupt(current);
        current = open(event, false);
      }
    } else if (!current || (current.closed && isRunStartHook(event))) {
      current = open(event, true);
    }
    add(current, event);
    if (event.type === 'run_completed' && !current.closed) {
      current.closed = true;
      current.run.endTime = finite(event.time);
      current.run.exitCode = event.exitCode;
      current.run.reason = event.reason;
      current.run.outcome = event.failed ? 'failed' : 'completed';
    }
  }

  if (current && !current.closed) closeByStatus(current, session);
  return drafts.map(({ run }) => {
    if (run.startTime !== null && run.endTime !== null) run.durationMs = Math.max(0, run.endTime - run.startTime);
    return run;
  });
}

function add(draft: Draft, event: CoordinatorEvent): void {
  draft.run.events.push(event);
  if (event.type === 'pre_tool') draft.preTools++;
  if (event.type === 'post_tool') draft.postTools++;
  // A tool call may show up as pre_tool, post_tool or both: count calls, not both halves.
  draft.run.toolCount = Math.max(draft.preTools, draft.postTools);
  if (event.failed) draft.run.errorCount++;
}

function lastTime(draft: Draft): number | null {
  for (let i = draft.run.events.length - 1; i >= 0; i--) {
    const t = finite(draft.run.events[i].time);
    if (t !== null) return t;
  }
  return null;
}

function interrupt(draft: Draft): void {
  draft.closed = true;
  draft.run.endTime = lastTime(draft);
  const last = draft.run.events[draft.run.events.length - 1];
  draft.run.outcome = last?.failed ? 'failed' : 'stopped';
}

function closeByStatus(draft: Draft, session: SessionLike): void {
  const status = session?.status;
  if (!status || STILL_RUNNING.has(status)) return;
  let outcome: RunOutcome;
  if (status === 'failed') outcome = 'failed';
  else if (status === 'stopped') outcome = 'stopped';
  else if (session?.lastRunFailure) outcome = 'failed';
  // Only its start so far: the `idle`/`finished` is the previous turn's (the rename-era server
  // sends a resume's `run_start` before `session_updated(running)`).
  else if (draft.run.events.every((e) => e.type === 'run_start' || e.type.startsWith('hook_'))) return;
  else outcome = 'completed';
  draft.closed = true;
  draft.run.outcome = outcome;
  draft.run.endTime = lastTime(draft);
}
