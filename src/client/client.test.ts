/** The client against the simulated coordinator (a real HTTP server) and its fault switches. */
import { expect } from '@open-wc/testing';
import { createSim, type SimInstance, type SimRequestRecord } from '../../test/support/sim.js';
import type { ConnectionState, CoordinatorEvent } from '../types/model.js';
import { CoordinatorClient } from './client.js';
import { eventContentKey } from '../model/normalize.js';
import type { ClientOptions, MalformedFrame, SessionWatch } from './types.js';
import { waitFor } from '../../test/support/client-kit.js';

const FAST = { initialDelayMs: 50, maxDelayMs: 2000, jitter: 0 };

function recordStates(client: CoordinatorClient): ConnectionState[] {
  const states: ConnectionState[] = [];
  client.on('connection', (s) => states.push(s));
  return states;
}

const sseCalls = (requests: SimRequestRecord[]) => requests.filter((r) => r.path === '/sse/sessions');
const keys = (events: readonly CoordinatorEvent[]) => events.map(eventContentKey);

describe('CoordinatorClient against the simulated coordinator', function () {
  let sim: SimInstance | undefined;
  let client: CoordinatorClient | undefined;
  const open = (options: Partial<ClientOptions> = {}) => {
    client = new CoordinatorClient({ url: sim!.sseUrl, reconnect: FAST, ...options });
    return client;
  };
  afterEach(async () => {
    client?.close();
    client = undefined;
    await sim?.close();
    sim = undefined;
  });

  /** Waits until the watched session is done with its last run and returns the REST history. */
  async function settled(watch: SessionWatch, status = 'idle') {
    await waitFor(
      () =>
        watch.snapshot.session?.status === status &&
        watch.snapshot.runs.at(-1)?.outcome !== 'running' &&
        !watch.snapshot.syncing,
      `session ${status}`,
    );
    const history = await client!.getHistory(watch.snapshot.sessionId);
    // The live run_completed follows the status change; wait until it is in too.
    await waitFor(() => watch.snapshot.events.length >= history.length, 'all events');
    return history;
  }

  it('connects, starts a run and shows its events in order, once', async () => {
    sim = await createSim({ stepMs: 10 });
    const c = open();
    const states = recordStates(c);
    const release = c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    const { session_id: sid } = await c.startRun({ prompt: 'List the files please' });
    const watch = c.watchSession(sid);
    const history = await settled(watch);
    expect(keys(watch.snapshot.events)).to.deep.equal(keys(history));
    expect(watch.snapshot.runs.map((r) => [r.index, r.kind, r.outcome])).to.deep.equal([[1, 'start', 'completed']]);
    expect(watch.snapshot.runs[0].toolCount).to.equal(history.filter((e) => e.type === 'post_tool').length);
    expect(watch.snapshot.busy).to.equal('ready');
    expect(c.sessions.map((s) => s.sessionId)).to.include(sid);
    expect(states.map((s) => s.status)).to.deep.equal(['connecting', 'open']);
    watch.close();
    release();
    await waitFor(async () => (await sim!.stats()).openStreams === 0, 'stream closed');
    expect(c.connection.status).to.equal('closed');
  });

  it('drop mid-run with events emitted during the outage: after reconnect every event is there exactly once', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open({ reconnect: { initialDelayMs: 100, jitter: 0 } });
    const states = recordStates(c);
    const release = c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    // A finished session that will be deleted while the client is away.
    const { session_id: doomed } = await c.startRun({ prompt: 'an earlier chat' });
    await waitFor(() => c.sessions.find((s) => s.sessionId === doomed)?.status === 'idle', 'earlier chat idle');
    await sim.fault({ stepMs: 200 });

    const { session_id: sid } = await c.startRun({ prompt: 'Summarize the project' });
    const watch = c.watchSession(sid);
    await waitFor(() => watch.snapshot.events.length >= 2, 'first events');

    // Outage: the stream drops and the next three attempts are refused, 1.5 s without a stream.
    await sim.fault({ failRequests: { status: 503, count: 3, path: '/sse/sessions' } });
    await sim.fault({ dropStreams: true });
    await c.stopSession(doomed);
    await waitFor(async () => (await c.getSession(doomed)).status === 'stopped', 'stopped');
    await c.deleteSession(doomed);
    const other = await sim.startSession({ prompt: 'created while disconnected' });
    expect(c.connection.status).to.equal('reconnecting');

    await waitFor(() => c.connection.status === 'open', 'open again');
    const history = await settled(watch);
    const events = watch.snapshot.events;
    expect(keys(events)).to.deep.equal(keys(history));
    expect(new Set(events.map((e) => e.key)).size).to.equal(events.length);
    // Some events were only recovered from history (missed live), the rest came live.
    expect(events.filter((e) => e.historyId !== null).length).to.be.greaterThan(0);
    expect(events.filter((e) => e.historyId === null).length).to.be.greaterThan(0);

    // No `init` after a reconnect with Last-Event-ID: the session list came from a REST resync.
    await waitFor(() => c.sessions.some((s) => s.sessionId === other.session_id), 'session created during the outage');
    await waitFor(() => !c.sessions.some((s) => s.sessionId === doomed), 'session deleted during the outage');
    const calls = sseCalls((await sim.stats()).requests);
    expect(calls.map((r) => r.status)).to.deep.equal([200, 503, 503, 503, 200]);
    expect(calls[0].lastEventId).to.equal(null);
    expect(calls[4].lastEventId).to.match(/^\d+-[a-z]{3}-\d{3}$/);
    const waits = states.filter((s) => s.status === 'reconnecting');
    expect(waits.map((s) => [s.attempt, s.nextDelayMs])).to.deep.equal([
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
    ]);
    expect(waits[1].httpStatus).to.equal(503);
    expect(waits[1].message).to.equal('Service Unavailable (simulated)');
    release();
  });

  it('500 then recovery: backs off with doubling delays and reports the status', async () => {
    sim = await createSim();
    await sim.fault({ failRequests: { status: 500, count: 2, path: '/sse/sessions' } });
    const c = open();
    const states = recordStates(c);
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    expect(states.map((s) => [s.status, s.attempt, s.nextDelayMs, s.httpStatus, s.message])).to.deep.equal([
      ['connecting', undefined, undefined, undefined, undefined],
      ['reconnecting', 1, 50, 500, 'Internal Server Error (simulated)'],
      ['reconnecting', 2, 100, 500, 'Internal Server Error (simulated)'],
      ['open', undefined, undefined, undefined, undefined],
    ]);
    expect((await sim.stats()).sseRequests).to.equal(1);
  });

  it('gives up after maxAttempts', async () => {
    sim = await createSim();
    await sim.fault({ failRequests: { status: 500, count: 5, path: '/sse/sessions' } });
    const c = open({ reconnect: { ...FAST, maxAttempts: 2 } });
    c.retain();
    await waitFor(() => c.connection.status === 'closed', 'closed');
    expect(c.connection.message).to.match(/Gave up after 2 attempts/);
    expect(sseCalls((await sim.stats()).requests)).to.have.length(3);
  });

  it('401: stops with auth-error and the server detail; reconnect() after the fix', async () => {
    sim = await createSim({ token: 'secret' });
    const c = open();
    c.retain();
    await waitFor(() => c.connection.status === 'auth-error', 'auth-error');
    expect(c.connection).to.deep.equal({ status: 'auth-error', httpStatus: 401, message: 'Not authenticated' });
    // No retries: wait several backoff periods and count.
    await new Promise((r) => setTimeout(r, 400));
    expect(sseCalls((await sim.stats()).requests)).to.have.length(1);
    await sim.fault({ token: null });
    c.reconnect();
    await waitFor(() => c.connection.status === 'open', 'open after reconnect()');
  });

  it('403 then token refresh through tokenProvider: retried once with the new token', async () => {
    sim = await createSim({ token: 'new-token' });
    const handed: string[] = [];
    const tokens = ['old-token'];
    const c = open({
      tokenProvider: () => {
        const t = tokens.shift() ?? 'new-token';
        handed.push(t);
        return t;
      },
    });
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    expect(sseCalls((await sim.stats()).requests).map((r) => [r.authorization, r.status])).to.deep.equal([
      ['Bearer old-token', 403],
      ['Bearer new-token', 200],
    ]);
    expect(handed).to.deep.equal(['old-token', 'new-token']);
  });

  it('403 with a provider that has nothing new: auth-error after one request', async () => {
    sim = await createSim({ token: 'right' });
    const c = open({ tokenProvider: () => 'wrong' });
    c.retain();
    await waitFor(() => c.connection.status === 'auth-error', 'auth-error');
    expect(c.connection).to.include({ httpStatus: 403, message: 'Invalid or expired token' });
    expect(sseCalls((await sim.stats()).requests)).to.have.length(1);
  });

  it('asks the tokenProvider again before every reconnect; api_key query mode', async () => {
    sim = await createSim({ token: 'a', tokens: ['b'] });
    const tokens = ['a', 'b'];
    const c = open({ tokenProvider: () => tokens.shift() ?? 'b', authMode: 'query' });
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    await sim.fault({ dropStreams: true });
    await waitFor(async () => (await sim!.stats()).sseRequests === 2 && c.connection.status === 'open', 'reopened');
    const calls = sseCalls((await sim.stats()).requests);
    expect(calls.map((r) => [r.query.api_key, r.authorization])).to.deep.equal([
      ['a', null],
      ['b', null],
    ]);
  });

  it('malformed frames go to malformed-frame listeners and the stream goes on', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    const bad: MalformedFrame[] = [];
    c.on('malformed-frame', (m) => bad.push(m));
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    await sim.fault({ malformedFrame: true });
    await waitFor(() => bad.length === 2, 'two reports');
    expect(bad.map((b) => b.raw)).to.deep.equal(['{"data": {oops', '{"nope": 1}']);
    expect(bad.every((b) => b.kind === 'event' && b.reason.length > 0)).to.equal(true);
    const { session_id: sid } = await c.startRun({ prompt: 'still listening?' });
    const watch = c.watchSession(sid);
    await settled(watch);
    expect(c.connection.status).to.equal('open');
    expect((await sim.stats()).sseRequests).to.equal(1);
  });

  it('stalled stream: heartbeats keep it alive; silence beyond watchdogMs reconnects', async () => {
    sim = await createSim({ heartbeatMs: 100 });
    const c = open({ watchdogMs: 1000 });
    const states = recordStates(c);
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    // Quiet but for heartbeats for 2.5 watchdog periods: no reconnect.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await sim.stats()).sseRequests).to.equal(1);
    await sim.fault({ stall: true });
    await waitFor(() => states.some((s) => s.status === 'reconnecting'), 'watchdog');
    expect(states.find((s) => s.status === 'reconnecting')!.message).to.match(/No data for 1000 ms/);
    await waitFor(async () => c.connection.status === 'open' && (await sim!.stats()).sseRequests === 2, 'reconnected');
  });

  it('pauses while the browser is offline and resumes on online', async () => {
    sim = await createSim();
    const c = open();
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    let online = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    try {
      online = false;
      window.dispatchEvent(new Event('offline'));
      expect(c.connection.status).to.equal('offline');
      await waitFor(async () => (await sim!.stats()).openStreams === 0, 'stream closed while offline');
      // Nothing is attempted while offline, however long it lasts.
      await new Promise((r) => setTimeout(r, 300));
      expect(sseCalls((await sim.stats()).requests)).to.have.length(1);
      expect(c.connection.status).to.equal('offline');
      online = true;
      window.dispatchEvent(new Event('online'));
      await waitFor(
        async () => c.connection.status === 'open' && (await sim!.stats()).openStreams === 1,
        'back online',
      );
      expect((await sim.stats()).sseRequests).to.equal(2);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
    expect(navigator.onLine).to.be.a('boolean');
  });

  it('old event names (session_start / session_stop) are shown as run_start / run_completed', async () => {
    sim = await createSim({ stepMs: 5, legacyNames: true });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'old names please' });
    const watch = c.watchSession(sid);
    await settled(watch);
    const markers = watch.snapshot.events.filter((e) => e.legacy);
    expect(markers.map((e) => [e.originalType, e.type])).to.deep.equal([
      ['session_start', 'run_start'],
      ['session_stop', 'run_completed'],
    ]);
    expect(watch.snapshot.runs.map((r) => [r.outcome, r.exitCode])).to.deep.equal([['completed', 0]]);
  });

  it('unknown event types are kept (not known, category other) and do not disturb runs', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'an unknown kind of task' });
    const added: CoordinatorEvent[] = [];
    let told: readonly CoordinatorEvent[] = [];
    const watch = c.watchSession(sid, {
      onChange: (snapshot) => (told = snapshot.events),
      onEvents: (events) => added.push(...events),
    });
    await settled(watch);
    // The history read by settled() can be taken between the idle status and the stored
    // run_completed: wait until the watcher was told of that event too (onEvents comes with the
    // same once-a-frame notification as onChange), or it arrives among the "new" ones below.
    await waitFor(() => told.some((e) => e.type === 'run_completed'), 'run_completed told');
    const unknown = watch.snapshot.events.filter((e) => !e.known);
    expect(unknown.map((e) => [e.type, e.category])).to.deep.equal([['telemetry_sample', 'other']]);
    expect(watch.snapshot.events.filter((e) => e.type.startsWith('hook_')).map((e) => e.type)).to.deep.equal([
      'hook_start',
      'hook_complete',
    ]);
    expect(watch.snapshot.runs).to.have.length(1);
    added.length = 0;
    await sim.fault({ emitUnknown: true });
    await waitFor(() => added.length === 1, 'onEvents for the new one');
    expect(added[0].type).to.equal('telemetry_sample');
    expect(watch.snapshot.events.at(-1)).to.equal(added[0]);
  });

  it('a partial session_updated merges into the session', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'partial update' });
    const watch = c.watchSession(sid);
    await settled(watch);
    await sim.fault({ emit: { kind: 'session_updated', data: { session: { session_id: sid, status: 'finished' } } } });
    await waitFor(() => watch.snapshot.session?.status === 'finished', 'finished');
    expect(watch.snapshot.session).to.include({
      hostname: 'sim-host',
      executorProfile: 'sim',
      projectDir: '/srv/projects/demo',
    });
    expect(watch.snapshot.session?.createdAt).to.be.a('string');
    expect(watch.snapshot.busy).to.equal('ready');
  });

  it('a failed run (no run_completed): status failed, run_failed recorded, run failed, not busy', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'this will fail' });
    const watch = c.watchSession(sid);
    await waitFor(() => watch.snapshot.session?.lastRunFailure != null, 'run_failed');
    await settled(watch, 'failed');
    expect(watch.snapshot.session?.lastRunFailure?.error).to.match(/exit code 137/);
    expect(watch.snapshot.runs.map((r) => r.outcome)).to.deep.equal(['failed']);
    expect(watch.snapshot.events.some((e) => e.type === 'run_completed')).to.equal(false);
    expect(watch.snapshot.busy).to.equal('ended');
  });

  it('history/live race: watching mid-run gives every event once', async () => {
    sim = await createSim({ stepMs: 60 });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'race me' });
    // Let the run get going before anyone watches: the start is only in history.
    await waitFor(async () => (await c.getHistory(sid)).length >= 3, 'run under way');
    const watch = c.watchSession(sid);
    const history = await settled(watch);
    expect(keys(watch.snapshot.events)).to.deep.equal(keys(history));
    expect(watch.snapshot.events.filter((e) => e.historyId !== null).length).to.be.greaterThan(2);
    expect(watch.snapshot.events.filter((e) => e.historyId === null).length).to.be.greaterThan(0);
  });

  it('a history cut at 100 events is flagged; the per-session cap drops the oldest and says how many', async () => {
    sim = await createSim({ stepMs: 1 });
    const c = open();
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    const { session_id: sid } = await sim.startSession({ prompt: 'many runs', runs: 14 });
    const all = c.watchSession(sid);
    await waitFor(
      () => all.snapshot.runs.length === 14 && all.snapshot.runs.every((r) => r.outcome === 'completed'),
      'fourteen runs',
      30_000,
    );
    const total = all.snapshot.events.length;
    expect(total).to.be.greaterThan(100);
    const budget = { bodiesDropped: 0, maxBytes: 64 * 1024 * 1024 };
    expect(all.snapshot.truncated).to.deep.equal({ droppedByCap: 0, historyMayBeIncomplete: false, ...budget });

    // Someone watching only now gets the 100 oldest from history, and is told it may be incomplete.
    const late = new CoordinatorClient({ url: sim.sseUrl });
    const capped = new CoordinatorClient({ url: sim.sseUrl, maxEventsPerSession: 30 });
    try {
      const lateWatch = late.watchSession(sid);
      const small = capped.watchSession(sid);
      await waitFor(() => lateWatch.snapshot.loaded && small.snapshot.loaded, 'loaded');
      expect(lateWatch.snapshot.events).to.have.length(100);
      expect(lateWatch.snapshot.truncated).to.deep.equal({ droppedByCap: 0, historyMayBeIncomplete: true, ...budget });
      expect(keys(lateWatch.snapshot.events)).to.deep.equal(keys(all.snapshot.events.slice(0, 100)));
      expect(small.snapshot.events).to.have.length(30);
      expect(small.snapshot.truncated).to.deep.equal({ droppedByCap: 70, historyMayBeIncomplete: true, ...budget });
      expect(keys(small.snapshot.events)).to.deep.equal(keys(all.snapshot.events.slice(70, 100)));
    } finally {
      late.close();
      capped.close();
    }
  });

  it('a deleted session: snapshot without session, busy ended', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'short one' });
    const watch = c.watchSession(sid);
    await settled(watch);
    await c.stopSession(sid);
    await waitFor(() => watch.snapshot.session?.status === 'stopped', 'stopped');
    await c.deleteSession(sid);
    await waitFor(() => watch.snapshot.session === null, 'deleted');
    expect(watch.snapshot.busy).to.equal('ended');
    expect(c.sessions.some((s) => s.sessionId === sid)).to.equal(false);
  });

  it('an unknown session is missing once the coordinator said so; a known or new one is not', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    const { session_id: known } = await sim.startSession({ prompt: 'hello' });
    const unknown = c.watchSession('ses_000000000bad');
    const watched = c.watchSession(known);
    await waitFor(() => unknown.snapshot.loaded && watched.snapshot.loaded, 'loaded');
    expect(unknown.snapshot.missing, 'history 404 and not listed').to.equal(true);
    expect(unknown.snapshot.session).to.equal(null);
    await waitFor(() => watched.snapshot.session !== null, 'listed');
    expect(watched.snapshot.missing).to.equal(false);
    // A session the coordinator creates later under the watched id is found.
    await sim.addSession({ session: { session_id: 'ses_000000000bad', status: 'idle' } });
    await waitFor(() => unknown.snapshot.session !== null, 'created');
    expect(unknown.snapshot.missing).to.equal(false);
  });

  it('remembers why a run failed for a later client of the same coordinator (a reload): run_failed is only live', async () => {
    sim = await createSim({ stepMs: 5 });
    const c = open();
    c.retain();
    const { session_id: sid } = await c.startRun({ prompt: 'please fail' });
    const watch = c.watchSession(sid);
    await waitFor(() => watch.snapshot.session?.lastRunFailure?.error, 'run_failed seen');
    const reason = watch.snapshot.session!.lastRunFailure!.error;
    // The page reloads: a new client, which never sees that run_failed.
    const later = new CoordinatorClient({ url: sim.sseUrl, reconnect: FAST });
    try {
      const again = later.watchSession(sid);
      await waitFor(() => again.snapshot.session?.status === 'failed', 'failed session');
      expect(again.snapshot.session!.lastRunFailure).to.equal(null);
      expect(again.snapshot.session!.lastError).to.equal(reason);
      // Another coordinator's session of the same id is not given it.
      const other = await createSim({ stepMs: 5 });
      const elsewhere = new CoordinatorClient({ url: other.sseUrl });
      try {
        await other.addSession({ session: { session_id: sid, status: 'failed' } });
        const w = elsewhere.watchSession(sid);
        await waitFor(() => w.snapshot.session?.status === 'failed', 'other failed session');
        expect(w.snapshot.session!.lastError).to.equal(null);
      } finally {
        elsewhere.close();
        await other.close();
      }
    } finally {
      later.close();
    }
  });
});
