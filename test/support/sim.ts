/**
 * Browser-side handle on the simulated Agent Coordinator (server/coordinator.mjs), started for the
 * test run by server/wtr-plugin.mjs. Each `createSim()` gets its own isolated instance (own
 * sessions, auth, faults and stats), so tests running in parallel never see each other.
 */

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
}

/** Option keys that can also change at runtime through `fault()`. */
type RuntimeOptions = Pick<
  InstanceOptions,
  'token' | 'tokens' | 'legacyNames' | 'runBody' | 'stepMs' | 'heartbeatMs' | 'historyCap' | 'agents'
>;

export interface Fault extends RuntimeOptions {
  /** Destroy every open SSE socket now. Events emitted while nobody is connected are not replayed. */
  dropStreams?: boolean;
  /** The next `count` (default 1) requests (only to `path`, relative to the base, when given) get `status`. */
  failRequests?: { status: number; count?: number; path?: string };
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
}

export interface SimRequestRecord {
  method: string;
  /** Relative to the instance base, e.g. `/sse/sessions`. */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  lastEventId: string | null;
  status: number;
}

export interface SimStats {
  /** Accepted `GET /sse/sessions` requests so far. */
  sseRequests: number;
  openStreams: number;
  sessions: number;
  /** The last ~200 requests (control routes and CORS preflights excluded), oldest first. */
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
  /** Closes the instance and destroys its streams. */
  close(): Promise<void>;
}

let config: Promise<{ origin: string }> | undefined;

/** The coordinator's origin, from the test server (cached). */
export function simOrigin(): Promise<string> {
  config ??= fetch('/__sim/config.json').then(async (r) => {
    if (!r.ok)
      throw new Error(`simulated coordinator config: HTTP ${r.status} (is server/wtr-plugin.mjs in the WTR config?)`);
    return (await r.json()) as { origin: string };
  });
  return config.then((c) => c.origin);
}

async function control<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
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
    async close() {
      await control(`${base}/__sim`, 'DELETE');
    },
  };
}
