/**
 * Wire-event builders shared by the tests, the stories and their fake coordinator (test-only, no test
 * framework imported, so Storybook can use it too).
 */
import type { WireHistoryEvent, WireSessionEvent } from '../../src/types/wire.js';

/** A live-form event as the coordinator streams it: every key present, unused ones null (protocol §5). */
export function liveFormEvent(
  fields: Partial<WireSessionEvent> & { event_type: string; session_id: string; timestamp: string },
): WireSessionEvent {
  return {
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
    ...fields,
  };
}

function emptyToNull(v: unknown): unknown {
  if (v === '' || v === 0 || v === false || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? v : null;
  if (v && typeof v === 'object') return Object.keys(v).length ? v : null;
  return v;
}

/** The history form of a live event, as `GET /sessions/{id}/events` returns it: an integer id, empty values null (protocol §5). */
export function historyForm(event: WireSessionEvent, id: number): WireHistoryEvent {
  const row: Record<string, unknown> = { id };
  for (const [k, v] of Object.entries(event)) row[k] = emptyToNull(v);
  return row as WireHistoryEvent;
}
