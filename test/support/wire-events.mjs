// The wire-event builders of the browser tests, the stories and the benchmark: plain ESM without
// imports, so web-test-runner, Vite (stories, bench page) and Node (bench/run.mjs) all load it as it
// is. Types: wire-events.d.mts.

/** The body keys of a live-form event, all null: the coordinator streams every key (protocol §5). */
export const EMPTY_BODY = Object.freeze({
  tool_name: null,
  tool_input: null,
  tool_output: null,
  error: null,
  exit_code: null,
  reason: null,
  role: null,
  content: null,
  result_text: null,
  result_data: null,
});

/** A live-form event as the coordinator streams it: every key present, unused ones null. */
export function liveFormEvent(fields) {
  return { ...EMPTY_BODY, ...fields };
}

/** The history form turns "", 0, false, {} and [] into null (the coordinator's SQLite round trip). */
function emptyToNull(v) {
  if (v === '' || v === 0 || v === false || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? v : null;
  if (v && typeof v === 'object') return Object.keys(v).length ? v : null;
  return v;
}

/** The history form of a live event, as `GET /sessions/{id}/events` returns it: an integer id, empty values null. */
export function historyForm(event, id) {
  const row = { id };
  for (const [k, v] of Object.entries(event)) row[k] = emptyToNull(v);
  return row;
}

/** The session of `liveEvent` unless given. */
export const SID = 'ses_aaaaaaaaaaaa';

/** A live-form event of session `SID` unless given. */
export function liveEvent(fields) {
  return liveFormEvent({ session_id: SID, ...fields });
}

/** A live-form event of session `ses_000000000001`, timestamped now, unless given (element tests). */
export function wireEvent(fields) {
  return liveFormEvent({ session_id: 'ses_000000000001', timestamp: new Date().toISOString(), ...fields });
}

/** ISO timestamp with microseconds, `offsetMs` after a fixed base (2026-11-24T01:00:00Z). */
export function ts(offsetMs, micros = 0) {
  const d = new Date(Date.UTC(2026, 10, 24, 1, 0, 0) + offsetMs);
  return d.toISOString().replace('Z', '').slice(0, 23) + String(micros).padStart(3, '0') + '+00:00';
}

/** ISO timestamp with microseconds and `+00:00`, like the coordinator's executor clock. */
export function isoMicros(micros) {
  const base = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  return `${base}.${String(micros % 1_000_000).padStart(6, '0')}+00:00`;
}
