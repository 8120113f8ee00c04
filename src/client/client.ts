/**
 * `CoordinatorClient`: one SSE stream (the unfiltered `GET /sse/sessions`), the session list, and
 * per-session event stores for the sessions someone watches; plus the REST calls.
 *
 * The stream opens when the first user arrives (`watchSession` or `retain`) and closes when the last
 * leaves. After every reconnect the client resyncs, because the coordinator does not replay what was
 * broadcast while it was away: the session list is fetched again (the server sends no `init` when
 * `Last-Event-ID` is set) and every watched session re-fetches its history and merges it.
 *
 * A history request that fails is retried with the stream's backoff (and the server's
 * `Retry-After`) until it works; the snapshot says meanwhile that history is missing, why, and when
 * the next try is.
 */
import type { ConnectionState, CoordinatorEvent, Session } from '../types/model.js';
import { busyStateOf } from '../model/busy.js';
import {
  delayWithRetryAfter,
  reconnectDelay,
  resolveReconnectOptions,
  type ResolvedReconnectOptions,
} from './backoff.js';
import { CoordinatorError, errorMessage } from './errors.js';
import { EventStore } from '../model/event-store.js';
import { FailureMemory } from './failure-memory.js';
import { eventTypeAliases, isFilledString, normalizeEvent } from '../model/normalize.js';
import { batched, callSafely } from './notify.js';
import { RestClient } from './rest.js';
import { RunTracker } from '../model/runs.js';
import { SessionActivityTracker } from '../model/session-activity.js';
import { SessionStore } from '../model/session-store.js';
import { HistoryLoader } from './history-loader.js';
import { SseConnection, type SseFrame } from './sse-connection.js';
import { parseStreamMessage, type StreamMessage } from '../model/stream-messages.js';
import type {
  ClientEventMap,
  ClientOptions,
  CoordinatorClientApi,
  SessionSnapshot,
  SessionWatch,
  SessionWatchHandlers,
} from './types.js';
import { deriveApiBase } from './urls.js';

/** The default byte budget of a watched session (`maxBytesPerSession`). */
export const DEFAULT_MAX_BYTES_PER_SESSION = 64 * 1024 * 1024;

interface Watcher {
  handlers: SessionWatchHandlers;
  /** Has not had its first `onChange` yet. */
  fresh: boolean;
  closed: boolean;
}

interface Watched {
  sessionId: string;
  store: EventStore;
  runs: RunTracker;
  watchers: Set<Watcher>;
  /** The snapshot made last; dropped when it goes out of date. */
  snapshot?: SessionSnapshot;
  /** Watchers have not been told about the last change. */
  notify: boolean;
  /** Events added since the last notification (for `onEvents`). */
  pending: CoordinatorEvent[];
  /** The last history answer was 404. */
  notFound: boolean;
  /** Failed history requests in a row. */
  historyFailures: number;
  /** The next history try, while one is scheduled. */
  historyRetry: { at: number; timer: ReturnType<typeof setTimeout> } | null;
  /** The gap and session status the final result was last fetched for. */
  resultFetchedFor: string | null;
}

type Listeners = { [K in keyof ClientEventMap]: Set<(detail: ClientEventMap[K]) => void> };

