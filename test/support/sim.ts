/**
 * Browser-side handle on the simulated Agent Coordinator (server/coordinator.mjs), started for the
 * browser tests by server/wtr-plugin.mjs and for the stories by server/vite-plugin.mjs. Each
 * `createSim()` gets its own isolated instance (own sessions, auth, faults and stats), so tests
 * and stories running side by side never see each other.
 */
import type { WireSession, WireSessionEvent } from '../../src/types/wire.js';

export interface SimAgent {
  name: string;
  description?: string | null;
  status?: string | null;
}

export interface InstanceOptions {
  /** Auth on when set: `Authorization: Bearer <token>` or `?api_key=<token>`; none → 401, wrong → 403. */
  token?: string | null;
  /** More accepted tokens (e.g. a refreshed one). */
  tokens?: string[];
  /** `rename` = the coordinator at the rename commit: no idle/failed (uses finished), no result events. */
  era?: 'current' | 'rename';
  /** Accepted `POST /runs` body; the other gets 422. Default `parameters` (current), `prompt` (rename). */
  runBody?: 'parameters' | 'prompt';
  /** Emit `session_start`/`session_stop` instead of `run_start`/`run_completed`. */
  legacyNames?: boolean;
  /** Delay between scripted agent steps, default 40 (prompts containing `slow`: 10x). */
  stepMs?: number;
  /** Silence before a `: heartbeat` comment, default 30000. */
  heartbeatMs?: number;
  agents?: SimAgent[];
  /** History returns at most this many oldest events, default 100. */
  historyCap?: number;
  projectDir?: string | null;
  /** Every run plays this turn instead of the one the prompt's keywords pick. */
  turn?: ScriptedTurn | null;
}

/** A scripted run: its tool calls, reply, result and outcome (server/script.mjs `ScriptedTurn`). */
export interface ScriptedTurn {
  /** The fields of each `post_tool` event. */
  tools?: (Partial<WireSessionEvent> & { tool_name: string })[];
  /** The assistant's answer (markdown); none: no assistant message. */
  reply?: string | null;
  /** With `result_data`, the `result` event (none when both are null). */
  result_text?: string | null;
  result_data?: unknown;
  /** `failed`: the run fails after the tool calls (`run_failed` with `failure`); `hang`: it stays running after them. */
  outcome?: 'completed' | 'failed' | 'hang';
  failure?: string | null;
}

/** A session with a past (e.g. a capture): its fields (others null, status idle) and its events in live form. */
export interface SessionSeed {
  session: Partial<WireSession> & { session_id: string };
  events?: (Partial<WireSessionEvent> & { event_type: string })[];
}

/** Option keys that can also change at runtime through `fault()`. */
type RuntimeOptions = Pick<
  InstanceOptions,
  'token' | 'tokens' | 'legacyNames' | 'runBody' | 'stepMs' | 'heartbeatMs' | 'historyCap' | 'agents' | 'turn'
>;

export interface Fault extends RuntimeOptions {
  /** Destroy every open SSE socket now. Events emitted while nobody is connected are not replayed. */
  dropStreams?: boolean;
  /**
   * The next `count` (default 1) requests (only to `path`, relative to the base, when given) get
   * `status`, with `detail` as the error's detail when given.
   */
  failRequests?: { status: number; count?: number; path?: string; detail?: string };
  /** One `event` frame with unparsable JSON and one with a wrong shape to every open stream. */
  malformedFrame?: boolean;
  /** true: open streams stop writing anything (no heartbeats) but stay open; false: release held output. */
  stall?: boolean;
  /** Store and broadcast an unknown event type (`telemetry_sample`) for every session. */
  emitUnknown?: boolean;
  /** Broadcast any raw stream message (not stored), e.g. a partial `session_updated`. */
  emit?: { kind: string; data: unknown };
  /** The next run includes a ~5 MB tool output. */
  hugeOutput?: boolean;

  // Hostile mode (server/hostile.mjs): what a broken or malicious coordinator or proxy does.

