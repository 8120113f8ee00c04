import { expect } from '@open-wc/testing';
import type { CoordinatorEvent, Session } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { normalizeEvent, normalizeSession } from './normalize.js';
import { deriveRuns } from './runs.js';
import { ActivityBuckets, RunFold, RunLanes } from './run-lanes.js';
import { liveEvent, ts, SID } from '../../test/support/wire-events.mjs';

const norm = (events: WireSessionEvent[]): CoordinatorEvent[] =>
  events.map((e, i) => normalizeEvent(e, { seq: i + 1 }));
const session = (status: string, failure: Session['lastRunFailure'] = null) =>
  normalizeSession({ session_id: SID, status }, failure);
const T0 = Date.parse(ts(0));

const start = (at: number, legacy = false) =>
  liveEvent({ event_type: legacy ? 'session_start' : 'run_start', timestamp: ts(at) });
const done = (at: number, legacy = false, exit = 0) =>
  liveEvent({
    event_type: legacy ? 'session_stop' : 'run_completed',
    timestamp: ts(at),
    exit_code: exit,
    reason: exit ? 'error' : 'completed',
  });
const tool = (at: number, error: string | null = null) =>
  liveEvent({ event_type: 'post_tool', timestamp: ts(at), tool_name: 'Bash', tool_input: { command: 'ls' }, error });
const pre = (at: number) =>
  liveEvent({ event_type: 'pre_tool', timestamp: ts(at), tool_name: 'Bash', tool_input: { command: 'ls' } });
const ask = (at: number, text: string) =>
  liveEvent({ event_type: 'message', timestamp: ts(at), role: 'user', content: [{ type: 'text', text }] });
const say = (at: number, text: string) =>
  liveEvent({ event_type: 'message', timestamp: ts(at), role: 'assistant', content: [{ type: 'text', text }] });

function fold(events: CoordinatorEvent[], s?: Session) {
  const f = new RunFold(SID);
  for (const e of events) f.add(e);
  return f.runs(s);
}

describe('RunFold', () => {
  it('two runs: start and resume, completed, with tools, errors, prompts and times', () => {
    const runs = fold(
      norm([
        start(0),
        ask(10, 'Fix  the\nbuild'),
        pre(20),
        tool(30),
        tool(40, 'boom'),
        done(1000),
        start(5000),
        ask(5010, 'Again'),
        done(6000),
      ]),
      session('idle'),
    );
    expect(runs.map((r) => [r.index, r.kind, r.outcome, r.toolCount, r.errorCount, r.prompt])).to.deep.equal([
      [1, 'start', 'completed', 2, 1, 'Fix the build'],
      [2, 'resume', 'completed', 0, 0, 'Again'],
    ]);
    expect([runs[0].start! - T0, runs[0].end! - T0, runs[1].start! - T0, runs[1].end! - T0]).to.deep.equal([
      0, 1000, 5000, 6000,
    ]);
  });

  it('old event names (session_start/session_stop) make the same runs', () => {
    const legacy = fold(
      norm([start(0, true), tool(10), done(100, true), start(200, true), done(300, true)]),
      session('finished'),
    );
    const current = fold(norm([start(0), tool(10), done(100), start(200), done(300)]), session('finished'));
    expect(legacy).to.deep.equal(current);
    expect(legacy.map((r) => r.outcome)).to.deep.equal(['completed', 'completed']);
  });

  it('a failed or stopped run without a completion marker is closed by the session status, at its last event', () => {
    const events = norm([start(0), tool(10), say(50, 'working')]);
    for (const [status, outcome] of [
      ['failed', 'failed'],
      ['stopped', 'stopped'],
      ['running', 'running'],
      ['stopping', 'running'],
      ['idle', 'completed'],
    ] as const) {
      const [run] = fold(events, session(status));
      expect(run.outcome, status).to.equal(outcome);
      expect(run.end === null ? null : run.end - T0, status).to.equal(outcome === 'running' ? null : 50);
    }
    expect(fold(events, session('idle', { error: 'x', at: null } as never))[0].outcome).to.equal('failed');
  });

  it('a run cut short by the next start is stopped (failed when its last event failed)', () => {
    const runs = fold(norm([start(0), tool(10), start(100), tool(110, 'bad'), start(200)]), session('running'));
    expect(runs.map((r) => r.outcome)).to.deep.equal(['stopped', 'failed', 'running']);
    expect(runs[0].end! - T0).to.equal(10);
  });

  it("agrees with deriveRuns (the timeline's runs) on every rule", () => {
    const cases: [WireSessionEvent[], string][] = [
      [[start(0), ask(1, 'a'), tool(2), done(3), start(10), tool(11, 'x')], 'failed'],
      [[tool(0), start(1), tool(2), done(3)], 'idle'],
      [[say(0, 'no start'), tool(1)], 'stopped'],
      [[start(0), start(5), pre(6), pre(7), tool(8)], 'running'],
      [[start(0), done(1), start(2)], 'idle'],
      [[start(0, true), tool(1), done(2, true, 1)], 'idle'],
    ];
    for (const [wire, status] of cases) {
      const events = norm(wire);
      const s = session(status);
      const expected = deriveRuns(events, s).map((r) => [
        r.index,
        r.kind,
        r.startTime,
        r.endTime,
        r.outcome,
        r.toolCount,
        r.errorCount,
      ]);
      const actual = fold(events, s).map((r) => [
        r.index,
        r.kind,
        r.start,
        r.end,
        r.outcome,
        r.toolCount,
        r.errorCount,
      ]);
      expect(actual, JSON.stringify(wire.map((e) => e.event_type))).to.deep.equal(expected);
    }
  });
});

