import { expect } from '@open-wc/testing';
import type { CoordinatorEvent } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { normalizeEvent } from './normalize.js';
import { deriveRuns } from './runs.js';
import { SLOW_TOOL_MS, pairToolCalls } from './tool-timing.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';

const norm = (events: WireSessionEvent[]): CoordinatorEvent[] =>
  events.map((e, i) => normalizeEvent(e, { seq: i + 1 }));
const call = (type: 'pre_tool' | 'post_tool', at: number, tool: string, input: Record<string, unknown> | null = null) =>
  liveEvent({ event_type: type, timestamp: ts(at * 1000), tool_name: tool, tool_input: input });

describe('tool call durations', () => {
  it('pairs a pre_tool with its post_tool: the duration on both events', () => {
    const events = norm([
      call('pre_tool', 1, 'Bash', { command: 'ls' }),
      call('post_tool', 3.5, 'Bash', { command: 'ls' }),
    ]);
    const { timings, totalMs } = pairToolCalls(events);
    expect(timings.get(events[0].key)).to.deep.equal({ durationMs: 2500, slow: false });
    expect(timings.get(events[1].key)).to.deep.equal({ durationMs: 2500, slow: false });
    expect(totalMs).to.equal(2500);
  });

  it('pairs by tool, then by input among calls of one tool; the oldest open call otherwise', () => {
    const events = norm([
      call('pre_tool', 0, 'Read', { file_path: 'a' }),
      call('pre_tool', 1, 'Read', { file_path: 'b' }),
      call('pre_tool', 2, 'Grep', { pattern: 'x' }),
      call('post_tool', 4, 'Read', { file_path: 'b' }),
      call('post_tool', 5, 'Grep', null),
      call('post_tool', 9, 'Read', { file_path: 'a' }),
    ]);
    const { timings } = pairToolCalls(events);
    expect(timings.get(events[3].key)!.durationMs).to.equal(3000);
    expect(timings.get(events[4].key)!.durationMs).to.equal(3000);
    expect(timings.get(events[5].key)!.durationMs).to.equal(9000);
  });

  it('leaves unpaired calls and impossible times without a duration; marks slow calls', () => {
    const events = norm([
      call('post_tool', 1, 'Bash'),
      call('pre_tool', 5, 'Bash'),
      call('post_tool', 4, 'Bash'),
      call('pre_tool', 10, 'Edit'),
      call('post_tool', 10 + SLOW_TOOL_MS / 1000, 'Edit'),
    ]);
    const { timings } = pairToolCalls(events);
    expect(timings.has(events[0].key)).to.equal(false);
    expect(timings.has(events[2].key)).to.equal(false);
    expect(timings.get(events[4].key)).to.deep.equal({ durationMs: SLOW_TOOL_MS, slow: true });
  });

  it("a run's tool time sums its paired calls; runs keep them apart", () => {
    const events = norm([
      liveEvent({ event_type: 'run_start', timestamp: ts(0) }),
      call('pre_tool', 1, 'Bash'),
      call('post_tool', 2, 'Bash'),
      call('pre_tool', 3, 'Read'),
      call('post_tool', 6, 'Read'),
      liveEvent({ event_type: 'run_completed', timestamp: ts(7000), exit_code: 0 }),
      liveEvent({ event_type: 'run_start', timestamp: ts(8000) }),
      call('post_tool', 9, 'Bash'),
    ]);
    const runs = deriveRuns(events);
    expect(runs[0].toolTimeMs).to.equal(4000);
    expect(runs[0].toolTimings.get(events[4].key)!.durationMs).to.equal(3000);
    expect(runs[1].toolTimeMs).to.equal(null);
    expect(runs[1].toolTimings.size).to.equal(0);
  });
});
