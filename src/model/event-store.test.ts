import { expect } from '@open-wc/testing';
import type { WireSessionEvent } from '../types/wire.js';
import { EventStore, HISTORY_LIMIT } from './event-store.js';
import { loadSseEvents } from '../../test/support/fixtures.js';
import { historyForm, liveEvent, SID, ts } from '../../test/support/wire-events.mjs';

const history = (events: WireSessionEvent[]) => events.map((e, i) => historyForm(e, i + 1));
const texts = (store: EventStore) => store.events.map((e) => e.text ?? e.toolName ?? e.type);

function msg(at: number, text: string, role = 'assistant'): WireSessionEvent {
  return liveEvent({ event_type: 'message', timestamp: ts(at), role, content: [{ type: 'text', text }] });
}

function tool(at: number, name: string, output: unknown = '', error: string | null = null): WireSessionEvent {
  return liveEvent({
    event_type: 'post_tool',
    timestamp: ts(at),
    tool_name: name,
    tool_input: { n: 1 },
    tool_output: output,
    error,
  });
}

describe('EventStore: history and live merged without doubles or losses', () => {
  it('the history/live race: events buffered during the load and also in history appear once', () => {
    const store = new EventStore({ sessionId: SID });
    const all = [msg(0, 'a', 'user'), tool(10, 'Bash'), tool(20, 'Read', '', 'missing'), msg(30, 'b'), msg(40, 'c')];
    const token = store.beginLoad();
    // Subscribed first: these arrive live while the history request is in flight.
    expect(store.addLive(all[2])).to.deep.equal([]);
    expect(store.addLive(all[3])).to.deep.equal([]);
    expect(store.syncing).to.equal(true);
    expect(store.events).to.have.length(0);
    // The history answer was taken after event 2 was stored but before event 3.
    const added = store.finishLoad(token, history(all.slice(0, 3)))!;
    expect(store.syncing).to.equal(false);
    expect(store.loaded).to.equal(true);
    expect(texts(store)).to.deep.equal(['a', 'Bash', 'Read', 'b']);
    expect(added.map((e) => e.text ?? e.toolName)).to.deep.equal(['Read', 'b', 'a', 'Bash']);
    // The live copy (with "" output) is the one kept for the event seen both ways.
    expect(store.events[2].historyId).to.equal(null);
    store.addLive(all[4]);
    expect(texts(store)).to.deep.equal(['a', 'Bash', 'Read', 'b', 'c']);
  });

  it('keeps two different events that share timestamp and type (counted, not collapsed)', () => {
    const store = new EventStore({ sessionId: SID });
    const twinA = tool(5, 'Bash', { stdout: 'one' });
    const twinB = tool(5, 'Bash', { stdout: 'two' });
    const token = store.beginLoad();
    store.addLive(twinB);
    // History has both twins; live saw only the second.
    store.finishLoad(token, history([twinA, twinB]));
    expect(store.events).to.have.length(2);
    // After a reconnect, history again has both and live repeats nothing: still two.
    const again = store.beginLoad();
    store.finishLoad(again, history([twinA, twinB]));
    expect(store.events).to.have.length(2);
    // A third twin arrives live: three.
    store.addLive(tool(5, 'Bash', { stdout: 'three' }));
    expect(store.events).to.have.length(3);
  });

  it('after a reconnect, history brings the events missed during the outage, each once', () => {
    const store = new EventStore({ sessionId: SID });
    const events = [
      msg(0, 'q', 'user'),
      tool(10, 'Grep'),
      tool(20, 'Edit'),
      msg(30, 'answer'),
      liveEvent({ event_type: 'result', timestamp: ts(40), result_text: 'answer' }),
    ];
    store.finishLoad(store.beginLoad(), []);
    store.addLive(events[0]);
    store.addLive(events[1]);
    // Outage: events 2 and 3 are broadcast while disconnected. Reconnected: resync.
    const token = store.beginLoad();
    store.addLive(events[4]); // live on the new connection, before the history answer
    const added = store.finishLoad(token, history(events))!;
    expect(texts(store)).to.deep.equal(['q', 'Grep', 'Edit', 'answer', 'result']);
    expect(store.events.map((e) => e.type)).to.deep.equal(['message', 'post_tool', 'post_tool', 'message', 'result']);
    expect(added.map((e) => e.type)).to.have.members(['result', 'post_tool', 'message']);
    expect(added).to.have.length(3);
  });

  it('a server that replays after Last-Event-ID causes no doubles', () => {
    const store = new EventStore({ sessionId: SID });
    const events = [msg(0, 'q', 'user'), tool(10, 'Grep'), msg(20, 'r')];
    store.finishLoad(store.beginLoad(), []);
    store.addLive(events[0]);
    store.addLive(events[1]);
    const token = store.beginLoad();
    for (const e of events) store.addLive(e); // replayed 0 and 1, then new 2
    store.finishLoad(token, history(events));
    expect(texts(store)).to.deep.equal(['q', 'Grep', 'r']);
  });

  it('orders by time, then by arrival', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), []);
    store.addLive(msg(30, 'late'));
    store.addLive(msg(10, 'early'));
    store.addLive(msg(30, 'late-2'));
    store.addLive(msg(20, 'middle'));
    store.addLive(liveEvent({ event_type: 'telemetry', timestamp: 'not a time' }));
    expect(texts(store)).to.deep.equal(['early', 'middle', 'late', 'late-2', 'telemetry']);
    const seqs = store.events.map((e) => e.seq);
    expect(new Set(store.events.map((e) => e.key)).size).to.equal(5);
    expect(seqs[2]).to.be.lessThan(seqs[3]);
  });

  it('orders events of the same millisecond by their microseconds, whichever source brought them', () => {
    const store = new EventStore({ sessionId: SID });
    const first = liveEvent({
      event_type: 'message',
      timestamp: ts(5, 100),
      content: [{ type: 'text', text: 'first' }],
    });
    const second = liveEvent({
      event_type: 'message',
      timestamp: ts(5, 200),
      content: [{ type: 'text', text: 'second' }],
    });
    const token = store.beginLoad();
    // The later one arrives live during the load; the earlier one only comes with the history.
    store.addLive(second);
    store.finishLoad(token, [historyForm(first, 1), historyForm(second, 2)]);
    expect(texts(store)).to.deep.equal(['first', 'second']);
  });

  it('caps each session, drops the oldest, counts them and does not bring them back from history', () => {
    const store = new EventStore({ sessionId: SID, maxEvents: 4 });
    const events = Array.from({ length: 7 }, (_, i) => msg(i * 10, `m${i}`));
    store.finishLoad(store.beginLoad(), []);
    for (const e of events) store.addLive(e);
    expect(texts(store)).to.deep.equal(['m3', 'm4', 'm5', 'm6']);
    expect(store.droppedByCap).to.equal(3);
    store.finishLoad(store.beginLoad(), history(events));
    expect(texts(store)).to.deep.equal(['m3', 'm4', 'm5', 'm6']);
    expect(store.droppedByCap).to.equal(3);
  });

  it('version: kept while events are appended in order, changed by an insert before the end or a drop', () => {
    const store = new EventStore({ sessionId: SID, maxEvents: 4 });
    store.finishLoad(store.beginLoad(), []);
    const v0 = store.version;
    store.addLive(msg(10, 'a'));
    store.addLive(msg(20, 'b'));
    store.addLive(msg(20, 'b2'));
    expect(store.version).to.equal(v0);
    store.addLive(msg(15, 'between'));
    const v1 = store.version;
    expect(v1).to.not.equal(v0);
    expect(texts(store)).to.deep.equal(['a', 'between', 'b', 'b2']);
    store.addLive(msg(30, 'c'));
    expect(store.version, 'the cap dropped the oldest').to.not.equal(v1);
    expect(texts(store)).to.deep.equal(['between', 'b', 'b2', 'c']);
    // History that lands before the end changes it; history that only adds after the held events does not.
    const v2 = store.version;
    store.finishLoad(store.beginLoad(), history([msg(17, 'h1')]));
    expect(store.version).to.not.equal(v2);
    const big = new EventStore({ sessionId: SID });
    big.finishLoad(big.beginLoad(), []);
    big.addLive(msg(5, 'x'));
    const v3 = big.version;
    big.finishLoad(big.beginLoad(), history([msg(5, 'x'), msg(7, 'y'), msg(6, 'z')]));
    expect(big.version).to.equal(v3);
    expect(texts(big)).to.deep.equal(['x', 'z', 'y']);
  });

  it(`flags a history of exactly ${HISTORY_LIMIT} events as possibly incomplete`, () => {
    const full = new EventStore({ sessionId: SID });
    full.finishLoad(full.beginLoad(), history(Array.from({ length: HISTORY_LIMIT }, (_, i) => msg(i, `m${i}`))));
    expect(full.historyMayBeIncomplete).to.equal(true);
    expect(full.events).to.have.length(HISTORY_LIMIT);
    const short = new EventStore({ sessionId: SID });
    short.finishLoad(short.beginLoad(), history(Array.from({ length: HISTORY_LIMIT - 1 }, (_, i) => msg(i, `m${i}`))));
    expect(short.historyMayBeIncomplete).to.equal(false);
  });

  it('a failed history fetch releases the buffered live events and records why', () => {
    const store = new EventStore({ sessionId: SID });
    const token = store.beginLoad();
    store.addLive(msg(0, 'live'));
    expect(store.failLoad(token, 'HTTP 500')!.map((e) => e.text)).to.deep.equal(['live']);
    expect([store.loaded, store.syncing, store.historyError]).to.deep.equal([true, false, 'HTTP 500']);
  });

  it('ignores the answer of a superseded load and keeps buffering for the newer one', () => {
    const store = new EventStore({ sessionId: SID });
    const first = store.beginLoad();
    store.addLive(msg(10, 'x'));
    const second = store.beginLoad();
    expect(store.finishLoad(first, history([msg(0, 'old')]))).to.equal(null);
    expect(store.syncing).to.equal(true);
    store.finishLoad(second, history([msg(0, 'old'), msg(10, 'x')]));
    expect(texts(store)).to.deep.equal(['old', 'x']);
  });

  it('current-two-runs.sse: watching mid-run (history up to one point, live from another) gives every event once, in order', async () => {
    const live = await loadSseEvents('current-two-runs.sse');
    for (let subscribedAt = 0; subscribedAt <= live.length; subscribedAt++) {
      for (const historyAt of [subscribedAt, Math.min(live.length, subscribedAt + 3), live.length]) {
        const store = new EventStore({ sessionId: 'ses_1a308bde7d45' });
        const token = store.beginLoad();
        for (const e of live.slice(subscribedAt, historyAt)) store.addLive(e);
        store.finishLoad(token, history(live.slice(0, historyAt)));
        for (const e of live.slice(historyAt)) store.addLive(e);
        expect(
          store.events.map((e) => e.timestamp),
          `${subscribedAt}/${historyAt}`,
        ).to.deep.equal(live.map((e) => e.timestamp));
      }
    }
  });

  it('a legacy history row and a new-name live copy of the same run start are one event', () => {
    const store = new EventStore({ sessionId: SID });
    const token = store.beginLoad();
    store.addLive(liveEvent({ event_type: 'run_start', timestamp: ts(0) }));
    store.finishLoad(token, history([liveEvent({ event_type: 'session_start', timestamp: ts(0) })]));
    expect(store.events.map((e) => e.type)).to.deep.equal(['run_start']);
  });
});

