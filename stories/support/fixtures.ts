/**
 * The captured coordinator output in test/fixtures, read the way the client reads a stream:
 * eventsource-parser splits the frames (as the client's stream does) and the client's own
 * `parseStreamMessage` turns each frame into a typed message.
 */
import { createParser } from 'eventsource-parser';
import { parseStreamMessage, type StreamMessage } from '../../src/model/stream-messages.js';
import { normalizeEvent } from '../../src/model/normalize.js';
import type { CoordinatorEvent } from '../../src/types/model.js';
import type { WireHistoryEvent, WireSession, WireSessionEvent } from '../../src/types/wire.js';
import currentTwoRunsText from '../../test/fixtures/current-two-runs.sse?raw';
import edgeCasesText from '../../test/fixtures/edge-cases.sse?raw';
import preRenameRunText from '../../test/fixtures/pre-rename-run.sse?raw';
import legacyHistoryText from '../../test/fixtures/legacy-history.json?raw';

export interface Frame {
  id: string | undefined;
  message: StreamMessage;
}

/** Splits SSE text into frames and parses each with the client's message parser. */
export function parseSse(text: string): Frame[] {
  const frames: Frame[] = [];
  const parser = createParser({
    onEvent(raw) {
      const { message, malformed } = parseStreamMessage(raw.event, raw.data);
      if (malformed.length) throw new Error(`fixture frame is malformed: ${malformed[0].reason}`);
      if (message) frames.push({ id: raw.id, message });
    },
  });
  parser.feed(text);
  parser.feed('\n\n');
  return frames;
}

/** The session events of a stream, in wire order, optionally of one session. */
export function wireEventsOf(frames: Frame[], sessionId?: string): WireSessionEvent[] {
  return frames
    .map((f) => f.message)
    .filter((m): m is Extract<StreamMessage, { kind: 'event' }> => m.kind === 'event')
    .map((m) => m.event)
    .filter((e) => !sessionId || e.session_id === sessionId);
}

/** The last known state of each session in a stream (session_created, then every update merged). */
export function sessionsOf(frames: Frame[]): WireSession[] {
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

export const fixtures = {
  /** Later release, one session, two runs (start + resume), then stopped. */
  currentTwoRuns: parseSse(currentTwoRunsText),
  /** A failed run, a stopped run, and a completed run followed by a partial update. */
  edgeCases: parseSse(edgeCasesText),
  /** A rename-era coordinator: `finished` for resumable, no `result` events. */
  preRenameRun: parseSse(preRenameRunText),
  /** History rows written before the rename: `session_start` / `session_stop`. */
  legacyHistory: (JSON.parse(legacyHistoryText) as { events: WireHistoryEvent[] }).events,
};

/** Normalizes wire events with fresh keys (what the client hands to elements). */
export function normalizeAll(events: readonly WireSessionEvent[]): CoordinatorEvent[] {
  return events.map((e) => normalizeEvent(e));
}
