import { expect } from '@open-wc/testing';
import type { CoordinatorEvent } from '../types/model.js';
import { adaptEvent } from '../model/adapt.js';
import { FIRST_LOAD_SYNC, LocalSession } from './local-session.js';
import type { SessionSnapshot } from './types.js';
import { SID, liveEvent, ts } from '../../test/support/wire-events.mjs';

const start = (at: number, session = SID) =>
  liveEvent({ session_id: session, event_type: 'run_start', timestamp: ts(at) });
const done = (at: number, legacy = false) =>
  liveEvent({ event_type: legacy ? 'session_stop' : 'run_completed', timestamp: ts(at), exit_code: 0 });
const tool = (at: number, session = SID) =>
  liveEvent({ session_id: session, event_type: 'post_tool', timestamp: ts(at), tool_name: 'Bash' });

function watched(local: LocalSession) {
  const changes: SessionSnapshot[] = [];
  const added: CoordinatorEvent[][] = [];
  local.watch({ onChange: (s) => changes.push(s), onEvents: (e) => added.push([...e]) });
  return { changes, added };
}

describe('LocalSession', () => {
  it('derives runs from host events with the same tracker as a watched session, old names included', () => {
    const local = new LocalSession();
    local.setEvents([start(0), tool(10), done(20, true), start(30), tool(40)]);
    const { runs, events } = local.snapshot;
    expect(events.map((e) => e.type)).to.deep.equal([
      'run_start',
      'post_tool',
      'run_completed',
      'run_start',
      'post_tool',
    ]);
    expect(runs.map((r) => [r.index, r.kind, r.outcome, r.toolCount])).to.deep.equal([
      [1, 'start', 'completed', 1],
      [2, 'resume', 'running', 1],
    ]);
    // The status closes the open run, as a coordinator's session_updated does.
    local.status = 'failed';
    expect(local.snapshot.runs[1].outcome).to.equal('failed');
    expect(local.snapshot.busy).to.equal('ended');
  });

  it('tells changes synchronously, and arrivals as the events not held before', () => {
    const local = new LocalSession();
    const { changes, added } = watched(local);
    const first = [start(0), tool(10)];
    local.setEvents(first);
    expect(changes).to.have.length(1);
    expect(added.map((a) => a.length)).to.deep.equal([2]);
    local.appendEvents([tool(20)]);
    expect(changes).to.have.length(2);
    expect(added[1].map((e) => e.time)).to.deep.equal([Date.parse(ts(20))]);
    // A host re-setting its growing array: only the new tail is news.
    local.setEvents([...first, tool(30)]);
    expect(added.at(-1)!.map((e) => e.time)).to.deep.equal([Date.parse(ts(30))]);
  });

  it('adapts a re-set array only past what it held (same objects keep their normalized events)', () => {
    const local = new LocalSession();
    const wire = [start(0), tool(10)];
    local.setEvents(wire);
    const before = local.snapshot.events;
    local.setEvents([...wire, tool(20)]);
    const after = local.snapshot.events;
    expect(after[0]).to.equal(before[0]);
    expect(after[1]).to.equal(before[1]);
    expect(after[1]).to.equal(adaptEvent(wire[1]));
    // Runs of an append are extended, not rebuilt: the closed first run keeps its object.
    local.setEvents([start(0), tool(1), done(2), start(3)]);
    const closed = local.snapshot.runs[0];
    local.appendEvents([tool(4)]);
    expect(local.snapshot.runs[0]).to.equal(closed);
  });

  it('shows one session of a mixed list, and another when asked', () => {
    const other = 'ses_bbbbbbbbbbbb';
    const local = new LocalSession({ sessionId: SID });
    local.setEvents([start(0), start(1, other), tool(2), tool(3, other)]);
    expect(local.snapshot.events.map((e) => e.sessionId)).to.deep.equal([SID, SID]);
    local.sessionId = other;
    expect(local.snapshot.events.map((e) => e.sessionId)).to.deep.equal([other, other]);
    local.sessionId = null;
    expect(local.snapshot.events).to.have.length(4);
  });

  it('orders events by time like the store of a watched session', () => {
    const local = new LocalSession();
    local.setEvents([tool(20), start(0)]);
    expect(local.snapshot.events.map((e) => e.type)).to.deep.equal(['run_start', 'post_tool']);
  });

  it('loads a first list that fits the budget whole, at once', () => {
    const local = new LocalSession({ firstLoadBudgetMs: 1000 });
    const wire = Array.from({ length: FIRST_LOAD_SYNC * 4 }, (_, i) => tool(i));
    local.setEvents(wire);
    expect(local.loading).to.equal(false);
    expect(local.snapshot.loaded).to.equal(true);
    expect(local.snapshot.events).to.have.length(wire.length);
  });

  it('loads a big first list newest part first, the rest on demand', () => {
    // No budget: as a list too big to adapt within it.
    const local = new LocalSession({ firstLoadBudgetMs: 0 });
    const wire = Array.from({ length: FIRST_LOAD_SYNC * 4 }, (_, i) => tool(i));
    local.setEvents(wire);
    expect(local.loading).to.equal(true);
    expect(local.snapshot.loaded).to.equal(false);
    expect(local.snapshot.events).to.have.length(FIRST_LOAD_SYNC);
    expect(local.snapshot.events[0].time).to.equal(Date.parse(ts(FIRST_LOAD_SYNC * 3)));
    let steps = 0;
    // One chunk per call: the load goes on over several calls.
    while (!local.continueLoad(() => steps++ % 2 === 0));
    expect(steps).to.be.greaterThan(2);
    expect(local.loading).to.equal(false);
    expect(local.snapshot.loaded).to.equal(true);
    expect(local.snapshot.events).to.have.length(wire.length);
    expect(local.snapshot.events[0].time).to.equal(Date.parse(ts(0)));
  });

  it('keeps no cap unless asked, and drops the oldest beyond one', () => {
    const capped = new LocalSession({ maxEvents: 3 });
    capped.setEvents([start(0), tool(1), tool(2), tool(3), tool(4)]);
    expect(capped.snapshot.events.map((e) => e.time)).to.deep.equal([2, 3, 4].map((i) => Date.parse(ts(i))));
    expect(capped.snapshot.truncated.droppedByCap).to.equal(2);
  });
});
