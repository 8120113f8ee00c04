/**
 * `LocalSession`: a session whose events a host hands over (`events` / `appendEvents` on an element)
 * instead of a coordinator streaming them. It keeps them in the same `EventStore` and derives runs
 * with the same `RunTracker` as a watched session of the client, and tells of changes through the
 * same `SessionWatch` shape, so an element has one data path whichever way its data comes.
 *
 * Changes are told synchronously and cheaply (`subscribe`: no snapshot is made until one is read),
 * so a host may append event by event: the element batches its rendering (one batching step
 * between the store and the DOM).
 */
import type { CoordinatorEvent, Session } from '../types/model.js';
import { busyStateOf } from '../model/busy.js';
import { EventStore } from '../model/event-store.js';
import { adaptEvents } from '../model/adapt.js';
import { normalizeSession } from '../model/normalize.js';
import { RunTracker } from '../model/runs.js';
import { callSafely } from './notify.js';
import type { SessionSnapshot, SessionWatch, SessionWatchHandlers } from './types.js';

/**
 * A first load is adapted whole at once when that should take at most this long (ms; most sessions
 * are small and are then complete in the frame that shows them), as timed on its newest
 * `FIRST_LOAD_SYNC` events, which are adapted first. A bigger one shows those (a timeline opens at
 * the end) and leaves the rest to `continueLoad`.
 */
export const FIRST_LOAD_BUDGET_MS = 6;
export const FIRST_LOAD_SYNC = 200;
const LOAD_CHUNK = 250;

export interface LocalSessionOptions {
  /** Only events of this session are shown; null or empty: all. */
  sessionId?: string | null;
  /** Oldest events are dropped beyond this (default: none; the host owns its memory). */
  maxEvents?: number;
  /** How long a first load may take at once before the rest goes to `continueLoad` (ms). */
  firstLoadBudgetMs?: number;
}

interface PendingLoad {
  input: readonly unknown[];
  /** Items before it are adapted by `continueLoad`, into `parts`. */
  split: number;
  next: number;
  parts: CoordinatorEvent[][];
  tail: CoordinatorEvent[];
}

/** Told of each change as it happens; `snapshot` gives the state when needed. */
export interface LocalSessionListener {
  onChange(): void;
  /** Events not held before, in order. */
  onEvents?(events: readonly CoordinatorEvent[]): void;
}

export class LocalSession {
  readonly maxEvents: number;
  readonly #budgetMs: number;
  #sessionId: string | null;
  #status: string | null = null;
  /** Every event given (all sessions), adapted, in the order given. */
  #all: CoordinatorEvent[] = [];
  /** The last `setEvents` input (a copy), so a re-set growing array costs only its new tail. */
  #lastInput: readonly unknown[] = [];
  #lastAdapted: CoordinatorEvent[] = [];
  #store!: EventStore;
  #runs!: RunTracker;
  #load: PendingLoad | null = null;
  #snapshot: SessionSnapshot | null = null;
  #listeners = new Set<LocalSessionListener>();

  constructor(options: LocalSessionOptions = {}) {
    this.#sessionId = options.sessionId || null;
    this.maxEvents = options.maxEvents ?? Infinity;
    this.#budgetMs = options.firstLoadBudgetMs ?? FIRST_LOAD_BUDGET_MS;
    this.#reset();
  }

  get sessionId(): string | null {
    return this.#sessionId;
  }

