/**
 * Runs derived from a session's events. Events carry no run id: a run opens at `run_start` (or the
 * old `session_start`; types are already normalized) and closes at `run_completed` (or
 * `session_stop`). A failed or stopped run sends no completion, so the last open run is closed by
 * the session status instead.
 */
import type { CoordinatorEvent, Run, RunOutcome, Session } from '../types/model.js';
import { busyStateOf } from './busy.js';
import { ToolPairing } from './tool-timing.js';

type SessionLike = Pick<Session, 'status' | 'lastRunFailure'> | null | undefined;

interface Draft {
  /** Built up as events arrive; published as a copy. */
  run: Run;
  /** Opened by something other than `run_start` (events before it, a run-start hook). */
  implicit: boolean;
  closed: boolean;
  preTools: number;
  postTools: number;
  /** Pre/post tool pairs and their durations (its map is the run's `toolTimings`: it only grows). */
  pairing: ToolPairing;
  /** The copy last published, while no event changed the draft since. */
  published: Run | null;
}

function isRunStartHook(event: CoordinatorEvent): boolean {
  return event.type.startsWith('hook_') && (event.toolName ?? '').startsWith('hook:on_run_start');
}

function finite(time: number): number | null {
  return Number.isFinite(time) ? time : null;
}

/**
 * Runs of a growing event list, kept up to date event by event: appended events only touch the
 * last run (and open new ones), so a live session costs O(new events) per update, not O(all).
 * Unchanged runs keep their objects between updates; changed ones are new objects.
 */
export class RunTracker {
  /** The last one is the current run. */
  #drafts: Draft[] = [];
  /** Events folded in so far, and the list version they came from. */
  #count = 0;
  #version: number | undefined;

  /**
   * The runs of `events` (see `deriveRuns`). When `version` is the same as at the last call, the
   * caller promises that `events` starts with the events it passed then (only appends since);
   * without one, or with another one, the runs are derived from scratch. `gapAfterLast`: events may
   * be missing after the last one (a gap, docs/protocol.md §14), so a done session closes a run
   * that shows only its start too.
   */
  update(events: readonly CoordinatorEvent[], session?: SessionLike, version?: number, gapAfterLast = false): Run[] {
    if (version === undefined || version !== this.#version || events.length < this.#count) {
      this.#drafts = [];
      this.#count = 0;
      this.#version = version;
    }
    for (; this.#count < events.length; this.#count++) fold(this.#drafts, events[this.#count]);
    return this.#drafts.map((draft) => {
      // An open run depends on the session status, so it is published anew every time.
      if (draft.published) return draft.published;
      const run: Run = { ...draft.run, events: draft.run.events.slice() };
      // Only the last run can still be open.
      if (!draft.closed) closeByStatus(run, session, gapAfterLast);
      if (run.startTime !== null && run.endTime !== null) run.durationMs = Math.max(0, run.endTime - run.startTime);
      draft.published = draft.closed ? run : null;
      return run;
    });
  }
}

/** Opens the next run of `drafts` at `event`. */
function openRun(drafts: Draft[], event: CoordinatorEvent, implicit: boolean): Draft {
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
      toolTimeMs: null,
      toolTimings: new Map(),
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
    pairing: new ToolPairing(),
    published: null,
  };
  draft.run.toolTimings = draft.pairing.timings;
  drafts.push(draft);
  return draft;
}

/** Adds `event` to the current run of `drafts` (opening or closing runs as it says). */
function fold(drafts: Draft[], event: CoordinatorEvent): void {
  let current = drafts.at(-1);
  if (event.type === 'run_start') {
    if (current && !current.closed && current.implicit) {
      // The run opened by earlier events (or a start hook) is the one this marker starts.
      current.implicit = false;
      current.run.startTime ??= finite(event.time);
    } else {
      if (current && !current.closed) interrupt(current);
      current = openRun(drafts, event, false);
    }
  } else if (!current || (current.closed && isRunStartHook(event))) {
    current = openRun(drafts, event, true);
  }
  const run = current.run;
  current.published = null;
  run.events.push(event);
  if (event.type === 'pre_tool') current.preTools++;
  if (event.type === 'post_tool') current.postTools++;
  // A tool call may show up as pre_tool, post_tool or both: count calls, not both halves.
  run.toolCount = Math.max(current.preTools, current.postTools);
  current.pairing.add(event);
  if (current.pairing.timings.size) run.toolTimeMs = current.pairing.totalMs;
  if (event.failed) run.errorCount++;
  if (event.type === 'run_completed' && !current.closed) {
    current.closed = true;
    run.endTime = finite(event.time);
    run.exitCode = event.exitCode;
    run.reason = event.reason;
    run.outcome = event.failed ? 'failed' : 'completed';
  }
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
  return new RunTracker().update(events, session);
}

function lastTime(run: Run): number | null {
  for (let i = run.events.length - 1; i >= 0; i--) {
    const t = finite(run.events[i].time);
    if (t !== null) return t;
  }
  return null;
}

/** Closes the open draft (never published: only closed drafts are) as cut short. */
function interrupt(draft: Draft): void {
  draft.closed = true;
  draft.run.endTime = lastTime(draft.run);
  draft.run.outcome = draft.run.events.at(-1)?.failed ? 'failed' : 'stopped';
}

function closeByStatus(run: Run, session: SessionLike, gapAfterLast: boolean): void {
  const status = session?.status;
  if (!status || busyStateOf(status) === 'busy') return;
  const outcome: RunOutcome =
    status === 'stopped' ? 'stopped' : status === 'failed' || session!.lastRunFailure ? 'failed' : 'completed';
  // Only its start so far: the `idle`/`finished` is the previous turn's (the rename-era server
  // sends a resume's `run_start` before `session_updated(running)`). Unless the rest may lie in a
  // gap: then the status is all there is to go by.
  if (
    outcome === 'completed' &&
    !gapAfterLast &&
    run.events.every((e) => e.type === 'run_start' || e.type.startsWith('hook_'))
  )
    return;
  run.outcome = outcome;
  run.endTime = lastTime(run);
}
