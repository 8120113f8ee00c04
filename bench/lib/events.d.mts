// Types of events.mjs for the bench page (TypeScript).
export function rng(seed: number): () => number;
export function eventFields(seed: number, i: number): Record<string, unknown> & { event_type: string };
export function makeWireEvents(
  n: number,
  opts?: { seed?: number; sessionId?: string; startMicros?: number },
): (Record<string, unknown> & { event_type: string; session_id: string; timestamp: string })[];
