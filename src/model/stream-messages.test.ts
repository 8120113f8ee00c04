import { expect } from '@open-wc/testing';
import { SseConnection, type SseFrame } from '../client/sse-connection.js';
import { parseStreamMessage, type StreamMessage } from './stream-messages.js';
import { replayFetch, waitFor } from '../../test/support/client-kit.js';
import { FIXTURES, chunk, fixtureBytes, fixtureText } from '../../test/support/fixtures.js';

/**
 * The complete frames of a fixture, read with plain string handling (independent of the parser under
 * test). A capture can end inside a frame (current-two-runs.sse lacks the final blank line): SSE
 * dispatches a frame only at its blank line, so that one is not complete yet.
 */
function framesOf(text: string): { kind: string; id: string; data: string }[] {
  const blocks = text.split('\n\n');
  blocks.pop(); // after the last blank line: empty, or an unterminated frame
  return blocks
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const line = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}: `))!
          .slice(name.length + 2);
      return { kind: line('event'), id: line('id'), data: line('data') };
    });
}

async function replay(name: string, sizes?: number[]): Promise<SseFrame[]> {
  const frames: SseFrame[] = [];
  const source = replayFetch(chunk(await fixtureBytes(name), sizes));
  const connection = new SseConnection(
    { url: 'http://coordinator.test/sse/sessions', fetch: source.fetch },
    {
      onFrame: (frame) => frames.push(frame),
    },
  );
  connection.start();
  await source.delivered;
  expect(connection.state.status).to.equal('open');
  expect(connection.lastEventId).to.equal(framesOf(new TextDecoder().decode(await fixtureBytes(name))).at(-1)!.id);
  connection.stop();
  return frames;
}

describe('SSE frames from the fixtures (byte-for-byte, odd chunk sizes)', () => {
  for (const name of FIXTURES) {
    for (const sizes of [[1], [3, 7, 13], [97, 1, 211, 5], [100_000]]) {
      it(`${name} in chunks of ${sizes.join('/')} bytes gives every frame intact`, async () => {
        const expected = framesOf(await fixtureText(name));
        const frames = await replay(name, sizes);
        expect(frames.map((f) => f.kind)).to.deep.equal(expected.map((f) => f.kind));
        expect(frames.map((f) => f.id)).to.deep.equal(expected.map((f) => f.id));
        expect(frames.map((f) => f.data)).to.deep.equal(expected.map((f) => f.data));
      });
    }

    it(`${name}: every frame becomes a typed message, none malformed`, async () => {
      const expected = framesOf(await fixtureText(name));
      const frames = await replay(name);
      const parsed = frames.map((f) => parseStreamMessage(f.kind, f.data));
      expect(parsed.flatMap((p) => p.malformed)).to.deep.equal([]);
      expect(parsed.map((p) => p.message!.kind)).to.deep.equal(expected.map((f) => f.kind));
      for (const [i, p] of parsed.entries()) {
        const data = JSON.parse(expected[i].data);
        const m = p.message as StreamMessage;
        if (m.kind === 'event') expect(m.event).to.deep.equal(data.data);
        if (m.kind === 'session_created' || m.kind === 'session_updated') expect(m.session).to.deep.equal(data.session);
        if (m.kind === 'init') expect(m.sessions).to.deep.equal(data.sessions);
      }
    });
  }

  it('holds an unterminated last frame until the server writes again (current-two-runs.sse ends mid-frame)', async () => {
    const bytes = await fixtureBytes('current-two-runs.sse');
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith('\n\n')).to.equal(false);
    const heartbeat = new TextEncoder().encode(': heartbeat\n\n');
    const frames: SseFrame[] = [];
    const source = replayFetch([...chunk(bytes, [5, 11]), heartbeat]);
    const connection = new SseConnection(
      { url: '/sse/sessions', fetch: source.fetch },
      { onFrame: (f) => frames.push(f) },
    );
    connection.start();
    await source.delivered;
    connection.stop();
    const complete = framesOf(text);
    expect(frames).to.have.length(complete.length + 1);
    const last = parseStreamMessage(frames.at(-1)!.kind, frames.at(-1)!.data).message;
    expect(last?.kind === 'session_updated' && last.session.status).to.equal('stopped');
  });

  describe('a chunk of many frames (a burst after a stall)', () => {
    const count = 2000;
    const text = Array.from(
      { length: count },
      (_, i) =>
        `id: ${i}\nevent: event\ndata: {"data": {"event_type": "message", "n": ${i}, "pad": "${'·'.repeat(40)}"}}\n\n`,
    ).join('');

    /** Frames read from `text` in one chunk, and how many a task queued by the first one saw. */
    async function read(): Promise<{ ids: string[]; seenByATimer: number }> {
      const frames: SseFrame[] = [];
      let seenByATimer = -1;
      const source = replayFetch([new TextEncoder().encode(text)]);
      const connection = new SseConnection(
        { url: '/sse/sessions', fetch: source.fetch },
        {
          onFrame: (f) => {
            // A task queued by the first frame runs once the reader gives the page a turn.
            if (frames.push(f) === 1) setTimeout(() => (seenByATimer = frames.length));
          },
        },
      );
      connection.start();
      await waitFor(() => frames.length === count && seenByATimer > 0, 'every frame');
      connection.stop();
      return { ids: frames.map((f) => f.id!), seenByATimer };
    }

    it('all in order, with task breaks so the page can paint', async () => {
      const { ids, seenByATimer } = await read();
      expect(ids).to.deep.equal(Array.from({ length: count }, (_, i) => String(i)));
      expect(seenByATimer).to.be.lessThan(count);
    });

    it('in one go while the page is hidden (nothing to paint, throttled timers)', async () => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      try {
        const { ids, seenByATimer } = await read();
        expect(ids).to.have.length(count);
        expect(seenByATimer).to.equal(count);
      } finally {
        delete (document as { hidden?: boolean }).hidden;
      }
    });
  });

  it('skips heartbeat comments and keeps multi-byte UTF-8 split across chunks', async () => {
    const text =
      ': heartbeat\n\nid: 1-evt-001\nevent: event\ndata: {"data": {"event_type": "message", "session_id": "ses_1", "timestamp": "2026-11-24T01:57:57Z", "role": "assistant", "content": [{"type": "text", "text": "Grüße ✓ 🚀"}]}}\n\n: heartbeat\n\n';
    const bytes = new TextEncoder().encode(text);
    const frames: SseFrame[] = [];
    const source = replayFetch(chunk(bytes, [1]));
    const connection = new SseConnection(
      { url: '/sse/sessions', fetch: source.fetch },
      { onFrame: (f) => frames.push(f) },
    );
    connection.start();
    await source.delivered;
    connection.stop();
    expect(frames).to.have.length(1);
    const m = parseStreamMessage(frames[0].kind, frames[0].data).message;
    expect(m?.kind).to.equal('event');
    expect(m?.kind === 'event' && (m.event.content as { text: string }[])[0].text).to.equal('Grüße ✓ 🚀');
  });
});

describe('parseStreamMessage', () => {
  it('reports invalid JSON with the raw text instead of throwing', () => {
    const r = parseStreamMessage('event', '{"data": {oops');
    expect(r.message).to.equal(null);
    expect(r.malformed).to.have.length(1);
    expect(r.malformed[0].kind).to.equal('event');
    expect(r.malformed[0].raw).to.equal('{"data": {oops');
    expect(r.malformed[0].reason).to.match(/invalid JSON/);
  });

  it('reports a wrongly shaped payload of each kind', () => {
    const cases: [string, string][] = [
      ['event', '{"nope": 1}'],
      ['event', '{"data": {"event_type": "message"}}'],
      ['event', '{"data": {"event_type": 3, "session_id": "ses_1"}}'],
      ['init', '{"sessions": {}}'],
      ['session_created', '{"session": {"status": "pending"}}'],
      ['session_updated', '{"session": null}'],
      ['session_deleted', '{"runs_deleted": 2}'],
      ['run_failed', '{"run_id": "run_1"}'],
      ['event', '[]'],
    ];
    for (const [kind, raw] of cases) {
      const r = parseStreamMessage(kind, raw);
      expect(r.message, `${kind} ${raw}`).to.equal(null);
      expect(r.malformed[0].raw).to.equal(raw);
    }
  });

  it('keeps the good sessions of an init and reports the bad ones', () => {
    const r = parseStreamMessage('init', '{"sessions": [{"session_id": "ses_1", "status": "idle"}, {"status": "x"}]}');
    expect(r.message?.kind === 'init' && r.message.sessions.map((s) => s.session_id)).to.deep.equal(['ses_1']);
    expect(r.malformed[0].reason).to.match(/1 session/);
  });

  it('passes partial session_updated through untouched (the store merges)', () => {
    const r = parseStreamMessage('session_updated', '{"session": {"session_id": "ses_1", "status": "finished"}}');
    expect(r.message).to.deep.equal({ kind: 'session_updated', session: { session_id: 'ses_1', status: 'finished' } });
  });

  it('reads session_deleted and run_failed', () => {
    expect(parseStreamMessage('session_deleted', '{"session_id": "ses_1", "runs_deleted": 2}').message).to.deep.equal({
      kind: 'session_deleted',
      sessionId: 'ses_1',
      runsDeleted: 2,
    });
    expect(
      parseStreamMessage('run_failed', '{"run_id": "run_1", "session_id": "ses_1", "error": null}').message,
    ).to.deep.equal({
      kind: 'run_failed',
      runId: 'run_1',
      sessionId: 'ses_1',
      error: null,
    });
  });

  it('ignores kinds it does not know without calling them malformed', () => {
    const r = parseStreamMessage('telemetry', '{"x": 1}');
    expect(r.malformed).to.deep.equal([]);
    expect(r.message).to.deep.equal({ kind: 'unknown', name: 'telemetry', data: { x: 1 } });
  });
});
