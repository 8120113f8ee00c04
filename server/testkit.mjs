// Shared helpers for the simulator's own node tests.
import assert from 'node:assert/strict';
import { SseReader } from './sse-reader.mjs';

/**
 * JSON request against an instance base. Returns status, headers and the parsed body.
 * @param {{ base: string }} inst @param {string} path
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [init]
 */
export async function call(inst, path, { method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(inst.base + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, body: json, text };
}

export const startBody = (prompt, extra = {}) => ({ type: 'start_session', parameters: { prompt }, ...extra });
export const resumeBody = (sessionId, prompt) => ({
  type: 'resume_session',
  session_id: sessionId,
  parameters: { prompt },
});

/** @param {{ sseUrl: string }} inst @param {string} [query] @param {Record<string, string>} [headers] */
export function stream(inst, query = '', headers = {}) {
  return SseReader.open(inst.sseUrl + query, { headers });
}

/** The session's frames as short labels: `created:pending`, `sup:running`, `run_start`, `deleted`, `failed`. */
export function labels(frames, sessionId) {
  const out = [];
  for (const f of frames) {
    const j = f.json;
    if (f.event === 'session_created' && j.session.session_id === sessionId) out.push(`created:${j.session.status}`);
    else if (f.event === 'session_updated' && j.session.session_id === sessionId) out.push(`sup:${j.session.status}`);
    else if (f.event === 'event' && j?.data?.session_id === sessionId) out.push(j.data.event_type);
    else if (f.event === 'session_deleted' && j.session_id === sessionId) out.push('deleted');
    else if (f.event === 'run_failed' && j.session_id === sessionId) out.push('run_failed');
  }
  return out;
}

/** Collapses repeats (`post_tool, post_tool` → `post_tool+`) so orders can be compared. */
export function squash(list) {
  const out = [];
  for (const item of list) {
    if (out.at(-1) === item || out.at(-1) === `${item}+`) out[out.length - 1] = `${item}+`;
    else out.push(item);
  }
  return out;
}

/** Asserts that a coordinator answers at `origin`: a new instance over the control route, with no sessions yet. */
export async function assertServesAt(origin) {
  const created = await fetch(`${origin}/__sim/instances`, { method: 'POST', body: '{"stepMs": 1}' });
  assert.equal(created.status, 201);
  const { base } = await created.json();
  assert.deepEqual(await (await fetch(`${base}/sessions`)).json(), { sessions: [] });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const LIVE_KEYS = [
  'event_type',
  'session_id',
  'timestamp',
  'tool_name',
  'tool_input',
  'tool_output',
  'error',
  'exit_code',
  'reason',
  'role',
  'content',
  'result_text',
  'result_data',
];
export const SESSION_KEYS = [
  'session_id',
  'status',
  'created_at',
  'project_dir',
  'agent_name',
  'last_resumed_at',
  'parent_session_id',
  'executor_session_id',
  'executor_profile',
  'hostname',
];
export const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
