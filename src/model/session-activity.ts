/**
 * What is known of every session of a stream without keeping its events: the title (its first user
 * prompt), how many runs and errors it had, when its current or last run started and ended, and how
 * many events arrived per minute, by category (tools, messages, errors, other). A session list, a
 * lane label or an activity strip read it for thousands of sessions; only watched sessions keep
 * their events (`EventStore`).
 *
 * Fed with live events and session messages as they arrive (bucketed by arrival time: executors'
 * clocks are not to be trusted, and "the last 15 minutes" is the viewer's), and with a session's
 * history when someone fetched it (title, counts). Counts merge the two by event time: history
 * covers its events up to its last one, live events after that are added (docs/protocol.md §10).
 * A history of 100 events may be cut (§14), and a reconnect may have lost live events (§6): counts
 * are then marked as lower bounds (`atLeast`).
 */
import type { CoordinatorEvent, Session } from '../types/model.js';
import { busyStateOf } from './busy.js';
import { HISTORY_LIMIT } from './event-store.js';
import { deriveRuns } from './runs.js';

/** The categories of an activity histogram: failed events of any type count as errors. */
export type ActivityCategory = 'tool' | 'message' | 'error' | 'other';
export const ACTIVITY_CATEGORIES: readonly ActivityCategory[] = ['tool', 'message', 'error', 'other'];

/** Longest title kept (characters); the element shows one line with an ellipsis anyway. */
export const TITLE_LIMIT = 200;

/** A session's summary at one moment; a new object after every change (compare by identity). */
export interface SessionActivity {
  sessionId: string;
  /** The session's first user prompt, one line; null until known. */
  title: string | null;
  /** The title is the first prompt for sure (from history, or the session was followed from its start). */
  titleFinal: boolean;
  /** Its history was read (or was not needed: the session was followed from its start). */
  historyLoaded: boolean;
  /** Runs begun (`run_start`). */
  runs: number;
  /** Failed events (tool errors, failed hooks, non-zero exits) and failed runs. */
  errors: number;
  /** `runs` and `errors` may miss some: the history was cut at 100 events, or events were lost in a reconnect. */
  atLeast: boolean;
  /** Epoch ms of the last thing that happened (an event, a status change; else the session's times). */
  lastActivity: number | null;
  /** Events seen live. */
  liveEvents: number;
}

/** Counts per time bucket, oldest first; `total` is their sum. */
export interface ActivityHistogram {
  bucketMs: number;
  /** Start (epoch ms) of the first bucket. */
  start: number;
  counts: Record<ActivityCategory, number[]>;
  total: number[];
}

/** A run's start and end (epoch ms; `end` null while it runs). */
export interface RunTiming {
  start: number;
  end: number | null;
}

export interface ActivityOptions {
  /** Width of a histogram bucket (ms), default one minute. */
  bucketMs?: number;
  /** Buckets kept per session, default 60 (an hour of minutes). */
  buckets?: number;
}

/** At most this many live run starts and errors are remembered per session (for merging history). */
const NOTABLE_LIMIT = 256;

interface Rec {
  id: string;
  /** Followed live from its `session_created`, without a gap since: live counts are whole. */
  fromStart: boolean;
  title: string | null;
  titleFinal: boolean;
  historyLoaded: boolean;
  /** History as read: counts up to its last event's time. */
  history: {
    runs: number;
    errors: number;
    end: number;
    cut: boolean;
    lastRun: RunTiming | null;
    readAt: number;
  } | null;
  /** Event times (executor clock) of live run starts and failed events, newest last. */
  liveRunTimes: number[];
  liveErrorTimes: number[];
  /** Some live events were not remembered (a gap, or more than `NOTABLE_LIMIT`). */
  liveLossy: boolean;
  /** Arrival times (client clock) of `run_failed` messages. */
  runFailures: number[];
  /** The current or last run as seen live (arrival clock). */
  liveRun: RunTiming | null;
  lastActivity: number | null;
  liveEvents: number;
  /** Histogram: 4 counters per slot, and the bucket number each slot holds. */
  counts: Uint32Array | null;
  stamps: Float64Array | null;
  snapshot: SessionActivity | null;
}

