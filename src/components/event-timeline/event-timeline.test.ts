import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ReactiveElement } from 'lit';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import './event-timeline.js';
import type { EventTimeline } from './event-timeline.component.js';
import type { EventCard } from '../event-card/event-card.component.js';
import type { ConnectionState, CoordinatorEvent } from '../../types/model.js';
import type { WireSessionEvent } from '../../types/wire.js';
import { normalizeEvent } from '../../model/normalize.js';
import { acquireClient } from '../../client/shared.js';
import { FIRST_LOAD_SYNC } from '../../client/local-session.js';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import { XSS, XSS_ALL, absent, present, deepQueryAll } from '../../../test/support/element-kit.js';
import { loadHistoryFixture, loadSseEvents, loadSseFixture } from '../../../test/support/fixtures.js';
import { wireEvent } from '../../../test/support/wire-events.mjs';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const SES = 'ses_0000000000aa';
const t0 = Date.parse('2026-11-24T02:00:00Z');
const ts = (i: number) => new Date(t0 + i * 1000).toISOString();

/** A session of `n` events: runs of (run_start, message, tools…, message, run_completed). */
function syntheticSession(n: number, sessionId = SES): WireSessionEvent[] {
  const out: WireSessionEvent[] = [];
  let i = 0;
  while (out.length < n) {
    const left = n - out.length;
    const type = i % 25 === 0 ? 'run_start' : i % 25 === 24 ? 'run_completed' : i % 5 === 1 ? 'message' : 'post_tool';
    out.push(
      wireEvent({
        session_id: sessionId,
        event_type: left === 1 && type === 'run_start' ? 'message' : type,
        timestamp: ts(i),
        tool_name: type === 'post_tool' ? `Tool${i % 7}` : null,
        tool_input: type === 'post_tool' ? { n: i } : null,
        tool_output: type === 'post_tool' ? `output ${i}` : null,
        role: type === 'message' ? (i % 2 ? 'user' : 'assistant') : null,
        content: type === 'message' ? [{ type: 'text', text: `Message number ${i}` }] : null,
        exit_code: type === 'run_completed' ? 0 : null,
        reason: type === 'run_completed' ? 'completed' : null,
      }),
    );
    i++;
  }
  return out;
}

async function mount(
  events: unknown[] | null,
  attrs: Partial<EventTimeline> = {},
  height = 1200,
): Promise<EventTimeline> {
  const el = await fixture<EventTimeline>(html`<event-timeline style="height:${height}px"></event-timeline>`);
  Object.assign(el, attrs);
  if (events) el.events = events;
  // Earlier fixtures of the same test stay above it: bring this one into the viewport, which
  // the virtualizer intersects with.
  el.scrollIntoView({ block: 'start' });
  await settled(el);
  return el;
}

const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

const root = (el: EventTimeline) => el.shadowRoot!;
const scroller = (el: EventTimeline) => root(el).querySelector<HTMLElement>('.scroller')!;
const cards = (el: EventTimeline) => Array.from(scroller(el).querySelectorAll<EventCard>(':scope > event-card'));
const headers = (el: EventTimeline) => Array.from(scroller(el).querySelectorAll<HTMLElement>(':scope > .run-header'));
/** The header of run `n` (1-based), found by key, not by position among the rendered rows. */
const header = (el: EventTimeline, n: number) => {
  const found = headers(el).find((h) => h.dataset.key === `run-${n}`);
  if (!found) throw new Error(`run ${n} header is not rendered`);
  return found;
};
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: EventTimeline, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const chip = (el: EventTimeline, category: string) =>
  root(el).querySelector<HTMLButtonElement>(`[part~="filter-chip"][data-category="${category}"]`)!;
/** What a user's scroll does: wheel input, then the scroll position moves. */
const userScroll = (el: EventTimeline, top: number) => {
  const s = scroller(el);
  s.dispatchEvent(new WheelEvent('wheel', { deltaY: top < s.scrollTop ? -120 : 120, bubbles: true }));
  s.scrollTop = top;
};
const distanceFromBottom = (el: EventTimeline) => {
  const s = scroller(el);
  return s.scrollHeight - s.scrollTop - s.clientHeight;
};

/** The rendered rows (cards and run headers). */
const renderedRows = (el: EventTimeline) =>
  Array.from(scroller(el).querySelectorAll<HTMLElement>(':scope > [data-key]'));
const rowKeys = (el: EventTimeline) => renderedRows(el).map((r) => r.dataset.key);

/**
 * Waits for the timeline's frame-batched render and for the virtualizer to settle: the rendered
 * rows and scroll geometry unchanged over three frames (and rows present when there are any).
 */
async function settled(el: EventTimeline) {
  await el.updateComplete;
  const expected = () => (el as unknown as { _rows: unknown[] })._rows.length;
  let last = '';
  let stable = 0;
  for (let i = 0; i < 300 && stable < 3; i++) {
    await frames(1);
    const keys = rowKeys(el);
    const s = scroller(el);
    const signature = `${keys.join(',')}|${s.scrollTop}|${s.scrollHeight}`;
    if (signature === last && (expected() === 0 || keys.length > 0)) stable++;
    else {
      stable = 0;
      last = signature;
    }
  }
  await el.updateComplete;
}

/** Records what every ResizeObserver created from now on observes (until `restore`). */
function watchResizeObservers() {
  const observed = new Map<ResizeObserver, Set<Element>>();
  const proto = ResizeObserver.prototype;
  const { observe, unobserve, disconnect } = proto;
  proto.observe = function (this: ResizeObserver, target: Element, options?: ResizeObserverOptions) {
    if (!observed.has(this)) observed.set(this, new Set());
    observed.get(this)!.add(target);
    return observe.call(this, target, options);
  };
  proto.unobserve = function (this: ResizeObserver, target: Element) {
    observed.get(this)?.delete(target);
    return unobserve.call(this, target);
  };
  proto.disconnect = function (this: ResizeObserver) {
    observed.delete(this);
    return disconnect.call(this);
  };
  return {
    targets: () => [...observed.values()].flatMap((set) => [...set]),
    restore: () => Object.assign(proto, { observe, unobserve, disconnect }),
  };
}

