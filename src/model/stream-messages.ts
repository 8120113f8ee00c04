/**
 * One SSE frame (its `event:` kind and `data:` text) → a typed stream message. Never throws: bad
 * JSON or a payload of the wrong shape comes back as a `MalformedFrame`, so the stream goes on.
 */
import type { WireSession, WireSessionEvent, WireSessionPatch } from '../types/wire.js';
import { errorMessage, isFilledString, isObject, isWireSessionEvent, nullableString } from './normalize.js';

/** A frame the client could not use (reported through the client's `malformed-frame` event). */
export interface MalformedFrame {
  kind: string;
  raw: string;
  reason: string;
}

export type StreamMessage =
  | { kind: 'init'; sessions: WireSession[] }
  | { kind: 'session_created'; session: WireSession }
  | { kind: 'session_updated'; session: WireSessionPatch }
  | { kind: 'session_deleted'; sessionId: string; runsDeleted: number | null }
  | { kind: 'event'; event: WireSessionEvent }
  | { kind: 'run_failed'; runId: string | null; sessionId: string; error: string | null }
  /** A kind this client does not know (a newer server): ignored, not an error. */
  | { kind: 'unknown'; name: string; data: unknown };

export interface ParsedFrame {
  message: StreamMessage | null;
  /** Problems found; a frame can yield a message and a problem (an init with one bad session). */
  malformed: MalformedFrame[];
}

type Obj = Record<string, unknown>;

function hasSessionId(value: unknown): value is Obj & { session_id: string } {
  return isObject(value) && isFilledString(value.session_id);
}

/**
 * `parsed`: the JSON of `raw` when the caller parsed it already (a big frame, in steps), as the
 * value or the reason it is not JSON.
 */
export function parseStreamMessage(
  kind: string | undefined,
  raw: string,
  parsed?: { value: unknown } | { error: string },
): ParsedFrame {
  const name = kind ?? 'message';
  const result = (message: StreamMessage | null, reason?: string): ParsedFrame => ({
    message,
    malformed: reason ? [{ kind: name, raw, reason }] : [],
  });
  let data: unknown;
  if (parsed) {
    if ('error' in parsed) return result(null, `invalid JSON: ${parsed.error}`);
    data = parsed.value;
  } else {
    try {
      data = JSON.parse(raw);
    } catch (error) {
      return result(null, `invalid JSON: ${errorMessage(error)}`);
    }
  }
  // Absent keys of a non-object read as undefined, which every check below refuses.
  const fields: Obj = isObject(data) ? data : {};
  switch (name) {
    case 'init': {
      if (!Array.isArray(fields.sessions)) return result(null, 'no sessions list');
      const sessions = fields.sessions.filter(hasSessionId) as unknown as WireSession[];
      const skipped = fields.sessions.length - sessions.length;
      return result({ kind: name, sessions }, skipped ? `${skipped} session(s) without session_id skipped` : '');
    }
    case 'session_created':
    case 'session_updated':
      return hasSessionId(fields.session)
        ? result({ kind: name, session: fields.session as unknown as WireSession })
        : result(null, 'no session.session_id');
    case 'event': {
      // The session event is nested under `data`.
      const event = fields.data;
      return isWireSessionEvent(event) && hasSessionId(event)
        ? result({ kind: name, event })
        : result(null, 'no data.event_type or data.session_id');
    }
    case 'session_deleted':
    case 'run_failed': {
      if (!hasSessionId(data)) return result(null, 'no session_id');
      const { session_id: sessionId, error } = data;
      return result(
        name === 'run_failed'
          ? {
              kind: name,
              sessionId,
              runId: nullableString(data.run_id),
              error: typeof error === 'string' ? error : error == null ? null : JSON.stringify(error),
            }
          : { kind: name, sessionId, runsDeleted: typeof data.runs_deleted === 'number' ? data.runs_deleted : null },
      );
    }
    default:
      return result({ kind: 'unknown', name, data });
  }
}