/** One line of at most `TITLE_LIMIT` characters: whitespace runs become one space, control and bidi characters go. */
export function oneLineTitle(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  // C0/C1 controls, and the bidi embeddings, overrides and isolates that could reorder what a row shows.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
  const line = clean.replace(/\s+/g, ' ').trim();
  if (!line) return null;
  return line.length > TITLE_LIMIT ? `${line.slice(0, TITLE_LIMIT - 1)}…` : line;
}

/** The first user prompt among `events` (in order), one line. */
export function firstPromptOf(events: readonly CoordinatorEvent[]): string | null {
  for (const event of events) {
    if (event.type === 'message' && event.role === 'user') {
      const title = oneLineTitle(event.text);
      if (title) return title;
    }
  }
  return null;
}

export function activityCategoryOf(event: Pick<CoordinatorEvent, 'failed' | 'category'>): ActivityCategory {
  if (event.failed) return 'error';
  if (event.category === 'tool') return 'tool';
  return event.category === 'message' || event.category === 'result' ? 'message' : 'other';
}

const CATEGORY_SLOT: Record<ActivityCategory, number> = { tool: 0, message: 1, error: 2, other: 3 };

const times = new WeakMap<Session, { created: number; resumed: number }>();

/** A session's creation and last resume (epoch ms, -Infinity when unknown), cached per session object (they are replaced, never changed). */
export function sessionTimes(s: Session): { created: number; resumed: number } {
  let t = times.get(s);
  if (!t) {
    const created = s.createdAt ? Date.parse(s.createdAt) : NaN;
    const resumed = s.lastResumedAt ? Date.parse(s.lastResumedAt) : NaN;
    t = {
      created: Number.isFinite(created) ? created : -Infinity,
      resumed: Number.isFinite(resumed) ? resumed : -Infinity,
    };
    times.set(s, t);
  }
  return t;
}

/** The later of a session's creation and its last resume (epoch ms), or null. */
export function sessionStartTime(s: Session): number | null {
  const t = sessionTimes(s);
  const latest = Math.max(t.created, t.resumed);
  return latest === -Infinity ? null : latest;
}

function pushBounded(list: number[], value: number): boolean {
  list.push(value);
  if (list.length <= NOTABLE_LIMIT) return false;
  list.shift();
  return true;
}

export class SessionActivityTracker {
  readonly bucketMs: number;
  readonly bucketCount: number;
  #recs = new Map<string, Rec>();
  /** Sessions followed from their creation that nothing happened to yet (no record made for them). */
  #followed = new Set<string>();

  constructor(options: ActivityOptions = {}) {
    this.bucketMs = Math.max(1, options.bucketMs ?? 60_000);
    this.bucketCount = Math.max(1, Math.floor(options.buckets ?? 60));
  }

  /** The summary of a session, or null when nothing is known of it beyond its session object. */
  get(sessionId: string): SessionActivity | null {
    const rec = this.#recs.get(sessionId) ?? (this.#followed.has(sessionId) ? this.#rec(sessionId) : undefined);
    if (!rec) return null;
    return (rec.snapshot ??= {
      sessionId,
      title: rec.title,
      titleFinal: rec.titleFinal,
      historyLoaded: rec.historyLoaded || rec.fromStart,
      ...this.#counts(rec),
      lastActivity: rec.lastActivity,
      liveEvents: rec.liveEvents,
    });
  }

  /** Whether a session's history would tell more (title, counts) than the stream did. */
  needsHistory(sessionId: string): boolean {
    const rec = this.#recs.get(sessionId);
    return rec ? !(rec.historyLoaded || rec.fromStart) : !this.#followed.has(sessionId);
  }

  /**
   * A session was created while the stream was open (`now`: when; without it, its own time counts
   * as its last activity): from now on it is followed from its start.
   */
  created(sessionId: string, now?: number): void {
    const rec = this.#recs.get(sessionId);
    if (!rec) {
      // Most sessions of a big list never do anything more: a record only when something happens.
      this.#followed.add(sessionId);
      if (now !== undefined) this.#touch(this.#rec(sessionId), now);
      return;
    }
    if (!rec.historyLoaded && rec.liveEvents === 0) {
      rec.fromStart = true;
      rec.titleFinal = rec.titleFinal || rec.title !== null;
    }
    if (now !== undefined) this.#touch(rec, now);
  }

