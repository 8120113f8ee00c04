import { expect } from '@open-wc/testing';
import { createSim, type SimInstance } from '../../test/support/sim.js';
import { eventContentKey } from '../model/normalize.js';
import { acquireClient, clientKey, sharedClientCount } from './shared.js';
import { waitFor } from '../../test/support/client-kit.js';

describe('acquireClient: one client and one stream per coordinator and credentials', () => {
  let sim: SimInstance | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('two watchers share one HTTP stream (sseRequests === 1) and each sees only its session', async () => {
    sim = await createSim({ stepMs: 10 });
    const before = sharedClientCount();
    const a = acquireClient({ url: sim.sseUrl, reconnect: { initialDelayMs: 50 } });
    const b = acquireClient({ url: sim.sseUrl });
    expect(b.client).to.equal(a.client);
    expect(sharedClientCount()).to.equal(before + 1);

    const one = await sim.startSession({ prompt: 'first session' });
    const two = await sim.startSession({ prompt: 'second session' });
    const watchA = a.client.watchSession(one.session_id);
    const watchB = b.client.watchSession(two.session_id);
    for (const [watch, sid] of [
      [watchA, one.session_id],
      [watchB, two.session_id],
    ] as const) {
      await waitFor(
        () => watch.snapshot.session?.status === 'idle' && watch.snapshot.runs[0]?.outcome === 'completed',
        `${sid} done`,
      );
      const history = await a.client.getHistory(sid);
      await waitFor(() => watch.snapshot.events.length === history.length, 'all events');
      expect(watch.snapshot.events.map(eventContentKey)).to.deep.equal(history.map(eventContentKey));
      expect(watch.snapshot.events.every((e) => e.sessionId === sid)).to.equal(true);
    }
    const stats = await sim.stats();
    expect(stats.sseRequests).to.equal(1);
    expect(stats.openStreams).to.equal(1);
    // The shared stream is the unfiltered one.
    expect(stats.requests.find((r) => r.path === '/sse/sessions')?.query).to.deep.equal({});

    watchA.close();
    a.release();
    a.release(); // idempotent
    expect((await sim.stats()).openStreams).to.equal(1);
    watchB.close();
    b.release();
    await waitFor(async () => (await sim!.stats()).openStreams === 0, 'stream closed after the last release');
    expect(a.client.closed).to.equal(true);
    expect(sharedClientCount()).to.equal(before);

    // A later user gets a fresh client and a new stream.
    const c = acquireClient({ url: sim.sseUrl });
    expect(c.client).to.not.equal(a.client);
    const release = c.client.retain();
    await waitFor(async () => (await sim!.stats()).sseRequests === 2, 'second stream');
    release();
    c.release();
  });

  it('different credentials or coordinators get different clients', () => {
    const url = 'http://127.0.0.1:1/sse/sessions';
    const provider = () => 't';
    const base = clientKey({ url });
    expect(clientKey({ url: `${url} ` })).to.equal(base);
    expect(clientKey({ url, apiBase: 'http://127.0.0.1:1' })).to.equal(base);
    expect(clientKey({ url, token: 'x' })).to.not.equal(base);
    expect(clientKey({ url, authMode: 'query' })).to.not.equal(base);
    expect(clientKey({ url, apiBase: 'http://127.0.0.1:1/api' })).to.not.equal(base);
    expect(clientKey({ url, tokenProvider: provider })).to.equal(clientKey({ url, tokenProvider: provider }));
    expect(clientKey({ url, tokenProvider: provider })).to.not.equal(clientKey({ url, tokenProvider: () => 't' }));
    const a = acquireClient({ url, token: 'x' });
    const b = acquireClient({ url, token: 'y' });
    expect(a.client).to.not.equal(b.client);
    a.release();
    b.release();
  });
});
