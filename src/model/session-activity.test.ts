import { expect } from '@open-wc/testing';
import type { CoordinatorEvent, Session } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';
import { normalizeEvent, normalizeSession } from './normalize.js';
import { SessionActivityTracker, firstPromptOf, oneLineTitle } from './session-activity.js';

const SID = 'ses_aaaaaaaaaaaa';
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const MIN = 60_000;

const ev = (fields: Partial<WireSessionEvent> & { event_type: string }, offsetMs = 0): CoordinatorEvent =>
  normalizeEvent(liveEvent({ timestamp: ts(offsetMs), ...fields }));
const user = (text: string, offsetMs = 0) =>
  ev({ event_type: 'message', role: 'user', content: [{ type: 'text', text }] }, offsetMs);
const tool = (offsetMs = 0, error: string | null = null) =>
  ev({ event_type: 'post_tool', tool_name: 'Read', error }, offsetMs);
const session = (status: string, extra: Record<string, unknown> = {}): Session =>
  normalizeSession({ session_id: SID, status, created_at: new Date(T0).toISOString(), ...extra });

/** A whole run's events, starting `offsetMs` after T0. */
function run(offsetMs: number, prompt: string, { failedTool = false } = {}): CoordinatorEvent[] {
  return [
    ev({ event_type: 'run_start' }, offsetMs),
    user(prompt, offsetMs + 1),
    tool(offsetMs + 2, failedTool ? 'No such file' : null),
    ev({ event_type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Done.' }] }, offsetMs + 3),
    ev({ event_type: 'run_completed', exit_code: 0, reason: 'completed' }, offsetMs + 4),
  ];
}

describe('oneLineTitle and firstPromptOf', () => {
  it('one line, no control or bidi characters, at most 200 characters', () => {
    expect(oneLineTitle('  Fix\n\tthe   bug\u0007 ')).to.equal('Fix the bug');
    expect(oneLineTitle('abc\u202edef\u2066')).to.equal('abcdef');
    expect(oneLineTitle('x'.repeat(500))).to.have.length(200);
    expect(oneLineTitle('x'.repeat(500))!.endsWith('…')).to.equal(true);
    expect(oneLineTitle(' \n ')).to.equal(null);
    expect(oneLineTitle(null)).to.equal(null);
  });

  it('is the first user message with text', () => {
    const events = [ev({ event_type: 'run_start' }), user('   '), user('Second'), user('Third')];
    expect(firstPromptOf(events)).to.equal('Second');
    expect(firstPromptOf([ev({ event_type: 'message', role: 'assistant', content: 'Hi' })])).to.equal(null);
  });
});

describe('SessionActivityTracker', () => {
  it('knows nothing of a session it has not seen', () => {
    const tracker = new SessionActivityTracker();
    expect(tracker.get(SID)).to.equal(null);
    expect(tracker.needsHistory(SID)).to.equal(true);
    expect(tracker.histogram(SID, 3, T0).total).to.deep.equal([0, 0, 0]);
  });

  it('a session followed from its creation: title, runs and errors from the stream alone, whole', () => {
    const tracker = new SessionActivityTracker();
    tracker.created(SID, T0);
    for (const e of [...run(0, 'Fix the bug', { failedTool: true }), ...run(1000, 'Now the docs')])
      tracker.event(e, T0);
    const a = tracker.get(SID)!;
    expect(a).to.include({ title: 'Fix the bug', titleFinal: true, historyLoaded: true, runs: 2, errors: 1 });
    expect(a.atLeast).to.equal(false);
    expect(tracker.needsHistory(SID)).to.equal(false);
  });

  it('a session seen only mid-way: a live prompt stands in until the history tells the first one', () => {
    const tracker = new SessionActivityTracker();
    for (const e of run(5000, 'A later prompt')) tracker.event(e, T0 + 5000);
    expect(tracker.get(SID)).to.include({ title: 'A later prompt', titleFinal: false, runs: 1, atLeast: true });
    expect(tracker.needsHistory(SID)).to.equal(true);
    // The history holds the first run and the live one: counted once.
    const history = [...run(0, 'The first prompt'), ...run(5000, 'A later prompt')];
    tracker.history(SID, history, session('idle'), T0 + 6000);
    expect(tracker.get(SID)).to.include({ title: 'The first prompt', titleFinal: true, runs: 2, errors: 0 });
    expect(tracker.get(SID)!.atLeast).to.equal(false);
    // Live events after the history add up.
    for (const e of run(9000, 'Third', { failedTool: true })) tracker.event(e, T0 + 9000);
    expect(tracker.get(SID)).to.include({ title: 'The first prompt', runs: 3, errors: 1, atLeast: false });
  });

  it('a history of 100 events may be cut: its counts are lower bounds', () => {
    const tracker = new SessionActivityTracker();
    const events: CoordinatorEvent[] = [];
    for (let i = 0; events.length < 100; i++) events.push(...run(i * 10, `Prompt ${i}`));
    tracker.history(SID, events.slice(0, 100), session('idle'), T0 + MIN);
    expect(tracker.get(SID)).to.include({ title: 'Prompt 0', runs: 20, atLeast: true });
  });

  it('counts a failed run once: its status and run_failed before the history, run_failed after it', () => {
    const tracker = new SessionActivityTracker();
    tracker.runFailed(SID, T0);
    const failedRun = [ev({ event_type: 'run_start' }), user('Go', 1)];
    tracker.history(SID, failedRun, session('failed'), T0 + 10);
    expect(tracker.get(SID)).to.include({ runs: 1, errors: 1 });
    tracker.runFailed(SID, T0 + 20);
    expect(tracker.get(SID)).to.include({ errors: 2 });
  });

  it('a reconnect makes live counts lower bounds, and the summary a new object', () => {
    const tracker = new SessionActivityTracker();
    tracker.created(SID, T0);
    tracker.event(ev({ event_type: 'run_start' }), T0);
    const before = tracker.get(SID)!;
    expect(before.atLeast).to.equal(false);
    expect(tracker.get(SID)).to.equal(before);
    tracker.gap();
    const after = tracker.get(SID)!;
    expect(after).to.not.equal(before);
    expect(after.atLeast).to.equal(true);
  });

  it('counts events per minute by category, by arrival time, and forgets minutes past its window', () => {
    const tracker = new SessionActivityTracker({ buckets: 60 });
    tracker.event(tool(), T0);
    tracker.event(tool(0, 'boom'), T0 + 1000);
    tracker.event(user('Hi'), T0 + MIN);
    tracker.event(ev({ event_type: 'result', result_text: 'ok' }), T0 + MIN);
    tracker.event(ev({ event_type: 'telemetry_sample' }), T0 + 2 * MIN);
    tracker.event(ev({ event_type: 'run_start' }), T0 + 2 * MIN);
    const h = tracker.histogram(SID, 4, T0 + 2 * MIN + 5);
    expect(h.start).to.equal(T0 - MIN);
    expect(h.counts).to.deep.equal({
      tool: [0, 1, 0, 0],
      message: [0, 0, 2, 0],
      error: [0, 1, 0, 0],
      other: [0, 0, 0, 2],
    });
    expect(h.total).to.deep.equal([0, 2, 2, 2]);
    // An hour later the slots are reused: old minutes do not come back.
    tracker.event(tool(), T0 + 60 * MIN);
    const hour = tracker.histogram(SID, 61, T0 + 60 * MIN).total;
    expect([hour[0], hour[1], hour[2], hour[60]]).to.deep.equal([0, 2, 2, 1]);
    expect(tracker.histogram(SID, 3, T0 + 63 * MIN).total).to.deep.equal([0, 0, 0]);
  });

  it('run timing: as seen live, else from history, else from the session while it runs', () => {
    const tracker = new SessionActivityTracker();
    const running = session('running', { last_resumed_at: new Date(T0 + 5000).toISOString() });
    expect(tracker.runTiming(running, T0 + 9000)).to.deep.equal({ start: T0 + 5000, end: null });
    expect(tracker.runTiming(session('idle'), T0 + 9000)).to.equal(null);
    tracker.history(SID, run(0, 'x'), session('idle'), T0 + MIN);
    expect(tracker.runTiming(session('idle'), T0 + MIN)).to.deep.equal({ start: T0, end: T0 + 4 });
    // Status running first, run_start a moment later: one run, started when the status said so.
    tracker.updated(session('running'), session('idle'), T0 + 2 * MIN);
    tracker.event(ev({ event_type: 'run_start' }), T0 + 2 * MIN + 50);
    expect(tracker.runTiming(session('running'))).to.deep.equal({ start: T0 + 2 * MIN, end: null });
    tracker.updated(session('idle'), session('running'), T0 + 3 * MIN);
    expect(tracker.runTiming(session('idle'))).to.deep.equal({ start: T0 + 2 * MIN, end: T0 + 3 * MIN });
  });

  it('last activity: what happened last, else the session’s own times; history times never beyond now', () => {
    const tracker = new SessionActivityTracker();
    const s = session('idle', { last_resumed_at: new Date(T0 + MIN).toISOString() });
    expect(tracker.lastActivityOf(s)).to.equal(T0 + MIN);
    tracker.history(SID, run(10 * MIN, 'from the future'), s, T0 + 5 * MIN);
    expect(tracker.lastActivityOf(s)).to.equal(T0 + 5 * MIN);
    tracker.event(tool(), T0 + 7 * MIN);
    expect(tracker.get(SID)!.lastActivity).to.equal(T0 + 7 * MIN);
  });

  it('forgets a deleted session', () => {
    const tracker = new SessionActivityTracker();
    tracker.event(tool(), T0);
    tracker.deleted(SID);
    expect(tracker.get(SID)).to.equal(null);
  });
});