  /** A session changed (a `session_updated`): its status closes or opens the run seen live. */
  updated(session: Session, previous: Session | null, now: number): void {
    const rec = this.#rec(session.sessionId);
    const busy = busyStateOf(session.status) === 'busy';
    const wasBusy = previous ? busyStateOf(previous.status) === 'busy' : false;
    if (busy && !wasBusy && (!rec.liveRun || rec.liveRun.end !== null)) rec.liveRun = { start: now, end: null };
    if (!busy && rec.liveRun && rec.liveRun.end === null) rec.liveRun = { ...rec.liveRun, end: now };
    this.#touch(rec, now);
  }

  /** A `run_failed` arrived for the session. */
  runFailed(sessionId: string, now: number): void {
    const rec = this.#rec(sessionId);
    if (pushBounded(rec.runFailures, now)) rec.liveLossy = true;
    this.#touch(rec, now);
  }

  /** A session was deleted: forget it. */
  deleted(sessionId: string): void {
    this.#recs.delete(sessionId);
    this.#followed.delete(sessionId);
  }

  /** A live event of a session (normalized), arrived at `now`. */
  event(event: CoordinatorEvent, now: number): void {
    const rec = this.#rec(event.sessionId);
    rec.liveEvents++;
    this.#count(rec, activityCategoryOf(event), now);
    // Unparsable times sort after any history, like the newest events.
    const time = Number.isFinite(event.time) ? event.time : Infinity;
    if (event.type === 'run_start') {
      if (pushBounded(rec.liveRunTimes, time)) rec.liveLossy = true;
      // The status may have opened this run a moment ago (docs/protocol.md §12: either order).
      if (!rec.liveRun || rec.liveRun.end !== null) rec.liveRun = { start: now, end: null };
    }
    if (event.failed && pushBounded(rec.liveErrorTimes, time)) rec.liveLossy = true;
    if (event.type === 'run_completed' && rec.liveRun && rec.liveRun.end === null) {
      rec.liveRun = { ...rec.liveRun, end: now };
    }
    if (!rec.titleFinal && event.type === 'message' && event.role === 'user') {
      const title = oneLineTitle(event.text);
      if (title) {
        // Followed from its start, the first prompt seen is the first prompt; otherwise it stands
        // in until the history tells the first one.
        if (rec.fromStart || rec.title === null) rec.title = title;
        rec.titleFinal = rec.fromStart;
      }
    }
    this.#touch(rec, now);
  }

  /**
   * A session's history (normalized, in order, as `GET /sessions/{id}/events` gave it): the title,
   * and the counts up to its last event. `now` bounds its times (an executor's clock may be ahead).
   */
  history(sessionId: string, events: readonly CoordinatorEvent[], session: Session | null, now: number): void {
    const rec = this.#rec(sessionId);
    const title = firstPromptOf(events);
    if (title) {
      rec.title = title;
      rec.titleFinal = true;
    } else if (events.length < HISTORY_LIMIT && !rec.fromStart) {
      // Its first prompt is not there: the live one that stood in is a later one.
      rec.titleFinal = true;
    }
    let end = -Infinity;
    for (const event of events) if (Number.isFinite(event.time)) end = Math.max(end, event.time);
    const runs = deriveRuns(events, session);
    const last = runs.at(-1);
    const cut = events.length >= HISTORY_LIMIT;
    const failedEvents = events.filter((e) => e.failed).length;
    // A run that failed without a failed event (its status, a `run_failed`) is an error of its own.
    const failedRuns = runs.filter((run) => run.outcome === 'failed' && !run.events.some((e) => e.failed)).length;
    rec.history = {
      runs: runs.filter((run) => run.events.some((e) => e.type === 'run_start')).length,
      errors: failedEvents + failedRuns,
      end,
      cut,
      readAt: now,
      lastRun:
        last && last.startTime !== null && !cut
          ? { start: Math.min(last.startTime, now), end: last.endTime === null ? null : Math.min(last.endTime, now) }
          : null,
    };
    rec.historyLoaded = true;
    if (Number.isFinite(end)) rec.lastActivity = Math.max(rec.lastActivity ?? -Infinity, Math.min(end, now));
    rec.snapshot = null;
  }

  /** The stream was away (a reconnect): what was missed is lost, so live counts are lower bounds now. */
  gap(): void {
    this.#followed.clear();
    for (const rec of this.#recs.values()) {
      if (!rec.fromStart && rec.liveLossy) continue;
      rec.fromStart = false;
      rec.liveLossy = true;
      rec.snapshot = null;
    }
  }

