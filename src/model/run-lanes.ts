/**
 * Runs of many sessions at once, for swimlanes: per session, its runs as blocks on a time axis
 * (start, end, outcome, counts, prompt) without keeping its events, so a thousand lanes cost a few
 * numbers each.
 *
 * The rules are those of `RunTracker` (`runs.ts`), folded event by event: a run opens at
 * `run_start` (old name `session_start`, already normalized) and closes at `run_completed`
 * (`session_stop`); events before any start open a run of their own; a run cut short by the next
 * start is `stopped` (`failed` when its last event failed); the last open run is closed by the
 * session status (failed and stopped runs send no completion marker, docs/protocol.md §7).
 *
 * A lane is fed by its history (`GET /sessions/{id}/events`, when someone fetched it) and by live
 * events. Live events that arrive before the history are kept (bounded) and merged after it: the
 * history covers everything up to its last event's time, live events after that are added
 * (protocol.md §10). Until its history is read, a lane shows what the stream told (`loaded: false`).
 */
import type { CoordinatorEvent, RunOutcome, Session } from '../types/model.js';
import { busyStateOf } from './busy.js';
import { activityCategoryOf, oneLineTitle } from './session-activity.js';

/** One run of a session, as a block on a time axis. */
export interface LaneRun {
  sessionId: string;
  /** 1 for the run that started the session, 2+ for resumes (counted from what is known). */
  index: number;
  kind: 'start' | 'resume';
  /** Epoch ms; null when no event of it had a readable time. */
  start: number | null;
  /** Epoch ms of its last event once it ended; null while it runs. */
  end: number | null;
  outcome: RunOutcome;
  toolCount: number;
  errorCount: number;
  /** Its first user prompt, one line; null when none was seen. */
  prompt: string | null;
}

/** The events a fold needs (a normalized event has them all). */
export type LaneEvent = Pick<CoordinatorEvent, 'type' | 'time' | 'failed' | 'category' | 'role' | 'text' | 'toolName'>;

type SessionLike = Pick<Session, 'status' | 'lastRunFailure'> | null | undefined;

interface Draft {
  run: LaneRun;
  implicit: boolean;
  closed: boolean;
  preTools: number;
  postTools: number;
  /** Last readable event time, and whether its last event failed. */
  last: number | null;
  lastFailed: boolean;
  /** Only its start marker and hooks so far. */
  bare: boolean;
}

const finite = (t: number): number | null => (Number.isFinite(t) ? t : null);

function isRunStartHook(event: LaneEvent): boolean {
  return event.type.startsWith('hook_') && (event.toolName ?? '').startsWith('hook:on_run_start');
}

/** The runs of one session, event by event (see the module comment). */
export class RunFold {
  readonly sessionId: string;
  #drafts: Draft[] = [];
  /** Bumped by every change: a view compares it to know whether to draw the lane again. */
  version = 0;

  constructor(sessionId: string) {
    this.sessionId = sessionId;
  }

  get size(): number {
    return this.#drafts.length;
  }

  reset(): void {
    this.#drafts = [];
    this.version++;
  }

  add(event: LaneEvent): void {
    this.version++;
    const drafts = this.#drafts;
    let current = drafts.at(-1);
    if (event.type === 'run_start') {
      if (current && !current.closed && current.implicit) {
        current.implicit = false;
        current.run.start ??= finite(event.time);
      } else {
        if (current && !current.closed) {
          current.closed = true;
          current.run.end = current.last;
          current.run.outcome = current.lastFailed ? 'failed' : 'stopped';
        }
        current = this.#open(event, false);
      }
    } else if (!current || (current.closed && isRunStartHook(event))) {
      current = this.#open(event, true);
    }
    const run = current.run;
    const time = finite(event.time);
    if (time !== null) current.last = time;
    current.lastFailed = event.failed;
    if (event.type !== 'run_start' && !event.type.startsWith('hook_')) current.bare = false;
    if (event.type === 'pre_tool') current.preTools++;
    if (event.type === 'post_tool') current.postTools++;
    run.toolCount = Math.max(current.preTools, current.postTools);
    if (event.failed) run.errorCount++;
    if (run.prompt === null && event.type === 'message' && event.role === 'user') run.prompt = oneLineTitle(event.text);
    if (event.type === 'run_completed' && !current.closed) {
      current.closed = true;
      run.end = time;
      run.outcome = event.failed ? 'failed' : 'completed';
    }
  }

