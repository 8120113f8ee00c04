/**
 * Wire types: exactly what an Agent Coordinator sends (docs/protocol.md §7–§10).
 * Nothing here is trusted: every field may be missing or null on real data.
 */

/** Session status. The rename-era server has no `idle`/`failed` and uses `finished` for "resumable". */
export type WireSessionStatus =
  'pending' | 'running' | 'idle' | 'stopping' | 'finished' | 'stopped' | 'failed' | (string & {});

export interface WireSession {
  session_id: string;
  status: WireSessionStatus;
  created_at: string;
  project_dir?: string | null;
  agent_name?: string | null;
  last_resumed_at?: string | null;
  parent_session_id?: string | null;
  executor_session_id?: string | null;
  executor_profile?: string | null;
  hostname?: string | null;
  /** Not in the captures: a coordinator that keeps a session's last error may send it (either name). */
  error?: string | null;
  last_error?: string | null;
}

/** `session_updated` may carry only some fields: merge, never replace. */
export type WireSessionPatch = Partial<WireSession> & { session_id: string };

export interface WireContentBlock {
  type: string;
  text?: string;
  [key: string]: unknown;
}

/** A session event as streamed live (every key present, unused ones null). */
export interface WireSessionEvent {
  event_type: string;
  session_id: string;
  timestamp: string;
  tool_name?: string | null;
  tool_input?: Record<string, unknown> | null;
  tool_output?: unknown;
  error?: string | null;
  exit_code?: number | null;
  reason?: string | null;
  role?: string | null;
  content?: WireContentBlock[] | string | null;
  /** Later release only; missing on old rows. */
  result_text?: string | null;
  result_data?: unknown;
  [key: string]: unknown;
}

/** History form (`GET /sessions/{id}/events`): integer id, empty values as null. */
export interface WireHistoryEvent extends WireSessionEvent {
  id: number;
}

/** The `event:` line of an SSE frame. */
export type WireStreamKind =
  'init' | 'session_created' | 'session_updated' | 'session_deleted' | 'event' | 'run_failed';

export interface WireInitData {
  sessions: WireSession[];
}
export interface WireSessionCreatedData {
  session: WireSession;
}
export interface WireSessionUpdatedData {
  session: WireSessionPatch;
}
export interface WireSessionDeletedData {
  session_id: string;
  runs_deleted?: number;
}
export interface WireEventData {
  data: WireSessionEvent;
}
export interface WireRunFailedData {
  run_id: string;
  session_id: string;
  error: string | null;
}

export interface WireAgent {
  name: string;
  description?: string | null;
  status?: string | null;
  [key: string]: unknown;
}

/** `POST /runs` answer (201). */
export interface WireRunCreated {
  run_id: string;
  session_id: string;
  status: string;
}

/** `GET /sessions/{id}/result`; older servers answer `{result}`. */
export interface WireSessionResult {
  result_text?: string | null;
  result_data?: unknown;
  result?: unknown;
}

export interface WireStopResponse {
  ok: boolean;
  session_id: string;
  status: string;
}

export interface WireValidationDetail {
  error: string;
  message?: string;
  validation_errors?: unknown[];
}

/** Every REST error body. */
export interface WireErrorBody {
  detail: string | WireValidationDetail | unknown[] | Record<string, unknown>;
}
