/**
 * Public shapes of the coordinator client. `CoordinatorClient` (client.ts) implements `CoordinatorClientApi`.
 */
import type { MalformedFrame } from '../model/stream-messages.js';
import type { SessionActivityTracker } from '../model/session-activity.js';
import type { HistoryLoader } from './history-loader.js';
import type { BusyState, ConnectionState, CoordinatorEvent, EventGap, Run, Session } from '../types/model.js';
import type { WireAgent, WireRunCreated, WireSessionResult, WireStopResponse } from '../types/wire.js';

export type TokenProvider = () => Promise<string | null | undefined> | string | null | undefined;

export interface ReconnectOptions {
  /** First delay, default 1000 ms. */
  initialDelayMs?: number;
  /** Cap, default 30000 ms. */
  maxDelayMs?: number;
  /** Default Infinity. */
  maxAttempts?: number;
  /** 0..1 share of the delay that is randomized, default 0.3. */
  jitter?: number;
  /**
   * A stream counts as healthy, and the next failure starts the backoff again from
   * `initialDelayMs`, only after it stayed open this long with bytes arriving. Default 10000 ms: a
   * server that accepts the stream and closes it at once gets ever longer waits, not a reconnect
   * storm.
   */
  healthyAfterMs?: number;
  /**
   * The longest wait a `Retry-After` (on 429 or 503) is honoured for; longer ones are cut to it.
   * Default 600000 ms. "Retry now" does not wait at all.
   */
  maxRetryAfterMs?: number;
}

export interface ClientOptions {
  /** The coordinator's SSE URL, e.g. `https://host/sse/sessions`. */
  url: string;
  /** REST base; derived from `url` (strip `/sse/sessions`) when omitted. */
  apiBase?: string;
  token?: string | null;
  tokenProvider?: TokenProvider;
  /** `header` (Authorization: Bearer, default) or `query` (`?api_key=`). */
  authMode?: 'header' | 'query';
  reconnect?: ReconnectOptions;
  /** No bytes for this long → reconnect. Default 45000. */
  watchdogMs?: number;
  /** Oldest events dropped beyond this, per session. Default 50000. */
  maxEventsPerSession?: number;
  /**
   * About how many bytes (characters of text) a watched session's events may hold. Beyond it the
   * oldest big bodies (tool output, message text, result) are cut to a preview and the event says
   * how much was dropped (`droppedBytes`); only if that is not enough are the oldest events dropped.
   * Default 64 MiB (`DEFAULT_MAX_BYTES_PER_SESSION`); `Infinity`: no limit.
   */
  maxBytesPerSession?: number;
  /** Extra alias table merged over the global one. */
  aliases?: Record<string, string>;
  /** Body shape of POST /runs; `auto` (default) detects on 422 and remembers per coordinator. */
  runBodyShape?: 'auto' | 'parameters' | 'prompt';
  fetch?: typeof fetch;
  /** REST calls give up (status 0) after this long. Default 30000. */
  requestTimeoutMs?: number;
  /** History requests at a time for views of many sessions (`histories`). Default 4. */
  historyConcurrency?: number;
}

/** What a watched session looks like at a moment. Arrays are new objects after each change. */
export interface SessionSnapshot {
  sessionId: string;
  session: Session | null;
  busy: BusyState;
  /** Normalized events in order (timestamp, then arrival). */
  events: readonly CoordinatorEvent[];
  runs: readonly Run[];
  /**
   * What is not shown whole: oldest events dropped by the caps, whether the server's history was
   * cut at its cap (100), and how many events' bodies the byte budget (`maxBytes`) cut to previews.
   */
  truncated: { droppedByCap: number; historyMayBeIncomplete: boolean; bodiesDropped?: number; maxBytes?: number };
  /** History is loaded and merged. */
  loaded: boolean;
  /** A history (re)load is in progress; live events wait for it so none is doubled. */
  syncing?: boolean;
  /** Why the last history fetch failed (live events are shown meanwhile); null when it worked. */
  historyError?: string | null;
  /**
   * The coordinator does not know the session: its history answered 404, or its list (`init`, a
   * resync) does not have it, or it was deleted; and no message has named it since.
   */
  missing?: boolean;
  /** When history is fetched again after a failure (epoch ms); null when no retry is scheduled. */
  historyRetryAt?: number | null;
  /** History requests that failed in a row (0 once one works). */
  historyFailures?: number;
  /**
   * Where events may be missing (docs/protocol.md §14): after an outage, or on a first load, the
   * server's capped history could not give back what was broadcast meanwhile. Oldest first.
   */
  gaps?: readonly EventGap[];
}

export interface SessionWatchHandlers {
  /**
   * Called whenever the snapshot changed: batched, in a later task, at most once per animation frame
   * (every 16 ms without frames, as in Node) however fast events arrive. `watch.snapshot` is always
   * current meanwhile.
   */
  onChange?(snapshot: SessionSnapshot): void;
  /** New events appended (already in the snapshot), in arrival order. */
  onEvents?(events: readonly CoordinatorEvent[]): void;
}

export interface SessionWatch {
  readonly snapshot: SessionSnapshot;
  /** Stops watching; the stream closes when its last user leaves. */
  close(): void;
}

export type { MalformedFrame };

export interface ClientEventMap {
  connection: ConnectionState;
  sessions: readonly Session[];
  /** Sessions whose activity (`client.activity`) changed, at most once per frame; `'*'`: possibly all. */
  activity: ReadonlySet<string>;
  /** Every live event of every session (normalized), as it arrives; not kept by the client (swimlanes fold it). */
  event: CoordinatorEvent;
  'malformed-frame': MalformedFrame;
}

export interface StartRunOptions {
  prompt: string;
  agentName?: string | null;
  /** Starts a child session of this one (docs/protocol.md §13). */
  parentSessionId?: string | null;
  /** Body shape of this call's `POST /runs` (default: the client's `runBodyShape`). */
  bodyShape?: 'auto' | 'parameters' | 'prompt';
}

export interface CoordinatorClientApi {
  readonly connection: ConnectionState;
  readonly sessions: readonly Session[];
  on<K extends keyof ClientEventMap>(type: K, listener: (detail: ClientEventMap[K]) => void): () => void;
  watchSession(sessionId: string, handlers?: SessionWatchHandlers): SessionWatch;
  /** Keeps the stream open for session-list users (no per-session history). Returns release. */
  retain(): () => void;
  listSessions(): Promise<Session[]>;
  getSession(sessionId: string): Promise<Session>;
  getHistory(sessionId: string): Promise<CoordinatorEvent[]>;
  getResult(sessionId: string): Promise<WireSessionResult>;
  startRun(options: StartRunOptions): Promise<WireRunCreated>;
  resumeRun(sessionId: string, prompt: string, options?: Pick<StartRunOptions, 'bodyShape'>): Promise<WireRunCreated>;
  stopSession(sessionId: string): Promise<WireStopResponse>;
  deleteSession(sessionId: string): Promise<void>;
  listAgents(): Promise<WireAgent[]>;
  /** Reconnects now, e.g. after an `auth-error` once credentials are fixed (optional for fakes). */
  reconnect?(): void;
  /** Every session's title, counts and activity without its events (optional for fakes). */
  readonly activity?: SessionActivityTracker;
  /** Histories fetched on demand for views of many sessions, shared by the page (optional for fakes). */
  readonly histories?: HistoryLoader;
  close(): void;
}
