import { expect, fixture, html } from '@open-wc/testing';
import './run-swimlanes.js';
import '../../locales/de.js';
import type { RunSwimlanes } from './run-swimlanes.component.js';
import type { RunSelectDetail } from './run-swimlanes.events.js';
import type { WireSession } from '../../types/wire.js';
import { CoordinatorClient } from '../../client/client.js';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import { waitFor } from '../../../test/support/client-kit.js';
import { wireEvent } from '../../../test/support/wire-events.mjs';
import { laneKeyAction } from './swimlanes-keys.js';

const now = Date.now();
const T0 = Math.floor(now / 60_000) * 60_000 - 10 * 60_000;
const iso = (t: number) => new Date(t).toISOString();

function wire(id: string, fields: Partial<WireSession> = {}): WireSession {
  return {
    session_id: id,
    status: 'idle',
    created_at: iso(T0),
    agent_name: null,
    parent_session_id: null,
    last_resumed_at: null,
    project_dir: null,
    executor_session_id: null,
    executor_profile: null,
    hostname: null,
    ...fields,
  };
}

const ev = (session_id: string, event_type: string, at: number, fields: Record<string, unknown> = {}) =>
  wireEvent({ session_id, event_type, timestamp: iso(at), ...fields });
const tool = (sid: string, at: number, error: string | null = null) =>
  ev(sid, 'post_tool', at, { tool_name: 'Bash', tool_input: { command: 'ls' }, error });
const ask = (sid: string, at: number, text: string) =>
  ev(sid, 'message', at, { role: 'user', content: [{ type: 'text', text }] });

const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

async function mount(attrs: Record<string, unknown> = {}, height = 400, width = 1000): Promise<RunSwimlanes> {
  const el = await fixture<RunSwimlanes>(
    html`<run-swimlanes style="height:${height}px;width:${width}px"></run-swimlanes>`,
  );
  Object.assign(el, attrs);
  el.scrollIntoView({ block: 'start' });
  await settle(el);
  return el;
}

async function settle(el: RunSwimlanes): Promise<void> {
  await el.updateComplete;
  await frames(2);
  await el.updateComplete;
}