  /**
   * The next `count` (default 1) requests (only to `path` when given) get this answer instead of
   * the coordinator's: a 200 event stream with `body` then ends ("accepts and closes"); `redirectTo`
   * answers with a redirect whose `Location` keeps the request's path and query. `Retry-After` and
   * `Location` are exposed to the page (CORS).
   */
  respond?: {
    path?: string;
    /** Only requests with this method (any when absent). */
    method?: string;
    count?: number;
    status?: number;
    headers?: Record<string, string>;
    body?: string;
    redirectTo?: string;
  };
  /** Written to every open stream as it is (not framed, not stored). */
  raw?: string;
  /** Streams opened from now on end their lines with CRLF or CR, and start with a byte-order mark; null: normal. */
  framing?: { lineEnding?: 'lf' | 'crlf' | 'cr'; bom?: boolean } | null;
  /**
   * Stores and broadcasts `count` post_tool events of `bytes` characters of output each, repeating
   * `filler` (default `x`; quotes, line breaks and non-ASCII characters make slower JSON).
   */
  hugeEvent?: { sessionId: string; bytes: number; count?: number; filler?: string };
  /** Ends every open stream cleanly (unlike `dropStreams`, which breaks the connection). */
  closeStreams?: boolean;
  /** Forgets the answers still scripted by `respond` and `failRequests`. */
  clear?: boolean;
}

export interface SimRequestRecord {
  method: string;
  /** Relative to the instance base, e.g. `/sse/sessions`. */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  lastEventId: string | null;
  status: number;
  /** Epoch ms it came in (the server's clock). */
  at: number;
}

export interface SimStats {
  /** Accepted `GET /sse/sessions` requests so far. */
  sseRequests: number;
  openStreams: number;
  sessions: number;
  /** The last 1000 requests (control routes and CORS preflights excluded), oldest first. */
  requests: SimRequestRecord[];
}

export interface StartSessionBody {
  /** Keywords steer the scripted agent: fail, slow, huge, unknown, markdown. */
  prompt?: string;
  /** This session's runs use the old event names. */
  legacyNames?: boolean;
  /** More than 1: the session resumes itself after each run. */
  runs?: number;
  agent_name?: string | null;
}

export interface SimInstance {
  id: string;
  /** REST base, e.g. `http://127.0.0.1:PORT/i/<id>`. */
  base: string;
  /** `${base}/sse/sessions`. */
  sseUrl: string;
  fault(f: Fault): Promise<void>;
  stats(): Promise<SimStats>;
  /** Starts a scripted session as if by `POST /runs` (no auth needed). */
  startSession(body?: StartSessionBody): Promise<{ session_id: string; run_id: string }>;
  /** Adds a session with its past, keeping its id (no auth needed). */
  addSession(seed: SessionSeed): Promise<{ session_id: string }>;
  /**
   * Stores and broadcasts an event of a session through the coordinator's own
   * `POST /sessions/{id}/events` (with the instance's `token`, if it was created with one).
   */
  injectEvent(sessionId: string, fields: Partial<WireSessionEvent> & { event_type: string }): Promise<void>;
  /** Closes the instance and destroys its streams. */
  close(): Promise<void>;
}

/** The page's server does not serve the coordinator's config (e.g. a static Storybook build). */
export class SimUnavailableError extends Error {}

let config: Promise<{ origin: string }> | undefined;

/** The coordinator's origin, from the test (or Storybook dev) server (cached). */
export function simOrigin(): Promise<string> {
  config ??= fetch('/__sim/config.json').then(async (r) => {
    const type = r.headers.get('content-type') ?? '';
    if (!r.ok || !type.includes('json')) {
      config = undefined;
      throw new SimUnavailableError(
        `no simulated coordinator: GET /__sim/config.json answered HTTP ${r.status} ${type} (server/wtr-plugin.mjs in the WTR config, server/vite-plugin.mjs in a Vite dev server)`,
      );
    }
    return (await r.json()) as { origin: string };
  });
  return config.then((c) => c.origin);
}

async function control<T>(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates an isolated simulated coordinator instance. */
export async function createSim(options: InstanceOptions = {}): Promise<SimInstance> {
  const origin = await simOrigin();
  const { id, base, sseUrl } = await control<{ id: string; base: string; sseUrl: string }>(
    `${origin}/__sim/instances`,
    'POST',
    options,
  );
  return {
    id,
    base,
    sseUrl,
    async fault(f) {
      await control(`${base}/__sim/fault`, 'POST', f);
    },
    stats: () => control<SimStats>(`${base}/__sim/stats`, 'GET'),
    startSession: (body = {}) => control<{ session_id: string; run_id: string }>(`${base}/__sim/session`, 'POST', body),
    addSession: (seed) => control<{ session_id: string }>(`${base}/__sim/sessions`, 'POST', seed),
    async injectEvent(sessionId, fields) {
      const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
      await control(`${base}/sessions/${encodeURIComponent(sessionId)}/events`, 'POST', fields, auth);
    },
    async close() {
      await control(`${base}/__sim`, 'DELETE');
    },
  };
}
