/**
 * Pointing at events in `<event-timeline>` (issue 20): `selectedKey` / `selected-key`,
 * `scrollToEvent()`, `scrollToRun()`, `ce-event-select`, with rows the virtualizer has not rendered
 * and events still arriving; search with highlights, "n of m" and next/previous; "Errors only" and
 * next/previous error.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import './event-timeline.js';
import type { EventTimeline } from './event-timeline.component.js';
import type { EventCard } from '../event-card/event-card.component.js';
import type { CoordinatorEvent } from '../../types/model.js';
import { eventAnchor } from '../../model/anchor.js';
import { normalizeEvent } from '../../model/normalize.js';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import {
  SES,
  frames,
  inView,
  mountTimeline,
  part,
  root,
  rowOf,
  scroller,
  settled,
  syntheticSession,
  text,
} from '../../../test/support/timeline-kit.js';
import type { EventSelectDetail } from './event-timeline.events.js';

const until = (predicate: () => boolean, message: string, timeout = 10_000) =>
  waitUntil(predicate, message, { timeout, interval: 20 });

const atBottom = (el: EventTimeline) => {
  const s = scroller(el);
  return s.scrollHeight - s.scrollTop - s.clientHeight <= 48;
};
const selectedCards = (el: EventTimeline) =>
  [...scroller(el).querySelectorAll<EventCard>(':scope > event-card')].filter((c) => c.selected);

function collect(el: EventTimeline): EventSelectDetail[] {
  const out: EventSelectDetail[] = [];
  el.addEventListener('ce-event-select', (e) => out.push(e.detail));
  return out;
}

/** Appends `count` events in `batches` frames, as a live session does. */
async function arrive(el: EventTimeline, from: number, count: number, batches = 5): Promise<void> {
  const events = syntheticSession(count, SES, from);
  const size = Math.ceil(count / batches);
  for (let i = 0; i < count; i += size) {
    el.appendEvents(events.slice(i, i + size));
    await frames(2);
  }
  await settled(el);
}

