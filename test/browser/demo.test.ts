/**
 * The demo page (`npm start`) as a new user meets it, against the simulated coordinator: the page is
 * demo/index.html with demo/main.ts, the host that owns `session-id` and the address. A link
 * (`#session=…&event=…`) opens that session with that event selected; selecting another event keeps it
 * in the address; a message to a failed session stays visible and the page follows the new session.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createSim, type SimInstance } from '../support/sim.js';
import { eventAnchor } from '../../src/model/anchor.js';
import { normalizeEvent } from '../../src/model/normalize.js';
import type { EventTimeline } from '../../src/components/event-timeline/event-timeline.component.js';
import type { ChatPanel } from '../../src/components/chat-panel/chat-panel.component.js';
import type { EventCard } from '../../src/components/event-card/event-card.component.js';
import type { RunSwimlanes } from '../../src/components/run-swimlanes/run-swimlanes.component.js';
import { inView } from '../support/timeline-kit.js';

const until = (predicate: () => boolean, message: string, timeout = 20_000) =>
  waitUntil(predicate, message, { timeout, interval: 25 });

const link = () => new URLSearchParams(location.hash.slice(1));
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const msgs = (chat: ChatPanel) =>
  [...chat.shadowRoot!.querySelectorAll<HTMLElement>('.msg')].map((m) =>
    m.classList.contains('user') ? `U:${m.querySelector('.bubble')!.textContent}` : `A:${m.dataset.state}`,
  );

describe('the demo page', function () {
  this.timeout(90_000);
  let sim: SimInstance;

  after(async () => {
    await sim?.close();
  });

  it('opens the session and event a link names, keeps selections in the address, and follows a continued chat', async () => {
    sim = await createSim({ stepMs: 5 });
    const { session_id: failed } = await sim.startSession({ prompt: 'please fail', runs: 1 });
    // A session of many runs, for the swimlanes' way into the timeline.
    const { session_id: long } = await sim.startSession({ prompt: 'a long one', runs: 8 });
    type Wire = { event_type: string };
    const history = async () =>
      ((await (await fetch(`${sim.base}/sessions/${failed}/events`)).json()) as { events: Wire[] }).events;
    const status = async () =>
      ((await (await fetch(`${sim.base}/sessions/${failed}`)).json()) as { session: { status: string } }).session
        .status;
    await waitUntil(async () => (await status()) === 'failed', 'failed', { timeout: 20_000, interval: 50 });
    const events = await history();
    expect(events.length).to.be.greaterThan(2);
    const linked = normalizeEvent(events[1] as never);

    // The page, as `npm start` serves it, opened from a link.
    const page = new DOMParser().parseFromString(await (await fetch('/demo/index.html')).text(), 'text/html');
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/demo/demo.css';
    document.head.append(css);
    document.body.innerHTML = page.body.innerHTML;
    (window as { __COORDINATOR_URL__?: string }).__COORDINATOR_URL__ = sim.base;
    replaceHash(`#session=${failed}&event=${encodeURIComponent(eventAnchor(linked))}`);
    const main = '/demo/main.ts';
    await import(/* @vite-ignore */ main);

    const timeline = $<EventTimeline>('timeline');
    const chat = $<ChatPanel>('chat');
    expect(timeline.sessionId).to.equal(failed);
    expect(chat.sessionId).to.equal(failed);
    await until(() => timeline.selectedEvent !== null, 'the linked event selected');
    expect(timeline.selectedEvent!.type).to.equal(linked.type);
    expect(timeline.selectedEvent!.timestamp).to.equal(linked.timestamp);
    expect(link().get('session')).to.equal(failed);
    expect(link().get('event')).to.equal(eventAnchor(linked));

    // The user selects another event: the address names it.
    const cards = () => [...timeline.shadowRoot!.querySelectorAll<EventCard>('event-card')];
    // The page is taller than the test's window: a list renders only what is on screen, as for a user.
    timeline.scrollIntoView();
    await until(() => cards().some((c) => c.event && c.event.key !== timeline.selectedEvent!.key), 'cards');
    const other = cards().find((c) => c.event && c.event.key !== timeline.selectedEvent!.key)!;
    other.click();
    await until(() => link().get('event') === eventAnchor(other.event!), 'the selection in the address');
    expect(link().get('session')).to.equal(failed);

    // A message to the failed session: stays shown, and the page (timeline, address) follows the new session.
    await until(() => msgs(chat).length >= 2, 'the old thread shown');
    chat.draft = 'Please try again';
    await chat.send();
    await until(() => link().get('session') !== failed, 'the address follows the new session');
    const next = link().get('session')!;
    expect(next).to.match(/^ses_/);
    expect(link().get('event')).to.equal(null);
    await until(() => msgs(chat).at(-1) === 'A:done', 'answered in the new session');
    expect(msgs(chat)).to.include('U:Please try again');
    expect(chat.sessionId).to.equal(next);
    expect(timeline.sessionId).to.equal(next);

    // A run picked in the swimlanes: its session in the timeline, scrolled to that run (the first of
    // eight, which a timeline following the newest events does not show by itself).
    const status2 = async () =>
      ((await (await fetch(`${sim.base}/sessions/${long}`)).json()) as { session: { status: string } }).session.status;
    await waitUntil(async () => ['idle', 'finished'].includes(await status2()), 'the long session done', {
      timeout: 30_000,
      interval: 100,
    });
    const lanes = $<RunSwimlanes>('lanes');
    const block = () =>
      lanes.shadowRoot!.querySelector<HTMLElement>(`[part~="run"][data-session="${long}"][data-run="1"]`);
    lanes.scrollIntoView();
    await until(() => block() !== null, 'the first run of the long session in its lane');
    // Seen, not only in the DOM: the page's styles leave the lanes their room (a page's `display: block`
    // on the element once collapsed its grid to nothing).
    const grid = lanes.shadowRoot!.querySelector<HTMLElement>('[part~="grid"]')!;
    expect(grid.clientHeight, 'the lanes have room').to.be.greaterThan(100);
    block()!.click();
    timeline.scrollIntoView();
    await until(() => timeline.sessionId === long, "the timeline shows the run's session");
    expect(link().get('session')).to.equal(long);
    await until(() => timeline.runs.length === 8, 'its eight runs');
    await until(() => inView(timeline, 'run-1'), 'the timeline at the first run');
    await new Promise((r) => setTimeout(r, 500));
    expect(inView(timeline, 'run-1'), 'still there while following is held').to.equal(true);
    expect(inView(timeline, 'run-8')).to.equal(false);
  });
});

function replaceHash(hash: string) {
  history.replaceState(null, '', hash);
}
