/**
 * How long tool calls took: a `pre_tool` and the `post_tool` that finishes it pair up (same tool,
 * the same input when both carry one, else the oldest call of that tool still open), and the time
 * between them is the call's duration. Events carry no call id, so pairing is by content, in order.
 * Pure and incremental: `ToolPairing.add()` per event, in the order of the events.
 */
import type { CoordinatorEvent } from '../types/model.js';

/** A call at least this long stands out as slow. */
export const SLOW_TOOL_MS = 10_000;

/** The duration of one tool call, on both its events. */
export interface ToolTiming {
  durationMs: number;
  slow: boolean;
}

/** A bounded fingerprint of a tool input (inputs are small; a hostile one is cut). */
function inputKey(input: Record<string, unknown> | null): string {
  if (!input) return '';
  try {
    const text = JSON.stringify(input);
    return text.length > 2000 ? text.slice(0, 2000) : text;
  } catch {
    return '';
  }
}

export class ToolPairing {
  /** Open calls per tool name, oldest first. */
  #open = new Map<string, { event: CoordinatorEvent; input: string }[]>();
  /** Event key → timing, for both events of a pair. */
  readonly timings = new Map<string, ToolTiming>();
  /** Sum of the paired calls' durations. */
  totalMs = 0;

  add(event: CoordinatorEvent): void {
    if (event.type !== 'pre_tool' && event.type !== 'post_tool') return;
    const name = event.toolName ?? '';
    if (event.type === 'pre_tool') {
      let open = this.#open.get(name);
      if (!open) this.#open.set(name, (open = []));
      open.push({ event, input: inputKey(event.toolInput) });
      return;
    }
    const open = this.#open.get(name);
    if (!open?.length) return;
    const input = event.toolInput ? inputKey(event.toolInput) : null;
    let at = input === null ? -1 : open.findIndex((o) => o.input === input);
    if (at === -1) at = 0;
    const [pre] = open.splice(at, 1);
    const ms = event.time - pre.event.time;
    if (!Number.isFinite(ms) || ms < 0) return;
    const timing: ToolTiming = { durationMs: ms, slow: ms >= SLOW_TOOL_MS };
    this.timings.set(pre.event.key, timing);
    this.timings.set(event.key, timing);
    this.totalMs += ms;
  }
}

/** The timings of `events` (in order), keyed by event key. */
export function pairToolCalls(events: readonly CoordinatorEvent[]): ToolPairing {
  const pairing = new ToolPairing();
  for (const event of events) pairing.add(event);
  return pairing;
}