describe('<event-timeline> pointing at events', function () {
  this.timeout(60_000);
  before(async () => {
    await setViewport({ width: 1000, height: 1000 });
  });

  it('selectedKey selects an event whose row is not rendered, brings it into view and holds following', async () => {
    const el = await mountTimeline(syntheticSession(2000), {}, 400);
    const selections = collect(el);
    expect(atBottom(el)).to.equal(true);
    const target = el.events[37];
    expect(rowOf(el, target.key), 'not rendered at first').to.equal(null);
    el.selectedKey = target.key;
    await until(() => inView(el, target.key), 'brought into view');
    await settled(el);
    expect(inView(el, target.key)).to.equal(true);
    expect(el.selectedKey).to.equal(target.key);
    expect(el.selectedEvent).to.equal(target);
    expect(selectedCards(el).map((c) => c.event)).to.deep.equal([target]);
    expect(part(el, 'jump'), 'following is off: the jump is offered').to.not.equal(null);
    expect(selections, 'the page set it: no event').to.deep.equal([]);
    // None: nothing selected.
    el.selectedKey = null;
    await settled(el);
    expect(selectedCards(el)).to.deep.equal([]);
    expect(el.selectedEvent).to.equal(null);
  });

  it('a following timeline does not undo a selection as events keep arriving, not even at the bottom', async () => {
    const el = await mountTimeline(syntheticSession(300), {}, 400);
    const early = el.events[120];
    el.setAttribute('selected-key', early.key);
    await until(() => inView(el, early.key), 'early event in view');
    await arrive(el, 300, 150);
    expect(inView(el, early.key), 'still in view after arrivals').to.equal(true);
    expect(atBottom(el)).to.equal(false);
    // The last event, while at the bottom: arrivals do not pull the list past it either.
    const last = el.events[el.events.length - 1];
    el.selectedKey = last.key;
    await until(() => inView(el, last.key), 'last in view');
    await arrive(el, 450, 150);
    expect(inView(el, last.key), 'the selected last event stays in view').to.equal(true);
    // Jump to latest follows again.
    part(el, 'jump')!.click();
    await settled(el);
    await arrive(el, 600, 20);
    expect(atBottom(el)).to.equal(true);
  });

  it('selects an event that has not arrived yet when it arrives (an anchor, as a link gives)', async () => {
    const all = syntheticSession(400);
    const el = await mountTimeline(all.slice(0, 200), {}, 400);
    const later = normalizeEvent(all[250]);
    const anchor = eventAnchor(later);
    el.setAttribute('selected-key', anchor);
    await settled(el);
    expect(el.selectedKey).to.equal(anchor);
    expect(el.selectedEvent).to.equal(null);
    await arrive(el, 200, 100);
    await until(() => el.selectedEvent !== null && inView(el, el.selectedEvent.key), 'selected on arrival');
    expect(eventAnchor(el.selectedEvent!)).to.equal(anchor);
    expect(el.selectedEvent!.raw).to.deep.equal(all[250]);
    expect(el.selectedKey).to.equal(el.selectedEvent!.key);
  });

  it('reveals a selected event hidden by a collapsed run or a filter', async () => {
    const el = await mountTimeline(syntheticSession(200), {}, 400);
    const target = el.events.find((e) => e.type === 'message' && e.text === 'Message number 131')!;
    // Its run collapsed, and a filter that hides messages.
    root(el)
      .querySelectorAll<HTMLButtonElement>('[part~="run-toggle"]')
      .forEach((b) => b.click());
    (root(el).querySelector('[part~="filter-chip"][data-category="message"]') as HTMLButtonElement).click();
    await settled(el);
    el.selectedKey = target.key;
    await until(() => inView(el, target.key), 'revealed and in view');
    expect(el.visibleEvents).to.include(target);
  });

  it('scrollToEvent() and scrollToRun() bring rows into view without selecting; unknown ones say false', async () => {
    const el = await mountTimeline(syntheticSession(2000), {}, 400);
    const selections = collect(el);
    const target = el.events[512];
    expect(await el.scrollToEvent(target.key)).to.equal(true);
    await settled(el);
    expect(inView(el, target.key)).to.equal(true);
    expect(el.selectedEvent).to.equal(null);
    expect(await el.scrollToEvent(eventAnchor(el.events[1500]))).to.equal(true);
    await settled(el);
    expect(inView(el, el.events[1500].key)).to.equal(true);
    expect(await el.scrollToRun(3)).to.equal(true);
    await settled(el);
    expect(inView(el, 'run-3')).to.equal(true);
    expect(await el.scrollToEvent('no-such-key')).to.equal(false);
    expect(await el.scrollToRun(999)).to.equal(false);
    expect(selections).to.deep.equal([]);
    expect(part(el, 'jump')).to.not.equal(null);
  });

  it('fires ce-event-select with the anchor when the user selects', async () => {
    const el = await mountTimeline(syntheticSession(30));
    const selections = collect(el);
    const card = [...scroller(el).querySelectorAll<EventCard>(':scope > event-card')].at(-2)!;
    card.shadowRoot!.querySelector<HTMLElement>('[part~="type"]')!.click();
    await settled(el);
    expect(selections).to.have.length(1);
    expect(selections[0].event).to.equal(card.event);
    expect(selections[0].anchor).to.equal(eventAnchor(card.event as CoordinatorEvent));
    expect(el.selectedKey).to.equal(card.event!.key);
  });
});

