/**
 * The normalized model that elements render. Produced from wire data by `src/model/normalize.ts`.
 */
import type { WireContentBlock, WireSessionEvent, WireSessionStatus } from './wire.js';

/** The filter groups of the timeline toolbar. */
export type EventCategory = 'tool' | 'message' | 'result' | 'lifecycle' | 'other';

/** Event types this library knows how to show (after aliasing old names). */
export type KnownEventType =
  | 'run_start'
  | 'run_completed'
  | 'pre_tool'
  | 'post_tool'
  | 'message'
  | 'result'
  | 'hook_start'
  | 'hook_complete'
  | 'hook_failed'
  | 'hook_blocked'
  | 'hook_timeout';

export interface CoordinatorEvent {
  /** Unique within one client/store, stable for the event's life: use it as a render key. */
  key: string;
  /** Arrival order (monotonic within a store); breaks ties between equal timestamps. */
  seq: number;
  /** Normalized type: old names mapped through the alias table, unknown types kept as sent. */
  type: string;
  /** The `event_type` as sent (e.g. `session_start`). */
  originalType: string;
  /** True when `originalType` was an old name mapped by the alias table. */
  legacy: boolean;
  /** False for types this library does not know; they still render (type + JSON). */
  known: boolean;
  category: EventCategory;
  sessionId: string;
  /** Timestamp string as the executor sent it. */
  timestamp: string;
  /** Milliseconds since epoch (timestamps without offset are read as UTC); NaN if unparsable. */
  time: number;
  toolName: string | null;
  toolInput: Record<string, unknown> | null;
  /** String, object or array; null when empty. */
  toolOutput: unknown;
  error: string | null;
  exitCode: number | null;
  reason: string | null;
  role: string | null;
  /** Text of a message: the text blocks joined, or `content` itself when it is a string. */
  text: string | null;
  /** Content blocks as sent (a plain string content becomes one text block). */
  content: WireContentBlock[] | null;
  resultText: string | null;
  resultData: unknown;
  /** An error (`error` set, non-zero `exit_code`, failed/blocked/timed-out hook). */
  failed: boolean;
  /** Integer id when the event came from history. */
  historyId: number | null;
  /** The wire object as it came (cut to a preview with the bodies, see `droppedBytes`). */
  raw: WireSessionEvent;
  /**
   * Set when the session's byte budget cut this event's bodies (tool output, message text, result)
   * to previews: about how many bytes were dropped.
   */
  droppedBytes?: number;
}

/**
 * A stretch of a session where events may be missing: the server's history holds only its first 100
 * events (docs/protocol.md §14), so what was broadcast while this client was not listening, after
 * those, cannot be fetched again. It lies between two events the client holds.
 */
export interface EventGap {
  /** Stable while the gap exists: use it as a render key. */
  key: string;
  /** The last event held before the gap (its `key`); null when none is. */
  afterKey: string | null;
  /** That event's time (epoch ms); null when it has no valid one. */
  from: number | null;
  /** The first event that came after the gap (its `key`); null while none has (the gap reaches to now). */
  beforeKey: string | null;
  /** That event's time (epoch ms); null while there is none or it has no valid time. */
  to: number | null;
  /** Why events may be missing here: the server's history cap. */
  reason: 'history-cap';
  /**
   * The session's final result, fetched again (`GET /sessions/{id}/result`) because it may lie in
   * the gap; null when there is none or it is shown already.
   */
  result: { text: string | null; data: unknown } | null;
}

/** Derived from the session status. `finished` is resumable (rename-era servers). */
export type BusyState = 'busy' | 'ready' | 'ended';

export interface Session {
  sessionId: string;
  status: WireSessionStatus;
  createdAt: string | null;
  projectDir: string | null;
  agentName: string | null;
  lastResumedAt: string | null;
  parentSessionId: string | null;
  executorSessionId: string | null;
  executorProfile: string | null;
  hostname: string | null;
  /** Set by a `run_failed` message (only live: gone after a reload). */
  lastRunFailure: { runId: string; error: string | null } | null;
  /**
   * The session's last error: what the coordinator sends (`error` or `last_error`), else, in a watched
   * failed session, what a `run_failed` said about it before (remembered by the client across reloads).
   */
  lastError: string | null;
}

export type RunOutcome = 'running' | 'completed' | 'failed' | 'stopped';

export interface Run {
  /** 1 for the run that started the session, 2+ for resumes. */
  index: number;
  kind: 'start' | 'resume';
  sessionId: string;
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  toolCount: number;
  /** Time spent in tool calls whose `pre_tool` and `post_tool` paired up; null when none did. */
  toolTimeMs: number | null;
  /** Durations of the paired tool calls: event key (of either event of a pair) → timing. */
  toolTimings: ReadonlyMap<string, { durationMs: number; slow: boolean }>;
  errorCount: number;
  outcome: RunOutcome;
  exitCode: number | null;
  reason: string | null;
  /** The events of this run, in order (including its start and completion markers). */
  events: CoordinatorEvent[];
}

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'auth-error' | 'offline' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnect attempt (1-based) while `reconnecting`. */
  attempt?: number;
  /** Delay before the next attempt, while `reconnecting`. */
  nextDelayMs?: number;
  /** Epoch ms of the next attempt, while `reconnecting`. */
  nextAttemptAt?: number;
  /** The server's `Retry-After` (ms from when it came), while `reconnecting` after a 429/503 that sent one. */
  retryAfterMs?: number;
  /** HTTP status for `auth-error` (401/403) or the last failure. */
  httpStatus?: number;
  /** The server's `detail` or the network error's message. */
  message?: string;
}
