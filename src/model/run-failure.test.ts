import { expect } from '@open-wc/testing';
import type { Session } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { mergeSessionPatch, normalizeEvent, normalizeSession } from './normalize.js';
import { deriveRuns } from './runs.js';
import { lastEventError, runFailureReason } from './run-failure.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';

const sid = 'ses_aaaaaaaaaaaa';
const session = (wire: Record<string, unknown> = {}, failure: Session['lastRunFailure'] = null) =>
  normalizeSession({ session_id: sid, status: 'failed', ...wire }, failure);
const runsOf = (events: WireSessionEvent[], s: Session) =>
  deriveRuns(
    events.map((e, i) => normalizeEvent(e, { seq: i + 1 })),
    s,
  );
const start = (at: number) => liveEvent({ event_type: 'run_start', timestamp: ts(at) });
const done = (at: number) => liveEvent({ event_type: 'run_completed', timestamp: ts(at), exit_code: 0 });
const tool = (at: number, error: string | null = null) =>
  liveEvent({ event_type: 'post_tool', timestamp: ts(at), tool_name: 'Bash', error });

describe('runFailureReason', () => {
  it('takes the run_failed error first, for the last run or the run it names', () => {
    const s = session({}, { runId: 'run_2', error: 'Executor exited (137)' });
    const runs = runsOf([start(0), tool(1, 'ls: no such file'), done(2), start(3), tool(4, 'Permission denied')], s);
    expect(runs.map((r) => r.outcome)).to.deep.equal(['completed', 'failed']);
    expect(runFailureReason(runs[1], s, { last: true })).to.equal('Executor exited (137)');
    expect(runFailureReason(runs[1], s, { last: true, runId: 'run_2' })).to.equal('Executor exited (137)');
    // Another run's failure is not this one's: its own last tool error says why.
    expect(runFailureReason(runs[1], s, { last: true, runId: 'run_9' })).to.equal('Permission denied');
    // A run that did not fail has no reason.
    expect(runFailureReason(runs[0], s, { last: false })).to.equal(null);
  });

  it("after a reload (no run_failed): the session's last error, else the run's last tool error", () => {
    const events = [start(0), tool(1, 'first error'), tool(2), tool(3, 'Permission denied'), tool(4)];
    const withError = session({ error: 'Out of memory' });
    expect(runFailureReason(runsOf(events, withError)[0], withError, { last: true })).to.equal('Out of memory');
    const lastError = session({ last_error: 'Killed by the runner' });
    expect(runFailureReason(runsOf(events, lastError)[0], lastError, { last: true })).to.equal('Killed by the runner');
    const plain = session();
    expect(runFailureReason(runsOf(events, plain)[0], plain, { last: true })).to.equal('Permission denied');
    // The session's error is about its latest run only.
    expect(runFailureReason(runsOf(events, withError)[0], withError, { last: false })).to.equal('Permission denied');
  });

  it('says nothing when nothing says why (blank errors count as none)', () => {
    const s = session({ error: '  ' }, { runId: '', error: null });
    const runs = runsOf([start(0), tool(1, ''), tool(2)], s);
    expect(runs[0].outcome).to.equal('failed');
    expect(runFailureReason(runs[0], s, { last: true })).to.equal(null);
    expect(lastEventError(runs[0])).to.equal(null);
  });

  it("uses a failed hook's error too", () => {
    const s = session();
    const hook = liveEvent({
      event_type: 'hook_failed',
      timestamp: ts(1),
      tool_name: 'hook:on_run_finish:x',
      error: 'hook said no',
    });
    const runs = runsOf([start(0), hook], s);
    expect(runFailureReason(runs[0], s, { last: true })).to.equal('hook said no');
  });

  it('keeps the session error through partial updates, which may set or clear it', () => {
    const s = session({ error: 'Out of memory' });
    expect(mergeSessionPatch(s, { session_id: sid, status: 'failed' }).lastError).to.equal('Out of memory');
    expect(mergeSessionPatch(s, { session_id: sid, error: null }).lastError).to.equal(null);
    expect(mergeSessionPatch(s, { session_id: sid, last_error: 'Disk full' }).lastError).to.equal('Disk full');
    expect(mergeSessionPatch(s, { session_id: sid, error: 42 as unknown as string }).lastError).to.equal(null);
  });
});
