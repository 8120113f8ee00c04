import { expect } from '@open-wc/testing';
import type { CoordinatorEvent, Session } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { normalizeEvent, normalizeSession } from './normalize.js';
import { EventStore } from './event-store.js';
import { deriveRuns, RunTracker } from './runs.js';
import { SessionStore } from './session-store.js';
import { loadSseEvents, loadSseFixture } from '../../test/support/fixtures.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';

const norm = (events: WireSessionEvent[]): CoordinatorEvent[] =>
  events.map((e, i) => normalizeEvent(e, { seq: i + 1 }));
const session = (status: string, failure: Session['lastRunFailure'] = null) =>
  normalizeSession({ session_id: 'ses_aaaaaaaaaaaa', status }, failure);

async function fixtureSessions(name: string): Promise<SessionStore> {
  const store = new SessionStore();
  for (const m of await loadSseFixture(name)) store.apply(m);
  return store;
}

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
const say = (at: number, text: string) =>
  liveEvent({ event_type: 'message', timestamp: ts(at), role: 'assistant', content: [{ type: 'text', text }] });

describe('deriveRuns over the fixtures', () => {
  it('current-two-runs.sse: two runs (start, resume), both completed, with counts and durations', async () => {
    const sid = 'ses_1a308bde7d45';
    const events = norm(await loadSseEvents('current-two-runs.sse', sid));
    const runs = deriveRuns(events, (await fixtureSessions('current-two-runs.sse')).get(sid));
    expect(
      runs.map((r) => [r.index, r.kind, r.outcome, r.toolCount, r.errorCount, r.exitCode, r.reason]),
    ).to.deep.equal([
      [1, 'start', 'completed', 2, 1, 0, 'completed'],
      [2, 'resume', 'completed', 0, 0, 0, 'completed'],
    ]);
    expect(runs[0].durationMs).to.equal(
      Date.parse('2026-11-24T01:57:58.091Z') - Date.parse('2026-11-24T01:57:57.560Z'),
    );
    expect(runs[0].events.map((e) => e.type)).to.deep.equal([
      'run_start',
      'message',
      'post_tool',
      'post_tool',
      'message',
      'result',
      'run_completed',
    ]);
    expect(runs[1].events[0].type).to.equal('run_start');
    expect(runs.flatMap((r) => r.events)).to.have.length(events.length);
  });

  it('edge-cases.sse: failed, stopped and completed sessions (no run_completed for the first two)', async () => {
    const sessions = await fixtureSessions('edge-cases.sse');
    const all = await loadSseEvents('edge-cases.sse');
    const outcome = (sid: string) => {
      const runs = deriveRuns(norm(all.filter((e) => e.session_id === sid)), sessions.get(sid));
      return runs.map((r) => [r.outcome, r.endTime !== null]);
    };
    expect(outcome('ses_019bb59f2ed1')).to.deep.equal([['failed', true]]);
    expect(outcome('ses_3dd75eed188e')).to.deep.equal([['stopped', true]]);
    expect(outcome('ses_b18704bce236')).to.deep.equal([['completed', true]]);
  });

  it('pre-rename-run.sse with the names a pre-rename server sends: the same runs as with new names', async () => {
    const sid = 'ses_60ddc0be27cb';
    const events = await loadSseEvents('pre-rename-run.sse', sid);
    const s = (await fixtureSessions('pre-rename-run.sse')).get(sid);
    const legacy = events.map((e) => ({
      ...e,
      event_type:
        e.event_type === 'run_start'
          ? 'session_start'
          : e.event_type === 'run_completed'
            ? 'session_stop'
            : e.event_type,
    }));
    const summary = (list: WireSessionEvent[]) =>
      deriveRuns(norm(list), s).map((r) => [r.index, r.kind, r.outcome, r.toolCount, r.events.length, r.durationMs]);
    expect(summary(legacy)).to.deep.equal(summary(events));
    expect(summary(events).map((r) => r.slice(0, 4))).to.deep.equal([
      [1, 'start', 'completed', 1],
      [2, 'resume', 'completed', 0],
    ]);
  });

  it('legacy-history.json: one completed run from session_start / session_stop rows', async () => {
    const body = (await (await fetch('/test/fixtures/legacy-history.json')).json()) as { events: WireSessionEvent[] };
    const runs = deriveRuns(norm(body.events), session('finished'));
    expect(runs.map((r) => [r.index, r.outcome, r.exitCode])).to.deep.equal([[1, 'completed', 0]]);
  });
});

