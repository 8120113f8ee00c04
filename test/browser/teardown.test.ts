/**
 * Removed elements leave nothing running: no animation frames, timeouts or intervals asked for by
 * the library once its elements are out of the document (a dashboard mounts and unmounts them all
 * day; anything left ticking keeps the element, its events and its DOM alive).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/event-timeline/event-timeline.js';
import '../../src/components/event-card/event-card.js';
import '../../src/components/chat-panel/chat-panel.js';
import '../../src/components/session-list/session-list.js';
import type { EventTimeline } from '../../src/components/event-timeline/event-timeline.component.js';
import type { EventCard } from '../../src/components/event-card/event-card.component.js';
import type { ChatPanel } from '../../src/components/chat-panel/chat-panel.component.js';
import type { SessionList } from '../../src/components/session-list/session-list.component.js';
import { wireEvent } from '../support/wire-events.mjs';
import { createSim, type SimInstance } from '../support/sim.js';

type Scheduler = 'requestAnimationFrame' | 'setTimeout' | 'setInterval';

/** Counts the calls of the page's schedulers made by library code (a `/src/` module on the stack). */
function watchSchedulers(): { start(): void; stop(): Map<string, number>; restore(): void } {
  const calls = new Map<string, number>();
  let on = false;
  const originals = new Map<Scheduler, unknown>();
  for (const name of ['requestAnimationFrame', 'setTimeout', 'setInterval'] as Scheduler[]) {
    const original = window[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    (window as unknown as Record<Scheduler, unknown>)[name] = function (...args: unknown[]) {
      if (on) {
        const caller = (new Error().stack ?? '')
          .split('\n')
          .slice(2)
          .find((line) => line.includes('/src/'));
        if (caller) {
          const key = `${name} ${caller.trim()}`;
          calls.set(key, (calls.get(key) ?? 0) + 1);
        }
      }
      return original.apply(window, args);
    };
  }
  return {
    start: () => {
      calls.clear();
      on = true;
    },
    stop: () => {
      on = false;
      return calls;
    },
    restore: () => {
      for (const [name, original] of originals) (window as unknown as Record<Scheduler, unknown>)[name] = original;
    },
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const t0 = Date.now() - 60_000;

function events(n: number) {
  return Array.from({ length: n }, (_, i) =>
    wireEvent({
      session_id: 'ses_teardown',
      event_type: i % 25 === 0 ? 'run_start' : i % 5 === 1 ? 'message' : 'post_tool',
      timestamp: new Date(t0 + i * 10).toISOString(),
      tool_name: 'Read',
      tool_input: { file_path: `src/file-${i}.ts` },
      tool_output: `contents ${i}`,
      role: 'assistant',
      content: [{ type: 'text', text: `Answer **${i}**\n\n- one\n- two` }],
    }),
  );
}

describe('teardown', () => {
  let sim: SimInstance | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('removed timelines, cards, chat panels and session lists leave no frames, timeouts or intervals running', async function () {
    this.timeout(60_000);
    sim = await createSim({ stepMs: 10 });
    await sim.seedSessions({ count: 300, group: 3 });
    const { session_id } = await sim.startSession({ prompt: 'List the files and summarize' });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);

    // A live timeline, a big one scrolled (its layout widens its margin after the jump), an empty
    // one, cards with relative times and markdown, a chat panel on the live session.
    const live = document.createElement('event-timeline') as EventTimeline;
    live.style.height = '400px';
    live.src = sim.sseUrl;
    live.sessionId = session_id;
    const big = document.createElement('event-timeline') as EventTimeline;
    big.style.height = '400px';
    big.events = events(3_000);
    const cards = document.createElement('div');
    for (const e of events(40)) {
      const card = document.createElement('event-card') as EventCard;
      card.event = e;
      card.expanded = true;
      cards.append(card);
    }
    // One waiting for its first event (a dashboard shows one before a session is picked).
    const empty = document.createElement('event-timeline') as EventTimeline;
    empty.style.height = '400px';
    const chat = document.createElement('chat-panel') as ChatPanel;
    chat.style.height = '400px';
    chat.src = sim.sseUrl;
    chat.sessionId = session_id;
    // A session list on the coordinator (its titles loading), one of the page's sessions, scrolled.
    const sessions = document.createElement('session-list') as SessionList;
    sessions.style.height = '400px';
    sessions.src = sim.sseUrl;
    const own = document.createElement('session-list') as SessionList;
    own.style.height = '400px';
    own.sessions = Array.from({ length: 2_000 }, (_, i) => ({
      session_id: `ses_${String(i).padStart(12, '0')}`,
      status: i % 3 ? 'idle' : 'running',
      created_at: new Date(t0 - i * 1000).toISOString(),
    }));
    host.append(live, big, empty, cards, chat, sessions, own);
    await waitUntil(() => live.connection.status === 'open', 'live timeline open', { timeout: 10_000 });
    await waitUntil(() => live.events.length > 3, 'live events', { timeout: 10_000 });
    await waitUntil(() => sessions.shadowRoot!.querySelector('[role="treeitem"]'), 'session rows', { timeout: 10_000 });
    await own.updateComplete;
    own.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!.scrollTop = 30_000;
    await big.updateComplete;
    const list = big.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
    list.dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true }));
    list.scrollTop = 40_000;
    await wait(50);

    const schedulers = watchSchedulers();
    try {
      host.remove();
      // Work already under way may finish (a frame, a debounce); nothing may start again after.
      await wait(500);
      schedulers.start();
      await wait(1_500);
      expect([...schedulers.stop()]).to.deep.equal([]);
    } finally {
      schedulers.restore();
    }
    await waitUntil(async () => (await sim!.stats()).openStreams === 0, 'streams closed', { timeout: 5_000 });
  });
});
