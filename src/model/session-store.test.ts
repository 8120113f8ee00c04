import { expect } from '@open-wc/testing';
import { SessionStore } from './session-store.js';
import type { StreamMessage } from './stream-messages.js';
import { loadSseFixture } from '../../test/support/fixtures.js';

function storeFrom(messages: StreamMessage[]): SessionStore {
  const store = new SessionStore();
  for (const m of messages) store.apply(m);
  return store;
}

const full = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  session_id: id,
  status,
  created_at: '2026-11-24T01:58:32.712640+00:00',
  project_dir: '/p',
  agent_name: 'coder',
  last_resumed_at: null,
  parent_session_id: null,
  executor_session_id: 'exec-1',
  executor_profile: 'echo',
  hostname: 'host-1',
  ...extra,
});

describe('SessionStore over the fixtures', () => {
  it('current-two-runs.sse: one session, last status stopped, every field from the last full update', async () => {
    const store = storeFrom(await loadSseFixture('current-two-runs.sse', [7, 2, 19]));
    expect(store.sessions).to.have.length(1);
    expect(store.sessions[0]).to.deep.equal({
      sessionId: 'ses_1a308bde7d45',
      status: 'stopped',
      createdAt: '2026-11-24T01:57:57.044823+00:00',
      projectDir: '/srv/projects/demo',
      agentName: null,
      lastResumedAt: null,
      parentSessionId: null,
      executorSessionId: '9f1c2a4e-0000-4000-8000-exec00000001',
      executorProfile: 'echo',
      hostname: 'demo-host',
      lastRunFailure: null,
      lastError: null,
    });
  });

  it('edge-cases.sse: partial session_updated merges (keeps host and executor), newest session first', async () => {
    const store = storeFrom(await loadSseFixture('edge-cases.sse', [3, 5, 11]));
    expect(store.sessions.map((s) => [s.sessionId, s.status])).to.deep.equal([
      ['ses_b18704bce236', 'finished'],
      ['ses_3dd75eed188e', 'stopped'],
      ['ses_019bb59f2ed1', 'failed'],
    ]);
    const merged = store.get('ses_b18704bce236')!;
    expect(merged.hostname).to.equal('edge-host');
    expect(merged.executorSessionId).to.equal('exec-c');
    expect(merged.executorProfile).to.equal('echo');
    expect(merged.createdAt).to.equal('2026-11-24T01:58:33.220064+00:00');
  });

  it('pre-rename-run.sse: last_resumed_at arrives by update and is kept', async () => {
    const store = storeFrom(await loadSseFixture('pre-rename-run.sse'));
    expect(store.get('ses_60ddc0be27cb')?.lastResumedAt).to.equal('2026-11-24T01:59:06.140046+00:00');
    expect(store.get('ses_60ddc0be27cb')?.status).to.equal('finished');
  });
});

describe('SessionStore messages', () => {
  it('init replaces the list, created adds to the front, deleted removes', () => {
    const store = new SessionStore();
    store.apply({ kind: 'init', sessions: [full('ses_2', 'idle'), full('ses_1', 'finished')] as never });
    const before = store.sessions;
    store.apply({ kind: 'session_created', session: full('ses_3', 'pending') as never });
    expect(store.sessions).to.not.equal(before);
    expect(store.sessions.map((s) => s.sessionId)).to.deep.equal(['ses_3', 'ses_2', 'ses_1']);
    expect(store.apply({ kind: 'session_deleted', sessionId: 'ses_2', runsDeleted: 1 })).to.deep.equal(['ses_2']);
    expect(store.sessions.map((s) => s.sessionId)).to.deep.equal(['ses_3', 'ses_1']);
    expect(store.wasDeleted('ses_2')).to.equal(true);
    store.apply({ kind: 'init', sessions: [full('ses_9', 'idle')] as never });
    expect(store.sessions.map((s) => s.sessionId)).to.deep.equal(['ses_9']);
  });

  it('a partial update changes only the fields it carries; null in a full update clears', () => {
    const store = new SessionStore();
    store.apply({ kind: 'session_created', session: full('ses_1', 'running') as never });
    store.apply({ kind: 'session_updated', session: { session_id: 'ses_1', status: 'finished' } });
    expect(store.get('ses_1')).to.include({
      status: 'finished',
      hostname: 'host-1',
      agentName: 'coder',
      projectDir: '/p',
    });
    store.apply({ kind: 'session_updated', session: full('ses_1', 'idle', { hostname: null }) as never });
    expect(store.get('ses_1')).to.include({ status: 'idle', hostname: null });
  });

  it('an update for an unknown session adds it; a repeated create does not roll the status back', () => {
    const store = new SessionStore();
    store.apply({ kind: 'session_updated', session: { session_id: 'ses_1', status: 'running' } });
    expect(store.get('ses_1')).to.include({ status: 'running', createdAt: null });
    store.apply({ kind: 'session_created', session: full('ses_1', 'pending') as never });
    expect(store.get('ses_1')?.status).to.equal('running');
  });

  it('run_failed is recorded on the session, also when it arrives before the session', () => {
    const store = new SessionStore();
    store.apply({ kind: 'run_failed', runId: 'run_0', sessionId: 'ses_0', error: 'early' });
    store.apply({ kind: 'session_created', session: full('ses_0', 'pending') as never });
    expect(store.get('ses_0')?.lastRunFailure).to.deep.equal({ runId: 'run_0', error: 'early' });
    store.apply({ kind: 'run_failed', runId: 'run_1', sessionId: 'ses_0', error: null });
    expect(store.get('ses_0')?.lastRunFailure).to.deep.equal({ runId: 'run_1', error: null });
    // A fresh init does not know about failures: it keeps the recorded one.
    store.apply({ kind: 'init', sessions: [full('ses_0', 'failed')] as never });
    expect(store.get('ses_0')?.lastRunFailure).to.deep.equal({ runId: 'run_1', error: null });
  });

  it('a REST resync replaces the list and replays what arrived while it loaded', () => {
    const store = new SessionStore();
    store.apply({ kind: 'init', sessions: [full('ses_1', 'running'), full('ses_gone', 'idle')] as never });
    const token = store.beginResync();
    // Live while the list request is in flight:
    store.apply({ kind: 'session_updated', session: { session_id: 'ses_1', status: 'idle' } });
    store.apply({ kind: 'session_created', session: full('ses_new', 'pending') as never });
    // The list was taken before those messages:
    expect(store.finishResync(token, [full('ses_1', 'running')] as never)).to.equal(true);
    expect(store.sessions.map((s) => [s.sessionId, s.status])).to.deep.equal([
      ['ses_new', 'pending'],
      ['ses_1', 'idle'],
    ]);
    expect(store.wasDeleted('ses_gone')).to.equal(true);
  });

  it('a superseded resync is ignored', () => {
    const store = new SessionStore();
    const first = store.beginResync();
    const second = store.beginResync();
    expect(store.finishResync(first, [full('ses_old', 'idle')] as never)).to.equal(false);
    expect(store.finishResync(second, [full('ses_new', 'idle')] as never)).to.equal(true);
    expect(store.sessions.map((s) => s.sessionId)).to.deep.equal(['ses_new']);
  });
});
