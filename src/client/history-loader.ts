/**
 * Sessions' histories fetched on demand, for views of many sessions: a list's titles, swimlanes'
 * lanes. One per client, so every element of a page shares its requests and its cache.
 *
 * - **Asked for, not all**: a view asks (`want`) for the sessions in or near view, with a priority
 *   (0: in view, sooner; 1: near it), and lets go (`release`) when they leave: 10,000 sessions are
 *   not 10,000 requests.
 * - **Bounded**: at most `concurrency` requests at a time; the rest wait in priority order, then
 *   in the order asked.
 * - **Cancelled**: a waiting request nobody wants any more is dropped, a running one aborted.
 * - **Cached**: the last `cacheSize` histories are kept (least recently used go first); asking
 *   again answers from the cache. A failure is remembered for `retryAfterMs`, during which asking
 *   again answers with it instead of another request.
 *
 * A history is what `GET /sessions/{id}/events` gave at the time: at most the 100 oldest events
 * (`cut` then, docs/protocol.md §14) and nothing that arrived since. An unknown session (404) has an
 * empty history.
 */
import type { CoordinatorEvent } from '../types/model.js';
import { HISTORY_LIMIT } from '../model/event-store.js';
import { CoordinatorError } from './errors.js';
import { callSafely } from './notify.js';

export interface HistoryResult {
  sessionId: string;
  /** Normalized, in the server's order. */
  events: readonly CoordinatorEvent[];
  /** The server's cap was reached: later events are missing. */
  cut: boolean;
  /** When it was fetched (epoch ms). */
  at: number;
}

export interface HistoryRequest {
  /** Lower goes first: 0 for what is in view (default), 1 for what is near it. */
  priority?: number;
  onLoad?(result: HistoryResult): void;
  onError?(error: unknown): void;
}

export interface HistoryTicket {
  /** Changes the priority (a row scrolled into view). */
  setPriority(priority: number): void;
  /** No longer wanted: a waiting request is dropped, a running one aborted when nobody else wants it. */
  release(): void;
}

export interface HistoryLoaderOptions {
  /** Requests at a time, default 4. */
  concurrency?: number;
  /** Histories kept, default 200. */
  cacheSize?: number;
  /** How long a failure answers for the session before it is asked again (ms), default 30000. */
  retryAfterMs?: number;
}

export interface HistoryLoaderStats {
  /** Requests started so far (aborted ones included). */
  requested: number;
  aborted: number;
  inFlight: number;
  queued: number;
  cached: number;
}

type Fetch = (sessionId: string, signal: AbortSignal) => Promise<CoordinatorEvent[]>;

interface Wanter {
  request: HistoryRequest;
  priority: number;
}

interface Entry {
  sessionId: string;
  wanters: Set<Wanter>;
  /** Order asked, for ties. */
  seq: number;
  controller: AbortController | null;
}

export class HistoryLoader {
  readonly concurrency: number;
  readonly cacheSize: number;
  readonly retryAfterMs: number;
  #fetch: Fetch;
  #onLoaded: ((result: HistoryResult) => void) | undefined;
  #entries = new Map<string, Entry>();
  #cache = new Map<string, HistoryResult>();
  #failures = new Map<string, { error: unknown; at: number }>();
  #running = 0;
  #seq = 0;
  #pumpQueued = false;
  #closed = false;
  #stats = { requested: 0, aborted: 0 };

  /** `onLoaded` hears of every history fetched (the client feeds its activity tracker with it). */
  constructor(fetch: Fetch, options: HistoryLoaderOptions = {}, onLoaded?: (result: HistoryResult) => void) {
    this.#fetch = fetch;
    this.#onLoaded = onLoaded;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.cacheSize = Math.max(0, Math.floor(options.cacheSize ?? 200));
    this.retryAfterMs = Math.max(0, options.retryAfterMs ?? 30_000);
  }