  /** Shows only this session's events (of all given so far). */
  set sessionId(id: string | null) {
    id ||= null;
    if (id === this.#sessionId) return;
    this.#sessionId = id;
    this.#rebuild(this.#all, false);
  }

  /** The session status, which closes the last run (`failed`, `stopped`, `idle`…); null: unknown. */
  get status(): string | null {
    return this.#status;
  }

  set status(status: string | null) {
    status ||= null;
    if (status === this.#status) return;
    this.#status = status;
    this.#changed([]);
  }

  /** True while a big first load is still adapting its older events (see `continueLoad`). */
  get loading(): boolean {
    return this.#load !== null;
  }

  /**
   * Replaces the events (wire or normalized, any mix). Items the last call already had, at the same
   * places, are not adapted again; events not held before are told as added.
   */
  setEvents(input: readonly unknown[]): void {
    this.finishLoad();
    if (this.#all.length === 0 && input.length > FIRST_LOAD_SYNC) {
      const start = performance.now();
      const items = input.slice();
      const split = items.length - FIRST_LOAD_SYNC;
      this.#load = { input: items, split, next: 0, parts: [], tail: adaptEvents(items.slice(split), Date.now()) };
      this.#lastInput = items;
      const perEvent = (performance.now() - start) / FIRST_LOAD_SYNC;
      // Whole when it fits the budget; else its newest part for now.
      if (perEvent * split <= this.#budgetMs) this.finishLoad();
      else this.#setAll(this.#load.tail);
      return;
    }
    const previous = this.#lastInput;
    let same = 0;
    if (input.length >= previous.length) {
      while (same < previous.length && input[same] === previous[same]) same++;
    }
    const list =
      same > 0 && same === previous.length
        ? this.#lastAdapted.concat(adaptEvents(input.slice(same), Date.now()))
        : adaptEvents(input, Date.now());
    this.#lastInput = input.slice();
    this.#setAll(list);
  }

  /** Adds events after the current ones, as if they just arrived. Returns those shown. */
  appendEvents(input: readonly unknown[]): CoordinatorEvent[] {
    this.finishLoad();
    const added = adaptEvents(input, Date.now());
    if (!added.length) return [];
    this.#all = this.#all.concat(added);
    this.#lastAdapted = this.#all;
    this.#lastInput = [];
    const shown = this.#store.append(this.#ofSession(added));
    this.#changed(shown);
    return shown;
  }

  /**
   * Adapts more of a big first load until `hasTime()` says stop; returns true when the load is
   * done (the whole list then replaces its newest part). No-op without a load in progress.
   */
  continueLoad(hasTime: () => boolean): boolean {
    const load = this.#load;
    if (!load) return true;
    while (load.next < load.split && hasTime()) {
      const end = Math.min(load.split, load.next + LOAD_CHUNK);
      load.parts.push(adaptEvents(load.input.slice(load.next, end), Date.now()));
      load.next = end;
    }
    if (load.next < load.split) return false;
    this.finishLoad();
    return true;
  }

  /** Completes a big first load in progress at once. */
  finishLoad(): void {
    const load = this.#load;
    if (!load) return;
    this.#load = null;
    if (load.next < load.split) load.parts.push(adaptEvents(load.input.slice(load.next, load.split), Date.now()));
    this.#setAll(([] as CoordinatorEvent[]).concat(...load.parts, load.tail));
  }

  /** The session as it is now (a new object after each change). */
  get snapshot(): SessionSnapshot {
    if (this.#snapshot) return this.#snapshot;
    const store = this.#store;
    const session: Session | null = this.#status
      ? normalizeSession({ session_id: this.#sessionId ?? '', status: this.#status })
      : null;
    const events = store.events;
    return (this.#snapshot = {
      sessionId: this.#sessionId ?? '',
      session,
      busy: session ? busyStateOf(session.status) : 'ready',
      events,
      runs: this.#runs.update(events, session, store.version),
      truncated: { droppedByCap: store.droppedByCap, historyMayBeIncomplete: false },
      loaded: !this.#load,
      syncing: false,
      historyError: null,
    });
  }

  /** Tells `listener` of every change from now on, synchronously; returns the unsubscribe function. */
  subscribe(listener: LocalSessionListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The client's `watchSession` shape: `onChange` gets the snapshot (made for it) after each change. */
  watch(handlers: SessionWatchHandlers): SessionWatch {
    const unsubscribe = this.subscribe({
      onChange: () => handlers.onChange?.(this.snapshot),
      onEvents: (events) => handlers.onEvents?.(events),
    });
    const snapshot = () => this.snapshot;
    return {
      get snapshot() {
        return snapshot();
      },
      close: unsubscribe,
    };
  }

  #ofSession(events: readonly CoordinatorEvent[]): CoordinatorEvent[] {
    const id = this.#sessionId;
    return id ? events.filter((e) => e.sessionId === id) : events.slice();
  }

  #setAll(list: CoordinatorEvent[]): void {
    const previous = this.#all;
    this.#lastAdapted = list;
    this.#all = list;
    // A list that only grew at the end appends; anything else starts the store over.
    const appended =
      previous.length > 0 &&
      list.length >= previous.length &&
      list[0] === previous[0] &&
      list[previous.length - 1] === previous[previous.length - 1];
    if (appended) {
      const shown = this.#store.append(this.#ofSession(list.slice(previous.length)));
      this.#changed(shown);
    } else this.#rebuild(list, true);
  }

  #rebuild(list: readonly CoordinatorEvent[], tellAdded: boolean): void {
    const before = new Set(this.#store.events);
    this.#reset();
    const shown = this.#store.append(this.#ofSession(list));
    this.#changed(tellAdded ? shown.filter((e) => !before.has(e)) : []);
  }

  #reset(): void {
    this.#store = new EventStore({
      sessionId: this.#sessionId ?? '',
      maxEvents: this.maxEvents,
      nextSeq: () => 0,
    });
    this.#runs = new RunTracker();
  }

  #changed(added: readonly CoordinatorEvent[]): void {
    this.#snapshot = null;
    for (const listener of [...this.#listeners]) {
      callSafely(() => {
        listener.onChange();
        if (added.length) listener.onEvents?.(added);
      });
    }
  }
}
