import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CoordinatorClient } from '../client/client.js';
import { LocalSession } from '../client/local-session.js';
import { sharedClientCount } from '../client/shared.js';
import type { CoordinatorClientApi } from '../client/types.js';
import type { ConnectionState, CoordinatorEvent } from '../types/model.js';
import { CoordinatorSourceController, type SourceOptions } from './coordinator-source.js';
import { createSim, type SimInstance } from '../../test/support/sim.js';
import { waitFor } from '../../test/support/client-kit.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';

class SourceHost extends LitElement {
  options: SourceOptions = {};
  changes = 0;
  arrivals: CoordinatorEvent[] = [];
  states: ConnectionState[] = [];
  clients: (CoordinatorClientApi | null)[] = [];
  readonly source = new CoordinatorSourceController(this, () => this.options, {
    onChange: () => this.changes++,
    onEvents: (events) => this.arrivals.push(...events),
    onConnection: (state) => this.states.push(state),
    onClient: (client) => this.clients.push(client),
  });
  protected override willUpdate(): void {
    this.source.sync();
  }
}
customElements.define('source-host', SourceHost);

async function host(options: SourceOptions): Promise<SourceHost> {
  const el = document.createElement('source-host') as SourceHost;
  el.options = options;
  return fixture<SourceHost>(html`${el}`);
}

describe('CoordinatorSourceController', () => {
  let sim: SimInstance | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('shares one client per coordinator, watches the session, and lets go when its hosts leave', async () => {
    sim = await createSim();
    const { session_id } = await sim.startSession({ prompt: 'hello' });
    const a = await host({ src: sim.sseUrl, sessionId: session_id });
    const b = await host({ src: sim.sseUrl, sessionId: session_id });
    expect(a.source.client).to.equal(b.source.client);
    expect(a.source.mode).to.equal('client');
    await waitFor(() => a.source.connection.status === 'open', 'open');
    await waitFor(() => a.source.snapshot?.loaded && a.source.snapshot.events.length > 0, 'history');
    expect(a.changes).to.be.greaterThan(0);
    expect(a.states.map((s) => s.status)).to.include('open');
    const before = sharedClientCount();
    a.remove();
    b.remove();
    expect(sharedClientCount()).to.equal(before - 1);
    expect(a.source.snapshot).to.equal(null);
  });

  it("uses the host's client and never closes it", async () => {
    sim = await createSim();
    const client = new CoordinatorClient({ url: sim.sseUrl });
    const el = await host({ client, src: 'http://ignored.invalid/sse/sessions', retain: true });
    expect(el.source.client).to.equal(client);
    expect(client.users).to.equal(1);
    el.remove();
    expect(client.users).to.equal(0);
    expect(client.closed).to.equal(false);
    client.close();
  });

  it('keeps the stream open without a session when asked to retain it', async () => {
    sim = await createSim();
    const client = new CoordinatorClient({ url: sim.sseUrl });
    const el = await host({ client });
    expect(client.users).to.equal(0);
    el.options = { client, retain: true };
    el.requestUpdate();
    await el.updateComplete;
    expect(client.users).to.equal(1);
    el.remove();
    client.close();
  });

  it("follows a host's local session the same way, told as it changes", async () => {
    const local = new LocalSession();
    const el = await host({ local });
    expect(el.source.mode).to.equal('host');
    expect(el.source.connection.status).to.equal('idle');
    const changes = el.changes;
    local.setEvents([liveEvent({ event_type: 'run_start', timestamp: ts(0) })]);
    expect(el.changes).to.equal(changes + 1);
    expect(el.source.snapshot!.events).to.have.length(1);
    local.appendEvents([liveEvent({ event_type: 'post_tool', timestamp: ts(1) })]);
    expect(el.arrivals.map((e) => e.type)).to.deep.equal(['run_start', 'post_tool']);
    el.remove();
    local.appendEvents([liveEvent({ event_type: 'post_tool', timestamp: ts(2) })]);
    expect(el.arrivals).to.have.length(2);
  });

  it('drops what an earlier watch tells once another session is watched', async () => {
    sim = await createSim();
    const first = await sim.startSession({ prompt: 'slow one' });
    const el = await host({ src: sim.sseUrl, sessionId: first.session_id });
    await waitFor(() => el.source.snapshot?.loaded, 'first loaded');
    el.options = { src: sim.sseUrl, sessionId: 'ses_000000000000' };
    el.requestUpdate();
    await el.updateComplete;
    const arrivals = el.arrivals.length;
    // The first session goes on running: nothing of it reaches the host now.
    await new Promise((r) => setTimeout(r, 600));
    expect(el.source.snapshot!.sessionId).to.equal('ses_000000000000');
    expect(el.arrivals.length).to.equal(arrivals);
    el.remove();
  });

  it('reports a `src` that makes no client as closed, with the reason, and recovers', async () => {
    sim = await createSim();
    const el = await host({ src: '   ' });
    expect(el.source.client).to.equal(null);
    expect(el.source.connection.status).to.equal('closed');
    expect(el.source.connection.message).to.match(/url/i);
    el.options = { src: sim.sseUrl, retain: true };
    el.requestUpdate();
    await el.updateComplete;
    await waitFor(() => el.source.connection.status === 'open', 'open');
    el.options = {};
    el.requestUpdate();
    await el.updateComplete;
    expect(el.source.connection.status).to.equal('idle');
    expect(el.clients.at(-1)).to.equal(null);
    el.remove();
  });

  it('reconnects at once when asked ("Retry now")', async () => {
    sim = await createSim();
    const el = await host({ src: sim.sseUrl, retain: true });
    await waitFor(() => el.source.connection.status === 'open', 'open');
    await sim.fault({ dropStreams: true, failRequests: { status: 503, count: 1, path: '/sse/sessions' } });
    // The drop, then the refused attempt: now it waits longer.
    await waitFor(() => (el.source.connection.attempt ?? 0) >= 2, 'second wait');
    const waiting = el.source.connection.nextAttemptAt!;
    expect(waiting - Date.now()).to.be.greaterThan(500);
    el.source.reconnect();
    await waitFor(() => el.source.connection.status === 'open', 'open again');
    expect(Date.now()).to.be.lessThan(waiting + 50);
    el.remove();
  });

  it('tells whether the session shown exists: none, loading, found or missing', async () => {
    sim = await createSim();
    const { session_id } = await sim.startSession({ prompt: 'hello' });
    const el = await host({ src: sim.sseUrl, retain: true });
    expect(el.source.presence).to.equal('none');
    el.options = { src: sim.sseUrl, sessionId: 'ses_000000000bad' };
    el.requestUpdate();
    await el.updateComplete;
    expect(el.source.presence).to.equal('loading');
    await waitFor(() => el.source.presence === 'missing', 'missing');
    el.options = { src: sim.sseUrl, sessionId: session_id };
    el.requestUpdate();
    await el.updateComplete;
    await waitFor(() => el.source.presence === 'found', 'found');
    el.remove();

    // A host's own events: found when there are some.
    const local = new LocalSession();
    const own = await host({ local });
    expect(own.source.presence).to.equal('none');
    local.setEvents([liveEvent({ event_type: 'run_start', timestamp: ts(0) })]);
    expect(own.source.presence).to.equal('found');
    own.remove();
  });
});