describe('<event-timeline> search and errors', function () {
  this.timeout(60_000);

  async function search(el: EventTimeline, query: string): Promise<void> {
    const input = part(el, 'search-input') as HTMLInputElement;
    input.value = query;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settled(el);
  }
  const enter = async (el: EventTimeline, shiftKey = false) => {
    part(el, 'search-input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey }));
    await settled(el);
  };
  const count = (el: EventTimeline) => text(part(el, 'search-count'));

  it('counts matches ("n of m"), goes to the next and previous one, and highlights them in the cards', async () => {
    const el = await mountTimeline(syntheticSession(400), {}, 400);
    const selections = collect(el);
    // Enter applies the search and goes to the first match.
    await search(el, 'message number 1');
    const matches = el.visibleEvents;
    // Messages 1, 11, 16, 21, …, 101, 106, …: every one whose number starts with 1.
    expect(matches.length).to.be.greaterThan(10);
    expect(matches.every((e) => /^Message number 1/.test(e.text ?? ''))).to.equal(true);
    expect(count(el)).to.equal(`1 of ${matches.length}`);
    expect(el.selectedEvent).to.equal(matches[0]);
    await until(() => inView(el, matches[0].key), 'first match in view');
    await enter(el);
    expect(count(el)).to.equal(`2 of ${matches.length}`);
    await enter(el, true);
    expect(count(el)).to.equal(`1 of ${matches.length}`);
    // Previous from the first wraps to the last, which is not rendered: brought into view.
    part(el, 'previous-match')!.click();
    await settled(el);
    expect(count(el)).to.equal(`${matches.length} of ${matches.length}`);
    await until(() => inView(el, matches.at(-1)!.key), 'last match in view');
    part(el, 'next-match')!.click();
    await settled(el);
    expect(count(el)).to.equal(`1 of ${matches.length}`);
    expect(selections.map((d) => d.event)).to.deep.equal([
      matches[0],
      matches[1],
      matches[0],
      matches.at(-1),
      matches[0],
    ]);

    // Highlighted in the rendered cards (where the browser can): every match, the selected one apart.
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    if (registry) {
      await until(() => (registry.get('ce-search-current')?.size ?? 0) > 0, 'current match highlighted');
      const all = [...(registry.get('ce-search-match') ?? []), ...registry.get('ce-search-current')!];
      expect(all.length).to.be.greaterThan(1);
      for (const range of all) expect(range.toString().toLowerCase()).to.equal('message number 1');
      const current = [...registry.get('ce-search-current')!];
      const selectedCard = rowOf(el, matches[0].key)!;
      for (const range of current) {
        let node: Node | null = range.startContainer;
        while (node && node !== selectedCard) node = (node.parentNode ?? (node as ShadowRoot).host) as Node | null;
        expect(node, 'the current highlight is in the selected card').to.equal(selectedCard);
      }
      // No search: no highlight.
      await search(el, '');
      await frames(3);
      expect((registry.get('ce-search-match')?.size ?? 0) + (registry.get('ce-search-current')?.size ?? 0)).to.equal(0);
      expect(part(el, 'search-count')).to.equal(null);
    }
  });

  it('says when nothing matches', async () => {
    const el = await mountTimeline(syntheticSession(60));
    await search(el, 'no such text anywhere');
    expect(count(el)).to.equal('No matches');
    expect((part(el, 'next-match') as HTMLButtonElement).disabled).to.equal(true);
    expect(part(el, 'empty')!.dataset.kind).to.equal('no-match');
  });

  it('"Errors only" shows the failed events; next/previous error (buttons, e/E) go from one to the next', async () => {
    const el = await mountTimeline(syntheticSession(300), {}, 400);
    const failed = el.events.filter((e) => e.failed);
    expect(failed.length).to.be.greaterThan(5);
    const toggle = part(el, 'errors-only') as HTMLButtonElement;
    expect(text(toggle)).to.contain(`Errors only ${failed.length}`);
    toggle.click();
    await settled(el);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(el.visibleEvents).to.deep.equal(failed);
    toggle.click();
    await settled(el);
    expect(el.visibleEvents.length).to.equal(300);

    part(el, 'next-error')!.click();
    await settled(el);
    expect(el.selectedEvent).to.equal(failed[0]);
    await until(() => inView(el, failed[0].key), 'first error in view');
    // From the list, with the keyboard: e / Shift+E, and the row gets the focus.
    const row = rowOf(el, failed[0].key)!;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true, composed: true }));
    await settled(el);
    expect(el.selectedEvent).to.equal(failed[1]);
    await until(() => (root(el).activeElement as HTMLElement | null)?.dataset.key === failed[1].key, 'focused');
    (root(el).activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'E', shiftKey: true, bubbles: true, composed: true }),
    );
    await settled(el);
    expect(el.selectedEvent).to.equal(failed[0]);
    part(el, 'previous-error')!.click();
    await settled(el);
    expect(el.selectedEvent, 'wraps to the last').to.equal(failed.at(-1));
    await until(() => inView(el, failed.at(-1)!.key), 'last error in view');
  });
});

describe('<event-timeline> a link to an event of a coordinator session', function () {
  this.timeout(60_000);
  let sim: SimInstance | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('selects the linked event once the history has loaded (the anchor is the same as in any other window)', async () => {
    sim = await createSim({ stepMs: 5 });
    const { session_id } = await sim.startSession({ prompt: 'List the files and summarize', runs: 3 });
    const history = async () =>
      ((await (await fetch(`${sim!.base}/sessions/${session_id}/events`)).json()) as { events: never[] }).events;
    await waitUntil(
      async () =>
        (await history()).filter((e: { event_type: string }) => e.event_type === 'run_completed').length === 3,
      'runs done',
      {
        timeout: 20_000,
        interval: 100,
      },
    );
    // Another window's link: the anchor of the 5th event, from its own copy of the history.
    const linked = normalizeEvent((await history())[4]);
    const el = await fixture<EventTimeline>(
      html`<event-timeline
        style="height:300px"
        src=${sim.sseUrl}
        session-id=${session_id}
        selected-key=${eventAnchor(linked)}
      ></event-timeline>`,
    );
    await until(() => el.selectedEvent !== null, 'selected after loading', 20_000);
    expect(el.selectedEvent!.type).to.equal(linked.type);
    expect(el.selectedEvent!.timestamp).to.equal(linked.timestamp);
    await until(() => inView(el, el.selectedEvent!.key), 'in view');
    expect(selectedCards(el).map((c) => c.event)).to.deep.equal([el.selectedEvent]);
  });
});
