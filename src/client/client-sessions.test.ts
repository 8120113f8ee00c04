/**
 * The client's view of every session of a coordinator, for lists and swimlanes: activity counted
 * for sessions nobody watches (events not kept), histories on demand, child sessions, and the
 * page's own sessions (`LocalSessions`).
 */
import { expect } from '@open-wc/testing';
import { createSim, type SimInstance } from '../../test/support/sim.js';
import { waitFor } from '../../test/support/client-kit.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';
import { CoordinatorClient } from './client.js';
import { CoordinatorError } from './errors.js';
import { LocalSessions, toWireSession } from './local-sessions.js';
import type { HistoryResult } from './history-loader.js';

describe('the client and every session of the stream', () => {
  let sim: SimInstance | undefined;
  let client: CoordinatorClient | undefined;
  afterEach(async () => {
    client?.close();
    client = undefined;
    await sim?.close();
    sim = undefined;
  });

  async function connected(options: ConstructorParameters<typeof CoordinatorClient>[0] | null = null) {
    client = new CoordinatorClient(options ?? { url: sim!.sseUrl, reconnect: { initialDelayMs: 50, jitter: 0 } });
    client.retain();
    await waitFor(() => client!.connection.status === 'open', 'open');
    return client;
  }

  it('counts the events of sessions nobody watches, keeps none, and tells which changed once per frame', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = await connected();
    const told: string[][] = [];
    c.on('activity', (ids) => told.push([...ids]));
    const { session_id: sid } = await c.startRun({ prompt: 'List the files', agentName: 'coder' });
    await waitFor(() => c.getKnownSession(sid)?.status === 'idle', 'idle');
    await waitFor(
      () => (c.activity.get(sid)?.runs ?? 0) === 1 && c.activity.runTiming(c.getKnownSession(sid)!)?.end,
      'run',
    );
    const a = c.activity.get(sid)!;
    const history = await c.getHistory(sid);
    // Followed from its creation: the title, counts and whole history come from the stream alone.
    const failed = history.filter((e) => e.failed).length;
    expect(a).to.include({ title: 'List the files', titleFinal: true, historyLoaded: true, runs: 1, errors: failed });
    expect(a.atLeast).to.equal(false);
    expect(a.liveEvents).to.equal(history.length);
    expect(c.activity.histogram(sid, 15).total.reduce((x, y) => x + y)).to.equal(history.length);
    expect(told.flat()).to.include(sid);
    // Nothing was watched: no event store holds its events, and no history was fetched.
    const requests = (await sim.stats()).requests.map((r) => r.path);
    expect(requests.filter((p) => p.endsWith('/events'))).to.deep.equal([`/sessions/${sid}/events`]);
  });

  it('a session that existed before the stream: its history tells the title, once, through the shared loader', async () => {
    sim = await createSim({ stepMs: 5 });
    const {
      session_ids: [old],
    } = await sim.seedSessions({ count: 1 });
    const c = await connected();
    expect(c.activity.needsHistory(old)).to.equal(true);
    const results: HistoryResult[] = [];
    c.histories.want(old, { onLoad: (r) => results.push(r) });
    await waitFor(() => results.length === 1, 'history');
    expect(c.activity.get(old)).to.include({
      title: 'Explain the reconnect logic (task 1)',
      titleFinal: true,
      runs: 1,
    });
    expect(c.activity.needsHistory(old)).to.equal(false);
    c.histories.want(old, { onLoad: (r) => results.push(r) });
    await waitFor(() => results.length === 2, 'cached');
    const fetched = (await sim.stats()).requests.filter((r) => r.path === `/sessions/${old}/events`);
    expect(fetched).to.have.length(1);
  });

  it('a watched session’s history also serves the list (no second request)', async () => {
    sim = await createSim({ stepMs: 5 });
    const {
      session_ids: [old],
    } = await sim.seedSessions({ count: 1 });
    const c = await connected();
    const watch = c.watchSession(old);
    await waitFor(() => watch.snapshot.loaded, 'loaded');
    expect(c.activity.get(old)!.titleFinal).to.equal(true);
    expect(c.histories.peek(old)?.events.length).to.equal(5);
    watch.close();
  });

  it('history requests carry the signal: an aborted one is a status-0 CoordinatorError', async () => {
    sim = await createSim({ stepMs: 5 });
    const {
      session_ids: [old],
    } = await sim.seedSessions({ count: 1 });
    const c = await connected();
    const controller = new AbortController();
    const pending = c.getHistory(old, { signal: controller.signal });
    controller.abort(new Error('scrolled away'));
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CoordinatorError);
    expect((error as CoordinatorError).status).to.equal(0);
    expect((error as CoordinatorError).message).to.equal('scrolled away');
  });

  it('after a reconnect, counts of sessions followed live become lower bounds', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = await connected();
    const { session_id: sid } = await c.startRun({ prompt: 'x' });
    await waitFor(() => c.activity.get(sid)?.runs === 1, 'run');
    expect(c.activity.get(sid)!.atLeast).to.equal(false);
    await sim.fault({ dropStreams: true });
    await waitFor(() => c.activity.get(sid)!.atLeast, 'gap');
  });

  it('startRun with parentSessionId makes a child session', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = await connected();
    const { session_id: parent } = await c.startRun({ prompt: 'parent' });
    const { session_id: child } = await c.startRun({ prompt: 'child', parentSessionId: parent });
    await waitFor(() => c.getKnownSession(child), 'child listed');
    expect(c.getKnownSession(child)!.parentSessionId).to.equal(parent);
  });
});

