import { expect } from '@open-wc/testing';
import type { EventGap } from '../../types/model.js';
import { normalizeEvent } from '../../model/normalize.js';
import { deriveRuns } from '../../model/runs.js';
import { buildRows, CATEGORIES, isEventRow, isGapRow, isRunRow, rowKey } from './timeline-model.js';
import { liveEvent, ts } from '../../../test/support/wire-events.mjs';

const events = [
  liveEvent({ event_type: 'run_start', timestamp: ts(0) }),
  liveEvent({ event_type: 'message', timestamp: ts(1), role: 'user', content: 'go' }),
  liveEvent({ event_type: 'post_tool', timestamp: ts(2), tool_name: 'Bash', tool_output: 'ok' }),
  liveEvent({ event_type: 'run_completed', timestamp: ts(3), exit_code: 0 }),
  liveEvent({ event_type: 'run_start', timestamp: ts(10) }),
  liveEvent({ event_type: 'message', timestamp: ts(11), role: 'assistant', content: 'hi' }),
].map((wire, i) => normalizeEvent(wire, { seq: i + 1 }));
const runs = deriveRuns(events);

const gap = (afterKey: string | null, key = `gap:${afterKey}`): EventGap => ({
  key,
  afterKey,
  from: null,
  beforeKey: null,
  to: null,
  reason: 'history-cap',
  result: null,
});

const all = new Set(CATEGORIES);
const labels = (rows: ReturnType<typeof buildRows>['rows']) =>
  rows.map((r) => (isGapRow(r) ? 'gap' : isRunRow(r) ? `run${r.index}` : r.type));

describe('buildRows with gaps', () => {
  it('puts a gap row after the event it follows, counted as a row but not as an event', () => {
    const out = buildRows({ runs, categories: all, query: '', collapsedRuns: new Set(), gaps: [gap('e3')] });
    expect(labels(out.rows)).to.deep.equal([
      'run1',
      'run_start',
      'message',
      'post_tool',
      'gap',
      'run_completed',
      'run2',
      'run_start',
      'message',
    ]);
    expect(out.total).to.equal(6);
    expect(out.rows.filter(isEventRow)).to.have.length(6);
    expect(rowKey(out.rows[4])).to.equal('gap:e3');
  });

  it('a gap with no event before it comes first; one after an event no run holds, last', () => {
    const out = buildRows({
      runs,
      categories: all,
      query: '',
      collapsedRuns: new Set(),
      gaps: [gap(null), gap('e99')],
    });
    expect(labels(out.rows)[0]).to.equal('gap');
    expect(labels(out.rows).at(-1)).to.equal('gap');
  });

  it('a collapsed run hides its gaps; a filter keeps them where the run still shows', () => {
    const collapsed = buildRows({ runs, categories: all, query: '', collapsedRuns: new Set([1]), gaps: [gap('e3')] });
    expect(labels(collapsed.rows)).to.deep.equal(['run1', 'run2', 'run_start', 'message']);
    // The tool before the gap is filtered out; the gap still says events may be missing there.
    const messages = buildRows({
      runs,
      categories: new Set(['message'] as const),
      query: '',
      collapsedRuns: new Set(),
      gaps: [gap('e3')],
    });
    expect(labels(messages.rows)).to.deep.equal(['run1', 'message', 'gap', 'run2', 'message']);
  });
});