describe('deriveRuns rules', () => {
  it('events before any run_start belong to run 1, which the first run_start then starts', () => {
    const runs = deriveRuns(
      norm([say(0, 'early'), start(10), tool(20), done(30), start(40), say(50, 'x')]),
      session('running'),
    );
    expect(runs.map((r) => [r.index, r.kind, r.outcome, r.events.length])).to.deep.equal([
      [1, 'start', 'completed', 4],
      [2, 'resume', 'running', 2],
    ]);
    expect(runs[0].startTime).to.equal(Date.parse(ts(0)));
    expect(runs[1].endTime).to.equal(null);
    expect(runs[1].durationMs).to.equal(null);
  });

  it('without any run_start everything is run 1', () => {
    const runs = deriveRuns(norm([say(0, 'a'), tool(5)]), session('running'));
    expect(runs.map((r) => [r.index, r.outcome, r.events.length, r.toolCount])).to.deep.equal([[1, 'running', 2, 1]]);
  });

  it('the last run is closed by the session status: failed, stopped; still busy while pending/running/stopping', () => {
    const events = norm([start(0), tool(10, 'boom'), tool(20)]);
    expect(deriveRuns(events, session('failed'))[0]).to.include({
      outcome: 'failed',
      endTime: Date.parse(ts(20)),
      errorCount: 1,
    });
    expect(deriveRuns(events, session('stopped'))[0].outcome).to.equal('stopped');
    for (const s of ['pending', 'running', 'stopping'])
      expect(deriveRuns(events, session(s))[0].outcome).to.equal('running');
    expect(deriveRuns(events, null)[0].outcome).to.equal('running');
  });

  it('a rename-era failure (finished + run_failed, no run_completed) is failed', () => {
    const events = norm([start(0), tool(10), tool(20)]);
    expect(deriveRuns(events, session('finished', { runId: 'run_1', error: 'exit 137' }))[0].outcome).to.equal(
      'failed',
    );
    expect(deriveRuns(events, session('finished'))[0].outcome).to.equal('completed');
  });

  it("a resume's run_start before session_updated(running) does not look finished", () => {
    const events = norm([start(0), say(5, 'a'), done(10), start(20)]);
    const runs = deriveRuns(events, session('finished'));
    expect(runs.map((r) => r.outcome)).to.deep.equal(['completed', 'running']);
  });

  it('run_completed with a non-zero exit code is failed', () => {
    expect(deriveRuns(norm([start(0), done(10, false, 1)]), session('idle'))[0]).to.include({
      outcome: 'failed',
      exitCode: 1,
    });
  });

  it('old and new names mix: session_start opens, run_completed closes (and vice versa)', () => {
    const runs = deriveRuns(norm([start(0, true), tool(1), done(2), start(3), done(4, true)]), session('idle'));
    expect(runs.map((r) => [r.index, r.outcome, r.events.length])).to.deep.equal([
      [1, 'completed', 3],
      [2, 'completed', 2],
    ]);
  });

  it('a run cut short by the next run_start is stopped (or failed when its last event failed)', () => {
    const runs = deriveRuns(norm([start(0), tool(1), start(2), tool(3, 'x'), start(4), done(5)]), session('idle'));
    expect(runs.map((r) => r.outcome)).to.deep.equal(['stopped', 'failed', 'completed']);
  });

  it('late events after run_completed stay in that run; an on_run_start hook opens the next', () => {
    const hook = (at: number, type: string, name: string) =>
      liveEvent({ event_type: type, timestamp: ts(at), tool_name: name });
    const runs = deriveRuns(
      norm([
        start(0),
        done(5),
        hook(6, 'hook_complete', 'hook:on_run_finish:coder'),
        hook(10, 'hook_start', 'hook:on_run_start:coder'),
        start(11),
        tool(12),
        done(13),
      ]),
      session('idle'),
    );
    expect(runs.map((r) => r.events.map((e) => e.type))).to.deep.equal([
      ['run_start', 'run_completed', 'hook_complete'],
      ['hook_start', 'run_start', 'post_tool', 'run_completed'],
    ]);
    expect(runs[1].kind).to.equal('resume');
  });

  it('counts a tool call once when both pre_tool and post_tool are sent', () => {
    const pre = liveEvent({ event_type: 'pre_tool', timestamp: ts(1), tool_name: 'Bash' });
    const runs = deriveRuns(norm([start(0), pre, tool(2), done(3)]), session('idle'));
    expect(runs[0].toolCount).to.equal(1);
  });
});