  /** The current or last run: as seen live, else from history, else (running) from the session's times. */
  runTiming(session: Session, now: number = Date.now()): RunTiming | null {
    const rec = this.#recs.get(session.sessionId);
    if (rec?.liveRun) return rec.liveRun;
    if (rec?.history?.lastRun && (rec.history.lastRun.end !== null || busyStateOf(session.status) === 'busy')) {
      return rec.history.lastRun;
    }
    if (busyStateOf(session.status) !== 'busy') return null;
    const start = session.lastResumedAt ? Date.parse(session.lastResumedAt) : Date.parse(session.createdAt ?? '');
    return Number.isFinite(start) ? { start: Math.min(start, now), end: null } : null;
  }

  /** Events per bucket of the `count` buckets up to `now`, by category, oldest first. */
  histogram(sessionId: string, count = 15, now: number = Date.now()): ActivityHistogram {
    const last = Math.floor(now / this.bucketMs);
    const first = last - count + 1;
    const counts = { tool: [], message: [], error: [], other: [] } as Record<ActivityCategory, number[]>;
    const total: number[] = [];
    const rec = this.#recs.get(sessionId);
    for (let bucket = first; bucket <= last; bucket++) {
      const slot = bucket % this.bucketCount;
      const held = rec?.stamps?.[slot] === bucket && last - bucket < this.bucketCount;
      let sum = 0;
      for (const category of ACTIVITY_CATEGORIES) {
        const n = held ? rec!.counts![slot * 4 + CATEGORY_SLOT[category]] : 0;
        counts[category].push(n);
        sum += n;
      }
      total.push(sum);
    }
    return { bucketMs: this.bucketMs, start: first * this.bucketMs, counts, total };
  }

  /** The last activity of a session: its summary's, else its own times (created, resumed). */
  lastActivityOf(session: Session): number | null {
    const own = sessionStartTime(session);
    const seen = this.#recs.get(session.sessionId)?.lastActivity ?? null;
    return seen === null ? own : own === null ? seen : Math.max(seen, own);
  }

  // Internals

  #rec(id: string): Rec {
    let rec = this.#recs.get(id);
    if (!rec) {
      rec = {
        id,
        fromStart: this.#followed.delete(id),
        title: null,
        titleFinal: false,
        historyLoaded: false,
        history: null,
        liveRunTimes: [],
        liveErrorTimes: [],
        liveLossy: false,
        runFailures: [],
        liveRun: null,
        lastActivity: null,
        liveEvents: 0,
        counts: null,
        stamps: null,
        snapshot: null,
      };
      this.#recs.set(id, rec);
    }
    return rec;
  }

  #touch(rec: Rec, now: number): void {
    rec.lastActivity = Math.max(rec.lastActivity ?? -Infinity, now);
    rec.snapshot = null;
  }

  #count(rec: Rec, category: ActivityCategory, now: number): void {
    const bucket = Math.floor(now / this.bucketMs);
    const slot = bucket % this.bucketCount;
    // Allocated at a session's first live event: most sessions of a big list never get one.
    rec.counts ??= new Uint32Array(this.bucketCount * 4);
    rec.stamps ??= new Float64Array(this.bucketCount).fill(-1);
    if (rec.stamps[slot] !== bucket) {
      rec.counts.fill(0, slot * 4, slot * 4 + 4);
      rec.stamps[slot] = bucket;
    }
    rec.counts[slot * 4 + CATEGORY_SLOT[category]]++;
  }

  #counts(rec: Rec): Pick<SessionActivity, 'runs' | 'errors' | 'atLeast'> {
    const h = rec.history;
    const after = (times: number[]) => (h ? times.filter((t) => t > h.end).length : times.length);
    const runs = (h?.runs ?? 0) + after(rec.liveRunTimes);
    // A run failure before the history was read is in it (the session's status says so).
    const runFailures = h ? rec.runFailures.filter((t) => t > h.readAt).length : rec.runFailures.length;
    const errors = (h?.errors ?? 0) + after(rec.liveErrorTimes) + runFailures;
    // Whole when followed from the start, or when an uncut history precedes every live event.
    const whole = rec.fromStart || (h !== null && !h.cut && !rec.liveLossy);
    return { runs, errors, atLeast: !whole };
  }
}
