/**
 * The whole client pipeline (transport → parser → stores → runs → snapshot) over the captures,
 * replayed byte-for-byte. The captures start at an empty coordinator, so history is empty.
 */
import { expect } from '@open-wc/testing';
import type { CoordinatorEvent, Session } from '../types/model.js';
import { CoordinatorClient } from './client.js';
import type { MalformedFrame, SessionSnapshot } from './types.js';
import { HEARTBEAT, pushFetch, replayFetch, tick, waitFor } from '../../test/support/client-kit.js';
import { chunk, fixtureBytes, loadSseEvents } from '../../test/support/fixtures.js';

const URL_ = 'http://coordinator.test/sse/sessions';

describe('CoordinatorClient over the captures', () => {
  it('current-two-runs.sse: snapshot with every event once, two completed runs, session stopped', async () => {
    const source = replayFetch([...chunk(await fixtureBytes('current-two-runs.sse'), [13, 1, 57]), HEARTBEAT]);
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    const sid = 'ses_1a308bde7d45';
    let last: SessionSnapshot | null = null;
    const watch = client.watchSession(sid, { onChange: (s) => (last = s) });
    try {
      await source.delivered;
      await tick();
      const snapshot = watch.snapshot;
      expect(last).to.equal(snapshot);
      const wire = await loadSseEvents('current-two-runs.sse', sid);
      expect(snapshot.loaded).to.equal(true);
      expect(snapshot.events.map((e) => e.timestamp)).to.deep.equal(wire.map((e) => e.timestamp));
      expect(snapshot.runs.map((r) => [r.index, r.outcome])).to.deep.equal([
        [1, 'completed'],
        [2, 'completed'],
      ]);
      expect(snapshot.session?.status).to.equal('stopped');
      expect(snapshot.busy).to.equal('ended');
      expect(client.sessions.map((s) => s.sessionId)).to.deep.equal([sid]);
      expect(source.requests.filter((r) => r.url.includes('/sse/sessions'))).to.have.length(1);
      expect(source.requests.map((r) => r.url)).to.include(`http://coordinator.test/sessions/${sid}/events`);
    } finally {
      watch.close();
      client.close();
    }
    expect(client.connection.status).to.equal('closed');
  });

  it('edge-cases.sse: busy follows the status (failed → ended, finished → ready), partial update merged', async () => {
    const source = replayFetch([...chunk(await fixtureBytes('edge-cases.sse'), [2, 9]), HEARTBEAT]);
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    const watches = ['ses_019bb59f2ed1', 'ses_3dd75eed188e', 'ses_b18704bce236'].map((id) => client.watchSession(id));
    try {
      await source.delivered;
      await tick();
      expect(watches.map((w) => [w.snapshot.busy, w.snapshot.runs.map((r) => r.outcome)])).to.deep.equal([
        ['ended', ['failed']],
        ['ended', ['stopped']],
        ['ready', ['completed']],
      ]);
      expect(watches[2].snapshot.session).to.include({
        status: 'finished',
        hostname: 'edge-host',
        executorSessionId: 'exec-c',
      });
    } finally {
      client.close();
    }
  });

  it('batches: a burst of frames gives one onChange, one onEvents with every new event, one sessions notice', async () => {
    const bytes = await fixtureBytes('current-two-runs.sse');
    const text = new TextDecoder().decode(bytes);
    const initEnd = text.indexOf('\n\n') + 2;
    const source = pushFetch();
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    const changes: SessionSnapshot[] = [];
    const batches: (readonly CoordinatorEvent[])[] = [];
    const sessionNotices: (readonly Session[])[] = [];
    client.on('sessions', (list) => sessionNotices.push(list));
    const watch = client.watchSession('ses_1a308bde7d45', {
      onChange: (s) => changes.push(s),
      onEvents: (events) => batches.push(events),
    });
    try {
      await source.opened;
      source.push(text.slice(0, initEnd));
      await waitFor(() => watch.snapshot.loaded && !watch.snapshot.syncing, 'history loaded');
      await tick();
      changes.length = 0;
      sessionNotices.length = 0;
      source.push(text.slice(initEnd) + ': heartbeat\n\n');
      await waitFor(() => changes.length > 0, 'a change');
      await tick();
      await tick();
      expect(changes).to.have.length(1);
      expect(batches).to.have.length(1);
      expect(sessionNotices).to.have.length(1);
      expect(batches[0].map((e) => e.type)).to.deep.equal(changes[0].events.map((e) => e.type));
      expect(batches[0]).to.have.length(text.split('event: event\n').length - 1);
      expect(sessionNotices[0][0].status).to.equal('stopped');
    } finally {
      client.close();
    }
  });

  it('a burst over many network reads: watchers hear at most once per frame and get every event once', async () => {
    const source = pushFetch();
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    let frame = 0;
    let counting = true;
    const countFrames = () => {
      frame++;
      if (counting) requestAnimationFrame(countFrames);
    };
    requestAnimationFrame(countFrames);
    const changedInFrame: number[] = [];
    const arrived: CoordinatorEvent[] = [];
    const watch = client.watchSession('ses_1', {
      onChange: () => changedInFrame.push(frame),
      onEvents: (events) => arrived.push(...events),
    });
    try {
      await source.opened;
      await waitFor(() => watch.snapshot.loaded && !watch.snapshot.syncing, 'history loaded');
      await tick();
      changedInFrame.length = 0;
      const count = 60;
      const firstFrame = frame;
      for (let i = 0; i < count; i++) {
        const at = `2026-11-24T01:57:${String(i).padStart(2, '0')}Z`;
        source.push(
          `event: event\ndata: {"data": {"event_type": "message", "session_id": "ses_1", "timestamp": "${at}", "content": "m${i}"}}\n\n`,
        );
        // One read per frame: the next push comes in a later task.
        await new Promise((r) => setTimeout(r, 1));
      }
      await waitFor(() => arrived.length === count, 'every event');
      await tick();
      const frames = frame - firstFrame;
      expect(arrived.map((e) => e.text)).to.deep.equal(Array.from({ length: count }, (_, i) => `m${i}`));
      expect(watch.snapshot.events).to.have.length(count);
      expect(changedInFrame.length).to.be.lessThan(count / 2);
      // One change per frame at most: the frame counter never repeats.
      expect(new Set(changedInFrame).size).to.equal(changedInFrame.length);
      expect(changedInFrame.length).to.be.at.most(frames + 1);
    } finally {
      counting = false;
      client.close();
    }
  });

  it('without animation frames (a hidden page) watchers still hear, at least every 100 ms', async () => {
    const source = pushFetch();
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    const changes: number[] = [];
    const watch = client.watchSession('ses_1', { onChange: (s) => changes.push(s.events.length) });
    const frame = (i: number) =>
      `event: event\ndata: {"data": {"event_type": "message", "session_id": "ses_1", "timestamp": "2026-11-24T01:57:0${i}Z", "content": "m${i}"}}\n\n`;
    const original = globalThis.requestAnimationFrame;
    try {
      await source.opened;
      await waitFor(() => watch.snapshot.loaded && !watch.snapshot.syncing, 'history loaded');
      await tick();
      globalThis.requestAnimationFrame = () => 0;
      const started = performance.now();
      source.push(frame(1));
      await waitFor(() => changes.at(-1) === 1, 'first change');
      source.push(frame(2));
      await waitFor(() => changes.at(-1) === 2, 'second change');
      const elapsed = performance.now() - started;
      expect(elapsed).to.be.within(90, 1000);
    } finally {
      globalThis.requestAnimationFrame = original;
      client.close();
    }
  });

  it('reports malformed frames with their raw text and keeps reading', async () => {
    const source = pushFetch();
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    const bad: MalformedFrame[] = [];
    client.on('malformed-frame', (m) => bad.push(m));
    const watch = client.watchSession('ses_1');
    try {
      await source.opened;
      await waitFor(() => watch.snapshot.loaded, 'loaded');
      source.push('id: 1-evt-001\nevent: event\ndata: {"data": {oops\n\n');
      source.push('id: 1-evt-002\nevent: event\ndata: {"nope": 1}\n\n');
      source.push(
        'id: 1-evt-003\nevent: event\ndata: {"data": {"event_type": "message", "session_id": "ses_1", "timestamp": "2026-11-24T01:57:57Z", "role": "user", "content": "hi"}}\n\n',
      );
      await waitFor(() => watch.snapshot.events.length === 1, 'the good event');
      expect(bad.map((b) => [b.kind, b.raw])).to.deep.equal([
        ['event', '{"data": {oops'],
        ['event', '{"nope": 1}'],
      ]);
      expect(watch.snapshot.events[0].text).to.equal('hi');
      expect(client.connection.status).to.equal('open');
    } finally {
      client.close();
    }
  });

  it('a listener that throws does not break the stream', async () => {
    const source = pushFetch();
    const client = new CoordinatorClient({ url: URL_, fetch: source.fetch });
    const seen: string[] = [];
    const original = (globalThis as { reportError?: unknown }).reportError;
    const reported: unknown[] = [];
    (globalThis as { reportError?: unknown }).reportError = (e: unknown) => reported.push(e);
    client.on('sessions', () => {
      throw new Error('listener bug');
    });
    client.on('sessions', (list) => seen.push(list.map((s) => s.status).join()));
    const release = client.retain();
    try {
      await source.opened;
      source.push('event: init\ndata: {"sessions": [{"session_id": "ses_1", "status": "idle"}]}\n\n');
      await waitFor(() => seen.length === 1, 'first notice');
      source.push('event: session_updated\ndata: {"session": {"session_id": "ses_1", "status": "running"}}\n\n');
      await waitFor(() => seen.length === 2, 'second notice');
      expect(seen).to.deep.equal(['idle', 'running']);
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(['listener bug', 'listener bug']);
    } finally {
      (globalThis as { reportError?: unknown }).reportError = original;
      release();
      client.close();
    }
  });
});
