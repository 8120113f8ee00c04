import { expect } from '@open-wc/testing';
import { waitFor } from '../support/client-kit.js';
import { createSim, type SimInstance } from '../support/sim.js';

interface Received {
  kind: string;
  id: string;
  data: unknown;
}

/** Records every named frame a native EventSource delivers. */
function listen(url: string, kinds: string[]) {
  const source = new EventSource(url);
  const frames: Received[] = [];
  const errors: Event[] = [];
  for (const kind of kinds) {
    source.addEventListener(kind, (e) => {
      const m = e as MessageEvent<string>;
      frames.push({ kind, id: m.lastEventId, data: JSON.parse(m.data) });
    });
  }
  source.addEventListener('error', (e) => errors.push(e));
  return { source, frames, errors };
}

const eventType = (f: Received) => (f.data as { data?: { event_type?: string } }).data?.event_type;
const KINDS = ['init', 'session_created', 'session_updated', 'session_deleted', 'event', 'run_failed'];

describe('simulated coordinator from the browser', () => {
  let sim: SimInstance | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('streams a scripted run to a native EventSource, cross-origin', async () => {
    sim = await createSim({ stepMs: 5 });
    expect(new URL(sim.sseUrl).origin).to.not.equal(location.origin);
    const { source, frames } = listen(sim.sseUrl, KINDS);
    await waitFor(() => frames.find((f) => f.kind === 'init'), 'init');
    const { session_id } = await sim.startSession({ prompt: 'browser check' });
    await waitFor(() => frames.find((f) => eventType(f) === 'run_completed'), 'run_completed');
    source.close();

    expect(frames[0].data).to.deep.equal({ sessions: [] });
    const types = frames.filter((f) => f.kind === 'event').map(eventType);
    expect(types[0]).to.equal('run_start');
    expect(types).to.include.members(['message', 'post_tool', 'result']);
    for (const f of frames) expect(f.id).to.match(/^\d{13}-(ini|scr|sup|sdl|evt|rfl)-\d{3}$/);
    const created = frames.find((f) => f.kind === 'session_created')!.data as {
      session: { session_id: string; status: string };
    };
    expect(created.session).to.include({ session_id, status: 'pending' });

    const history = await (await fetch(`${sim.base}/sessions/${session_id}/events`)).json();
    expect(history.events.map((e: { event_type: string }) => e.event_type)).to.deep.equal(types);
  });

  it('enforces auth over CORS: 401, 403, Bearer header and api_key', async () => {
    sim = await createSim({ stepMs: 5, token: 'browser-token' });
    expect((await fetch(`${sim.base}/sessions`)).status).to.equal(401);
    const wrong = await fetch(`${sim.base}/sessions`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).to.equal(403);
    expect((await wrong.json()).detail).to.be.a('string');
    const ok = await fetch(`${sim.base}/sessions`, { headers: { Authorization: 'Bearer browser-token' } });
    expect(ok.status).to.equal(200);
    expect(await ok.json()).to.deep.equal({ sessions: [] });

    const { source, frames } = listen(`${sim.sseUrl}?api_key=browser-token`, KINDS);
    await waitFor(() => frames.find((f) => f.kind === 'init'), 'init with api_key');
    source.close();
    const stats = await sim.stats();
    expect(stats.requests.map((r) => r.status)).to.deep.equal([401, 403, 200, 200]);
  });

  it('dropStreams makes EventSource reconnect with Last-Event-ID, which only suppresses init', async () => {
    sim = await createSim({ stepMs: 5 });
    const { source, frames, errors } = listen(sim.sseUrl, KINDS);
    await waitFor(() => frames.find((f) => f.kind === 'init'), 'init');
    await sim.startSession({ prompt: 'before the drop' });
    await waitFor(() => frames.find((f) => eventType(f) === 'run_completed'), 'first run');
    const lastId = frames.at(-1)!.id;
    await sim.fault({ dropStreams: true });
    await waitFor(() => (errors.length > 0 ? true : undefined), 'error event');
    const s = sim;
    const reconnect = await waitFor(() => (source.readyState === EventSource.OPEN ? true : undefined), 'reconnected');
    expect(reconnect).to.equal(true);
    const requests = (await s.stats()).requests.filter((r) => r.path === '/sse/sessions');
    expect(requests).to.have.length(2);
    expect(requests[1].lastEventId).to.equal(lastId);
    const { session_id } = await s.startSession({ prompt: 'after the drop' });
    await waitFor(
      () =>
        frames.find(
          (f) =>
            eventType(f) === 'run_completed' &&
            (f.data as { data: { session_id: string } }).data.session_id === session_id,
        ),
      'second run',
    );
    source.close();
    expect(frames.filter((f) => f.kind === 'init')).to.have.length(1);
  });
});