  /**
   * The runs, the last open one closed by `session`'s status: busy → running; `stopped` →
   * stopped; `failed` (or a recorded run failure) → failed; idle/finished → completed, unless the
   * run holds nothing but its start (the status is the previous turn's). Objects are new each call.
   */
  runs(session?: SessionLike): LaneRun[] {
    return this.#drafts.map((d) => {
      const run = { ...d.run };
      if (!d.closed) closeByStatus(run, d, session);
      return run;
    });
  }

  #open(event: LaneEvent, implicit: boolean): Draft {
    const index = this.#drafts.length + 1;
    const draft: Draft = {
      run: {
        sessionId: this.sessionId,
        index,
        kind: index === 1 ? 'start' : 'resume',
        start: finite(event.time),
        end: null,
        outcome: 'running',
        toolCount: 0,
        errorCount: 0,
        prompt: null,
      },
      implicit,
      closed: false,
      preTools: 0,
      postTools: 0,
      last: null,
      lastFailed: false,
      bare: true,
    };
    this.#drafts.push(draft);
    return draft;
  }
}

function closeByStatus(run: LaneRun, draft: Draft, session: SessionLike): void {
  const status = session?.status;
  if (!status || busyStateOf(status) === 'busy') return;
  const outcome: RunOutcome =
    status === 'stopped' ? 'stopped' : status === 'failed' || session!.lastRunFailure ? 'failed' : 'completed';
  if (outcome === 'completed' && draft.bare) return;
  run.outcome = outcome;
  run.end = draft.last;
}

/** Live events kept per lane while its history is not read (beyond: the oldest go). */
export const PENDING_LIMIT = 1000;

export type HistoryState = 'none' | 'loaded' | 'failed';

export interface Lane {
  sessionId: string;
  fold: RunFold;
  history: HistoryState;
  /** Live events that arrived before the history was read. */
  pending: LaneEvent[];
  /** Some of `pending` were dropped (more than `PENDING_LIMIT`). */
  lossy: boolean;
  /** Latest event time counted in the activity for this lane. */
  last: number;
  /**
   * After a reconnect: events up to this time were counted already (the history read again
   * counts only those after it); -Infinity when nothing was read before.
   */
  countedTo: number;
}

/** Categories of the activity strip (failed events of any type are errors); other events are not drawn. */
export type StripCategory = 'tool' | 'message' | 'error';
export const STRIP_CATEGORIES: readonly StripCategory[] = ['tool', 'message', 'error'];

const STRIP_SLOT: Record<string, number> = { tool: 0, message: 1, error: 2 };

/**
 * Events per time bucket over all sessions, by category, at three resolutions (second, minute,
 * hour), so any zoom reads at most a few hundred counters per bucket drawn.
 */
export class ActivityBuckets {
  static readonly RESOLUTIONS = [1000, 60_000, 3_600_000] as const;
  #maps = ActivityBuckets.RESOLUTIONS.map(() => new Map<number, Int32Array>());
  version = 0;

  add(event: Pick<LaneEvent, 'time' | 'failed' | 'category'>, delta = 1): void {
    const slot = STRIP_SLOT[activityCategoryOf(event)];
    if (slot === undefined || !Number.isFinite(event.time)) return;
    this.version++;
    ActivityBuckets.RESOLUTIONS.forEach((res, r) => {
      const key = Math.floor(event.time / res);
      const map = this.#maps[r];
      let counts = map.get(key);
      if (!counts) map.set(key, (counts = new Int32Array(3)));
      counts[slot] += delta;
    });
  }

  clear(): void {
    for (const map of this.#maps) map.clear();
    this.version++;
  }

  /**
   * Counts per bucket of `bucketMs` from `start` (rounded down to a bucket) to `end`, by
   * category. `bucketMs` is best a multiple of a resolution; the finest resolution that divides
   * it is read.
   */
  histogram(
    start: number,
    end: number,
    bucketMs: number,
  ): { start: number; bucketMs: number; counts: Record<StripCategory, number[]> } {
    const first = Math.floor(start / bucketMs);
    const n = Math.max(0, Math.ceil(end / bucketMs) - first);
    const counts: Record<StripCategory, number[]> = {
      tool: new Array(n).fill(0),
      message: new Array(n).fill(0),
      error: new Array(n).fill(0),
    };
    let r = ActivityBuckets.RESOLUTIONS.length - 1;
    while (r > 0 && bucketMs % ActivityBuckets.RESOLUTIONS[r] !== 0) r--;
    const res = ActivityBuckets.RESOLUTIONS[r];
    const map = this.#maps[r];
    const from = Math.floor((first * bucketMs) / res);
    const to = Math.ceil(((first + n) * bucketMs) / res);
    const add = (key: number, c: Int32Array) => {
      const b = Math.floor((key * res) / bucketMs) - first;
      if (b < 0 || b >= n) return;
      counts.tool[b] += c[0];
      counts.message[b] += c[1];
      counts.error[b] += c[2];
    };
    // Few stored keys (a quiet coordinator) or a narrow range: whichever walk is shorter.
    if (to - from < map.size) {
      for (let key = from; key < to; key++) {
        const c = map.get(key);
        if (c) add(key, c);
      }
    } else for (const [key, c] of map) if (key >= from && key < to) add(key, c);
    return { start: first * bucketMs, bucketMs, counts };
  }
}

/**
 * Every session's lane: runs folded from history and live events, and the activity of them all.
 */
export class RunLanes {
  #lanes = new Map<string, Lane>();
  readonly activity = new ActivityBuckets();
  /** The earliest readable event time of any lane (Infinity while there is none). */
  first = Infinity;