describe('EventStore: invalid times', () => {
  it('orders an event with an invalid or far-future time by arrival instead of pinning it first or last', () => {
    const arrival = Date.UTC(2026, 10, 24, 1, 0, 1);
    const store = new EventStore({ sessionId: SID, now: () => arrival });
    const future = liveEvent({ event_type: 'message', timestamp: '2099-01-01T00:00:00Z', content: 'future' });
    const rolled = liveEvent({ event_type: 'message', timestamp: '2026-13-45T99:99:99Z', content: 'rolled' });
    const zero = liveEvent({ event_type: 'message', timestamp: '0000-00-00T00:00:00Z', content: 'zero' });
    store.addLive(msg(0, 'a'));
    store.addLive(future);
    store.addLive(msg(10, 'b'));
    store.addLive(rolled);
    store.addLive(zero);
    store.addLive(msg(20, 'c'));
    expect(texts(store)).to.deep.equal(['a', 'future', 'b', 'rolled', 'zero', 'c']);
    expect(store.events.filter((e) => Number.isNaN(e.time)).map((e) => e.text)).to.deep.equal([
      'future',
      'rolled',
      'zero',
    ]);
  });

  it('matches the history copy of an event with an invalid time to its live copy', () => {
    const store = new EventStore({ sessionId: SID, now: () => Date.UTC(2026, 10, 24, 1) });
    const odd = liveEvent({ event_type: 'message', timestamp: '2026-13-45T99:99:99Z', content: 'odd' });
    store.addLive(msg(0, 'a'));
    store.addLive(odd);
    const token = store.beginLoad();
    store.finishLoad(token, history([msg(0, 'a'), odd]));
    expect(texts(store)).to.deep.equal(['a', 'odd']);
  });
});

