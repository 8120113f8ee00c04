/**
 * The events of one session, merged from the live stream and history without duplicates or losses.
 *
 * Loading (first time and after every reconnect): live events are buffered from `beginLoad()` on,
 * history is fetched, and `finishLoad()` merges the three sources by content (`eventContentKey`), not
 * by id — history adds an integer id and nulls empty values. Matching counts copies (multiset): for
 * each content key the store ends up with as many events as the largest of the three sources holds,
 * so one event seen both live and in history stays one, while two different events that share type
 * and timestamp are both kept, and a server that replays after `Last-Event-ID` causes no doubles.
 *
 * Gaps (docs/protocol.md §14): a load whose history answer is full (the server's cap) may miss what
 * was broadcast, after those events, while the stream was not listening; the store then records a
 * gap between the newest event it holds and the first that arrives live after it, and keeps it
 * until a history answer that is not full shows nothing is missing.
 *
 * Two caps keep a session's memory bounded: `maxEvents` drops the oldest events; `maxBytes` first
 * cuts the bodies of the oldest big events to previews (`droppedBytes` on the event), and drops the
 * oldest events only when that is not enough.
 */
import type { CoordinatorEvent, EventGap } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { aliasTable, eventContentKey, normalizeEvent, type AliasOption } from './normalize.js';
import { estimateSize, isTrimmable, trimEvent } from './byte-budget.js';

/** The coordinator returns at most the 100 oldest events: a history this long may be cut. */
export const HISTORY_LIMIT = 100;

export interface EventStoreOptions {
  sessionId: string;
  /** Oldest events are dropped beyond this. Default 50000. */
  maxEvents?: number;
  /**
   * About how many bytes (characters of text) the events may hold: beyond it the oldest big bodies
   * are cut to previews, then the oldest events dropped. Default: no limit.
   */
  maxBytes?: number;
  /** Alias table, or a function returning it (so later changes to a merged table apply). */
  aliases?: AliasOption;
  /** Arrival counter shared by the client, so `seq` orders events across loads. */
  nextSeq?: () => number;
  /**
   * The clock events arrive by (epoch ms): an event stamped far after its arrival gets no valid
   * time and is ordered by arrival. The store reads no clock of its own.
   */
  now?: () => number;
}

let fallbackSeq = 0;

/**
 * The microseconds past the millisecond of a timestamp (coordinators send 6 fraction digits), as a
 * fraction of a millisecond: events of the same millisecond then keep the server's order, whichever
 * source (history or live) each came from.
 */
function subMillisecond(timestamp: string): number {
  const m = /\.\d{3}(\d{1,3})/.exec(timestamp);
  return m ? Number(m[1].padEnd(3, '0')) / 1000 : 0;
}

export class EventStore {
  readonly sessionId: string;
  readonly maxEvents: number;
  readonly maxBytes: number;
  #aliases: EventStoreOptions['aliases'];
  #nextSeq: () => number;
  #now: (() => number) | undefined;
  /** Sorted by sort time, then seq. */
  #events: CoordinatorEvent[] = [];
  #sortTime = new WeakMap<CoordinatorEvent, number>();
  /** Content key per held event, as it was before any cut (a cut changes the text). */
  #keys = new WeakMap<CoordinatorEvent, string>();
  /** Size per held event, while a byte budget is set. */
  #sizes = new WeakMap<CoordinatorEvent, number>();
  #bytes = 0;
  #lastTime = 0;
  /** Copies held per content key; made by the first load (a store that never loads never needs them). */
  #counts: Map<string, number> | null = null;
  #buffer: CoordinatorEvent[] | null = null;
  #loadToken = 0;
  /** Sort time of the newest event dropped by the cap: older history is not re-added. */
  #cutoff = -Infinity;
  #snapshot: readonly CoordinatorEvent[] | null = null;
  #version = 0;
  #gaps: EventGap[] = [];
  /** The gap still waiting for the first live event after it. */
  #openGap: EventGap | null = null;
  /**
   * From the first load that began until one succeeds: the newest event held then (the last one
   * before the stream went away) and the events that came live since.
   */
  #outage: { anchor: CoordinatorEvent | null; live: CoordinatorEvent[] } | null = null;

  // Set in the constructor: an initializer here would move every field initializer into it
  // (`useDefineForClassFields: false`), each private name then written twice in the build.
  droppedByCap: number;
  /** Events whose bodies the byte budget cut to previews. */
  bodiesDropped: number;
  historyMayBeIncomplete: boolean;
  loaded: boolean;
  historyError: string | null;

