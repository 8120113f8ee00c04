/**
 * One SSE frame (its `event:` kind and `data:` text) → a typed stream message. Never throws: bad
 * JSON or a payload of the wrong shape comes back as a `MalformedFrame`, so the stream goes on.
 */
import type { WireSession, WireSessionEvent, WireSessionPatch } from '../types/wire.js';
import { isWireSessionEvent } from './normalize.js';
import type { MalformedFrame } from './types.js';

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

function isObject(value: unknown): value is Obj {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function hasSessionId(value: unknown): value is Obj & { session_id: string } {
  return isObject(value) && typeof value.session_id === 'string' && value.session_id !== '';
}

function bad(kind: string, raw: string, reason: string): ParsedFrame {
  return { message: null, malformed: [{ kind, raw, reason }] };
}

export function parseStreamMessage(kind: string | undefined, raw: string): ParsedFrame {
  const name = kind ?? 'message';
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return bad(name, raw, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  switch (name) {
    case 'init': {
      if (!isObject(data) || !Array.isArray(data.sessions)) return bad(name, raw, 'init without a sessions list');
      const sessions = data.sessions.filter(hasSessionId) as unknown as WireSession[];
      const skipped = data.sessions.length - sessions.length;
      return {
        message: { kind: 'init', sessions },
        malformed: skipped ? [{ kind: name, raw, reason: `${skipped} session(s) without session_id skipped` }] : [],
      };
    }
    case 'session_created':
    case 'session_updated': {
      if (!isObject(data) || !hasSessionId(data.session)) return bad(name, raw, `${name} without session.session_id`);
      return name === 'session_created'
        ? { message: { kind: name, session: data.session as unknown as WireSession }, malformed: [] }
        : { message: { kind: name, session: data.session as WireSessionPatch }, malformed: [] };
    }
    case 'session_deleted': {
      if (!hasSessionId(data)) return bad(name, raw, 'session_deleted without session_id');
      const runs = data.runs_deleted;
      return {
        message: { kind: name, sessionId: data.session_id, runsDeleted: typeof runs === 'number' ? runs : null },
        malformed: [],
      };
    }
    case 'event': {
      // The session event is nested under `data`.
      const event = isObject(data) ? data.data : undefined;
      if (!isWireSessionEvent(event) || typeof event.session_id !== 'string' || event.session_id === '') {
        return bad(name, raw, 'event without data.event_type and data.session_id');
      }
      return { message: { kind: name, event }, malformed: [] };
    }
    case 'run_failed': {
      if (!hasSessionId(data)) return bad(name, raw, 'run_failed without session_id');
      return {
        message: {
          kind: name,
          sessionId: data.session_id,
          runId: typeof data.run_id === 'string' ? data.run_id : null,
          error: typeof data.error === 'string' ? data.error : data.error == null ? null : JSON.stringify(data.error),
        },
        malformed: [],
      };
    }
    default:
      return { message: { kind: 'unknown', name, data }, malformed: [] };
  }
}
