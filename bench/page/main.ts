/**
 * The benchmark page: the real elements (from src/, built by Vite in production mode) and a naive
 * baseline, driven from bench/run.mjs through `window.bench`. Every measurement runs here, in the
 * page's own clock; Node only starts runs, feeds the simulated coordinator and collects garbage.
 */
import { html, render } from 'lit';
import '../../src/index.js';
import { CoordinatorClient, toCoordinatorEvents } from '../../src/client/index.js';
import type { CoordinatorEvent } from '../../src/types/model.js';
import { makeWireEvents } from '../lib/events.mjs';

type Kind = 'timeline' | 'naive';

const stage = document.getElementById('stage')!;
const now = () => performance.now();
/** Milliseconds since the epoch on this page's monotonic clock (compared with Node's after calibration). */
const epochNow = () => performance.timeOrigin + performance.now();
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Resolves once the next frame has been rendered: a task queued from rAF runs after that frame's paint. */
const afterPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = now() + timeoutMs;
  while (!check()) {
    if (now() > end) throw new Error(`bench page: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

// ----------------------------------------------------------------------------- stage

let cleanups: (() => void)[] = [];
/** The scroll container of what is mounted (the timeline's feed, or the naive box). */
let scroller: HTMLElement | null = null;
let current: HTMLElement | null = null;

async function clear(): Promise<void> {
  for (const fn of cleanups) fn();
  cleanups = [];
  stage.replaceChildren();
  scroller = null;
  current = null;
  await afterPaint();
}

function naiveRender(box: HTMLElement, events: readonly CoordinatorEvent[]): void {
  // The baseline: every card in one Lit template, in a plain scrolling container.
  render(html`${events.map((e) => html`<event-card .event=${e}></event-card>`)}`, box);
}

async function createTimeline(): Promise<HTMLElementTagNameMap['event-timeline']> {
  const el = document.createElement('event-timeline');
  stage.append(el);
  current = el;
  await el.updateComplete;
  scroller = el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]');
  if (!scroller) throw new Error('bench page: <event-timeline> has no [part~="list"] scroller');
  return el;
}

function createNaive(): HTMLElement {
  const box = document.createElement('div');
  box.className = 'naive';
  stage.append(box);
  current = box;
  scroller = box;
  return box;
}

const cardCount = () =>
  current instanceof HTMLElement && current.localName === 'event-timeline'
    ? current.shadowRoot!.querySelectorAll('event-card').length
    : (current?.children.length ?? 0);

/** Frames until the list holds still at the bottom (the timeline follows the newest event). */
async function settle(t0: number, maxFrames = 300): Promise<number | null> {
  const s = scroller!;
  let stableSince: number | null = null;
  let stableFrames = 0;
  let lastTop = -1;
  let lastHeight = -1;
  for (let i = 0; i < maxFrames; i++) {
    await afterPaint();
    const atBottom = s.scrollHeight - s.clientHeight - s.scrollTop <= 2;
    const still = s.scrollTop === lastTop && s.scrollHeight === lastHeight;
    lastTop = s.scrollTop;
    lastHeight = s.scrollHeight;
    if (atBottom && cardCount() > 0) {
      if (stableSince === null || !still) {
        stableSince = now();
        stableFrames = 0;
      }
      if (++stableFrames >= 3) return stableSince - t0;
    } else {
      stableSince = null;
    }
  }
  return null;
}

// ----------------------------------------------------------------------------- mount

export interface MountResult {
  /** Long animation frames (> 50 ms) from the assignment to the first painted frame with cards. */
  longFrames: Loaf[];
  /** From before `events` is set to the end of the first painted frame that shows cards. */
  ms: number;
  /** Until the list holds still at the newest event (timeline only; the naive list stays at the top). */
  settledMs: number | null;
  /**
   * Until everything is in (timeline only: `ce-load`, when `updateComplete` resolves too: counts and
   * runs final, rows built, the rows in view rendered with their markdown).
   */
  loadedMs: number | null;
  frames: number;
  cards: number;
}

let pending: { kind: Kind; list: unknown[] } | null = null;

/** An empty element on the stage and `n` fresh wire events to give it (not timed). */
async function mountPrepare(kind: Kind, n: number, seed: number): Promise<void> {
  await clear();
  // Fresh objects every run: nothing is reused from an earlier run's normalization cache.
  pending = { kind, list: makeWireEvents(n, { seed }) };
  if (kind === 'timeline') await createTimeline();
  else createNaive();
  await afterPaint();
  await afterPaint();
}

/**
 * Gives the prepared events to the element and times the first painted frame that shows cards;
 * then (with `follow`) until the timeline holds still at the newest event.
 */
async function mountMeasure(follow = true): Promise<MountResult> {
  const { kind, list } = pending!;
  pending = null;
  if (kind === 'timeline') {
    const el = current as HTMLElementTagNameMap['event-timeline'];
    const frameProbe = new Probe();
    let loadedAt: number | null = null;
    const loaded = new Promise<void>((resolve) =>
      el.addEventListener(
        'ce-load',
        () => {
          loadedAt = now();
          resolve();
        },
        { once: true },
      ),
    );
    const t0 = now();
    el.events = list;
    let frames = 0;
    while (frames < 600) {
      await afterPaint();
      frames++;
      if (cardCount() > 0) break;
    }
    const end = now();
    const cards = cardCount();
    await Promise.race([loaded, sleep(30_000)]);
    const loadedMs = loadedAt === null ? null : loadedAt - t0;
    const settledMs = follow ? await settle(t0) : null;
    const longFrames = await frameProbe.takeLongFrames(end);
    const ms = end - t0;
    return { ms, settledMs, loadedMs, frames, cards, longFrames };
  }
  const box = current!;
  const frameProbe = new Probe();
  const t0 = now();
  naiveRender(box, toCoordinatorEvents(list));
  await afterPaint();
  const end = now();
  return {
    ms: end - t0,
    settledMs: null,
    loadedMs: null,
    frames: 1,
    cards: box.children.length,
    longFrames: await frameProbe.takeLongFrames(end),
  };
}

async function mount(kind: Kind, n: number, seed: number): Promise<MountResult> {
  await mountPrepare(kind, n, seed);
  return mountMeasure();
}

// ----------------------------------------------------------------------------- probes

interface LoafScript {
  invoker: string;
  sourceFunctionName: string;
  sourceURL: string;
  duration: number;
}

/** A long animation frame, split: tasks before rendering, rAF callbacks, then style/layout/paint. */
interface Loaf {
  startTime: number;
  duration: number;
  blocking: number;
  tasksMs: number;
  rafMs: number;
  renderMs: number;
  scripts: LoafScript[];
}

/** Frames (rAF), long tasks, long animation frames and arrival latencies over a window. */
class Probe {
  frames = 0;
  maxGap = 0;
  maxCards = 0;
  started = now();
  stopped: number | null = null;
  longtasks: number[] = [];
  loafs: Loaf[] = [];
  domLatency: number[] = [];
  eventLatency: number[] = [];
  #observers: PerformanceObserver[] = [];
  #lastFrame = 0;
  #seenDom = new Set<number>();
  #seenEvent = new Set<number>();

  constructor(readonly offset = 0) {
    const loop = (ts: number) => {
      if (this.stopped !== null) return;
      if (this.#lastFrame) this.maxGap = Math.max(this.maxGap, ts - this.#lastFrame);
      this.#lastFrame = ts;
      this.frames++;
      // How many cards the DOM holds at most (a virtualized list should stay near a screenful).
      this.maxCards = Math.max(this.maxCards, cardCount());
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    this.#observe('longtask', (e) => this.longtasks.push(e.duration));
    this.#observe('long-animation-frame', (e) => {
      const entry = e as PerformanceEntry & {
        blockingDuration?: number;
        renderStart?: number;
        styleAndLayoutStart?: number;
        scripts?: LoafScript[];
      };
      const end = entry.startTime + entry.duration;
      const renderStart = entry.renderStart || end;
      const layoutStart = entry.styleAndLayoutStart || end;
      this.loafs.push({
        startTime: entry.startTime,
        duration: entry.duration,
        blocking: entry.blockingDuration ?? 0,
        tasksMs: renderStart - entry.startTime,
        rafMs: layoutStart - renderStart,
        renderMs: end - layoutStart,
        scripts: (entry.scripts ?? []).map((s) => ({
          invoker: s.invoker,
          sourceFunctionName: s.sourceFunctionName,
          sourceURL: s.sourceURL,
          duration: s.duration,
        })),
      });
    });
  }

  #observe(type: string, fn: (e: PerformanceEntry) => void): void {
    if (!PerformanceObserver.supportedEntryTypes.includes(type)) return;
    const observer = new PerformanceObserver((list) => list.getEntries().forEach(fn));
    observer.observe({ type, buffered: false });
    this.#observers.push(observer);
  }

  /** Records the latency of a benchmark event (the feeder stamps `bench_sent` into tool_input). */
  arrived(event: CoordinatorEvent | null | undefined, where: 'dom' | 'event'): void {
    const input = event?.toolInput as { bench_seq?: unknown; bench_sent?: unknown } | null | undefined;
    if (!input || typeof input.bench_seq !== 'number' || typeof input.bench_sent !== 'number') return;
    const seen = where === 'dom' ? this.#seenDom : this.#seenEvent;
    if (seen.has(input.bench_seq)) return;
    seen.add(input.bench_seq);
    // bench_sent is Node's epoch time; offset = Node clock − page clock.
    const latency = epochNow() - (input.bench_sent - this.offset);
    (where === 'dom' ? this.domLatency : this.eventLatency).push(latency);
  }

  /** The long animation frames that started before `until` (their entries arrive a little later). */
  async takeLongFrames(until: number): Promise<Loaf[]> {
    await afterPaint();
    await sleep(50);
    this.disconnect();
    return this.loafs.filter((l) => l.startTime <= until).map((l) => ({ ...l, scripts: l.scripts.slice(0, 3) }));
  }

  stopFrames(): void {
    if (this.stopped === null) this.stopped = now();
  }

  disconnect(): void {
    this.stopFrames();
    for (const o of this.#observers) o.disconnect();
  }

  /** Long animation frames summed: how much of them was tasks, rAF callbacks, rendering; by script. */
  loafTotals() {
    const totals = { count: this.loafs.length, durationMs: 0, tasksMs: 0, rafMs: 0, renderMs: 0 };
    const scripts = new Map<string, { ms: number; count: number }>();
    for (const l of this.loafs) {
      totals.durationMs += l.duration;
      totals.tasksMs += l.tasksMs;
      totals.rafMs += l.rafMs;
      totals.renderMs += l.renderMs;
      for (const sc of l.scripts) {
        // `/assets/src/x/y-HASH.js` → `src/x/y.js`: the bench page keeps one module per source file.
        const file = sc.sourceURL
          ? new URL(sc.sourceURL).pathname.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '.js')
          : '';
        const key = [sc.invoker, sc.sourceFunctionName, file].filter(Boolean).join(' ');
        const t = scripts.get(key) ?? { ms: 0, count: 0 };
        t.ms += sc.duration;
        t.count++;
        scripts.set(key, t);
      }
    }
    const topScripts = [...scripts.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 6)
      .map(([script, t]) => ({ script, ms: t.ms, count: t.count }));
    return { ...totals, topScripts };
  }

  summary() {
    const elapsed = (this.stopped ?? now()) - this.started;
    const topLoafs = [...this.loafs].sort((a, b) => b.duration - a.duration).slice(0, 5);
    return {
      elapsedMs: elapsed,
      frames: this.frames,
      expectedFrames: elapsed / (1000 / 60),
      maxFrameGapMs: this.maxGap,
      maxCardsInDom: this.maxCards,
      longtasks: this.longtasks.length,
      longestTaskMs: this.longtasks.length ? Math.max(...this.longtasks) : 0,
      longAnimationFrames: this.loafs.length,
      topLongAnimationFrames: topLoafs,
      longAnimationFrameTotals: this.loafTotals(),
      domLatency: this.domLatency,
      eventLatency: this.eventLatency,
    };
  }
}

let probe: Probe | null = null;

// ----------------------------------------------------------------------------- live ingest over SSE

let shownCount: () => number = () => 0;
let lastKeyInDom: () => boolean = () => false;

/**
 * Mounts a timeline (or the naive list fed by the same client) on a simulated coordinator session
 * and waits for its history. Returns how many events it shows before the feed starts.
 */
async function ingestSetup(kind: Kind, src: string, sessionId: string): Promise<number> {
  await clear();
  if (kind === 'timeline') {
    const el = document.createElement('event-timeline');
    el.setAttribute('src', src);
    el.setAttribute('session-id', sessionId);
    stage.append(el);
    current = el;
    await el.updateComplete;
    scroller = el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]');
    el.addEventListener('ce-event', (e) =>
      probe?.arrived((e as CustomEvent<{ event: CoordinatorEvent }>).detail.event, 'event'),
    );
    observeCards(scroller!);
    shownCount = () => el.events.length;
    lastKeyInDom = () => {
      const last = el.events[el.events.length - 1];
      return !!last && !!el.shadowRoot!.querySelector(`event-card[data-key="${CSS.escape(last.key)}"]`);
    };
    await until(() => el.connection.status === 'open' && el.events.length > 0, 20_000, 'the timeline to load');
  } else {
    const box = createNaive();
    const client = new CoordinatorClient({ url: src });
    let events: readonly CoordinatorEvent[] = [];
    const watch = client.watchSession(sessionId, {
      onChange: (snapshot) => {
        events = snapshot.events;
        naiveRender(box, events);
        // Naive auto-scroll: follow the newest card.
        box.scrollTop = box.scrollHeight;
      },
      onEvents: (arrived) => arrived.forEach((e) => probe?.arrived(e, 'event')),
    });
    cleanups.push(() => {
      watch.close();
      client.close();
    });
    observeCards(box);
    shownCount = () => events.length;
    lastKeyInDom = () => box.children.length === events.length;
    await until(() => client.connection.status === 'open' && events.length > 0, 20_000, 'the naive list to load');
  }
  await afterPaint();
  await afterPaint();
  return shownCount();
}

function observeCards(container: HTMLElement): void {
  const observer = new MutationObserver((records) => {
    if (!probe) return;
    for (const r of records) {
      r.addedNodes.forEach((node) => {
        if (node instanceof HTMLElement && node.localName === 'event-card') {
          probe!.arrived((node as HTMLElementTagNameMap['event-card']).event, 'dom');
        }
      });
    }
  });
  observer.observe(container, { childList: true });
  cleanups.push(() => observer.disconnect());
}

function probeStart(offset: number): void {
  probe?.disconnect();
  probe = new Probe(offset);
}

function probeStopFrames(): void {
  probe?.stopFrames();
}

/** The longest `longtask` entry of the current probe (ms; diagnostics). */
function longestTaskSoFar(): number {
  return probe && probe.longtasks.length ? Math.max(...probe.longtasks) : 0;
}

/** Waits until `expected` events are shown (or the timeout), then reports the window. */
async function probeFinish(expected: number | null, timeoutMs: number) {
  const p = probe!;
  p.stopFrames();
  const waitStart = now();
  if (expected !== null) {
    while (shownCount() < expected && now() - waitStart < timeoutMs) await sleep(20);
    // The newest card reaches the DOM a frame or two after the data.
    for (let i = 0; i < 30 && !lastKeyInDom(); i++) await afterPaint();
  }
  p.disconnect();
  probe = null;
  return { ...p.summary(), shown: shownCount(), lastInDom: lastKeyInDom(), drainMs: now() - waitStart };
}

// ----------------------------------------------------------------------------- scroll

/** Scrolls from top to bottom in `durationMs`, one step per frame (as a fling or a scrollbar drag). */
async function scrollRun(durationMs: number) {
  const s = scroller!;
  s.scrollTop = 0;
  for (let i = 0; i < 10; i++) await afterPaint();
  probeStart(0);
  const t0 = await nextFrame();
  let ts = t0;
  while (ts - t0 < durationMs) {
    ts = await nextFrame();
    const fraction = Math.min(1, (ts - t0) / durationMs);
    s.scrollTop = fraction * (s.scrollHeight - s.clientHeight);
  }
  const result = await probeFinish(null, 0);
  return { ...result, reachedBottom: s.scrollHeight - s.clientHeight - s.scrollTop <= 2, scrollHeight: s.scrollHeight };
}

/** Nodes in the list's scroll container (rows, their markers, the sizer): stays near 3 per row rendered. */
function listNodeCount(): number {
  return scroller?.childNodes.length ?? 0;
}

// ----------------------------------------------------------------------------- chat

async function chatSetup(src: string, sessionId: string, expectMessages: number): Promise<number> {
  await clear();
  const panel = document.createElement('chat-panel');
  panel.setAttribute('src', src);
  panel.setAttribute('session-id', sessionId);
  stage.append(panel);
  current = panel;
  const count = () => panel.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0;
  await until(() => count() >= expectMessages, 30_000, `${expectMessages} chat messages`);
  await afterPaint();
  await afterPaint();
  return count();
}

/** Types a prompt, presses Enter, and times until the optimistic bubble is in the DOM and painted. */
async function chatSend(text: string) {
  const panel = current as HTMLElementTagNameMap['chat-panel'];
  const root = panel.shadowRoot!;
  const area = root.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await panel.updateComplete;
  await afterPaint();
  // The newest user bubble only: checking is not part of what is timed.
  const hasBubble = () => {
    const bubbles = root.querySelectorAll('[part~="user-message"]');
    return !!bubbles[bubbles.length - 1]?.textContent?.includes(text);
  };
  const t0 = now();
  area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
  await panel.updateComplete;
  let domMs = now() - t0;
  let frames = 0;
  while (!hasBubble() && frames < 120) {
    await afterPaint();
    frames++;
    domMs = now() - t0;
  }
  await afterPaint();
  return { domMs, paintMs: now() - t0, found: hasBubble(), framesWaited: frames };
}

// ----------------------------------------------------------------------------- misc

async function fps(ms: number): Promise<number> {
  const t0 = await nextFrame();
  let frames = 0;
  let ts = t0;
  while (ts - t0 < ms) {
    ts = await nextFrame();
    frames++;
  }
  return (frames * 1000) / (ts - t0);
}

/** Node clock − page clock (ms), from the round trip with the smallest delay. */
async function calibrate(url: string): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 15; i++) {
    const t0 = epochNow();
    const server = Number(await (await fetch(url, { cache: 'no-store' })).text());
    const t1 = epochNow();
    if (t1 - t0 < best.rtt) best = { offset: server - (t0 + t1) / 2, rtt: t1 - t0 };
  }
  return best;
}

const api = {
  ready: true,
  clear,
  mount,
  mountPrepare,
  mountMeasure,
  ingestSetup,
  probeStart,
  probeStopFrames,
  longestTaskSoFar,
  probeFinish,
  scrollRun,
  listNodeCount,
  chatSetup,
  chatSend,
  fps,
  calibrate,
};

declare global {
  interface Window {
    bench: typeof api;
  }
}

window.bench = api;