/** The REST calls come from `RestClient`; this adds the stream, the session list and the watches. */
export class CoordinatorClient extends RestClient implements CoordinatorClientApi {
  readonly url: string;
  readonly options: Readonly<ClientOptions>;
  #connection: SseConnection;
  #sessions = new SessionStore();
  #watched = new Map<string, Watched>();
  #users = 0;
  #seq = 0;
  #closed = false;
  #backoff: ResolvedReconnectOptions;
  /** Global alias table plus `options.aliases`, read at each use so later global additions apply. */
  #aliases: (() => Record<string, string>) | undefined;
  #listeners: Listeners = {
    connection: new Set(),
    sessions: new Set(),
    activity: new Set(),
    event: new Set(),
    'malformed-frame': new Set(),
  };
  #scheduleSessions = batched(() => this.#emit('sessions', this.sessions));
  #activity = new SessionActivityTracker();
  #activityChanged = new Set<string>();
  // Like the watchers: every session's activity is told at most once per frame.
  #scheduleActivity = batched(() => {
    const ids = this.#activityChanged;
    this.#activityChanged = new Set();
    if (ids.size) this.#emit('activity', ids);
  }, true);
  /** Histories of sessions someone shows but does not watch (a list's titles), shared by the page. */
  readonly histories: HistoryLoader;
  /** Why runs failed, from `run_failed`: kept across reloads, since nothing else keeps it. */
  #failures: FailureMemory;
  // Watchers hear of changes at most once per animation frame, however fast events arrive.
  #scheduleWatches = batched(() => this.#flushWatches(), true);

  constructor(options: ClientOptions) {
    if (typeof options?.url !== 'string' || options.url.trim() === '') {
      throw new TypeError('CoordinatorClient: `url` (the coordinator SSE URL) is required');
    }
    const url = options.url.trim();
    const aliases = options.aliases ? () => ({ ...eventTypeAliases, ...options.aliases }) : undefined;
    // The options share their names with the REST and stream options.
    super({ ...options, apiBase: options.apiBase ?? deriveApiBase(url), aliases, timeoutMs: options.requestTimeoutMs });
    this.options = { ...options };
    this.url = url;
    this.#failures = new FailureMemory(this.apiBase);
    this.#aliases = aliases;
    this.histories = new HistoryLoader(
      (sessionId, signal) => this.getHistory(sessionId, { signal }),
      { concurrency: options.historyConcurrency },
      (result) => this.#historyRead(result.sessionId, result.events),
    );
    this.#backoff = resolveReconnectOptions(options.reconnect);
    this.#connection = new SseConnection(
      { ...options, url },
      {
        onFrame: (frame) => this.#onFrame(frame),
        onOpen: ({ reconnect }) => this.#onOpen(reconnect),
        onState: (state) => this.#emit('connection', state),
      },
    );
  }

  get connection(): ConnectionState {
    return this.#connection.state;
  }

  get sessions(): readonly Session[] {
    return this.#sessions.sessions;
  }

  /**
   * What is known of every session of the stream without keeping its events: title, runs, errors,
   * run timing, events per minute (see `SessionActivityTracker`). Told by the `activity` event.
   */
  get activity(): SessionActivityTracker {
    return this.#activity;
  }

  /** The session as last known from the stream or a resync. */
  getKnownSession(sessionId: string): Session | null {
    return this.#sessions.get(sessionId);
  }

  /** Number of stream users (watches + retains); the stream is open while it is above 0. */
  get users(): number {
    return this.#users;
  }

  get closed(): boolean {
    return this.#closed;
  }

  on<K extends keyof ClientEventMap>(type: K, listener: (detail: ClientEventMap[K]) => void): () => void {
    const set = this.#listeners[type] as Set<(detail: ClientEventMap[K]) => void>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  #emit<K extends keyof ClientEventMap>(type: K, detail: ClientEventMap[K]): void {
    for (const listener of [...(this.#listeners[type] as Set<(d: ClientEventMap[K]) => void>)]) {
      callSafely(() => listener(detail));
    }
  }

  retain(): () => void {
    return this.#closed ? () => undefined : this.#lease();
  }

  /** Counts a stream user until the returned release (idempotent) runs `onRelease` and lets go. */
  #lease(onRelease?: () => void): () => void {
    if (++this.#users === 1) this.#connection.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      onRelease?.();
      if (!this.#closed && this.#users > 0 && --this.#users === 0) this.#connection.stop();
    };
  }

  /** Reconnects now (after new credentials, or to skip a backoff wait). No-op without users. */
  reconnect(): void {
    if (!this.#closed && this.#users > 0) this.#connection.restart();
  }

  watchSession(sessionId: string, handlers: SessionWatchHandlers = {}): SessionWatch {
    const watcher: Watcher = { handlers, fresh: true, closed: false };
    let watched = this.#watched.get(sessionId);
    if (!watched) {
      const store = new EventStore({
        sessionId,
        maxEvents: this.options.maxEventsPerSession,
        maxBytes: this.options.maxBytesPerSession ?? DEFAULT_MAX_BYTES_PER_SESSION,
        aliases: this.#aliases,
        nextSeq: () => ++this.#seq,
        now: Date.now,
      });
      watched = {
        sessionId,
        store,
        runs: new RunTracker(),
        watchers: new Set(),
        notify: false,
        pending: [],
        notFound: false,
        historyFailures: 0,
        historyRetry: null,
        resultFetchedFor: null,
      };
      if (this.#closed) return { snapshot: this.#snapshot(watched), close: () => undefined };
      this.#watched.set(sessionId, watched);
      // Subscribed already: load now. Otherwise the load starts when the stream opens, so that no
      // event can fall between the history answer and the subscription.
      if (this.#connection.state.status === 'open') void this.#loadHistory(watched);
    }
    watched.watchers.add(watcher);
    this.#scheduleWatches();
    const entry = watched;
    const snapshot = () => this.#snapshot(entry);
    return {
      get snapshot() {
        return snapshot();
      },
      close: this.#lease(() => {
        watcher.closed = true;
        entry.watchers.delete(watcher);
        if (entry.watchers.size === 0 && this.#watched.get(sessionId) === entry) {
          this.#watched.delete(sessionId);
          this.#cancelHistoryRetry(entry);
        }
      }),
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const watched of this.#watched.values()) this.#cancelHistoryRetry(watched);
    this.#watched.clear();
    this.histories.close();
    this.#users = 0;
    this.#connection.stop();
  }

  // Internals

  #onOpen(reconnect: boolean): void {
    if (reconnect) {
      // What was broadcast while away is lost for the sessions nobody watches (docs/protocol.md §6).
      this.#activity.gap();
      this.#activityChanged.add('*');
      this.#scheduleActivity();
      void this.#resyncSessions();
    }
    for (const watched of this.#watched.values()) void this.#loadHistory(watched);
  }

  #onFrame(frame: SseFrame): void {
    const { message, malformed } = parseStreamMessage(frame.kind, frame.data, frame.parsed);
    for (const problem of malformed) this.#emit('malformed-frame', problem);
    if (!message) return;
    const now = Date.now();
    if (message.kind === 'event') {
      const sessionId = message.event.session_id;
      // Every session's activity is counted; only watched sessions keep their events.
      const normalized = normalizeEvent(message.event, { aliases: this.#aliases?.(), arrival: now });
      this.#activity.event(normalized, now);
      this.#touchActivity(sessionId);
      if (this.#listeners.event.size) this.#emit('event', normalized);
      const watched = this.#watched.get(sessionId);
      if (!watched) return;
      const added = watched.store.addLive(message.event);
      if (added.length) {
        watched.pending.push(...added);
        this.#markDirty(watched);
      }
      return;
    }
    // Kept across reloads: nothing else keeps why a run failed.
    if (message.kind === 'run_failed') this.#failures.remember(message.sessionId, message.error);
    const previous = message.kind === 'session_updated' ? this.#sessions.get(message.session.session_id) : null;
    const changed = this.#sessions.apply(message);
    if (changed.length) {
      this.#trackSessions(message, previous, now);
      this.#sessionsChanged(changed);
    }
  }

  #trackSessions(message: Exclude<StreamMessage, { kind: 'event' }>, previous: Session | null, now: number): void {
    const tracker = this.#activity;
    switch (message.kind) {
      case 'session_created':
        tracker.created(message.session.session_id, now);
        return this.#touchActivity(message.session.session_id);
      case 'session_updated': {
        const session = this.#sessions.get(message.session.session_id);
        if (session) tracker.updated(session, previous, now);
        return this.#touchActivity(message.session.session_id);
      }
      case 'run_failed':
        tracker.runFailed(message.sessionId, now);
        return this.#touchActivity(message.sessionId);
      case 'session_deleted':
        tracker.deleted(message.sessionId);
        this.histories.invalidate(message.sessionId);
        return this.#touchActivity(message.sessionId);
    }
  }

  #touchActivity(sessionId: string): void {
    this.#activityChanged.add(sessionId);
    this.#scheduleActivity();
  }

  /** A history was read (for a list or a watch): what it tells of the session. */
  #historyRead(sessionId: string, events: readonly CoordinatorEvent[]): void {
    this.#activity.history(sessionId, events, this.#sessions.get(sessionId), Date.now());
    this.#touchActivity(sessionId);
  }

  #sessionsChanged(ids: readonly string[]): void {
    this.#scheduleSessions();
    for (const watched of this.#watched.values()) {
      if (!ids.includes('*') && !ids.includes(watched.sessionId)) continue;
      this.#markDirty(watched);
      // A session that is done now: its final result may lie in a gap.
      void this.#recoverResult(watched);
    }
  }

  async #resyncSessions(): Promise<void> {
    const token = this.#sessions.beginResync();
    try {
      const list = await this.listSessionsRaw();
      if (this.#sessions.finishResync(token, list)) this.#sessionsChanged(['*']);
    } catch {
      // The list stays as the stream left it; the next reconnect tries again.
      this.#sessions.abortResync(token);
    }
  }

  async #loadHistory(watched: Watched): Promise<void> {
    const { store, sessionId } = watched;
    this.#cancelHistoryRetry(watched);
    const wasLoaded = store.loaded;
    const token = store.beginLoad();
    this.#markDirty(watched);
    let added: CoordinatorEvent[] | null;
    let notFound = false;
    let failure: unknown = null;
    try {
      const history = await this.getHistoryRaw(sessionId);
      added = store.finishLoad(token, history);
      if (added !== null) {
        // The same answer tells a session list its title and counts.
        const events = this.normalizeHistory(history);
        this.histories.prime(sessionId, events);
        this.#historyRead(sessionId, events);
      }
    } catch (error) {
      // Unknown yet (a session being created) is an empty history, not a failure.
      notFound = error instanceof CoordinatorError && error.status === 404;
      if (notFound) added = store.finishLoad(token, []);
      else {
        failure = error;
        added = store.failLoad(token, errorMessage(error));
      }
    }
    if (added !== null) watched.notFound = notFound;
    if (added === null || this.#watched.get(sessionId) !== watched) return;
    if (failure === null) watched.historyFailures = 0;
    else this.#scheduleHistoryRetry(watched, failure);
    // The first load is the starting point, not news; later loads bring events missed meanwhile.
    if (wasLoaded) watched.pending.push(...added);
    this.#markDirty(watched);
    if (failure === null) void this.#recoverResult(watched);
  }

  /**
   * What can still be had of a gap (docs/protocol.md §14): once the session is done, its final
   * result (`GET /sessions/{id}/result`), shown on the newest gap unless an event after the gap
   * shows it already. Fetched once per gap and session status.
   */
  async #recoverResult(watched: Watched): Promise<void> {
    const { store, sessionId } = watched;
    const gap = store.gaps.at(-1);
    const session = this.#sessions.get(sessionId);
    if (!gap || gap.result || !session || busyStateOf(session.status) === 'busy') return;
    const events = store.events;
    const start = events.findIndex((e) => e.key === gap.afterKey);
    if (events.slice(start + 1).some((e) => e.type === 'result')) return;
    const tag = `${gap.key}|${session.status}`;
    if (watched.resultFetchedFor === tag) return;
    watched.resultFetchedFor = tag;
    let answer: Record<string, unknown>;
    try {
      answer = { ...(await this.getResult(sessionId)) };
    } catch {
      // Nothing more to be had; the gap says events may be missing either way.
      return;
    }
    const text = [answer.result_text, answer.result].find(isFilledString) ?? null;
    const data = isEmpty(answer.result_data) ? null : answer.result_data;
    if (text === null && data === null) return;
    const shown = store.events.some(
      (e) => text !== null && (e.resultText === text || (e.type === 'message' && e.role !== 'user' && e.text === text)),
    );
    if (shown || this.#watched.get(sessionId) !== watched) return;
    if (store.setGapResult(gap.key, { text, data })) this.#markDirty(watched);
  }

  /** Tries the history again after the backoff (or the server's longer `Retry-After`). */
  #scheduleHistoryRetry(watched: Watched, failure: unknown): void {
    if (++watched.historyFailures > this.#backoff.maxAttempts) return;
    const backoff = reconnectDelay(watched.historyFailures, this.#backoff);
    const retryAfter = failure instanceof CoordinatorError ? failure.retryAfterMs : null;
    const delay = delayWithRetryAfter(backoff, retryAfter, this.#backoff);
    const timer = setTimeout(() => {
      watched.historyRetry = null;
      // Without an open stream the next open loads it (and live events could not be merged now).
      if (this.#watched.get(watched.sessionId) === watched && this.#connection.state.status === 'open') {
        void this.#loadHistory(watched);
      } else this.#markDirty(watched);
    }, delay);
    watched.historyRetry = { at: Date.now() + delay, timer };
  }

  #cancelHistoryRetry(watched: Watched): void {
    if (!watched.historyRetry) return;
    clearTimeout(watched.historyRetry.timer);
    watched.historyRetry = null;
  }

  #markDirty(watched: Watched): void {
    watched.snapshot = undefined;
    watched.notify = true;
    this.#scheduleWatches();
  }

  /** The current snapshot: the one made last, unless something changed since. */
  #snapshot(watched: Watched): SessionSnapshot {
    if (watched.snapshot) return watched.snapshot;
    const { store, sessionId } = watched;
    const session = this.#withRememberedFailure(this.#sessions.get(sessionId));
    const events = store.events;
    const unknown = watched.notFound || this.#sessions.listed || this.#sessions.wasDeleted(sessionId);
    return (watched.snapshot = {
      sessionId,
      session,
      busy: session ? busyStateOf(session.status) : this.#sessions.wasDeleted(sessionId) ? 'ended' : 'ready',
      events,
      runs: watched.runs.update(
        events,
        session,
        store.version,
        events.length > 0 && store.gaps.some((g) => g.afterKey === events[events.length - 1].key),
      ),
      truncated: {
        droppedByCap: store.droppedByCap,
        historyMayBeIncomplete: store.historyMayBeIncomplete,
        bodiesDropped: store.bodiesDropped,
        maxBytes: store.maxBytes,
      },
      loaded: store.loaded,
      syncing: store.syncing,
      historyError: store.historyError,
      missing: store.loaded && !session && events.length === 0 && unknown,
      historyRetryAt: watched.historyRetry?.at ?? null,
      historyFailures: watched.historyFailures,
      gaps: store.gaps,
    });
  }

  /**
   * A failed session whose coordinator says nothing about why (no `run_failed` seen by this page, no
   * error of its own) gets the reason a `run_failed` gave before a reload, as its `lastError`.
   */
  #withRememberedFailure(session: Session | null): Session | null {
    if (session?.status !== 'failed' || session.lastError || session.lastRunFailure?.error) return session;
    const remembered = this.#failures.recall(session.sessionId);
    return remembered ? { ...session, lastError: remembered } : session;
  }

  #flushWatches(): void {
    for (const watched of [...this.#watched.values()]) {
      const snapshot = this.#snapshot(watched);
      const all = watched.notify;
      const events = watched.pending;
      watched.notify = false;
      watched.pending = [];
      for (const watcher of [...watched.watchers]) {
        if (watcher.closed || (!all && !watcher.fresh)) continue;
        watcher.fresh = false;
        callSafely(() => {
          watcher.handlers.onChange?.(snapshot);
          if (events.length && !watcher.closed) watcher.handlers.onEvents?.(events);
        });
      }
    }
  }
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