const root = (el: RunSwimlanes) => el.shadowRoot!;
const part = (el: RunSwimlanes, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const blocks = (el: RunSwimlanes, sid?: string) => [
  ...root(el).querySelectorAll<HTMLElement>(`[part~="run"]${sid ? `[data-session="${sid}"]` : ''}`),
];
const block = (el: RunSwimlanes, sid: string, run: number) =>
  root(el).querySelector<HTMLElement>(`[part~="run"][data-session="${sid}"][data-run="${run}"]`);
const label = (el: RunSwimlanes, sid: string) =>
  root(el).querySelector<HTMLElement>(`[part~="lane-label"][data-session="${sid}"]`);
const lanes = (el: RunSwimlanes) => [...root(el).querySelectorAll<HTMLElement>('[role="row"]')];
const state = (el: RunSwimlanes) => part(el, 'state')?.dataset.state ?? null;

function press(target: Element, key: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
}

/** Block's left and width relative to the axis (px). */
function geometry(el: RunSwimlanes, b: HTMLElement): { left: number; width: number } {
  const axis = root(el).querySelector('.axis-cell')!.getBoundingClientRect();
  const r = b.getBoundingClientRect();
  return { left: r.left - axis.left, width: r.width };
}

/** Two sessions: A with a completed run and a failed resume, B (child of A) running. */
function hostData() {
  const a = 'ses_aaaa00000001';
  const b = 'ses_bbbb00000002';
  const sessions = [
    wire(a, { status: 'failed', agent_name: 'lead' }),
    wire(b, { status: 'running', parent_session_id: a, agent_name: 'coder', created_at: iso(T0 + 30_000) }),
  ];
  const events = [
    ev(a, 'run_start', T0),
    ask(a, T0 + 100, 'Plan the release'),
    tool(a, T0 + 5_000),
    tool(a, T0 + 10_000),
    ev(a, 'run_completed', T0 + 60_000, { exit_code: 0, reason: 'completed' }),
    ev(a, 'run_start', T0 + 120_000),
    tool(a, T0 + 130_000, 'boom'),
    ev(b, 'run_start', T0 + 30_000),
    ask(b, T0 + 30_100, 'Write the changelog'),
    tool(b, T0 + 40_000),
  ];
  return { a, b, sessions, events };
}

describe('<run-swimlanes> from the page’s data', function () {
  this.timeout(8000);
  it('places blocks to the pixel at a known zoom: start, duration, outcome, start vs resume', async () => {
    const { a, b, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    const width = root(el).querySelector('.axis-cell')!.clientWidth;
    // Ten minutes across the axis.
    el.setView(T0, T0 + 600_000);
    await settle(el);
    const msPerPx = 600_000 / width;
    expect(el.following).to.equal(false);
    expect(el.laneIds).to.deep.equal([a, b]);
    const first = geometry(el, block(el, a, 1)!);
    expect(first.left).to.be.closeTo(0, 1);
    expect(first.width).to.be.closeTo(60_000 / msPerPx, 1);
    const second = geometry(el, block(el, a, 2)!);
    expect(second.left).to.be.closeTo(120_000 / msPerPx, 1);
    // Failed without a completion marker: closed at its last event by the session status.
    expect(second.width).to.be.closeTo(10_000 / msPerPx, 1);
    expect(block(el, a, 1)!.getAttribute('part')).to.equal('run completed');
    expect(block(el, a, 2)!.getAttribute('part')).to.equal('run failed');
    expect(block(el, a, 1)!.dataset.kind).to.equal('start');
    expect(block(el, a, 2)!.dataset.kind).to.equal('resume');
    expect(block(el, b, 1)!.getAttribute('part')).to.equal('run running');
    // Names say everything the tooltip does, in words.
    const name = block(el, a, 2)!.getAttribute('aria-label')!;
    expect(name).to.match(/^Run 2 \(resumed\), failed, .+, 10 s, 1 tool, 1 error$/);
    expect(block(el, a, 1)!.getAttribute('aria-label')).to.include(': Plan the release');
    // The child lane is indented under its parent.
    expect(label(el, a)!.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(label(el, b)!).paddingInlineStart).to.not.equal(
      getComputedStyle(label(el, a)!).paddingInlineStart,
    );
  });

  it('a running block grows live and the now line moves while following', async () => {
    const { b, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    expect(el.following).to.equal(true);
    // Close enough that a second is many pixels: 12 s across, then following again at that scale.
    el.setView(Date.now() - 10_000, Date.now() + 2_000);
    el.followNow();
    await settle(el);
    expect(el.following).to.equal(true);
    const w1 = block(el, b, 1)!.getBoundingClientRect().width;
    const line1 = part(el, 'now-line')!.getBoundingClientRect().left;
    const { start, end } = el.view;
    const msPerPx = (end - start) / root(el).querySelector('.axis-cell')!.clientWidth;
    const t1 = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    await frames(2);
    const grown = block(el, b, 1)!.getBoundingClientRect().width - w1;
    const expected = (Date.now() - t1) / msPerPx;
    expect(expected).to.be.above(50);
    expect(grown).to.be.closeTo(expected, 3);
    // Following: the now line stays where it is, the blocks move left under it.
    expect(part(el, 'now-line')!.getBoundingClientRect().left).to.be.closeTo(line1, 1);
  });

  it('zooms, pans (drag, wheel, keys), fits all and follows now again', async () => {
    const { a, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    el.setView(T0, T0 + 600_000);
    await settle(el);
    const span = () => el.view.end - el.view.start;
    const s0 = span();
    (part(el, 'zoom-in') as HTMLButtonElement).click();
    await settle(el);
    expect(span()).to.be.closeTo(s0 / 2, 1);
    // Ctrl+wheel zooms around the pointer: the time under it stays.
    const axis = root(el).querySelector('.axis-cell')!.getBoundingClientRect();
    const track = root(el).querySelector('.track')!;
    const at = el.view.start + (100 * span()) / axis.width;
    track.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -100,
        ctrlKey: true,
        clientX: axis.left + 100,
        clientY: axis.bottom + 10,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await settle(el);
    expect(span()).to.be.below(s0 / 2);
    expect(el.view.start + (100 * span()) / axis.width).to.be.closeTo(at, 20);
    // Sideways wheel pans.
    const before = el.view.start;
    track.dispatchEvent(
      new WheelEvent('wheel', {
        deltaX: 50,
        clientX: axis.left + 100,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await settle(el);
    expect(el.view.start - before).to.be.closeTo((50 * span()) / axis.width, 1);
    // Drag pans the other way; following stays off.
    el.followNow();
    await settle(el);
    expect(el.following).to.equal(true);
    const start = el.view.start;
    const opts = { bubbles: true, composed: true, pointerId: 1, button: 0, buttons: 1, clientY: axis.bottom + 10 };
    track.dispatchEvent(new PointerEvent('pointerdown', { ...opts, clientX: axis.left + 300 }));
    track.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: axis.left + 400 }));
    track.dispatchEvent(new PointerEvent('pointerup', { ...opts, clientX: axis.left + 400 }));
    await settle(el);
    expect(el.following).to.equal(false);
    expect(part(el, 'follow')!.getAttribute('aria-pressed')).to.equal('false');
    expect(start - el.view.start).to.be.closeTo((100 * span()) / axis.width, (2 * span()) / axis.width);
    // Fit all shows every run; the follow button brings following back.
    (part(el, 'fit') as HTMLButtonElement).click();
    await settle(el);
    expect(el.view.start).to.be.below(T0);
    expect(el.view.end).to.be.above(Date.now() - 1000);
    (part(el, 'follow') as HTMLButtonElement).click();
    await settle(el);
    expect(el.following).to.equal(true);
    // Keys: Shift+ArrowRight pans, '-' zooms out.
    label(el, a)!.focus();
    const s1 = span();
    press(label(el, a)!, '-');
    await settle(el);
    expect(span()).to.be.closeTo(s1 * 2, 1);
    const p = el.view.start;
    press(label(el, a)!, 'ArrowRight', { shiftKey: true });
    await settle(el);
    expect(el.view.start).to.be.above(p);
    expect(el.following).to.equal(false);
  });

  it('keys typed ahead act on where the previous key moved the focus', async () => {
    const { a, b, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    el.setView(T0 - 60_000, T0 + 300_000);
    await settle(el);
    const picks: RunSelectDetail[] = [];
    el.addEventListener('ce-run-select', (e) => picks.push(e.detail));
    label(el, b)!.focus();
    // Keys come as tasks of their own, not in a frame's callbacks.
    await new Promise((r) => setTimeout(r, 20));
    // Without waiting for a frame between them: the second key goes to the run the first one reached.
    const typed = (key: string) => press(root(el).activeElement!, key);
    typed('ArrowRight');
    await new Promise((r) => setTimeout(r));
    typed('Enter');
    expect(picks).to.deep.equal([{ sessionId: b, runIndex: 1 }]);
    expect(el.laneIds).to.deep.equal([a, b]);
  });

  it('the time axis is a slider: arrow keys pan, Home fits all, End follows now; its value is the window', async () => {
    const { sessions, events } = hostData();
    const el = await mount({ sessions, events });
    el.setView(T0, T0 + 600_000);
    await settle(el);
    const axis = part(el, 'axis')!;
    expect(axis.getAttribute('role')).to.equal('slider');
    expect(axis.tabIndex).to.equal(0);
    expect(axis.getAttribute('aria-label')).to.equal('Time window');
    expect(Number(axis.getAttribute('aria-valuenow'))).to.equal(Math.round(T0 / 1000));
    expect(Number(axis.getAttribute('aria-valuemin'))).to.be.at.most(Math.round(T0 / 1000));
    expect(Number(axis.getAttribute('aria-valuemax'))).to.be.at.least(Math.floor(Date.now() / 1000));
    const text = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    expect(axis.getAttribute('aria-valuetext')).to.equal(`${text.format(T0)} to ${text.format(T0 + 600_000)}`);
    axis.focus();
    press(axis, 'ArrowRight');
    await settle(el);
    expect(el.view.start - T0, 'a tenth of the view later').to.be.closeTo(60_000, 50);
    press(axis, 'ArrowLeft', { shiftKey: true });
    await settle(el);
    expect(el.view.start - T0, 'most of a view earlier').to.be.closeTo(60_000 - 480_000, 50);
    expect(Number(axis.getAttribute('aria-valuenow'))).to.equal(Math.round(el.view.start / 1000));
    press(axis, '+');
    await settle(el);
    expect(el.view.end - el.view.start).to.be.closeTo(300_000, 50);
    press(axis, 'Home');
    await settle(el);
    expect(el.view.start).to.be.below(T0);
    expect(el.following).to.equal(false);
    press(axis, 'End');
    await settle(el);
    expect(el.following).to.equal(true);
    expect(root(el).activeElement).to.equal(axis);
  });

  it('keyboard as a grid: lanes up and down, runs left and right, Enter selects; a click selects too', async () => {
    const { a, b, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    el.setView(T0 - 60_000, T0 + 540_000);
    await settle(el);
    const picks: RunSelectDetail[] = [];
    el.addEventListener('ce-run-select', (e) => picks.push(e.detail));
    expect(label(el, a)!.tabIndex).to.equal(0);
    label(el, a)!.focus();
    press(label(el, a)!, 'ArrowRight');
    await settle(el);
    expect(root(el).activeElement).to.equal(block(el, a, 1));
    expect(block(el, a, 1)!.tabIndex).to.equal(0);
    expect(part(el, 'tooltip')!.textContent).to.include('Plan the release');
    press(block(el, a, 1)!, 'ArrowRight');
    await settle(el);
    expect(root(el).activeElement).to.equal(block(el, a, 2));
    // Down: the run of the next lane closest in time.
    press(block(el, a, 2)!, 'ArrowDown');
    await settle(el);
    expect(root(el).activeElement).to.equal(block(el, b, 1));
    press(block(el, b, 1)!, 'Enter');
    await settle(el);
    expect(picks).to.deep.equal([{ sessionId: b, runIndex: 1 }]);
    expect(el.selectedSession).to.equal(b);
    expect(root(el).querySelector(`[role="row"][data-id="${b}"]`)!.getAttribute('aria-selected')).to.equal('true');
    press(block(el, b, 1)!, 'ArrowLeft');
    await settle(el);
    expect(root(el).activeElement).to.equal(label(el, b));
    block(el, a, 2)!.click();
    expect(picks.at(-1)).to.deep.equal({ sessionId: a, runIndex: 2 });
    // A parent's label collapses its children with Enter.
    label(el, a)!.focus();
    press(label(el, a)!, 'Enter');
    await settle(el);
    expect(el.laneIds).to.deep.equal([a]);
  });

  it('the tooltip shows the run under the pointer, else the focused one, and Escape dismisses it', async () => {
    const { a, b, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    el.setView(T0 - 60_000, T0 + 300_000);
    await settle(el);
    const tip = () => part(el, 'tooltip')?.textContent ?? null;
    const move = (target: Element, type = 'pointermove') =>
      target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, pointerId: 1 }));
    label(el, a)!.focus();
    press(label(el, a)!, 'ArrowRight');
    await settle(el);
    expect(tip()).to.include('Plan the release');
    // A pointer resting elsewhere on the lanes (or moved by the layout) leaves the focused run's tooltip.
    move(label(el, b)!);
    await settle(el);
    expect(tip()).to.include('Plan the release');
    move(block(el, b, 1)!);
    await settle(el);
    expect(tip()).to.include('Write the changelog');
    move(part(el, 'grid')!, 'pointerleave');
    await settle(el);
    expect(tip()).to.include('Plan the release');
    press(block(el, a, 1)!, 'Escape');
    await settle(el);
    expect(tip()).to.equal(null);
    expect(root(el).activeElement).to.equal(block(el, a, 1));
    block(el, a, 1)!.blur();
    await settle(el);
    expect(tip()).to.equal(null);
  });

  it('the activity strip counts the events in view by category', async () => {
    const { sessions, events } = hostData();
    const el = await mount({ sessions, events });
    el.setView(T0 - 60_000, T0 + 300_000);
    await settle(el);
    const strip = part(el, 'activity')!;
    // Tools: 2 (A) + 1 (B); the failed tool is an error; messages: the two prompts.
    expect([strip.dataset.tools, strip.dataset.messages, strip.dataset.errors]).to.deep.equal(['3', '2', '1']);
    expect(strip.getAttribute('aria-label')).to.equal('Activity in view: 3 tool calls, 2 messages, 1 error');
    el.setView(T0 + 100_000, T0 + 200_000);
    await settle(el);
    expect([strip.dataset.tools, strip.dataset.errors]).to.deep.equal(['0', '1']);
  });

  it('a page’s data is drawn from the lanes in view first; the rest is folded when the page is idle', async () => {
    const el = await mount({}, 300);
    const ids = Array.from({ length: 300 }, (_, i) => `ses_many${String(i).padStart(8, '0')}`);
    el.sessions = ids.map((id) => wire(id));
    el.events = ids.flatMap((id, i) => [
      ev(id, 'run_start', T0 + i * 100),
      tool(id, T0 + i * 100 + 10),
      ev(id, 'run_completed', T0 + i * 100 + 50, { exit_code: 0 }),
    ]);
    el.setView(T0 - 60_000, T0 + 120_000);
    // The first frame: blocks in view, and the strip counts only what was folded for them.
    await new Promise((r) => requestAnimationFrame(r));
    const strip = part(el, 'activity')!;
    expect(blocks(el).length).to.be.greaterThan(0);
    expect(Number(strip.dataset.tools)).to.be.greaterThan(0).and.lessThan(100);
    await settle(el);
    expect(strip.dataset.tools).to.equal('300');
    // Events appended to a lane that is drawn follow what it has.
    const first = ids.find((id) => blocks(el, id).length)!;
    el.appendEvents([ev(first, 'run_start', T0 + 100_000), tool(first, T0 + 100_010)]);
    expect(el.runsOf(first).map((r) => [r.index, r.kind, r.toolCount])).to.deep.equal([
      [1, 'start', 1],
      [2, 'resume', 1],
    ]);
  });

  it('the table view lists every run with the same facts, and selects from it', async () => {
    const { a, sessions, events } = hostData();
    const el = await mount({ sessions, events });
    (part(el, 'table-toggle') as HTMLButtonElement).click();
    await settle(el);
    expect(el.table).to.equal(true);
    const rows = [...root(el).querySelectorAll('tbody tr')];
    expect(rows.length).to.equal(3);
    expect(rows[1].textContent).to.include('resumed').and.include('failed').and.include('10 s');
    const picks: RunSelectDetail[] = [];
    el.addEventListener('ce-run-select', (e) => picks.push(e.detail));
    rows[1].querySelector('button')!.click();
    expect(picks).to.deep.equal([{ sessionId: a, runIndex: 2 }]);
  });

  it('ticks are locale-aware: German words and formats under lang="de"', async () => {
    const { sessions, events } = hostData();
    const el = await mount({ sessions, events, lang: 'de' });
    el.lang = 'de';
    el.setView(T0, T0 + 3 * 86_400_000);
    await settle(el);
    const labels = [...root(el).querySelectorAll('[part~="tick"]')].map((t) => t.textContent!.trim());
    expect(labels.length).to.be.greaterThan(1);
    const expected = new Intl.DateTimeFormat('de', { month: 'short', day: 'numeric' }).format(T0 + 86_400_000);
    expect(labels.some((l) => l === expected)).to.equal(true);
    expect(part(el, 'fit')!.textContent!.trim()).to.equal('Alles zeigen');
  });
});

describe('laneKeyAction', () => {
  it('Home/End go to a lane’s first and last run; keys with modifiers are the browser’s', () => {
    const run = (index: number, start: number) => ({
      sessionId: 'a',
      index,
      kind: 'start' as const,
      start,
      end: start + 1,
      outcome: 'completed' as const,
      toolCount: 0,
      errorCount: 0,
      prompt: null,
    });
    const model = {
      rows: [{ id: 'a', expandable: false } as never],
      index: new Map([['a', 0]]),
      runs: () => [run(1, 0), run(2, 10), run(3, 20)],
      width: 500,
      pageSize: 5,
    };
    const key = (k: string, extra = {}) =>
      laneKeyAction(
        model,
        { lane: 'a', run: 2 },
        { key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...extra },
      );
    expect(key('End')).to.deep.equal({ kind: 'focus', item: { lane: 'a', run: 3 } });
    expect(key('Home')).to.deep.equal({ kind: 'focus', item: { lane: 'a', run: 1 } });
    expect(key('PageDown')).to.deep.equal({ kind: 'pan', dx: 400 });
    expect(key('ArrowRight', { ctrlKey: true })).to.equal(null);
  });
});

describe('<run-swimlanes> against the simulated coordinator', function () {
  this.timeout(18_000);
  let sim: SimInstance | undefined;
  let client: CoordinatorClient | undefined;
  afterEach(async () => {
    client?.close();
    client = undefined;
    await sim?.close();
    sim = undefined;
  });
  const until = (condition: () => unknown, what: string, timeoutMs = 12_000) => waitFor(condition, what, timeoutMs);

  it('live: parent and child sessions, old event names, runs grow and complete; failed and stopped without completion markers', async () => {
    sim = await createSim({ stepMs: 15, legacyNames: true });
    const el = await mount({ src: sim.sseUrl });
    await until(() => state(el) === 'empty', 'the empty state');
    expect(part(el, 'state')!.textContent).to.include('No sessions yet');
    const { session_id: parent } = await sim.startSession({ prompt: 'Plan the release', agent_name: 'lead', runs: 2 });
    const { session_id: child } = await sim.startSession({ prompt: 'Write the changelog', parent_session_id: parent });
    await until(() => el.laneIds.length === 2, 'two lanes');
    expect(el.laneIds).to.deep.equal([parent, child]);
    await until(
      () => el.runsOf(parent).length === 2 && el.runsOf(parent).every((r) => r.outcome === 'completed'),
      'two completed runs (session_start/session_stop)',
    );
    expect(el.runsOf(parent).map((r) => r.kind)).to.deep.equal(['start', 'resume']);
    await until(() => el.runsOf(child)[0]?.outcome === 'completed', 'the child completed');
    expect(el.runsOf(child)[0].prompt).to.equal('Write the changelog');
    // Each lane read its history once (merged with what came live, nothing doubled).
    await until(() => root(el).querySelector('[part~="lane-pending"]') === null, 'histories read');
    expect(el.runsOf(parent).length, 'no run doubled by the merge').to.equal(2);
    const stats = await sim.stats();
    expect(stats.requests.filter((r) => r.path.endsWith('/events')).length).to.equal(2);

    const { session_ids: seeded } = await sim.seedSessions({ count: 4, spacingMs: 1000 });
    // idle, idle, failed, stopped: the last two send no completion marker.
    await until(() => seeded.every((id) => el.runsOf(id).length === 1), 'the seeded sessions’ histories');
    await settle(el);
    expect(seeded.map((id) => el.runsOf(id)[0].outcome)).to.deep.equal(['completed', 'completed', 'failed', 'stopped']);
    el.fitAll();
    await settle(el);
    expect(block(el, seeded[2], 1)!.getAttribute('part')).to.equal('run failed');
    expect(block(el, seeded[3], 1)!.getAttribute('part')).to.equal('run stopped');
  });

  it('1,000 sessions: histories only for the lanes in and near view; a lane not read yet says so', async () => {
    sim = await createSim({ stepMs: 5 });
    await sim.seedSessions({ count: 1000, group: 5 });
    client = new CoordinatorClient({ url: sim.sseUrl });
    const el = await mount({ client }, 400);
    await until(() => el.laneIds.length === 1000, 'a thousand lanes');
    await until(
      async () =>
        client!.histories.stats.requested > 0 &&
        client!.histories.stats.inFlight === 0 &&
        client!.histories.stats.queued === 0,
      'quiet',
    );
    const requests = (await sim.stats()).requests.filter((r) => r.path.endsWith('/events')).length;
    const inView = lanes(el).length;
    expect(lanes(el).length).to.be.below(40);
    expect(requests).to.be.within(5, inView * 3 + 4);
    expect(blocks(el).length).to.be.greaterThan(0);
    // Far down, before its history comes: "loading history…".
    const scroller = part(el, 'grid')!;
    scroller.scrollTop = scroller.scrollHeight / 2;
    await settle(el);
    expect(root(el).querySelector('[part~="lane-pending"]')!.textContent).to.equal('loading history…');
    await until(() => root(el).querySelector('[part~="lane-pending"]') === null, 'histories of the new view');
  });

  it('after a reconnect the lanes keep their runs while their histories are read again, and get what was missed', async () => {
    sim = await createSim({ stepMs: 5 });
    const { session_ids: ids } = await sim.seedSessions({ count: 3, spacingMs: 1000 });
    client = new CoordinatorClient({ url: sim.sseUrl, reconnect: { initialDelayMs: 200, jitter: 0 } });
    const el = await mount({ client });
    const [first] = ids;
    await until(() => ids.every((id) => el.runsOf(id).length === 1), 'the seeded histories');
    el.fitAll();
    await settle(el);
    const reads = async () =>
      (await sim!.stats()).requests.filter((r) => r.method === 'GET' && r.path.endsWith('/events')).length;
    const before = await reads();
    // Every moment from the drop on: the first lane's blocks in the DOM.
    let fewest = Infinity;
    const watch = new MutationObserver(() => (fewest = Math.min(fewest, blocks(el, first).length)));
    watch.observe(root(el), { childList: true, subtree: true, attributes: true });
    // Away for a while; a run of the first session is broadcast meanwhile and never reaches the page.
    await sim.fault({ dropStreams: true, failRequests: { status: 503, count: 2, path: '/sse/sessions' } });
    await until(() => el.connection.status === 'reconnecting', 'away');
    await sim.injectEvent(first, { event_type: 'run_start' });
    await sim.injectEvent(first, { event_type: 'run_completed', exit_code: 0 });
    await until(() => el.connection.status === 'open', 'back');
    await until(() => el.runsOf(first).length === 2, 'the missed run, from the history read again');
    await settle(el);
    watch.disconnect();
    expect(fewest, 'the lane’s block stayed on screen').to.be.at.least(1);
    expect(blocks(el, first).length).to.equal(2);
    expect(el.runsOf(first).map((r) => r.kind)).to.deep.equal(['start', 'resume']);
    expect((await reads()) - before, 'the lanes in view read again').to.equal(ids.length);
  });

  it('states: unreachable and refused credentials, as the session list words them', async () => {
    sim = await createSim({ token: 'secret' });
    const refused = await mount({ src: sim.sseUrl });
    await until(() => state(refused) === 'auth-error', 'auth error');
    expect(part(refused, 'state')!.textContent).to.include('(401): Not authenticated');
    await sim.fault({ failRequests: { status: 503, count: 100, path: '/sse/sessions' } });
    client = new CoordinatorClient({
      url: sim.sseUrl,
      token: 'secret',
      reconnect: { initialDelayMs: 5000, jitter: 0 },
    });
    const down = await mount({ client });
    await until(() => state(down) === 'unreachable', 'unreachable');
  });
});