describe('EventStore: the byte budget', () => {
  const big = (at: number, n: number, size: number) =>
    liveEvent({
      event_type: 'post_tool',
      timestamp: ts(at),
      tool_name: 'Bash',
      tool_input: { command: `cat ${n}` },
      tool_output: `${n}:`.padEnd(size, 'x'),
    });

  it('cuts the oldest big bodies to previews first, says how much went, and keeps the newest whole', () => {
    const store = new EventStore({ sessionId: SID, maxBytes: 1_000_000 });
    const added = [0, 1, 2, 3, 4].map((n) => store.addLive(big(n * 10, n, 400_000)));
    const outputs = store.events.map((e) => (e.toolOutput as string).length);
    expect(outputs.slice(-2), 'the newest, whole').to.deep.equal([400_000, 400_000]);
    for (const e of store.events.slice(0, 3)) {
      expect((e.toolOutput as string).length).to.be.below(20_000);
      expect((e.toolOutput as string).startsWith(`${store.events.indexOf(e)}:xxx`)).to.be.true;
      expect(e.droppedBytes).to.be.within(380_000, 400_000);
      // The raw wire object is cut too: nothing keeps the whole body.
      expect((e.raw.tool_output as string).length).to.be.below(20_000);
    }
    expect(store.bodiesDropped).to.equal(3);
    expect(store.droppedByCap).to.equal(0);
    expect(store.events).to.have.length(5);
    // What addLive returned is what the store holds (the cut copy when it was cut at once).
    expect(added.flat().filter((e) => store.events.includes(e))).to.have.length(2);
  });

  it('an event cut to a preview is still the same event to a history reload: nothing doubled', () => {
    const store = new EventStore({ sessionId: SID, maxBytes: 500_000 });
    const wires = [0, 1, 2].map((n) => big(n * 10, n, 300_000));
    for (const w of wires) store.addLive(w);
    expect(store.bodiesDropped).to.be.greaterThan(0);
    const token = store.beginLoad();
    store.finishLoad(token, history(wires));
    expect(store.events).to.have.length(3);
  });

  it('drops the oldest events when cutting bodies is not enough, and counts them', () => {
    const store = new EventStore({ sessionId: SID, maxBytes: 200_000 });
    for (let n = 0; n < 10; n++) store.addLive(big(n * 10, n, 40_000));
    expect(store.bodiesDropped, 'too small to cut').to.equal(0);
    expect(store.events.length).to.be.within(3, 5);
    expect(store.droppedByCap).to.equal(10 - store.events.length);
    expect((store.events.at(-1)!.toolOutput as string).startsWith('9:')).to.be.true;
  });

  it('has no budget unless given one', () => {
    const store = new EventStore({ sessionId: SID });
    for (let n = 0; n < 3; n++) store.addLive(big(n * 10, n, 2_000_000));
    expect(store.events.map((e) => e.droppedBytes)).to.deep.equal([undefined, undefined, undefined]);
  });
});