describe('LocalSessions', () => {
  it('takes wire or normalized sessions, counts appended events by their time, keeps none', () => {
    const local = new LocalSessions();
    const told: string[] = [];
    local.on('sessions', (list) => told.push(`sessions:${list.length}`));
    local.on('activity', (ids) => told.push(`activity:${[...ids].join(',')}`));
    const now = Date.now();
    local.setSessions([
      { session_id: 'ses_aaaaaaaaaaaa', status: 'running', created_at: new Date(now).toISOString() },
      {
        sessionId: 'ses_bbbbbbbbbbbb',
        status: 'idle',
        createdAt: new Date(now - 1000).toISOString(),
        parentSessionId: 'ses_aaaaaaaaaaaa',
      },
      { nonsense: true },
    ]);
    expect(local.sessions.map((s) => [s.sessionId, s.parentSessionId])).to.deep.equal([
      ['ses_aaaaaaaaaaaa', null],
      ['ses_bbbbbbbbbbbb', 'ses_aaaaaaaaaaaa'],
    ]);
    local.appendEvents([
      liveEvent({ event_type: 'run_start', timestamp: new Date(now - 120_000).toISOString() }),
      { data: liveEvent({ event_type: 'message', role: 'user', content: 'Hello', timestamp: ts(-1e12) }) },
    ]);
    const a = local.activity.get('ses_aaaaaaaaaaaa');
    expect(a).to.include({ title: 'Hello', titleFinal: true, runs: 1, atLeast: false });
    // Bucketed by their own time: the run start two minutes ago, the message long ago (not in the last 15).
    expect(local.activity.histogram('ses_aaaaaaaaaaaa', 15, now).total.reduce((x, y) => x + y)).to.equal(1);
    expect(told).to.deep.equal(['sessions:2', 'activity:*', 'activity:ses_aaaaaaaaaaaa']);
  });

  it('toWireSession: wire as is, normalized back to wire, anything else null', () => {
    expect(toWireSession({ session_id: 'x', status: 'idle' })).to.deep.equal({ session_id: 'x', status: 'idle' });
    expect(toWireSession({ sessionId: 'y', status: 'idle' })).to.include({ session_id: 'y', status: 'idle' });
    expect(toWireSession({ sessionId: '' })).to.equal(null);
    expect(toWireSession('ses_x')).to.equal(null);
  });
});
