/**
 * The captured coordinator output in test/fixtures, read the way the client reads a stream:
 * eventsource-parser splits the frames (as the client's transport does) and the library's own
 * `parseStreamMessage` turns each one into a typed message. The parsing is here, once; only the
 * source of the bytes differs: browser tests fetch them from the test server (below), the stories
 * import them as text through Vite (stories/support/fixtures.ts), since their modules need the
 * data synchronously.
 */
import { createParser } from 'eventsource-parser';
import { parseStreamMessage, type StreamMessage } from '../../src/model/stream-messages.js';
import type { WireHistoryEvent, WireSession, WireSessionEvent } from '../../src/types/wire.js';

/** The `.sse` captures. */
export const FIXTURES = ['current-two-runs.sse', 'edge-cases.sse', 'pre-rename-run.sse'] as const;

export interface Frame {
  id: string | undefined;
  message: StreamMessage;
}

/** Splits bytes into chunks cycling through `sizes` (odd sizes cut lines and UTF-8 sequences). */
export function chunk(bytes: Uint8Array, sizes: readonly number[] = [1, 3, 7, 13, 31, 97, 5, 211]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    out.push(bytes.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * The frames of a capture, each parsed with the client's message parser (a malformed one throws:
 * the captures have none). Bytes are decoded and fed in chunks of `chunkSizes` when given, as a
 * stream delivers them.
 */
export function parseSse(input: string | Uint8Array, chunkSizes?: readonly number[]): Frame[] {
  const frames: Frame[] = [];
  const parser = createParser({
    onEvent(raw) {
      const { message, malformed } = parseStreamMessage(raw.event, raw.data);
      if (malformed.length) throw new Error(`fixture frame is malformed: ${malformed[0].reason}`);
      if (message) frames.push({ id: raw.id, message });
    },
  });
  if (typeof input === 'string') parser.feed(input);
  else {
    const decoder = new TextDecoder();
    for (const piece of chunkSizes ? chunk(input, chunkSizes) : [input])
      parser.feed(decoder.decode(piece, { stream: true }));
    parser.feed(decoder.decode());
  }
  // A capture may end inside its last frame (current-two-runs.sse has no final blank line); the
  // server's next write, a heartbeat at the latest, would complete it.
  parser.feed('\n\n');
  return frames;
}

/** The session events of a stream, in wire order, optionally of one session. */
export function wireEventsOf(frames: readonly Frame[], sessionId?: string): WireSessionEvent[] {
  return frames.flatMap(({ message: m }) =>
    m.kind === 'event' && (!sessionId || m.event.session_id === sessionId) ? [m.event] : [],
  );
}

/** The last known state of each session in a stream (session_created, then every update merged). */
export function sessionsOf(frames: readonly Frame[]): WireSession[] {
  const sessions = new Map<string, WireSession>();
  for (const { message } of frames) {
    if (message.kind === 'init') for (const s of message.sessions) sessions.set(s.session_id, { ...s });
    if (message.kind === 'session_created') sessions.set(message.session.session_id, { ...message.session });
    if (message.kind === 'session_updated') {
      const prev = sessions.get(message.session.session_id);
      sessions.set(message.session.session_id, {
        ...(prev ?? { status: 'pending', created_at: '' }),
        ...message.session,
      });
    }
  }
  return [...sessions.values()];
}

/** The events of a history capture (`{"events": [...]}`, as `GET /sessions/{id}/events` answers). */
export function historyEventsOf(json: string): WireHistoryEvent[] {
  return (JSON.parse(json) as { events: WireHistoryEvent[] }).events;
}

// ---------------------------------------------------------------- from the test server

/** The fixture's exact bytes, as served from test/fixtures by web-test-runner (the repo root). */
export async function fixtureBytes(name: string): Promise<Uint8Array> {
  const response = await fetch(`/test/fixtures/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function fixtureText(name: string): Promise<string> {
  return new TextDecoder().decode(await fixtureBytes(name));
}

/** The stream messages of a `.sse` fixture, its bytes fed in chunks of `chunkSizes` when given. */
export async function loadSseFixture(name: string, chunkSizes?: readonly number[]): Promise<StreamMessage[]> {
  return parseSse(await fixtureBytes(name), chunkSizes).map((f) => f.message);
}

/** The session events (wire form) of a `.sse` fixture, in stream order, optionally of one session. */
export async function loadSseEvents(name: string, sessionId?: string): Promise<WireSessionEvent[]> {
  return wireEventsOf(parseSse(await fixtureBytes(name)), sessionId);
}

/** The history events of a `.json` fixture. */
export async function loadHistoryFixture(name: string): Promise<WireSessionEvent[]> {
  return historyEventsOf(await fixtureText(name));
}