describe('RunTracker: runs kept up to date as events arrive', () => {
  it('fed one event at a time (same version), gives at every step exactly what deriveRuns gives', async () => {
    const sid = 'ses_1a308bde7d45';
    const events = norm(await loadSseEvents('current-two-runs.sse', sid));
    const tracker = new RunTracker();
    for (const status of ['running', 'idle'])
      for (let n = 0; n <= events.length; n++) {
        const list = events.slice(0, n);
        expect(tracker.update(list, session(status), 1), `${status} ${n}`).to.deep.equal(
          deriveRuns(list, session(status)),
        );
      }
  });

  it('follows an event store through out-of-order arrivals (its version changes) and status changes', () => {
    const store = new EventStore({ sessionId: 'ses_aaaaaaaaaaaa' });
    store.finishLoad(store.beginLoad(), []);
    const tracker = new RunTracker();
    const arrivals = [
      start(0),
      say(10, 'a'),
      tool(30),
      say(20, 'late'),
      done(40),
      start(50),
      tool(45, 'x'),
      say(60, 'b'),
    ];
    const versions = new Set<number>();
    for (const [i, wire] of arrivals.entries()) {
      store.addLive(wire);
      versions.add(store.version);
      const s = session(i % 2 ? 'running' : 'idle');
      expect(tracker.update(store.events, s, store.version), `after ${i + 1}`).to.deep.equal(
        deriveRuns(store.events, s),
      );
    }
    // Both late events landed before the end.
    expect(versions.size).to.equal(3);
    expect(deriveRuns(store.events, session('idle')).map((r) => r.events.map((e) => e.text ?? e.type))).to.deep.equal([
      ['run_start', 'a', 'late', 'post_tool', 'run_completed', 'post_tool'],
      ['run_start', 'b'],
    ]);
  });

  it('keeps finished runs as they were and never changes a run it returned before', () => {
    const events = norm([start(0), tool(1), done(2), start(3), say(4, 'a'), say(5, 'b')]);
    const tracker = new RunTracker();
    const first = tracker.update(events.slice(0, 5), session('idle'), 7);
    const copy = JSON.parse(JSON.stringify(first));
    const second = tracker.update(events, session('running'), 7);
    expect(JSON.parse(JSON.stringify(first))).to.deep.equal(copy);
    expect(first[1].outcome).to.equal('completed');
    expect(second[1].outcome).to.equal('running');
    expect(second[0]).to.equal(first[0]);
    expect(second[1]).to.not.equal(first[1]);
    expect(second[1].events).to.have.length(3);
  });

  it('derives from scratch without a version or when it changes', () => {
    const tracker = new RunTracker();
    const a = norm([start(0), tool(1)]);
    const b = norm([say(0, 'other'), start(5)]);
    tracker.update(a, null, 1);
    expect(tracker.update(b, null, 2)).to.deep.equal(deriveRuns(b, null));
    expect(tracker.update(a, null)).to.deep.equal(deriveRuns(a, null));
  });
});

describe('RunTracker: a gap after the last event', () => {
  it('closes a run that shows only its start once the session is done, when the rest may lie in a gap', () => {
    const events = [normalizeEvent(liveEvent({ event_type: 'run_start', timestamp: ts(0) }), { seq: 1 })];
    const idle = { status: 'idle', lastRunFailure: null };
    // Without a gap: the idle is the previous turn's (a resume's run_start can come first).
    expect(new RunTracker().update(events, idle).map((r) => r.outcome)).to.deep.equal(['running']);
    expect(new RunTracker().update(events, idle, undefined, true).map((r) => r.outcome)).to.deep.equal(['completed']);
  });
});