  get(sessionId: string): Lane | undefined {
    return this.#lanes.get(sessionId);
  }

  #lane(sessionId: string): Lane {
    let lane = this.#lanes.get(sessionId);
    if (!lane) {
      lane = {
        sessionId,
        fold: new RunFold(sessionId),
        history: 'none',
        pending: [],
        lossy: false,
        last: -Infinity,
        countedTo: -Infinity,
      };
      this.#lanes.set(sessionId, lane);
    }
    return lane;
  }

  /**
   * A session whose every event will come live (created while followed, or a page's own session):
   * nothing to read, its lane is whole as it is.
   */
  followed(sessionId: string): void {
    const lane = this.#lane(sessionId);
    if (lane.history === 'none' && lane.fold.size === 0) {
      lane.history = 'loaded';
      lane.fold.version++;
    }
  }

  /** Whether the lane's history is still to be read. */
  needsHistory(sessionId: string): boolean {
    return (this.#lanes.get(sessionId)?.history ?? 'none') !== 'loaded';
  }

  /** A live event (normalized). */
  live(event: LaneEvent & { sessionId: string }): void {
    const lane = this.#lane(event.sessionId);
    this.activity.add(event);
    if (event.time > lane.last) lane.last = event.time;
    if (event.time < this.first) this.first = event.time;
    lane.fold.add(event);
    if (lane.history === 'loaded') return;
    // A copy of what a fold reads: a lane waiting for its history must not hold whole events.
    lane.pending.push({
      type: event.type,
      time: event.time,
      failed: event.failed,
      category: event.category,
      role: event.role,
      text: event.type === 'message' && event.role === 'user' ? event.text : null,
      toolName: event.type.startsWith('hook_') ? event.toolName : null,
    });
    if (lane.pending.length > PENDING_LIMIT) {
      lane.pending.shift();
      lane.lossy = true;
    }
  }

  /**
   * A session's history (normalized, in order). Its runs are folded anew: the history, then the
   * live events that came after its last event. A second history of a lane read already is
   * ignored (the live events since the first one are in it).
   */
  history(sessionId: string, events: readonly LaneEvent[]): void {
    const lane = this.#lane(sessionId);
    if (lane.history === 'loaded') return;
    let end = -Infinity;
    for (const e of events) {
      if (!Number.isFinite(e.time)) continue;
      end = Math.max(end, e.time);
      if (e.time < this.first) this.first = e.time;
    }
    // Live copies of history events were counted on arrival: the history's count replaces them.
    // Read again after a reconnect, only what came after the first reading is new to the strip.
    for (const e of lane.pending) if (!(e.time > end) && e.time > lane.countedTo) this.activity.add(e, -1);
    for (const e of events) if (!(e.time <= lane.countedTo)) this.activity.add(e);
    if (end > lane.last) lane.last = end;
    lane.countedTo = -Infinity;
    lane.fold.reset();
    for (const e of events) lane.fold.add(e);
    for (const e of lane.pending) if (e.time > end) lane.fold.add(e);
    lane.pending = [];
    lane.history = 'loaded';
  }

  /** The history could not be read: the lane keeps what the stream told. */
  failed(sessionId: string): void {
    const lane = this.#lane(sessionId);
    if (lane.history === 'none') {
      lane.history = 'failed';
      lane.fold.version++;
    }
  }

  /** A session was deleted. */
  delete(sessionId: string): void {
    this.#lanes.delete(sessionId);
  }

  /**
   * The stream was away (a reconnect): every lane may miss what was broadcast meanwhile, and is to
   * be read again. Until then it keeps the runs it had (and grows with live events), so nothing
   * shown goes away while the history is fetched.
   */
  resync(): void {
    for (const lane of this.#lanes.values()) {
      if (lane.history === 'loaded') {
        lane.countedTo = lane.last;
        lane.pending = [];
        lane.lossy = false;
      }
      lane.history = 'none';
      lane.fold.version++;
    }
  }
}