  get stats(): HistoryLoaderStats {
    let queued = 0;
    for (const entry of this.#entries.values()) if (!entry.controller) queued++;
    return { ...this.#stats, inFlight: this.#running, queued, cached: this.#cache.size };
  }

  /** The cached history of a session, if any (makes it the most recently used). */
  peek(sessionId: string): HistoryResult | undefined {
    const hit = this.#cache.get(sessionId);
    if (hit) {
      this.#cache.delete(sessionId);
      this.#cache.set(sessionId, hit);
    }
    return hit;
  }

  /** Asks for a session's history: from the cache at once (in a microtask), else fetched in turn. */
  want(sessionId: string, request: HistoryRequest = {}): HistoryTicket {
    const wanter: Wanter = { request, priority: request.priority ?? 0 };
    const done: HistoryTicket = { setPriority: () => undefined, release: () => undefined };
    if (this.#closed) return done;
    const hit = this.peek(sessionId);
    const failure = this.#failures.get(sessionId);
    if (hit || (failure && Date.now() - failure.at < this.retryAfterMs)) {
      let released = false;
      queueMicrotask(() => {
        if (released) return;
        if (hit) callSafely(() => request.onLoad?.(hit));
        else callSafely(() => request.onError?.(failure!.error));
      });
      return { setPriority: () => undefined, release: () => void (released = true) };
    }
    let entry = this.#entries.get(sessionId);
    if (!entry) {
      entry = { sessionId, wanters: new Set(), seq: ++this.#seq, controller: null };
      this.#entries.set(sessionId, entry);
    }
    entry.wanters.add(wanter);
    this.#schedulePump();
    const held = entry;
    return {
      setPriority: (priority) => {
        if (wanter.priority === priority) return;
        wanter.priority = priority;
        this.#schedulePump();
      },
      release: () => {
        if (!held.wanters.delete(wanter) || held.wanters.size) return;
        if (this.#entries.get(sessionId) === held) this.#entries.delete(sessionId);
        if (held.controller) {
          this.#stats.aborted++;
          held.controller.abort(new Error('No longer wanted'));
        }
      },
    };
  }

  /** Puts a history fetched elsewhere (a watched session's) into the cache. */
  prime(sessionId: string, events: readonly CoordinatorEvent[]): void {
    this.#store({ sessionId, events, cut: events.length >= HISTORY_LIMIT, at: Date.now() });
  }

  /** Forgets a session's history (or all of them): the next `want` fetches it again. */
  invalidate(sessionId?: string): void {
    if (sessionId === undefined) {
      this.#cache.clear();
      this.#failures.clear();
    } else {
      this.#cache.delete(sessionId);
      this.#failures.delete(sessionId);
    }
  }

  /** Aborts everything; wants are ignored from now on. */
  close(): void {
    this.#closed = true;
    for (const entry of this.#entries.values()) entry.controller?.abort(new Error('Closed'));
    this.#entries.clear();
    this.#cache.clear();
  }

  #schedulePump(): void {
    if (this.#pumpQueued) return;
    this.#pumpQueued = true;
    // Wants made in one go (a view's render) are ranked together before any starts.
    queueMicrotask(() => {
      this.#pumpQueued = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (!this.#closed && this.#running < this.concurrency) {
      let next: Entry | null = null;
      let best = Infinity;
      for (const entry of this.#entries.values()) {
        if (entry.controller) continue;
        let priority = Infinity;
        for (const w of entry.wanters) priority = Math.min(priority, w.priority);
        if (priority < best || (priority === best && next && entry.seq < next.seq)) {
          best = priority;
          next = entry;
        }
      }
      if (!next) return;
      void this.#load(next);
    }
  }

  async #load(entry: Entry): Promise<void> {
    const controller = (entry.controller = new AbortController());
    this.#running++;
    this.#stats.requested++;
    let result: HistoryResult | null = null;
    let failure: unknown = null;
    try {
      const events = await this.#fetch(entry.sessionId, controller.signal);
      result = { sessionId: entry.sessionId, events, cut: events.length >= HISTORY_LIMIT, at: Date.now() };
    } catch (error) {
      // Not known (yet): a session being created has an empty history.
      if (error instanceof CoordinatorError && error.status === 404) {
        result = { sessionId: entry.sessionId, events: [], cut: false, at: Date.now() };
      } else failure = error;
    } finally {
      this.#running--;
    }
    const wanted = this.#entries.get(entry.sessionId) === entry;
    if (wanted) this.#entries.delete(entry.sessionId);
    if (!this.#closed && !controller.signal.aborted) {
      if (result) {
        this.#store(result);
        callSafely(() => this.#onLoaded?.(result));
      } else this.#failures.set(entry.sessionId, { error: failure, at: Date.now() });
      if (wanted) {
        for (const w of entry.wanters) {
          callSafely(() => (result ? w.request.onLoad?.(result) : w.request.onError?.(failure)));
        }
      }
    }
    this.#pump();
  }

  #store(result: HistoryResult): void {
    this.#failures.delete(result.sessionId);
    if (this.cacheSize === 0) return;
    this.#cache.delete(result.sessionId);
    this.#cache.set(result.sessionId, result);
    while (this.#cache.size > this.cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
  }
}