describe('RunLanes', () => {
  it('merges a history read after live events: live copies of history events are not doubled', () => {
    const lanes = new RunLanes();
    const history = norm([start(0), ask(1, 'Build'), tool(2)]);
    // Live since the element came: the history's last event and two after it.
    for (const e of norm([tool(2), tool(3), done(4)])) lanes.live(e);
    expect(lanes.needsHistory(SID)).to.equal(true);
    const live = lanes.get(SID)!.fold.runs(session('idle'));
    expect(live.length, 'provisional run from the stream').to.equal(1);
    lanes.history(SID, history);
    const [run] = lanes.get(SID)!.fold.runs(session('idle'));
    expect([run.toolCount, run.outcome, run.prompt, run.end! - T0]).to.deep.equal([2, 'completed', 'Build', 4]);
    expect(lanes.needsHistory(SID)).to.equal(false);
    const h = lanes.activity.histogram(T0, T0 + 1000, 1000);
    expect(h.counts.tool[0], 'tools counted once').to.equal(2);
    expect(h.counts.message[0]).to.equal(1);
  });

  it('after a reconnect a lane keeps its runs until read again; the strip counts every event once', () => {
    const lanes = new RunLanes();
    const tools = () => lanes.activity.histogram(T0, T0 + 1000, 1000).counts.tool[0];
    lanes.history(SID, norm([start(0), ask(1, 'Build'), tool(2)]));
    for (const e of norm([tool(3)])) lanes.live(e);
    expect(tools()).to.equal(2);
    lanes.resync();
    expect(lanes.needsHistory(SID), 'read again').to.equal(true);
    const kept = lanes.get(SID)!.fold.runs(session('running'));
    expect(kept.map((r) => [r.index, r.toolCount, r.prompt])).to.deep.equal([[1, 2, 'Build']]);
    // Live after the reconnect; the tool at 5 was broadcast while the stream was away.
    for (const e of norm([done(9)])) lanes.live(e);
    expect(lanes.get(SID)!.fold.runs(session('idle'))[0].outcome, 'grows while waiting').to.equal('completed');
    lanes.history(SID, norm([start(0), ask(1, 'Build'), tool(2), tool(3), tool(5), done(9)]));
    const [run] = lanes.get(SID)!.fold.runs(session('idle'));
    expect([run.toolCount, run.outcome, run.end! - T0]).to.deep.equal([3, 'completed', 9]);
    expect(tools(), 'the missed tool added, none doubled').to.equal(3);
    expect(lanes.activity.histogram(T0, T0 + 1000, 1000).counts.message[0]).to.equal(1);
  });

  it('a followed session needs no history; a failed read keeps the live runs', () => {
    const lanes = new RunLanes();
    lanes.followed('a');
    expect(lanes.needsHistory('a')).to.equal(false);
    lanes.live({ ...norm([start(0)])[0], sessionId: 'b' });
    lanes.failed('b');
    expect(lanes.get('b')!.history).to.equal('failed');
    expect(lanes.get('b')!.fold.size).to.equal(1);
  });
});

describe('ActivityBuckets', () => {
  it('counts by category per bucket at any width, errors apart', () => {
    const b = new ActivityBuckets();
    const events = norm([tool(0), tool(500), tool(1500, 'x'), say(2500, 'hi'), start(2600), say(61_000, 'later')]);
    for (const e of events) b.add(e);
    const s = b.histogram(T0, T0 + 3000, 1000);
    expect(s.counts).to.deep.equal({ tool: [2, 0, 0], message: [0, 0, 1], error: [0, 1, 0] });
    const m = b.histogram(T0, T0 + 120_000, 60_000);
    const first = Math.floor(T0 / 60_000) * 60_000;
    expect(m.start).to.equal(first);
    const all = (k: 'tool' | 'message' | 'error') => m.counts[k].reduce((a, c) => a + c, 0);
    expect([all('tool'), all('message'), all('error')]).to.deep.equal([2, 2, 1]);
  });
});
