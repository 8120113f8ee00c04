/**
 * Sessions and events of a fleet, dated relative to now, for the stories of the elements that show many
 * sessions (`<session-list>`, `<run-swimlanes>`).
 */
import type { WireSession, WireSessionEvent } from '../../src/types/wire.js';

export const MIN = 60_000;

/** An ISO time `ms` ago. */
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A maker of sessions created `agoMs` ago, with ids unique under `prefix` (one prefix per story file). */
export function sessionMaker(prefix: number): (fields: Partial<WireSession> & { agoMs: number }) => WireSession {
  let n = 0;
  return (fields) => {
    const { agoMs, ...rest } = fields;
    return {
      session_id: `ses_${(prefix + ++n).toString(16)}`,
      status: 'idle',
      created_at: ago(agoMs),
      agent_name: null,
      parent_session_id: null,
      ...rest,
    };
  };
}

/** A live event of `sessionId`, `agoMs` ago. */
export const event = (sessionId: string, fields: Partial<WireSessionEvent> & { event_type: string }, agoMs: number) =>
  ({ session_id: sessionId, timestamp: ago(agoMs), ...fields }) as WireSessionEvent;