describe('<event-timeline>', () => {
  before(async () => {
    await setViewport({ width: 1000, height: 1400 });
  });

  afterEach(async () => {
    delete window.__pwned;
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  describe('events property', () => {
    let current: WireSessionEvent[];
    before(async () => {
      current = await loadSseEvents('current-two-runs.sse');
    });

    it('renders wire events and reads them back normalized, in order', async () => {
      const el = await mount(current);
      expect(el.events.length).to.equal(current.length);
      el.events.forEach((e, i) => {
        expect(e.raw).to.equal(current[i]);
        expect(e.key).to.be.a('string');
      });
      expect(cards(el).length).to.equal(current.length);
      expect(cards(el).map((c) => c.getAttribute('type'))).to.deep.equal(current.map((e) => e.event_type));
      expect(text(part(el, 'count'))).to.equal(`${current.length} of ${current.length} events`);
    });

    it('accepts normalized events and stream payloads; setting the same wire objects again keeps keys', async () => {
      const normalized = current.map((e, i) => normalizeEvent(e, { seq: 1000 + i }));
      const el = await mount(normalized);
      expect(el.events[0]).to.equal(normalized[0]);

      const wrapped = await mount(current.map((data) => ({ data })));
      expect(wrapped.events.length).to.equal(current.length);

      const wire = await mount(current);
      const keys = wire.events.map((e) => e.key);
      const firstCard = cards(wire)[0];
      wire.events = [...current];
      await settled(wire);
      expect(wire.events.map((e) => e.key)).to.deep.equal(keys);
      expect(cards(wire)[0] === firstCard, 'first card kept').to.be.true;
    });

    it('shows the waiting state without events', async () => {
      const el = await mount([]);
      expect(text(part(el, 'empty'))).to.equal('Waiting for events…');
      expect(cards(el).length).to.equal(0);
      el.events = current;
      await settled(el);
      absent(part(el, 'empty'));
    });

    it('switches sessions when session-id changes, keeping every given event', async () => {
      const edge = await loadSseEvents('edge-cases.sse');
      const el = await mount(edge, { sessionId: 'ses_3dd75eed188e' });
      expect(el.events.map((e) => e.sessionId)).to.deep.equal(['ses_3dd75eed188e']);
      el.sessionId = 'ses_b18704bce236';
      await settled(el);
      expect(el.events.map((e) => e.type)).to.deep.equal(['run_start', 'run_completed']);
      expect(cards(el).length).to.equal(2);
      el.sessionId = null;
      await settled(el);
      expect(el.events.length).to.equal(edge.length);
    });

    it('filters by session-id when given', async () => {
      const edge = await loadSseEvents('edge-cases.sse');
      const el = await mount(edge, { sessionId: 'ses_3dd75eed188e' });
      expect(el.events.length).to.equal(1);
      expect(el.events[0].sessionId).to.equal('ses_3dd75eed188e');
    });
  });

  describe('runs', () => {
    it('shows a header per run with number, start/resume, start time, duration, tools, errors and outcome', async () => {
      const events = await loadSseEvents('current-two-runs.sse');
      const el = await mount(events);
      const h1 = header(el, 1);
      const h2 = header(el, 2);
      expect(headers(el).length).to.equal(2);
      expect(h1.querySelector('.run-toggle')!.textContent).to.contain('Run 1');
      expect(text(h1.querySelector('.kind'))).to.equal('start');
      expect(text(h2.querySelector('.kind'))).to.equal('resume');
      expect(text(h1.querySelector('.start'))).to.match(/\d/);
      expect(h1.querySelector('.start')!.getAttribute('title')).to.match(/2026/);
      expect(text(h1.querySelector('.duration'))).to.match(/\d+ ms|\d+(\.\d)? s/);
      expect(text(h1.querySelector('.tools'))).to.equal('2 tools');
      expect(text(h1.querySelector('.errors'))).to.equal('1 error');
      present(h1.querySelector('.errors svg'));
      absent(h2.querySelector('.errors'));
      expect(text(h1.querySelector('[part~="outcome"]'))).to.equal('completed');
      present(h1.querySelector('[part~="outcome"] svg'));
      expect(h1.getAttribute('aria-label')).to.contain('Run 1').and.contain('completed').and.contain('1 error');
      expect(el.runs.map((r) => r.index)).to.deep.equal([1, 2]);

      // Run start cards carry the run number and start/resume.
      const starts = cards(el).filter((c) => c.getAttribute('type') === 'run_start');
      expect(starts.map((c) => [c.runIndex, c.resumed])).to.deep.equal([
        [1, false],
        [2, true],
      ]);
    });

    it('marks the current run live and closes it with session-status', async () => {
      const events = (await loadSseEvents('current-two-runs.sse')).slice(0, 9);
      const el = await mount(events);
      const last = header(el, 2);
      expect(last.hasAttribute('data-live')).to.be.true;
      expect(text(last.querySelector('[part~="live-badge"]'))).to.equal('live');
      absent(header(el, 1).querySelector('[part~="live-badge"]'));

      el.sessionStatus = 'stopped';
      await settled(el);
      const closed = header(el, 2);
      absent(closed.querySelector('[part~="live-badge"]'));
      expect(text(closed.querySelector('[part~="outcome"]'))).to.equal('stopped');
    });

    it('shows a failed run and a stopped run (edge-cases fixture)', async () => {
      const messages = await loadSseFixture('edge-cases.sse');
      const events = messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
      const lastStatus = (id: string) => {
        let status = '';
        for (const m of messages)
          if (m.kind === 'session_updated' && m.session.session_id === id && m.session.status)
            status = m.session.status;
        return status;
      };
      const failed = await mount(events, {
        sessionId: 'ses_019bb59f2ed1',
        sessionStatus: lastStatus('ses_019bb59f2ed1'),
      });
      const fh = header(failed, 1);
      expect(fh.dataset.outcome).to.equal('failed');
      expect(text(fh.querySelector('[part~="outcome"]'))).to.equal('failed');
      present(fh.querySelector('[part~="outcome"] svg'));

      const stopped = await mount(events, {
        sessionId: 'ses_3dd75eed188e',
        sessionStatus: lastStatus('ses_3dd75eed188e'),
      });
      expect(text(header(stopped, 1).querySelector('[part~="outcome"]'))).to.equal('stopped');

      const completed = await mount(events, {
        sessionId: 'ses_b18704bce236',
        sessionStatus: lastStatus('ses_b18704bce236'),
      });
      expect(text(header(completed, 1).querySelector('[part~="outcome"]'))).to.equal('completed');
    });

    it('a non-zero exit code makes the run failed, with the exit code shown', async () => {
      const events = [
        wireEvent({ event_type: 'run_start', timestamp: ts(0) }),
        wireEvent({ event_type: 'run_completed', timestamp: ts(1), exit_code: 3, reason: 'error' }),
      ];
      const el = await mount(events);
      const outcome = header(el, 1).querySelector('[part~="outcome"]')!;
      expect(text(outcome)).to.equal('failed (exit 3)');
      expect(cards(el)[1].hasAttribute('failed')).to.be.true;
    });

    it('groups old names mixed with new ones in one session the same way', async () => {
      const legacy = await loadHistoryFixture('legacy-history.json');
      const sessionId = legacy[0].session_id;
      const mixed: WireSessionEvent[] = [
        ...legacy,
        wireEvent({ session_id: sessionId, event_type: 'run_start', timestamp: '2026-11-24T01:59:30.000000+00:00' }),
        wireEvent({
          session_id: sessionId,
          event_type: 'message',
          role: 'user',
          content: 'new run',
          timestamp: '2026-11-24T01:59:31+00:00',
        }),
        wireEvent({
          session_id: sessionId,
          event_type: 'run_completed',
          exit_code: 0,
          reason: 'completed',
          timestamp: '2026-11-24T01:59:32+00:00',
        }),
        wireEvent({ session_id: sessionId, event_type: 'session_start', timestamp: '2026-11-24T01:59:40+00:00' }),
        wireEvent({
          session_id: sessionId,
          event_type: 'session_stop',
          exit_code: 0,
          reason: 'completed',
          timestamp: '2026-11-24T01:59:41+00:00',
        }),
      ];
      const el = await mount(mixed);
      expect(headers(el).length).to.equal(3);
      expect(el.runs.map((r) => r.outcome)).to.deep.equal(['completed', 'completed', 'completed']);
      const types = cards(el).map((c) => [c.getAttribute('type'), c.getAttribute('original-type')]);
      expect(types).to.deep.equal([
        ['run_start', 'session_start'],
        ['run_completed', 'session_stop'],
        ['run_start', null],
        ['message', null],
        ['run_completed', null],
        ['run_start', 'session_start'],
        ['run_completed', 'session_stop'],
      ]);
      const legacyStart = cards(el)[5];
      const newStart = cards(el)[2];
      present(legacyStart.shadowRoot!.querySelector('[part~="legacy-badge"]'));
      expect(text(legacyStart.shadowRoot!.querySelector('[part~="detail"]'))).to.equal('Run 3 · resumed');
      expect(text(newStart.shadowRoot!.querySelector('[part~="detail"]'))).to.equal('Run 2 · resumed');
      expect(el.events.filter((e) => e.legacy).length).to.equal(4);
    });

    it('collapses and expands a run', async () => {
      const events = await loadSseEvents('current-two-runs.sse');
      const el = await mount(events);
      const toggle = header(el, 1).querySelector<HTMLButtonElement>('[part~="run-toggle"]')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      toggle.click();
      await settled(el);
      expect(headers(el).length).to.equal(2);
      expect(cards(el).length).to.equal(5);
      const collapsed = header(el, 1);
      expect(collapsed.querySelector('[part~="run-toggle"]')!.getAttribute('aria-expanded')).to.equal('false');
      expect(text(collapsed.querySelector('.hidden-count'))).to.equal('7 events');
      // The count still reports every matching event.
      expect(text(part(el, 'count'))).to.equal('12 of 12 events');
      collapsed.querySelector<HTMLButtonElement>('[part~="run-toggle"]')!.click();
      await settled(el);
      expect(cards(el).length).to.equal(12);
    });
  });

  describe('toolbar', () => {
    let events: WireSessionEvent[];
    before(async () => {
      events = [
        ...(await loadSseEvents('current-two-runs.sse')),
        wireEvent({
          session_id: 'ses_1a308bde7d45',
          event_type: 'telemetry_sample',
          timestamp: '2026-11-24T01:58:00+00:00',
        }),
        wireEvent({
          session_id: 'ses_1a308bde7d45',
          event_type: 'hook_complete',
          tool_name: 'hook:on_run_finish:x',
          timestamp: '2026-11-24T01:58:01+00:00',
        }),
      ];
    });

    it('shows filter chips with counts and filters by category', async () => {
      const el = await mount(events);
      const counts = Object.fromEntries(
        ['tool', 'message', 'result', 'lifecycle', 'other'].map((c) => [c, text(chip(el, c).querySelector('.count'))]),
      );
      expect(counts).to.deep.equal({ tool: '2', message: '4', result: '2', lifecycle: '5', other: '1' });
      expect(text(chip(el, 'tool'))).to.contain('Tools');
      expect(text(chip(el, 'lifecycle'))).to.contain('Run lifecycle');
      expect(chip(el, 'tool').getAttribute('aria-pressed')).to.equal('true');

      chip(el, 'tool').click();
      await settled(el);
      expect(chip(el, 'tool').getAttribute('aria-pressed')).to.equal('false');
      expect(cards(el).some((c) => c.getAttribute('type') === 'post_tool')).to.be.false;
      expect(text(part(el, 'count'))).to.equal('12 of 14 events');
      // Counts are of all events, not of the filtered ones.
      expect(text(chip(el, 'tool').querySelector('.count'))).to.equal('2');

      for (const c of ['message', 'result', 'lifecycle']) chip(el, c).click();
      await settled(el);
      expect(cards(el).map((c) => c.getAttribute('type'))).to.deep.equal(['telemetry_sample']);
      expect(headers(el).length).to.equal(1);
      chip(el, 'other').click();
      await settled(el);
      expect(text(part(el, 'empty'))).to.contain('Nothing matches the filter.');
      expect(text(part(el, 'count'))).to.equal('0 of 14 events');
      part(el, 'empty')!.querySelector('button')!.click();
      await settled(el);
      expect(cards(el).length).to.equal(14);
    });

    it('searches tool names, inputs, outputs and messages', async () => {
      const el = await mount(events);
      const input = part(el, 'search-input') as HTMLInputElement;
      const search = async (q: string) => {
        input.value = q;
        input.dispatchEvent(new Event('input'));
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
        await settled(el);
        return cards(el).map(
          (c) => (c.event as CoordinatorEvent).type + ':' + ((c.event as CoordinatorEvent).toolName ?? ''),
        );
      };
      expect(await search('bash')).to.deep.equal(['post_tool:Bash']); // tool name
      expect(await search('missing.txt')).to.deep.equal(['post_tool:Read']); // input
      expect(await search('readme.md\nsrc')).to.deep.equal([]); // no match
      expect(await search('README.md')).to.include('post_tool:Bash'); // output
      expect(await search('list the files')).to.deep.equal(['message:']); // message
      expect(text(part(el, 'count'))).to.equal('1 of 14 events');
      expect(await search('File does not exist')).to.deep.equal(['post_tool:Read']); // error
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      await settled(el);
      expect(cards(el).length).to.equal(14);
    });

    it('debounces typing into one search', async () => {
      const el = await mount(events);
      const input = part(el, 'search-input') as HTMLInputElement;
      for (const q of ['m', 'mi', 'mis', 'missing.txt']) {
        input.value = q;
        input.dispatchEvent(new Event('input'));
      }
      await waitUntil(() => text(part(el, 'count')).startsWith('1 of'), 'search applied', { timeout: 3000 });
    });

    it('expands and collapses all cards', async () => {
      const el = await mount(events);
      expect(cards(el).some((c) => c.expanded)).to.be.false;
      part(el, 'expand-all')!.click();
      await settled(el);
      const expandable = cards(el).filter((c) => c.shadowRoot!.querySelector('[part~="expand-button"]'));
      expect(expandable.length).to.be.greaterThan(3);
      expect(expandable.every((c) => c.expanded)).to.be.true;
      // A single card can still be collapsed by the user and stays so.
      expandable[0].shadowRoot!.querySelector<HTMLButtonElement>('[part~="expand-button"]')!.click();
      await settled(el);
      expect(expandable[0].expanded).to.be.false;
      part(el, 'collapse-all')!.click();
      await settled(el);
      expect(cards(el).some((c) => c.expanded)).to.be.false;
    });

    it('keeps a card expanded when it scrolls out and back in', async () => {
      const el = await mount(syntheticSession(400), {}, 400);
      userScroll(el, 0);
      await settled(el);
      const card = cards(el).find((c) => c.getAttribute('type') === 'post_tool')!;
      const key = (card.event as CoordinatorEvent).key;
      card.toggle();
      await settled(el);
      userScroll(el, scroller(el).scrollHeight);
      await settled(el);
      expect(cards(el).find((c) => (c.event as CoordinatorEvent).key === key)).to.equal(undefined);
      userScroll(el, 0);
      await settled(el);
      await waitUntil(() => cards(el).find((c) => (c.event as CoordinatorEvent).key === key));
      expect(cards(el).find((c) => (c.event as CoordinatorEvent).key === key)!.expanded).to.be.true;
    });
  });

  describe('auto-scroll', () => {
    it('follows new events at the bottom, stops when the user scrolls up, and offers a jump', async () => {
      const all = syntheticSession(260);
      const el = await mount(all.slice(0, 200), {}, 400);
      await waitUntil(() => distanceFromBottom(el) <= 2, 'starts at the bottom');
      el.appendEvents(all.slice(200, 210));
      await settled(el);
      await waitUntil(() => distanceFromBottom(el) <= 2, 'follows new events');
      absent(part(el, 'jump'));

      userScroll(el, 100);
      await settled(el);
      // Rows above the view measured after the jump may shift the position (the rows shown stay in view).
      const top = scroller(el).scrollTop;
      expect(top).to.be.closeTo(100, 64);
      el.appendEvents(all.slice(210, 215));
      await settled(el);
      await frames(5);
      expect(scroller(el).scrollTop).to.equal(top);
      const jump = part(el, 'jump')!;
      expect(text(jump)).to.equal('5 new events — jump to latest');
      el.appendEvents(all.slice(215, 217));
      await settled(el);
      expect(text(part(el, 'jump'))).to.equal('7 new events — jump to latest');

      part(el, 'jump')!.click();
      await waitUntil(() => distanceFromBottom(el) <= 2, 'jumped to the bottom');
      await settled(el);
      absent(part(el, 'jump'));
      el.appendEvents(all.slice(217, 230));
      await settled(el);
      await waitUntil(() => distanceFromBottom(el) <= 2, 'follows again');
    });

    it('resumes following when the user scrolls back to the bottom', async () => {
      const all = syntheticSession(230);
      const el = await mount(all.slice(0, 200), {}, 400);
      await waitUntil(() => distanceFromBottom(el) <= 2);
      userScroll(el, 0);
      await settled(el);
      present(part(el, 'jump'));
      userScroll(el, scroller(el).scrollHeight);
      await settled(el);
      await waitUntil(() => part(el, 'jump') === null, 'jump control hides at the bottom');
      el.appendEvents(all.slice(200));
      await waitUntil(
        () => distanceFromBottom(el) <= 2 && cards(el).some((c) => (c.event as CoordinatorEvent).raw === all[229]),
        `follows again (distance ${distanceFromBottom(el)})`,
        { timeout: 5000 },
      );
    });

    it('stays at the end, with the newest card shown, through arrivals in every frame', async () => {
      const all = syntheticSession(300);
      const el = await mount(all.slice(0, 200), {}, 400);
      await waitUntil(() => distanceFromBottom(el) <= 2);
      const behind: string[] = [];
      for (let i = 200; i < 300; i += 2) {
        el.appendEvents(all.slice(i, i + 2));
        // The frame that renders the new rows (they are measured in it) already ends at them.
        await el.updateComplete;
        await frames(1);
        const newest = cards(el).some((c) => (c.event as CoordinatorEvent).raw === all[i + 1]);
        if (distanceFromBottom(el) > 2 || !newest) behind.push(`${i}: ${distanceFromBottom(el)} px, newest ${newest}`);
      }
      expect(behind).to.deep.equal([]);
      absent(part(el, 'jump'));
    });

    it('in a burst (more than a screenful of arrivals a frame) moves every 100 ms, not every frame', async () => {
      const all = syntheticSession(600);
      const el = await mount(all.slice(0, 200), {}, 400);
      await waitUntil(() => distanceFromBottom(el) <= 2);
      let renders = 0;
      const originalRender = el.render;
      el.render = function (this: EventTimeline) {
        renders++;
        return originalRender.call(this);
      };
      const start = performance.now();
      // 20 arrivals a frame (≈1,200 a second) for 20 frames.
      for (let i = 200; i < 600; i += 20) {
        el.appendEvents(all.slice(i, i + 20));
        await frames(1);
      }
      const elapsed = performance.now() - start;
      el.render = originalRender;
      // A render a frame would be 20; the list still moves during the burst.
      expect(renders).to.be.at.least(2);
      expect(renders).to.be.at.most(Math.ceil(elapsed / 100) + 2);
      await settled(el);
      expect(cards(el).some((c) => (c.event as CoordinatorEvent).raw === all[599])).to.be.true;
      expect(distanceFromBottom(el)).to.be.at.most(2);
    });

    it('builds the all-new rows of a burst in a task before the frame, not in its callbacks', async () => {
      const all = syntheticSession(600);
      const el = await mount(all.slice(0, 200), {}, 400);
      await waitUntil(() => distanceFromBottom(el) <= 2);
      // A frame callback and the microtasks it queued (the render a flush there asks for).
      let inFrame = false;
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = (callback) =>
        raf.call(window, (time) => {
          inFrame = true;
          queueMicrotask(() => queueMicrotask(() => (inFrame = false)));
          callback(time);
        });
      const renders = { inFrame: 0, inTask: 0 };
      const originalRender = el.render;
      el.render = function (this: EventTimeline) {
        renders[inFrame ? 'inFrame' : 'inTask']++;
        return originalRender.call(this);
      };
      try {
        for (let i = 200; i < 600; i += 20) {
          el.appendEvents(all.slice(i, i + 20));
          await frames(1);
        }
        await el.updateComplete;
      } finally {
        window.requestAnimationFrame = raf;
        el.render = originalRender;
      }
      // Building a screenful of new cards and laying them out are two tasks, not one long frame.
      expect(renders.inTask).to.be.at.least(2);
      expect(renders.inFrame).to.equal(0);
      await settled(el);
      expect(cards(el).some((c) => (c.event as CoordinatorEvent).raw === all[599])).to.be.true;
      expect(distanceFromBottom(el)).to.be.at.most(2);
    });

    it('a fast scroll (a jump in every frame) lands where it was sent', async () => {
      const el = await mount(syntheticSession(3_000), {}, 400);
      userScroll(el, 0);
      await settled(el);
      const s = scroller(el);
      const moved: string[] = [];
      for (let i = 1; i <= 20; i++) {
        const top = Math.round((i / 25) * (s.scrollHeight - s.clientHeight));
        userScroll(el, top);
        await frames(1);
        // Rows measured after a jump may move the list a little, never back toward an earlier jump.
        if (Math.abs(s.scrollTop - top) > 200) moved.push(`${top} → ${s.scrollTop}`);
      }
      expect(moved).to.deep.equal([]);
    });

    it('a jump renders only the rows in view; scrolling on from there renders a margin at once', async () => {
      const el = await mount(syntheticSession(3_000), {}, 400);
      const s = scroller(el);
      /** Rendered rows wholly above or below the list's viewport. */
      const outside = () => {
        const view = s.getBoundingClientRect();
        return renderedRows(el).filter((row) => {
          const r = row.getBoundingClientRect();
          return r.bottom <= view.top || r.top >= view.bottom;
        }).length;
      };
      // Still: the margin has grown around the view.
      expect(outside(), 'margin of a still list').to.be.greaterThan(4);
      // A jump (as each frame of a fast scroll): every row is new, a margin would be wasted work.
      userScroll(el, Math.round(s.scrollHeight / 2));
      await frames(1);
      expect(outside(), 'rows beyond the view after a jump').to.be.at.most(1);
      // Slower, within the rendered rows (a fling slowing down): rows beyond the edges at once.
      userScroll(el, s.scrollTop + 30);
      await frames(1);
      expect(outside(), 'rows beyond the view while scrolling on').to.be.at.least(3);
    });

    it('after a jump, the rows shown stay in view while the rows above them are rendered and measured', async () => {
      const el = await mount(syntheticSession(3_000), {}, 400);
      const s = scroller(el);
      /** The first row in view: its key and its distance from the top of the view. */
      const shown = () => {
        const view = s.getBoundingClientRect();
        return renderedRows(el)
          .map((r) => ({ key: r.dataset.key, top: r.getBoundingClientRect().top - view.top }))
          .filter((r) => r.top > -1)
          .sort((a, b) => a.top - b.top)[0];
      };
      // Near the start: the rows above the view (at estimated heights until then) are rendered
      // after the jump, as its margin grows, and measured. The layout keeps the rows shown where
      // they are (moving the scroll position instead), up to the error of their own estimates.
      userScroll(el, 100);
      await frames(1);
      const first = shown();
      const moves: string[] = [];
      for (let i = 0; i < 20; i++) {
        await frames(1);
        const now = shown();
        if (now.key !== first.key || Math.abs(now.top - first.top) > 32) moves.push(`${now.key} at ${now.top}`);
      }
      expect(moves, `${first.key} was at ${first.top}`).to.deep.equal([]);
    });

    it('asks for no more frames when empty, when still, or once removed', async () => {
      // The layout grows its margin a step per frame after a jump; that must end.
      const widening = (el: EventTimeline) =>
        (el as unknown as { _layout: { _widenFrame: number } | null })._layout?._widenFrame ?? 0;
      const empty = await mount(null, {}, 400);
      await frames(10);
      expect(widening(empty), 'empty').to.equal(0);
      const el = await mount(syntheticSession(2_000), {}, 400);
      await frames(20);
      expect(widening(el), 'still').to.equal(0);
      userScroll(el, 20_000);
      await frames(1);
      expect(widening(el), 'widening after a jump').to.not.equal(0);
      el.remove();
      await frames(10);
      expect(widening(el), 'removed').to.equal(0);
    });

    it('positions the rows of a pass in one walk of the list, not one per row', async () => {
      const el = await mount(syntheticSession(3_000), {}, 600);
      const s = scroller(el);
      const virtualizer = (s as unknown as Record<symbol, Record<string, unknown>>)[virtualizerRef];
      const proto = Object.getPrototypeOf(virtualizer) as object;
      const getter = Object.getOwnPropertyDescriptor(proto, '_children')!;
      const position = virtualizer._positionChildren as (pos: Map<number, unknown>) => void;
      let reads = 0;
      let positioning = false;
      const passes: { rows: number; reads: number }[] = [];
      Object.defineProperty(proto, '_children', {
        ...getter,
        get(this: object) {
          if (positioning) reads++;
          return getter.get!.call(this);
        },
      });
      virtualizer._positionChildren = function (this: unknown, pos: Map<number, unknown>) {
        positioning = true;
        reads = 0;
        try {
          position.call(this, pos);
        } finally {
          positioning = false;
          passes.push({ rows: pos?.size ?? 0, reads });
        }
      };
      try {
        for (let i = 1; i <= 5; i++) {
          userScroll(el, Math.round((i / 6) * (s.scrollHeight - s.clientHeight)));
          await frames(2);
        }
      } finally {
        Object.defineProperty(proto, '_children', getter);
        virtualizer._positionChildren = position;
      }
      expect(passes.filter((p) => p.rows >= 5).length).to.be.greaterThan(0);
      expect(passes.filter((p) => p.reads > 1)).to.deep.equal([]);
    });
  });

  describe('events and selection', () => {
    it('fires ce-event for arrivals (not the initial load) and ce-event-select on click', async () => {
      const all = syntheticSession(30);
      const el = await fixture<EventTimeline>(html`<event-timeline style="height:400px"></event-timeline>`);
      const arrived: CoordinatorEvent[] = [];
      el.addEventListener('ce-event', (e) => {
        const ce = e as CustomEvent<{ event: CoordinatorEvent }>;
        expect(ce.bubbles && ce.composed).to.be.true;
        arrived.push(ce.detail.event);
      });
      el.events = all.slice(0, 20);
      await settled(el);
      expect(arrived.length).to.equal(0);
      el.events = all.slice(0, 25);
      el.appendEvents(all.slice(25));
      await settled(el);
      expect(arrived.map((e) => e.raw)).to.deep.equal(all.slice(20));

      const selected: CoordinatorEvent[] = [];
      document.addEventListener('ce-event-select', (e) => selected.push((e as CustomEvent).detail.event), {
        once: true,
      });
      const card = cards(el)[cards(el).length - 1];
      card.shadowRoot!.querySelector<HTMLElement>('[part~="type"]')!.click();
      await settled(el);
      expect(selected).to.deep.equal([card.event]);
      expect(card.selected).to.be.true;
      expect(el.selectedEvent).to.equal(card.event);
    });

    it('moves between cards with j/k and arrow keys, selecting as it goes', async () => {
      const events = await loadSseEvents('current-two-runs.sse');
      const el = await mount(events);
      const selected: string[] = [];
      el.addEventListener('ce-event-select', (e) => selected.push((e as CustomEvent).detail.event.type));
      const press = async (key: string) => {
        const target = (root(el).activeElement as HTMLElement) ?? scroller(el);
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
        await settled(el);
      };
      userScroll(el, 0);
      await settled(el);
      scroller(el).focus();
      await press('j');
      const first = root(el).activeElement as HTMLElement;
      expect(first.dataset.key).to.equal('run-1');
      expect(first.getAttribute('tabindex')).to.equal('0');
      await press('j');
      expect((root(el).activeElement as EventCard).getAttribute('type')).to.equal('run_start');
      await press('ArrowDown');
      expect((root(el).activeElement as EventCard).getAttribute('type')).to.equal('message');
      await press('k');
      expect((root(el).activeElement as EventCard).getAttribute('type')).to.equal('run_start');
      expect(selected).to.deep.equal(['run_start', 'message', 'run_start']);
      // Only the active row is in the tab order.
      expect(cards(el).filter((c) => c.getAttribute('tabindex') === '0').length).to.equal(1);
      await press('End');
      expect((root(el).activeElement as EventCard).getAttribute('type')).to.equal('run_completed');
      await press('Home');
      expect((root(el).activeElement as HTMLElement).dataset.key).to.equal('run-1');
      // Enter on a run header collapses it; ArrowRight expands it again.
      await press('Enter');
      expect(cards(el).length).to.equal(5);
      await press('ArrowRight');
      expect(cards(el).length).to.equal(12);
      // Enter on a card expands it.
      await press('j');
      await press('j');
      await press('j');
      await press('j');
      const tool = root(el).activeElement as EventCard;
      expect(tool.getAttribute('type')).to.equal('post_tool');
      await press('Enter');
      expect(tool.expanded).to.be.true;
    });

    it('moves focus to rows that are not rendered yet', async () => {
      const el = await mount(syntheticSession(2000), {}, 400);
      scroller(el).focus();
      scroller(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
      await waitUntil(
        () => (root(el).activeElement as HTMLElement | null)?.dataset.key === 'run-1',
        'first row focused',
      );
      (root(el).activeElement as HTMLElement).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'End', bubbles: true }),
      );
      await waitUntil(
        () => (root(el).activeElement as EventCard | null)?.event === el.events[el.events.length - 1],
        'last row focused',
      );
    });
  });

  describe('accessibility', () => {
    it('is a labelled feed of focusable articles', async () => {
      const el = await mount(await loadSseEvents('current-two-runs.sse'), { label: 'Session ses_1 events' });
      const feed = scroller(el);
      expect(feed.getAttribute('role')).to.equal('feed');
      expect(feed.getAttribute('aria-label')).to.equal('Session ses_1 events');
      const rows = [...headers(el), ...cards(el)];
      for (const row of rows) {
        expect(row.getAttribute('role')).to.equal('article');
        expect(row.hasAttribute('tabindex')).to.be.true;
        expect(Number(row.getAttribute('aria-setsize'))).to.equal(14);
        expect(Number(row.getAttribute('aria-posinset'))).to.be.within(1, 14);
      }
      expect(root(el).querySelectorAll('[aria-live="polite"]').length).to.equal(1);
    });

    it('announces arrivals politely through one live region, summarizing bursts', async () => {
      const all = syntheticSession(80);
      const el = await mount(all.slice(0, 10));
      const region = root(el).querySelector('[role="status"][aria-live="polite"]')!;
      el.appendEvents([all[10]]);
      await waitUntil(() => text(region) !== '', 'announced', { timeout: 4000 });
      expect(text(region)).to.equal(`Tool: ${all[10].tool_name}`);
      el.appendEvents(all.slice(11, 60));
      await waitUntil(() => text(region) === '49 new events', 'summarized', { timeout: 4000 });
    });

    it('respects prefers-reduced-motion', async () => {
      const el = await mount((await loadSseEvents('current-two-runs.sse')).slice(0, 4));
      const dot = () => root(el).querySelector('.live-dot')!;
      expect(getComputedStyle(dot()).animationName).to.equal('pulse');
      await emulateMedia({ reducedMotion: 'reduce' });
      await frames(2);
      expect(getComputedStyle(dot()).animationName).to.equal('none');
    });

    it('never uses colour alone: outcomes, errors and filters carry text and icons', async () => {
      const events = await loadSseEvents('current-two-runs.sse');
      const el = await mount(events);
      chip(el, 'result').click();
      await settled(el);
      expect(chip(el, 'result').getAttribute('aria-pressed')).to.equal('false');
      present(chip(el, 'tool').querySelector('svg'));
      absent(chip(el, 'result').querySelector('svg'));
      const failed = cards(el).find((c) => c.hasAttribute('failed'))!;
      expect(text(failed.shadowRoot!.querySelector('[part~="error-badge"]'))).to.equal('Error');
    });
  });

  describe('theming', () => {
    it('themes itself and its cards with theme="dark" and exposes parts', async () => {
      const el = await mount(await loadSseEvents('current-two-runs.sse'), { theme: 'light' });
      const bg = () => getComputedStyle(el).backgroundColor;
      const light = bg();
      el.theme = 'dark';
      await settled(el);
      expect(bg()).to.not.equal(light);
      expect(getComputedStyle(cards(el)[0]).colorScheme).to.equal('dark');
      el.style.setProperty('--ce-color-bg', 'rgb(10, 20, 30)');
      expect(bg()).to.equal('rgb(10, 20, 30)');
      for (const name of ['toolbar', 'filters', 'filter-chip', 'search', 'count', 'list', 'run-header', 'expand-all']) {
        present(part(el, name), name);
      }
      expect(cards(el)[0].getAttribute('exportparts')).to.contain('card');
    });
  });

  describe('security', () => {
    it('renders hostile data inert everywhere', async () => {
      const hostile = [
        wireEvent({ event_type: 'run_start', session_id: XSS.img, timestamp: ts(0) }),
        wireEvent({
          event_type: 'message',
          session_id: XSS.img,
          role: XSS.img,
          content: [{ type: 'text', text: XSS_ALL }],
          timestamp: ts(1),
        }),
        wireEvent({
          event_type: 'post_tool',
          session_id: XSS.img,
          tool_name: XSS.img,
          tool_input: { [XSS.img]: XSS.script },
          tool_output: XSS_ALL,
          error: XSS.svg,
          timestamp: ts(2),
        }),
        wireEvent({
          event_type: 'result',
          session_id: XSS.img,
          result_text: XSS_ALL,
          result_data: { x: XSS.img },
          timestamp: ts(3),
        }),
        wireEvent({ event_type: XSS.script, session_id: XSS.img, [XSS.img]: XSS_ALL, timestamp: XSS.img }),
      ];
      const el = await mount(hostile);
      part(el, 'expand-all')!.click();
      await settled(el);
      await new Promise((r) => setTimeout(r, 100));
      expect(deepQueryAll(root(el), 'img, script, iframe, object, embed').length).to.equal(0);
      for (const node of deepQueryAll(root(el), '*')) {
        for (const attr of Array.from(node.attributes)) expect(attr.name.startsWith('on'), attr.name).to.be.false;
      }
      expect(window.__pwned).to.equal(undefined);
      const input = part(el, 'search-input') as HTMLInputElement;
      input.value = XSS.img;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      await settled(el);
      expect(cards(el).length).to.be.greaterThan(0);
      expect(deepQueryAll(root(el), 'img, script').length).to.equal(0);
      expect(window.__pwned).to.equal(undefined);
    });
  });

  describe('scale', () => {
    it('renders 10,000 events and scrolls through them with a bounded DOM', async function () {
      this.timeout(120_000);
      const events = syntheticSession(10_000);
      const start = performance.now();
      const el = await mount(events, {}, 600);
      const mountMs = performance.now() - start;
      expect(el.events.length).to.equal(10_000);
      expect(text(part(el, 'count'))).to.equal('10,000 of 10,000 events');
      expect(mountMs).to.be.lessThan(10_000);
      const s = scroller(el);
      let maxRows = 0;
      let maxNodes = 0;
      const seen = new Set<string>();
      userScroll(el, 0);
      await settled(el);
      const step = s.clientHeight * 3;
      for (let top = 0; top < s.scrollHeight; top += step) {
        userScroll(el, top);
        await frames(2);
        const rows = s.querySelectorAll(':scope > [data-key]');
        rows.forEach((r) => seen.add((r as HTMLElement).dataset.key!));
        maxRows = Math.max(maxRows, rows.length);
        maxNodes = Math.max(maxNodes, deepQueryAll(root(el), '*').length);
      }
      userScroll(el, s.scrollHeight);
      await settled(el);
      await waitUntil(() => cards(el).some((c) => c.event === el.events[9_999]), 'last event rendered');
      expect(maxRows).to.be.lessThan(120);
      expect(maxNodes).to.be.lessThan(8_000);
      // Scrolling visited the whole list, not just its ends.
      expect(seen.size).to.be.greaterThan(1_000);
    });

    it('leaves no nodes behind and observes no removed rows while rows come and go', async function () {
      this.timeout(60_000);
      const observers = watchResizeObservers();
      try {
        const el = await mount(syntheticSession(3_000), {}, 600);
        const s = scroller(el);
        // Fast scrolls up and down: every jump replaces every rendered row.
        for (let round = 0; round < 3; round++) {
          for (let top = 0; top < s.scrollHeight; top += s.clientHeight * 5) {
            userScroll(el, top);
            await frames(1);
          }
          for (let top = s.scrollHeight; top > 0; top -= s.clientHeight * 7) {
            userScroll(el, top);
            await frames(1);
          }
        }
        userScroll(el, 0);
        await settled(el);
        const rows = s.querySelectorAll(':scope > [data-key]').length;
        expect(rows).to.be.greaterThan(0);
        // A row is one element between Lit's two markers; the list adds its own marker, the
        // virtualizer's sizer and two whitespace nodes. (lit-html 3.3 left one marker per removed
        // row behind: thousands after a few scrolls, each walk over the rows slower.)
        expect(s.childNodes.length).to.be.at.most(rows * 3 + 4);
        // No removed row stays observed (the virtualizer 2.1 observed every row it ever rendered,
        // and measured each again as it left).
        const stale = observers.targets().filter((t) => !t.isConnected);
        expect(stale.map((t) => t.localName)).to.deep.equal([]);
        // Scrolling back shows the first rows again, measured and in place.
        expect(rowKeys(el)[0]).to.equal('run-1');
      } finally {
        observers.restore();
      }
    });

    it('renders the rows it places, and their pieces, before the virtualizer lays them out', async () => {
      const el = await mount(syntheticSession(2_000), {}, 600);
      const s = scroller(el);
      let checked = 0;
      const unrendered: string[] = [];
      // Runs after the timeline's own listener, right before the virtualizer reads the layout.
      s.addEventListener('rangeChanged', () => {
        for (const card of cards(el)) {
          checked++;
          const pieces = [
            ...card.shadowRoot!.querySelectorAll<ReactiveElement>('ce-markdown, ce-payload, ce-json-view'),
          ];
          if (!card.hasUpdated || card.isUpdatePending || pieces.some((p) => !p.hasUpdated || p.isUpdatePending)) {
            unrendered.push(card.dataset.key!);
          }
        }
      });
      userScroll(el, 0);
      await settled(el);
      expect(checked).to.be.greaterThan(0);
      expect(unrendered).to.deep.equal([]);
    });

    // The flush back-off is the FlushScheduler's (src/controllers/flush-scheduler.test.ts).

    it('ingests bursts in one render per frame without re-rendering existing cards', async function () {
      this.timeout(60_000);
      const all = syntheticSession(5_000);
      const el = await mount(all.slice(0, 4_000), {}, 500);
      await waitUntil(() => distanceFromBottom(el) <= 2);
      const before = cards(el);
      let cardUpdates = 0;
      for (const c of before) {
        const original = (c as unknown as { update: (x: unknown) => void }).update;
        (c as unknown as { update: (x: unknown) => void }).update = function (this: EventCard, x: unknown) {
          cardUpdates++;
          original.call(this, x);
        };
      }
      let renders = 0;
      const originalRender = el.render;
      el.render = function (this: EventTimeline) {
        renders++;
        return originalRender.call(this);
      };
      // 100 separate arrivals within one task: one flush.
      for (let i = 4_000; i < 4_100; i++) el.appendEvents([all[i]]);
      await el.updateComplete;
      expect(renders).to.equal(1);
      expect(el.events.length).to.equal(4_100);
      await settled(el);
      // Cards still on screen were kept, and not re-rendered.
      const kept = before.filter((c) => c.isConnected);
      expect(cardUpdates).to.equal(0);
      expect(kept.length + cards(el).length).to.be.greaterThan(0);
      el.render = originalRender;
    });

    it('loads a session that fits a frame in that frame, and tells when all is in (ce-load, updateComplete)', async () => {
      const el = await fixture<EventTimeline>(html`<event-timeline style="height:500px"></event-timeline>`);
      const loads: number[] = [];
      el.addEventListener('ce-load', (e) => loads.push(e.detail.count));
      // More than the newest part a big load shows first (FIRST_LOAD_SYNC): whole all the same. (Whether
      // the rest fits is timed on the newest part: twice that part fits with room on a loaded machine.)
      const events = syntheticSession(2 * FIRST_LOAD_SYNC);
      el.events = events;
      await frames(1);
      expect(text(part(el, 'count')), 'counts final in the first frame').to.equal('400 of 400 events');
      expect(el.runs.length).to.equal(16);
      await waitUntil(() => loads.length === 1, 'ce-load');
      expect(loads).to.deep.equal([400]);
      // Rendered with it: the rows in view have no update left.
      expect(cards(el).length).to.be.greaterThan(0);
      expect(cards(el).filter((c) => c.isUpdatePending)).to.have.length(0);
      await el.updateComplete;
      // Once per assignment.
      el.events = syntheticSession(10);
      await el.updateComplete;
      await frames(2);
      expect(loads).to.deep.equal([400, 10]);
    });

    it('resolves updateComplete and tells ce-load only once a big first load is in', async function () {
      this.timeout(60_000);
      const el = await fixture<EventTimeline>(html`<event-timeline style="height:500px"></event-timeline>`);
      const loads: number[] = [];
      el.addEventListener('ce-load', (e) => loads.push(e.detail.count));
      el.events = syntheticSession(20_000);
      await frames(1);
      expect(loads, 'not while the older events are loading').to.deep.equal([]);
      await el.updateComplete;
      await waitUntil(() => loads.length === 1, 'ce-load');
      expect(loads).to.deep.equal([20_000]);
      expect(text(part(el, 'count'))).to.equal('20,000 of 20,000 events');
    });

    it('shows the newest events of a big first load at once, the rest when normalized', async function () {
      this.timeout(60_000);
      const events = syntheticSession(20_000);
      const el = await fixture<EventTimeline>(html`<event-timeline style="height:500px"></event-timeline>`);
      const arrivals: unknown[] = [];
      el.addEventListener('ce-event', (e) => arrivals.push(e));
      el.events = events;
      await frames(2);
      // The first frames already show the end of the list...
      expect(cards(el).some((c) => (c.event as CoordinatorEvent).raw === events[19_999])).to.be.true;
      // ...while the older events are still being normalized; reading `events` completes them at once.
      expect(el.events.length).to.equal(20_000);
      expect(el.events[0].raw).to.equal(events[0]);
      await el.updateComplete;
      expect(text(part(el, 'count'))).to.equal('20,000 of 20,000 events');
      expect(el.runs.length).to.equal(800);
      // Loading in parts is still one initial load, not arrivals.
      expect(arrivals.length).to.equal(0);
      el.appendEvents([wireEvent({ session_id: SES, event_type: 'message', timestamp: ts(20_001) })]);
      await el.updateComplete;
      expect(arrivals.length).to.equal(1);
    });

    it('mounts 100,000 events', async function () {
      this.timeout(120_000);
      const events = syntheticSession(100_000);
      const start = performance.now();
      const el = await mount(events, {}, 600);
      const ms = performance.now() - start;
      expect(el.events.length).to.equal(100_000);
      expect(cards(el).length).to.be.lessThan(100);
      expect(ms).to.be.lessThan(20_000);
      await waitUntil(() => cards(el).some((c) => c.event === el.events[99_999]), 'follows to the last event');
    });
  });

  describe('with a coordinator (simulated)', () => {
    let sim: SimInstance;
    afterEach(async () => {
      await sim?.close();
    });

    async function live(attrs: Partial<EventTimeline>): Promise<EventTimeline> {
      const el = await fixture<EventTimeline>(html`<event-timeline style="height:500px"></event-timeline>`);
      Object.assign(el, attrs);
      await el.updateComplete;
      return el;
    }

    const outcome = (el: EventTimeline, index: number) => el.runs[index - 1]?.outcome;

    it('tells ce-load once the session history from the coordinator is in and shown', async function () {
      this.timeout(30_000);
      sim = await createSim();
      const { session_id } = await sim.addSession({
        session: { session_id: 'ses_00000000load', status: 'idle' },
        events: [
          { event_type: 'run_start', timestamp: ts(0) },
          {
            event_type: 'message',
            role: 'user',
            content: [{ type: 'text', text: 'List the files' }],
            timestamp: ts(1),
          },
          { event_type: 'post_tool', tool_name: 'Bash', tool_input: { command: 'ls' }, timestamp: ts(2) },
          {
            event_type: 'message',
            role: 'assistant',
            content: [{ type: 'text', text: '**Two** files' }],
            timestamp: ts(3),
          },
          { event_type: 'run_completed', exit_code: 0, reason: 'completed', timestamp: ts(4) },
        ],
      });
      const el = document.createElement('event-timeline');
      el.style.height = '500px';
      const loads: number[] = [];
      el.addEventListener('ce-load', (e) => loads.push(e.detail.count));
      el.src = sim.sseUrl;
      el.sessionId = session_id;
      (await fixture(html`<div></div>`)).append(el);
      await waitUntil(() => loads.length === 1, 'ce-load', { timeout: 10_000 });
      expect(loads).to.deep.equal([5]);
      expect(text(part(el, 'count'))).to.equal('5 of 5 events');
      el.remove();
    });

    it('connects with src + session-id, shows the live run and its completion', async function () {
      this.timeout(30_000);
      sim = await createSim({ stepMs: 15 });
      const states: ConnectionState['status'][] = [];
      const arrivals: CoordinatorEvent[] = [];
      const { session_id } = await sim.startSession({ prompt: 'List the files and summarize' });
      const el = document.createElement('event-timeline');
      el.style.height = '500px';
      el.addEventListener('ce-connection-change', (e) =>
        states.push((e as CustomEvent<ConnectionState>).detail.status),
      );
      el.addEventListener('ce-event', (e) => arrivals.push((e as CustomEvent).detail.event));
      el.src = sim.sseUrl;
      el.sessionId = session_id;
      (await fixture(html`<div></div>`)).append(el);
      await waitUntil(() => el.connection.status === 'open', 'connected', { timeout: 10_000 });
      expect(text(part(el, 'connection'))).to.equal('Live');
      expect(states).to.include('open');
      await waitUntil(() => outcome(el, 1) === 'completed', 'run completed', { timeout: 20_000 });
      await settled(el);
      const types = el.events.map((e) => e.type);
      expect(types[0]).to.equal('run_start');
      expect(types[types.length - 1]).to.equal('run_completed');
      expect(types).to.include('post_tool').and.include('message').and.include('result');
      expect(headers(el).length).to.equal(1);
      expect(arrivals.length).to.be.greaterThan(0);
      await waitUntil(() => cards(el).some((c) => c.getAttribute('type') === 'run_completed'));
      el.remove();
      await waitUntil(async () => (await sim.stats()).openStreams === 0, 'stream closed on removal', { timeout: 5000 });
    });

    it('shows a failed run (prompt "fail")', async function () {
      this.timeout(30_000);
      sim = await createSim({ stepMs: 15 });
      const { session_id } = await sim.startSession({ prompt: 'please fail now' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      await waitUntil(() => outcome(el, 1) === 'failed', 'run failed', { timeout: 20_000 });
      await settled(el);
      const h = header(el, 1);
      expect(text(h.querySelector('[part~="outcome"]'))).to.contain('failed');
      absent(h.querySelector('[part~="live-badge"]'));
    });

    it('shows a stopped run', async function () {
      this.timeout(30_000);
      sim = await createSim({ stepMs: 40 });
      const { session_id } = await sim.startSession({ prompt: 'slow work please' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      await waitUntil(() => el.events.some((e) => e.type === 'message'), 'running', { timeout: 20_000 });
      await settled(el);
      present(header(el, 1).querySelector('[part~="live-badge"]'));
      const res = await fetch(`${sim.base}/sessions/${session_id}/stop`, { method: 'POST' });
      expect(res.ok).to.be.true;
      await waitUntil(() => outcome(el, 1) === 'stopped', 'run stopped', { timeout: 20_000 });
      await settled(el);
      expect(text(header(el, 1).querySelector('[part~="outcome"]'))).to.equal('stopped');
    });

    it('mixes old and new names in one live session', async function () {
      this.timeout(40_000);
      sim = await createSim({ stepMs: 10, legacyNames: true });
      const { session_id } = await sim.startSession({ prompt: 'first run' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      await waitUntil(() => outcome(el, 1) === 'completed', 'legacy run done', { timeout: 20_000 });
      await sim.fault({ legacyNames: false });
      const resumed = await fetch(`${sim.base}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'resume_session', session_id, parameters: { prompt: 'second run' } }),
      });
      expect(resumed.status).to.equal(201);
      await waitUntil(() => outcome(el, 2) === 'completed', 'new-name run done', { timeout: 20_000 });
      await settled(el);
      expect(el.events.filter((e) => e.originalType === 'session_start').length).to.equal(1);
      expect(el.events.filter((e) => e.originalType === 'run_start').length).to.equal(1);
      expect(el.runs.map((r) => r.kind)).to.deep.equal(['start', 'resume']);
      const starts = el.events.filter((e) => e.type === 'run_start');
      expect(starts.length).to.equal(2);
    });

    it('reconnects mid-run (dropped streams) and resyncs without losing or duplicating events', async function () {
      this.timeout(60_000);
      sim = await createSim({ stepMs: 60 });
      const { session_id } = await sim.startSession({ prompt: 'slow reconnect test' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      const states: string[] = [];
      el.addEventListener('ce-connection-change', (e) =>
        states.push((e as CustomEvent<ConnectionState>).detail.status),
      );
      await waitUntil(() => el.events.some((e) => e.type === 'message'), 'first events', { timeout: 20_000 });
      await sim.fault({ dropStreams: true });
      await waitUntil(() => states.includes('reconnecting'), 'reconnecting shown', { timeout: 10_000 });
      await settled(el);
      expect(text(part(el, 'connection'))).to.match(/Reconnecting/);
      await waitUntil(() => el.connection.status === 'open', 'reconnected', { timeout: 20_000 });
      await waitUntil(() => outcome(el, 1) === 'completed', 'run completed after reconnect', { timeout: 40_000 });
      await settled(el);
      const history = (await (await fetch(`${sim.base}/sessions/${session_id}/events`)).json()) as {
        events: WireSessionEvent[];
      };
      const signature = (e: { type: string; timestamp: string; toolName?: string | null }) =>
        `${e.type}|${e.timestamp}|${e.toolName ?? ''}`;
      const shown = el.events.map((e) => signature(e));
      const stored = history.events.map((e) =>
        signature({ type: e.event_type, timestamp: e.timestamp, toolName: e.tool_name }),
      );
      expect(new Set(shown).size).to.equal(shown.length);
      expect(shown).to.deep.equal(stored);
      expect(cards(el).length).to.be.greaterThan(0);
    });

    it('shows the reconnect countdown while a stalled or failing coordinator is retried', async function () {
      this.timeout(30_000);
      sim = await createSim({ stepMs: 20 });
      const { session_id } = await sim.startSession({ prompt: 'hello' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      await waitUntil(() => el.connection.status === 'open', 'open', { timeout: 10_000 });
      await sim.fault({ failRequests: { status: 503, count: 2, path: '/sse/sessions' }, dropStreams: true });
      await waitUntil(() => /Reconnecting in \d+s/.test(text(part(el, 'connection'))), 'countdown', {
        timeout: 10_000,
      });
      await waitUntil(() => el.connection.status === 'open', 'back', { timeout: 20_000 });
      await settled(el);
      expect(text(part(el, 'connection'))).to.equal('Live');
    });

    it('shows offline while the browser is offline, and live again after', async function () {
      this.timeout(30_000);
      sim = await createSim({ stepMs: 20 });
      const { session_id } = await sim.startSession({ prompt: 'hello' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      await waitUntil(() => el.connection.status === 'open', 'open', { timeout: 10_000 });
      let online = true;
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
      try {
        online = false;
        window.dispatchEvent(new Event('offline'));
        await settled(el);
        expect(part(el, 'connection')!.dataset.status).to.equal('offline');
        expect(text(part(el, 'connection'))).to.equal('Offline');
        online = true;
        window.dispatchEvent(new Event('online'));
        await waitUntil(() => el.connection.status === 'open', 'back online', { timeout: 10_000 });
        await settled(el);
        expect(text(part(el, 'connection'))).to.equal('Live');
      } finally {
        delete (navigator as unknown as Record<string, unknown>).onLine;
      }
    });

    it('shows an auth error with the server message', async function () {
      this.timeout(20_000);
      sim = await createSim({ token: 'right-token' });
      const { session_id } = await sim.startSession({ prompt: 'hello' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id, token: 'wrong-token' });
      await waitUntil(() => el.connection.status === 'auth-error', 'auth error', { timeout: 10_000 });
      await settled(el);
      const pill = part(el, 'connection')!;
      expect(pill.dataset.status).to.equal('auth-error');
      expect(text(pill)).to.match(/^Not authorized \(403\)/);
      expect(text(pill).length).to.be.greaterThan('Not authorized (403)'.length + 2);

      el.token = 'right-token';
      await waitUntil(() => el.connection.status === 'open', 'authorized with the new token', { timeout: 10_000 });
      await waitUntil(() => el.events.length > 0, 'events after auth', { timeout: 10_000 });
    });

    it('uses a shared client and a token provider', async function () {
      this.timeout(30_000);
      sim = await createSim({ token: 'tok', stepMs: 10 });
      const { session_id } = await sim.startSession({ prompt: 'shared client' });
      let asked = 0;
      const lease = acquireClient({
        url: sim.sseUrl,
        tokenProvider: () => {
          asked++;
          return 'tok';
        },
      });
      try {
        const a = await live({ client: lease.client, sessionId: session_id });
        const b = await live({ client: lease.client, sessionId: session_id });
        await waitUntil(() => outcome(a, 1) === 'completed' && outcome(b, 1) === 'completed', 'both done', {
          timeout: 20_000,
        });
        expect(a.events.map((e) => e.key)).to.deep.equal(b.events.map((e) => e.key));
        expect(asked).to.be.greaterThan(0);
        expect((await sim.stats()).openStreams).to.equal(1);
      } finally {
        lease.release();
      }
    });

    it('shows a live event in the frame in which the client tells of it, not the one after', async function () {
      this.timeout(30_000);
      sim = await createSim({ stepMs: 60 });
      const { session_id } = await sim.startSession({ prompt: 'one event at a time' });
      const lease = acquireClient({ url: sim.sseUrl });
      // The frame a callback runs in: the animation timeline's time holds still within a frame.
      const frame = () => document.timeline.currentTime;
      const told = new Map<string, unknown>();
      const shown = new Map<string, unknown>();
      const watch = lease.client.watchSession(session_id, {
        onEvents: (events) => events.forEach((e) => told.set(e.key, frame())),
      });
      try {
        const el = await live({ client: lease.client, sessionId: session_id });
        const observer = new MutationObserver((records) => {
          for (const r of records)
            for (const node of r.addedNodes)
              if (node instanceof HTMLElement && node.dataset.key) shown.set(node.dataset.key, frame());
        });
        observer.observe(scroller(el), { childList: true });
        await waitUntil(() => outcome(el, 1) === 'completed', 'run completed', { timeout: 20_000 });
        observer.disconnect();
        const arrived = [...told.keys()].filter((key) => shown.has(key));
        const sameFrame = arrived.filter((key) => shown.get(key) === told.get(key));
        expect(arrived.length).to.be.greaterThan(4);
        // All of them, but for a flush that waits out a long frame on a busy machine.
        expect(sameFrame.length, `${sameFrame.length} of ${arrived.length} in the same frame`).to.be.at.least(
          Math.ceil(arrived.length / 2),
        );
      } finally {
        watch.close();
        lease.release();
      }
    });

    it('renders a 5 MB tool output from the coordinator without freezing', async function () {
      this.timeout(60_000);
      sim = await createSim({ stepMs: 10 });
      const { session_id } = await sim.startSession({ prompt: 'huge output please' });
      const el = await live({ src: sim.sseUrl, sessionId: session_id });
      await waitUntil(() => outcome(el, 1) === 'completed', 'done', { timeout: 40_000 });
      const big = el.events.find(
        (e) => typeof e.toolOutput === 'string' && (e.toolOutput as string).length > 4_000_000,
      )!;
      present(big);
      await settled(el);
      userScroll(el, 0);
      await settled(el);
      const started = performance.now();
      part(el, 'expand-all')!.click();
      await settled(el);
      await waitUntil(() => cards(el).some((c) => c.event === big), 'big card rendered', { timeout: 10_000 });
      const card = cards(el).find((c) => c.event === big)!;
      await card.updateComplete;
      expect(performance.now() - started).to.be.lessThan(5_000);
      const output = card.shadowRoot!.querySelector('[part~="output"]')!;
      await (output as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(output.shadowRoot!.querySelector('pre')!.textContent!.length).to.be.lessThan(2_100);
      expect(text(output.shadowRoot!.querySelector('[part="show-all"]'))).to.match(/Show all \(5\.\d MB\)/);
    });
  });
});