describe('EventStore: gaps where the capped history cannot help', () => {
  /** Event `n` of a long session, `n` seconds in. */
  const ev = (n: number) => msg(n * 1000, `m${n}`);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));
  const gapTexts = (store: EventStore) =>
    store.gaps.map((g) => [
      store.events.find((e) => e.key === g.afterKey)?.text ?? null,
      store.events.find((e) => e.key === g.beforeKey)?.text ?? null,
    ]);

  it('an outage after the 100th event: a gap from the last event before it to the first after it', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), []);
    for (const e of range(1, 110)) store.addLive(e);
    // The stream comes back: m111–m120 were broadcast meanwhile; m121 arrives while history loads.
    const token = store.beginLoad();
    store.addLive(ev(121));
    store.finishLoad(token, history(range(1, 100)));
    expect(store.events.map((e) => e.text)).to.deep.equal(
      [...range(1, 110), ev(121)].map((e) => (e.content as { text: string }[])[0].text),
    );
    expect(gapTexts(store)).to.deep.equal([['m110', 'm121']]);
    const [gap] = store.gaps;
    expect([gap.from, gap.to]).to.deep.equal([store.events[109].time, store.events[110].time]);
    expect(gap.reason).to.equal('history-cap');
  });

  it('a full first load: a gap after the 100th event, open until a live event comes', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    expect(gapTexts(store)).to.deep.equal([['m100', null]]);
    expect(store.gaps[0].to).to.equal(null);
    store.addLive(ev(140));
    expect(gapTexts(store)).to.deep.equal([['m100', 'm140']]);
    // Another outage right away: a second gap after m140.
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    store.addLive(ev(150));
    expect(gapTexts(store)).to.deep.equal([
      ['m100', 'm140'],
      ['m140', 'm150'],
    ]);
  });

  it('two outages with nothing in between make one gap, not two', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    expect(gapTexts(store)).to.deep.equal([['m100', null]]);
  });

  it('a history answer that is not full holds everything: no gap, and earlier gaps go', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), history(range(1, 99)));
    expect(store.gaps).to.deep.equal([]);
    const full = new EventStore({ sessionId: SID });
    full.finishLoad(full.beginLoad(), history(range(1, 100)));
    expect(full.gaps).to.have.length(1);
    // A coordinator whose history is complete again (a larger cap): nothing is missing.
    full.finishLoad(full.beginLoad(), history(range(1, 99)));
    expect(full.gaps).to.deep.equal([]);
  });

  it('history failing after the outage: the gap still starts where the stream went away', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), []);
    for (const e of range(1, 105)) store.addLive(e);
    const failed = store.beginLoad();
    store.addLive(ev(130));
    store.failLoad(failed, 'HTTP 500');
    store.addLive(ev(131));
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    expect(gapTexts(store)).to.deep.equal([['m105', 'm130']]);
  });

  it('a gap before the oldest event held goes with what the cap dropped', () => {
    const store = new EventStore({ sessionId: SID, maxEvents: 100 });
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    store.addLive(ev(101));
    expect(store.gaps).to.have.length(1);
    // m100 (the gap's start) is dropped once 100 newer events are held.
    for (const e of range(102, 200)) store.addLive(e);
    expect(store.gaps).to.deep.equal([]);
  });

  it('keeps the final result fetched again on its gap', () => {
    const store = new EventStore({ sessionId: SID });
    store.finishLoad(store.beginLoad(), history(range(1, 100)));
    const before = store.gaps;
    expect(store.setGapResult(store.gaps[0].key, { text: 'Done.', data: null })).to.equal(true);
    expect(store.gaps).to.not.equal(before);
    expect(store.gaps[0].result).to.deep.equal({ text: 'Done.', data: null });
    expect(store.setGapResult('gap:nope', null)).to.equal(false);
  });
});
