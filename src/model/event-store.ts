/**
 * The events of one session, merged from the live stream and history without duplicates or losses.
 *
 * Loading (first time and after every reconnect): live events are buffered from `beginLoad()` on,
 * history is fetched, and `finishLoad()` merges the three sources by content (`eventContentKey`), not
 * by id — history adds an integer id and nulls empty values. Matching counts copies (multiset): for
 * each content key the store ends up with as many events as the largest of the three sources holds,
 * so one event seen both live and in history stays one, while two different events that share type
 * and timestamp are both kept, and a server that replays after `Last-Event-ID` causes no doubles.
 */
import type { CoordinatorEvent } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { aliasTable, eventContentKey, normalizeEvent, type AliasOption } from './normalize.js';

/** The coordinator returns at most the 100 oldest events: a history this long may be cut. */
export const HISTORY_LIMIT = 100;

export interface EventStoreOptions {
  sessionId: string;
  /** Oldest events are dropped beyond this. Default 50000. */
  maxEvents?: number;
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
  #aliases: EventStoreOptions['aliases'];
  #nextSeq: () => number;
  #now: (() => number) | undefined;
  /** Sorted by sort time, then seq. */
  #events: CoordinatorEvent[] = [];
  #sortTime = new WeakMap<CoordinatorEvent, number>();
  #lastTime = 0;
  /** Copies held per content key; made by the first load (a store that never loads never needs them). */
  #counts: Map<string, number> | null = null;
  #buffer: CoordinatorEvent[] | null = null;
  #loadToken = 0;
  /** Sort time of the newest event dropped by the cap: older history is not re-added. */
  #cutoff = -Infinity;
  #snapshot: readonly CoordinatorEvent[] | null = null;
  #version = 0;

  // Set in the constructor: an initializer here would move every field initializer into it
  // (`useDefineForClassFields: false`), each private name then written twice in the build.
  droppedByCap: number;
  historyMayBeIncomplete: boolean;
  loaded: boolean;
  historyError: string | null;

  constructor(options: EventStoreOptions) {
    this.droppedByCap = 0;
    this.historyMayBeIncomplete = false;
    this.loaded = false;
    this.historyError = null;
    this.sessionId = options.sessionId;
    this.maxEvents = Math.max(1, options.maxEvents ?? 50_000);
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
    return this.#enforceCap([event]);
  }

  /** Starts buffering live events for a load; returns the token `finishLoad` needs. */
  beginLoad(): number {
    if (!this.#counts) {
      this.#counts = new Map();
      for (const event of this.#events) count(this.#counts, eventContentKey(event), 1);
    }
    if (!this.#buffer) this.#buffer = [];
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
      ...beyond(buffer, held, buffered),
      // History copies beyond both the store and the buffer are events missed by the stream.
      ...beyond(incoming, (key) => Math.max(held(key), buffered.get(key) ?? 0)).filter(
        (event) => this.#sortTime.get(event)! > this.#cutoff,
      ),
    ];
    this.historyMayBeIncomplete = history.length >= HISTORY_LIMIT;
    this.historyError = null;
    this.loaded = true;
    this.#insert(added);
    return this.#enforceCap(added.sort((a, b) => a.seq - b.seq));
  }

  /** History could not be fetched: release the buffer as plain live events. */
  failLoad(token: number, message: string): CoordinatorEvent[] | null {
    if (token !== this.#loadToken || !this.#buffer) return null;
    const buffer = this.#buffer;
    this.#buffer = null;
    this.historyError = message;
    this.loaded = true;
    this.#insert(buffer);
    return this.#enforceCap(buffer);
  }

  #compare = (a: CoordinatorEvent, b: CoordinatorEvent): number =>
    this.#sortTime.get(a)! - this.#sortTime.get(b)! || a.seq - b.seq;

  #insert(events: readonly CoordinatorEvent[]): void {
    if (events.length === 0) return;
    const counts = this.#counts;
    if (counts) for (const event of events) count(counts, eventContentKey(event), 1);
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

  /** Drops the oldest events beyond the cap; returns `added` minus any that were dropped at once. */
  #enforceCap(added: CoordinatorEvent[]): CoordinatorEvent[] {
    const excess = this.#events.length - this.maxEvents;
    if (excess <= 0) return added;
    const dropped = this.#events.splice(0, excess);
    this.#snapshot = null;
    this.#version++;
    this.droppedByCap += excess;
    const counts = this.#counts;
    for (const event of dropped) {
      if (counts) {
        const key = eventContentKey(event);
        if (!count(counts, key, -1)) counts.delete(key);
      }
      this.#cutoff = Math.max(this.#cutoff, this.#sortTime.get(event)!);
    }
    const gone = new Set(dropped);
    return added.filter((e) => !gone.has(e));
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
  known: (key: string) => number,
  seen = new Map<string, number>(),
): CoordinatorEvent[] {
  return events.filter((event) => {
    const key = eventContentKey(event);
    return count(seen, key, 1) > known(key);
  });
}
