import { expect } from '@open-wc/testing';
import type { CoordinatorEvent } from '../types/model.js';
import { normalizeEvent } from '../model/normalize.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';
import { CoordinatorError } from './errors.js';
import { HistoryLoader, type HistoryResult } from './history-loader.js';

/** A fetch the test answers by hand, request by request. */
function manualFetch() {
  const calls: {
    id: string;
    signal: AbortSignal;
    resolve(events: CoordinatorEvent[]): void;
    reject(e: unknown): void;
  }[] = [];
  const fetch = (id: string, signal: AbortSignal) =>
    new Promise<CoordinatorEvent[]>((resolve, reject) => {
      calls.push({ id, signal, resolve, reject });
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  return { fetch, calls, ids: () => calls.map((c) => c.id) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const events = (n: number) =>
  Array.from({ length: n }, (_, i) => normalizeEvent(liveEvent({ event_type: 'post_tool', timestamp: ts(i) })));

describe('HistoryLoader', () => {
  it('runs at most `concurrency` requests, in priority order, then in the order asked', async () => {
    const f = manualFetch();
    const loader = new HistoryLoader(f.fetch, { concurrency: 2 });
    loader.want('near1', { priority: 1 });
    loader.want('view1');
    loader.want('near2', { priority: 1 });
    loader.want('view2');
    loader.want('view3');
    await settle();
    expect(f.ids()).to.deep.equal(['view1', 'view2']);
    expect(loader.stats).to.include({ inFlight: 2, queued: 3, requested: 2 });
    f.calls[0].resolve([]);
    await settle();
    expect(f.ids()).to.deep.equal(['view1', 'view2', 'view3']);
    f.calls[1].resolve([]);
    f.calls[2].resolve([]);
    await settle();
    expect(f.ids().slice(3)).to.deep.equal(['near1', 'near2']);
  });

  it('a raised priority goes first', async () => {
    const f = manualFetch();
    const loader = new HistoryLoader(f.fetch, { concurrency: 1 });
    loader.want('busy');
    loader.want('a', { priority: 1 });
    const b = loader.want('b', { priority: 1 });
    await settle();
    b.setPriority(0);
    f.calls[0].resolve([]);
    await settle();
    expect(f.ids()).to.deep.equal(['busy', 'b']);
  });

  it('drops a waiting request nobody wants, aborts a running one, keeps one someone else wants', async () => {
    const f = manualFetch();
    const loader = new HistoryLoader(f.fetch, { concurrency: 1 });
    let loaded = 0;
    const running = loader.want('running', { onLoad: () => loaded++ });
    const shared = loader.want('running', { onLoad: () => loaded++ });
    const waiting = loader.want('waiting');
    await settle();
    waiting.release();
    running.release();
    expect(f.calls[0].signal.aborted).to.equal(false);
    shared.release();
    expect(f.calls[0].signal.aborted).to.equal(true);
    await settle();
    expect(f.ids()).to.deep.equal(['running']);
    expect(loaded).to.equal(0);
    expect(loader.stats).to.include({ aborted: 1, inFlight: 0, queued: 0 });
  });

  it('answers from its cache, the least recently used going first beyond `cacheSize`', async () => {
    const f = manualFetch();
    const loaded: string[] = [];
    const loader = new HistoryLoader(f.fetch, { cacheSize: 2 }, (r) => loaded.push(r.sessionId));
    for (const id of ['a', 'b', 'c']) loader.want(id);
    await settle();
    f.calls.forEach((c) => c.resolve(events(2)));
    await settle();
    expect(loaded).to.deep.equal(['a', 'b', 'c']);
    expect(loader.peek('a')).to.equal(undefined);
    let hit: HistoryResult | null = null;
    loader.want('b', { onLoad: (r) => (hit = r) });
    await settle();
    expect(hit!.events).to.have.length(2);
    expect(f.calls).to.have.length(3);
    // `a` was evicted: asked for again.
    loader.want('a');
    await settle();
    expect(f.ids()).to.deep.equal(['a', 'b', 'c', 'a']);
  });

  it('an unknown session (404) has an empty history; a failure answers for a while without asking again', async () => {
    const f = manualFetch();
    const loader = new HistoryLoader(f.fetch, { retryAfterMs: 60_000 });
    let result: HistoryResult | null = null;
    loader.want('new', { onLoad: (r) => (result = r) });
    const errors: unknown[] = [];
    loader.want('broken', { onError: (e) => errors.push(e) });
    await settle();
    f.calls[0].reject(new CoordinatorError({ status: 404, detail: 'Session not found' }));
    f.calls[1].reject(new CoordinatorError({ status: 500, detail: 'boom' }));
    await settle();
    expect(result!.events).to.deep.equal([]);
    expect(errors).to.have.length(1);
    loader.want('broken', { onError: (e) => errors.push(e) });
    await settle();
    expect(errors).to.have.length(2);
    expect(f.calls).to.have.length(2);
    loader.invalidate('broken');
    loader.want('broken');
    await settle();
    expect(f.calls).to.have.length(3);
  });

  it('a history of 100 events is marked as possibly cut; prime fills the cache', async () => {
    const f = manualFetch();
    const loader = new HistoryLoader(f.fetch);
    loader.prime('watched', events(100));
    expect(loader.peek('watched')!.cut).to.equal(true);
    loader.prime('short', events(3));
    expect(loader.peek('short')!.cut).to.equal(false);
    loader.want('watched');
    await settle();
    expect(f.calls).to.have.length(0);
  });

  it('close aborts what runs and ignores later wants', async () => {
    const f = manualFetch();
    const loader = new HistoryLoader(f.fetch);
    loader.want('a');
    await settle();
    loader.close();
    expect(f.calls[0].signal.aborted).to.equal(true);
    loader.want('b');
    await settle();
    expect(f.calls).to.have.length(1);
  });
});
