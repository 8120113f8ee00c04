/**
 * Helpers for tests of `<event-timeline>` (not part of the library build): a generated session, and
 * waiting for the virtualized list to settle. (event-timeline.test.ts has its own copies.)
 */
import { fixture, html } from '@open-wc/testing';
import type { EventTimeline } from '../../src/components/event-timeline/event-timeline.component.js';
import type { WireSessionEvent } from '../../src/types/wire.js';
import { wireEvent } from './wire-events.mjs';

export const SES = 'ses_0000000000aa';
const t0 = Date.parse('2026-11-24T02:00:00Z');
const ts = (i: number) => new Date(t0 + i * 1000).toISOString();

/**
 * A session of `n` events: runs of 25 (run_start, messages, tool calls, run_completed); every 7th tool
 * call fails (`error`). Events of index `i` say `Message number i` / `output i`.
 */
export function syntheticSession(n: number, sessionId = SES, from = 0): WireSessionEvent[] {
  const out: WireSessionEvent[] = [];
  for (let i = from; out.length < n; i++) {
    const type = i % 25 === 0 ? 'run_start' : i % 25 === 24 ? 'run_completed' : i % 5 === 1 ? 'message' : 'post_tool';
    const failing = type === 'post_tool' && i % 7 === 3;
    out.push(
      wireEvent({
        session_id: sessionId,
        event_type: type,
        timestamp: ts(i),
        tool_name: type === 'post_tool' ? `Tool${i % 7}` : null,
        tool_input: type === 'post_tool' ? { n: i } : null,
        tool_output: type === 'post_tool' && !failing ? `output ${i}` : null,
        error: failing ? `Tool ${i} failed: permission denied` : null,
        role: type === 'message' ? (i % 2 ? 'user' : 'assistant') : null,
        content: type === 'message' ? [{ type: 'text', text: `Message number ${i}` }] : null,
        exit_code: type === 'run_completed' ? 0 : null,
        reason: type === 'run_completed' ? 'completed' : null,
      }),
    );
  }
  return out;
}

export const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

export const root = (el: EventTimeline) => el.shadowRoot!;
export const scroller = (el: EventTimeline) => root(el).querySelector<HTMLElement>('.scroller')!;
export const part = (el: EventTimeline, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const rowOf = (el: EventTimeline, key: string) =>
  scroller(el).querySelector<HTMLElement>(`:scope > [data-key="${CSS.escape(key)}"]`);
export const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Whether the row is rendered and wholly (or, when taller, partly) inside the list's viewport. */
export function inView(el: EventTimeline, key: string): boolean {
  const row = rowOf(el, key);
  if (!row) return false;
  const box = scroller(el).getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return r.bottom > box.top + 1 && r.top < box.bottom - 1;
}

/** Waits until the rendered rows and scroll geometry hold still over three frames. */
export async function settled(el: EventTimeline): Promise<void> {
  await el.updateComplete;
  let last = '';
  let stable = 0;
  for (let i = 0; i < 300 && stable < 3; i++) {
    await frames(1);
    const s = scroller(el);
    const keys = [...s.querySelectorAll<HTMLElement>(':scope > [data-key]')].map((r) => r.dataset.key).join(',');
    const signature = `${keys}|${s.scrollTop}|${s.scrollHeight}`;
    if (signature === last) stable++;
    else {
      stable = 0;
      last = signature;
    }
  }
  await el.updateComplete;
}

/** A timeline of the given height with `events` (null: none set), in view of the page. */
export async function mountTimeline(
  events: unknown[] | null,
  attrs: Partial<EventTimeline> = {},
  height = 500,
): Promise<EventTimeline> {
  const el = await fixture<EventTimeline>(html`<event-timeline style="height:${height}px"></event-timeline>`);
  Object.assign(el, attrs);
  if (events) el.events = events;
  el.scrollIntoView({ block: 'start' });
  await settled(el);
  return el;
}