  constructor(options: EventStoreOptions) {
    this.droppedByCap = 0;
    this.bodiesDropped = 0;
    this.historyMayBeIncomplete = false;
    this.loaded = false;
    this.historyError = null;
    this.sessionId = options.sessionId;
    this.maxEvents = Math.max(1, options.maxEvents ?? 50_000);
    this.maxBytes = options.maxBytes !== undefined && options.maxBytes >= 0 ? options.maxBytes : Infinity;
    this.#aliases = options.aliases;
    this.#nextSeq = options.nextSeq ?? (() => ++fallbackSeq);
    this.#now = options.now;
  }

  /** Events in order (a new array after each change). */
  get events(): readonly CoordinatorEvent[] {
    if (!this.#snapshot) this.#snapshot = this.#events.slice();
    return this.#snapshot;
  }

  /**
   * Changes whenever events were inserted before the end or dropped; appends at the end keep it, so
   * a reader that saw the same version may treat the events past the ones it saw as appended.
   */
  get version(): number {
    return this.#version;
  }

  /** Where events may be missing, oldest first (a new array after each change). */
  get gaps(): readonly EventGap[] {
    return this.#gaps;
  }

  /**
   * Attaches the session's final result, fetched again, to gap `key` (the client does the fetch;
   * the result is shown only where no event of it is held).
   */
  setGapResult(key: string, result: EventGap['result']): boolean {
    const i = this.#gaps.findIndex((g) => g.key === key);
    if (i < 0) return false;
    this.#replaceGap(i, { ...this.#gaps[i], result });
    return true;
  }

  #replaceGap(i: number, gap: EventGap): void {
    if (this.#openGap === this.#gaps[i]) this.#openGap = gap;
    this.#gaps = this.#gaps.map((g, j) => (j === i ? gap : g));
  }

  /** The first live event after an open gap closes it. */
  #closeGap(events: readonly CoordinatorEvent[]): void {
    const open = this.#openGap;
    if (!open || events.length === 0) return;
    const from = open.from ?? -Infinity;
    let first: CoordinatorEvent | null = null;
    for (const event of events) {
      const time = this.#sortTime.get(event)!;
      if (time >= from && (!first || time < this.#sortTime.get(first)!)) first = event;
    }
    if (!first) return;
    const i = this.#gaps.indexOf(open);
    this.#openGap = null;
    this.#replaceGap(i, { ...open, beforeKey: first.key, to: finiteOrNull(first.time) });
  }

  /** A load is in progress: live events are held until history is merged. */
  get syncing(): boolean {
    return this.#buffer !== null;
  }

  /**
   * Normalizes with the next arrival number and a sort time (an invalid time sorts by arrival:
   * after everything held so far).
   */
  normalize(wire: WireSessionEvent): CoordinatorEvent {
    const seq = this.#nextSeq();
    // The key defaults to `e<seq>`.
    return this.#timed(normalizeEvent(wire, { seq, aliases: aliasTable(this.#aliases), arrival: this.#now?.() }));
  }

  #timed(event: CoordinatorEvent): CoordinatorEvent {
    let time = this.#lastTime;
    if (Number.isFinite(event.time)) {
      time = event.time + subMillisecond(event.timestamp);
      this.#lastTime = Math.max(this.#lastTime, time);
    }
    this.#sortTime.set(event, time);
    return event;
  }

  /**
   * Adds events normalized elsewhere (a host's own list), in order, without matching them against
   * what is held: they are new by definition. Returns the events added (less any the cap dropped).
   */
  append(events: readonly CoordinatorEvent[]): CoordinatorEvent[] {
    for (const event of events) this.#timed(event);
    this.#insert(events);
    return this.#enforceCap(events.slice());
  }

  /** A live event. Returns the events added now (none while a load is buffering). */
  addLive(wire: WireSessionEvent): CoordinatorEvent[] {
    const event = this.normalize(wire);
    if (this.#buffer) {
      this.#buffer.push(event);
      return [];
    }
    this.#insert([event]);
    this.#outage?.live.push(event);
    this.#closeGap([event]);
    return this.#enforceCap([event]);
  }

  /** Starts buffering live events for a load; returns the token `finishLoad` needs. */
  beginLoad(): number {
    if (!this.#counts) {
      this.#counts = new Map();
      for (const event of this.#events) count(this.#counts, this.#keyOf(event), 1);
    }
    if (!this.#buffer) this.#buffer = [];
    this.#outage ??= { anchor: this.#events.at(-1) ?? null, live: [] };
    return ++this.#loadToken;
  }

  /**
   * Merges history with what is held and what was buffered. Returns the events added, in arrival
   * order, or null when a newer load superseded this one.
   */
  finishLoad(token: number, history: readonly WireSessionEvent[]): CoordinatorEvent[] | null {
    if (token !== this.#loadToken || !this.#buffer) return null;
    const buffer = this.#buffer;
    this.#buffer = null;
    const incoming = history.map((wire) => this.normalize(wire));

    const counts = this.#counts!;
    const held = (key: string) => counts.get(key) ?? 0;
    // Filled with the buffer's counts per key by the first `beyond`.
    const buffered = new Map<string, number>();
    const added = [
      // Buffered copies beyond what the store holds are new (the first ones are replays).
      ...beyond(buffer, this.#keyOf, held, buffered),
      // History copies beyond both the store and the buffer are events missed by the stream.
      ...beyond(incoming, this.#keyOf, (key) => Math.max(held(key), buffered.get(key) ?? 0)).filter(
        (event) => this.#sortTime.get(event)! > this.#cutoff,
      ),
    ];
    this.historyMayBeIncomplete = history.length >= HISTORY_LIMIT;
    this.historyError = null;
    this.loaded = true;
    const fromBuffer = new Set(buffer);
    const outage = this.#outage!;
    this.#outage = null;
    this.#insert(added);
    if (this.historyMayBeIncomplete) {
      // The last event before the gap: the newest held when the stream went away, or a newer one
      // that history brought back.
      let anchor = outage.anchor;
      for (const event of added) {
        if (fromBuffer.has(event)) continue;
        if (!anchor || this.#compare(event, anchor) > 0) anchor = event;
      }
      this.#openGapAfter(anchor);
      // The first event that came live since (held already after a failed load, or buffered).
      this.#closeGap([...outage.live, ...added.filter((e) => fromBuffer.has(e))]);
    } else if (this.#gaps.length) {
      // A history that is not cut holds everything up to now: nothing is missing any more.
      this.#gaps = [];
      this.#openGap = null;
    }
    return this.#enforceCap(added.sort((a, b) => a.seq - b.seq));
  }

  /** Records a gap after `anchor` (unless one is open there already), open until a live event comes. */
  #openGapAfter(anchor: CoordinatorEvent | null): void {
    const afterKey = anchor?.key ?? null;
    if (this.#openGap?.afterKey === afterKey) return;
    const at = this.#gaps.findIndex((g) => g.afterKey === afterKey);
    const gap: EventGap = {
      key: `gap:${afterKey ?? 'start'}`,
      afterKey,
      from: anchor ? finiteOrNull(anchor.time) : null,
      beforeKey: null,
      to: null,
      reason: 'history-cap',
      result: null,
    };
    // After the same event again (a second outage before anything new came): one gap, reopened.
    if (at >= 0) this.#gaps = this.#gaps.filter((_, j) => j !== at);
    this.#gaps = [...this.#gaps, gap];
    this.#openGap = gap;
  }

  /** History could not be fetched: release the buffer as plain live events. */
  failLoad(token: number, message: string): CoordinatorEvent[] | null {
    if (token !== this.#loadToken || !this.#buffer) return null;
    const buffer = this.#buffer;
    this.#buffer = null;
    this.historyError = message;
    this.loaded = true;
    this.#outage?.live.push(...buffer);
    this.#insert(buffer);
    return this.#enforceCap(buffer);
  }

  #compare = (a: CoordinatorEvent, b: CoordinatorEvent): number =>
    this.#sortTime.get(a)! - this.#sortTime.get(b)! || a.seq - b.seq;

  /** An event's content key, computed once (and kept when its bodies are cut). */
  #keyOf = (event: CoordinatorEvent): string => {
    let key = this.#keys.get(event);
    if (key === undefined) {
      key = eventContentKey(event);
      this.#keys.set(event, key);
    }
    return key;
  };

  #insert(events: readonly CoordinatorEvent[]): void {
    if (events.length === 0) return;
    const counts = this.#counts;
    if (counts) for (const event of events) count(counts, this.#keyOf(event), 1);
    if (this.maxBytes < Infinity) {
      for (const event of events) {
        const size = estimateSize(event.raw);
        this.#sizes.set(event, size);
        this.#bytes += size;
      }
    }
    this.#snapshot = null;
    const list = this.#events;
    // Events almost always come in order: sort only when they do not.
    const sorted = inOrder(events, this.#compare) ? events : [...events].sort(this.#compare);
    // Live events almost always belong at the end.
    if (!list.length || this.#compare(list.at(-1)!, sorted[0]) <= 0) {
      // A loop: spreading a host's 100,000 events into push() would overflow the stack.
      for (const event of sorted) list.push(event);
      return;
    }
    this.#version++;
    if (sorted.length > 1) {
      for (const event of sorted) list.push(event);
      list.sort(this.#compare);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#compare(list[mid], sorted[0]) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, sorted[0]);
  }

  /**
   * Keeps the caps: cuts the oldest big bodies while over the byte budget, then drops the oldest
   * events beyond `maxEvents` (or still over the budget). Returns `added` as held now: minus any
   * dropped at once, a cut event as its cut copy.
   */
  #enforceCap(added: CoordinatorEvent[]): CoordinatorEvent[] {
    const replaced = this.#bytes > this.maxBytes ? this.#trimBodies() : null;
    let excess = this.#events.length - this.maxEvents;
    if (this.#bytes > this.maxBytes) {
      // Bodies are cut as far as they go: what is still too much goes whole, oldest first.
      let bytes = this.#bytes;
      let n = 0;
      while (n < this.#events.length - 1 && bytes > this.maxBytes) bytes -= this.#sizes.get(this.#events[n++]) ?? 0;
      excess = Math.max(excess, n);
    }
    const current = replaced ? added.map((e) => replaced.get(e) ?? e) : added;
    if (excess <= 0) return current;
    const dropped = this.#events.splice(0, excess);
    this.#snapshot = null;
    this.#version++;
    this.droppedByCap += excess;
    const counts = this.#counts;
    for (const event of dropped) {
      if (counts) {
        const key = this.#keyOf(event);
        if (!count(counts, key, -1)) counts.delete(key);
      }
      this.#bytes -= this.#sizes.get(event) ?? 0;
      this.#cutoff = Math.max(this.#cutoff, this.#sortTime.get(event)!);
    }
    const gone = new Set(dropped);
    // A gap before the oldest event held is part of what the cap dropped (and said so).
    const goneKeys = new Set(dropped.map((e) => e.key));
    if (this.#gaps.some((g) => g.afterKey !== null && goneKeys.has(g.afterKey))) {
      this.#gaps = this.#gaps.filter((g) => g.afterKey === null || !goneKeys.has(g.afterKey));
      if (this.#openGap && !this.#gaps.includes(this.#openGap)) this.#openGap = null;
    }
    return current.filter((e) => !gone.has(e));
  }

  /**
   * Cuts the bodies of the oldest big events to previews until the events hold less than 90 % of
   * the budget (so the next event does not cut again at once). Returns the cut copies by original.
   */
  #trimBodies(): Map<CoordinatorEvent, CoordinatorEvent> {
    const replaced = new Map<CoordinatorEvent, CoordinatorEvent>();
    const goal = this.maxBytes * 0.9;
    const list = this.#events;
    for (let i = 0; i < list.length && this.#bytes > goal; i++) {
      const event = list[i];
      const size = this.#sizes.get(event) ?? 0;
      if (event.droppedBytes !== undefined || !isTrimmable(size)) continue;
      const cut = trimEvent(event, size);
      list[i] = cut.event;
      this.#sizes.set(cut.event, cut.size);
      this.#sortTime.set(cut.event, this.#sortTime.get(event)!);
      this.#keys.set(cut.event, this.#keyOf(event));
      this.#bytes -= size - cut.size;
      this.bodiesDropped++;
      replaced.set(event, cut.event);
      // Nothing else may keep the whole body alive.
      const outage = this.#outage;
      if (outage) {
        if (outage.anchor === event) outage.anchor = cut.event;
        const at = outage.live.indexOf(event);
        if (at >= 0) outage.live[at] = cut.event;
      }
    }
    if (replaced.size) {
      this.#snapshot = null;
      this.#version++;
    }
    return replaced;
  }
}

function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** Adds `delta` to the count of `key`; returns the new count. */
function count(counts: Map<string, number>, key: string, delta: number): number {
  const n = (counts.get(key) ?? 0) + delta;
  counts.set(key, n);
  return n;
}

/** The copies in `events` beyond the `known` number per content key, in order; `seen` gets the counts. */
function beyond(
  events: readonly CoordinatorEvent[],
  keyOf: (event: CoordinatorEvent) => string,
  known: (key: string) => number,
  seen = new Map<string, number>(),
): CoordinatorEvent[] {
  return events.filter((event) => {
    const key = keyOf(event);
    return count(seen, key, 1) > known(key);
  });
}

function finiteOrNull(time: number): number | null {
  return Number.isFinite(time) ? time : null;
}
