import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './session-list.js';
import '../../locales/de.js';
import type { SessionList } from './session-list.component.js';
import type { CeSessionRow } from './session-row.js';
import type { SessionActionDetail, SessionSelectDetail } from './session-list.events.js';
import type { WireSession } from '../../types/wire.js';
import { CoordinatorClient } from '../../client/client.js';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import { waitFor } from '../../../test/support/client-kit.js';
import { XSS_ALL, absent, present } from '../../../test/support/element-kit.js';
import { wireEvent } from '../../../test/support/wire-events.mjs';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const MIN = 60_000;
const now = Date.now();
let seq = 0;

/** A wire session created `agoMs` before now. */
function wire(fields: Partial<WireSession> & { agoMs?: number } = {}): WireSession {
  const { agoMs = ++seq * MIN, ...rest } = fields;
  return {
    session_id: `ses_${(0xa00000000000 + ++seq).toString(16)}`,
    status: 'idle',
    created_at: new Date(now - agoMs).toISOString(),
    agent_name: null,
    parent_session_id: null,
    last_resumed_at: null,
    project_dir: null,
    executor_session_id: null,
    executor_profile: null,
    hostname: null,
    ...rest,
  };
}

const prompt = (sessionId: string, text: string, at = now - 30_000) =>
  wireEvent({
    session_id: sessionId,
    event_type: 'message',
    role: 'user',
    content: [{ type: 'text', text }],
    timestamp: new Date(at).toISOString(),
  });

const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

type Attrs = Partial<Omit<SessionList, 'sessions'>> & { sessions?: readonly unknown[] };

async function mount(attrs: Attrs = {}, height = 600): Promise<SessionList> {
  const el = await fixture<SessionList>(html`<session-list style="height:${height}px"></session-list>`);
  Object.assign(el, attrs);
  el.scrollIntoView({ block: 'start' });
  await settle(el);
  return el;
}

async function settle(el: SessionList): Promise<void> {
  await el.updateComplete;
  await frames(2);
  await el.updateComplete;
}

const root = (el: SessionList) => el.shadowRoot!;
const rows = (el: SessionList) => [...root(el).querySelectorAll<CeSessionRow>('[role="treeitem"]')];
const rowOf = (el: SessionList, id: string) =>
  root(el).querySelector<CeSessionRow>(`[role="treeitem"][data-id="${id}"]`);
const titles = (el: SessionList) => rows(el).map((r) => r.querySelector('[part~="title"]')!.textContent!.trim());
const part = (el: SessionList, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const state = (el: SessionList) => part(el, 'state')?.dataset.state ?? null;

function press(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}
const focused = (el: SessionList) => (root(el).activeElement as HTMLElement | null)?.dataset.id ?? null;

describe('<session-list> with the page’s sessions', () => {
  it('one row per session: the first prompt as title, else the agent, else "Default agent"; never only an id', async () => {
    const a = wire({ agent_name: 'coder', agoMs: MIN });
    const b = wire({ agent_name: 'researcher', agoMs: 2 * MIN });
    const c = wire({ agoMs: 3 * MIN });
    const el = await mount({ sessions: [a, b, c] });
    el.appendEvents([prompt(a.session_id, '  Fix the\nflaky   test ')]);
    await settle(el);
    expect(titles(el)).to.deep.equal(['Fix the flaky test', 'researcher', 'Default agent']);
    const row = rowOf(el, a.session_id)!;
    expect(row.querySelector('[part~="agent"]')!.textContent).to.equal('coder');
    expect(row.querySelector('[part~="status"]')!.textContent!.trim()).to.equal('idle');
    expect(row.querySelector('[part~="created"]')!.textContent).to.match(/^created (1 minute ago|60 seconds ago)/);
    for (const r of rows(el)) expect(r.textContent).to.not.include(r.dataset.id!);
  });

  it('is an ARIA tree: treeitems with level, position, expanded and selected; one tab stop', async () => {
    const parent = wire({ agent_name: 'lead', agoMs: MIN });
    const child = wire({
      agent_name: 'helper',
      parent_session_id: parent.session_id,
      status: 'running',
      agoMs: 2 * MIN,
    });
    const other = wire({ agoMs: 3 * MIN });
    const el = await mount({ sessions: [parent, child, other] });
    expect(part(el, 'list')!.getAttribute('role')).to.equal('tree');
    const [p, o] = rows(el);
    expect(p.dataset.id).to.equal(parent.session_id);
    expect([
      p.getAttribute('aria-level'),
      p.getAttribute('aria-posinset'),
      p.getAttribute('aria-setsize'),
    ]).to.deep.equal(['1', '1', '2']);
    expect(p.getAttribute('aria-expanded')).to.equal('false');
    expect(o.hasAttribute('aria-expanded')).to.equal(false);
    expect(p.getAttribute('aria-selected')).to.equal('false');
    expect(rows(el).map((r) => r.tabIndex)).to.deep.equal([0, -1]);
    // A collapsed parent says how many children it has and that one runs.
    expect(p.querySelector('[part~="busy-children"]')!.textContent).to.include('1 running');
    expect(p.querySelector('[part~="children"]')!.textContent).to.equal('1 sub-session');
  });

  it('follows theme="dark|light", --ce-* tokens and the indent per level; exposes its parts', async () => {
    const parent = wire({ agent_name: 'lead', agoMs: MIN });
    const child = wire({ agent_name: 'helper', parent_session_id: parent.session_id, agoMs: 2 * MIN });
    const light = await mount({ theme: 'light', sessions: [parent, child], selectedSession: child.session_id });
    const dark = await mount({ theme: 'dark', sessions: [parent, child] });
    const bg = (el: SessionList) => getComputedStyle(el).backgroundColor;
    expect(bg(light)).to.equal('rgb(255, 255, 255)');
    expect(bg(dark)).to.not.equal(bg(light));
    dark.style.setProperty('--ce-color-bg', 'rgb(1, 2, 3)');
    expect(bg(dark)).to.equal('rgb(1, 2, 3)');
    const pad = (el: SessionList, id: string) => parseFloat(getComputedStyle(rowOf(el, id)!).paddingLeft);
    const base = pad(light, parent.session_id);
    expect(pad(light, child.session_id) - base).to.equal(16);
    light.style.setProperty('--ce-session-indent', '40px');
    expect(pad(light, child.session_id) - base).to.equal(40);
    for (const name of ['toolbar', 'search-input', 'sort-select', 'filter-chip', 'count', 'list', 'row', 'title']) {
      present(part(light, name), name);
    }
    for (const name of ['toggle', 'meta', 'agent', 'status', 'created', 'children']) {
      present(rowOf(light, parent.session_id)!.querySelector(`[part~="${name}"]`), name);
    }
  });

  it('a narrow list keeps the agent’s name in view, a long one cut short', async () => {
    const a = wire({ agent_name: 'researcher', status: 'running', agoMs: MIN });
    const b = wire({ agent_name: 'an-agent-with-a-very-long-name-indeed', agoMs: 2 * MIN });
    const el = await mount({ sessions: [a, b] });
    el.style.width = '300px';
    await settle(el);
    const agent = (id: string) => rowOf(el, id)!.querySelector<HTMLElement>('[part~="agent"]')!;
    expect(agent(a.session_id).scrollWidth).to.be.at.most(agent(a.session_id).clientWidth);
    expect(agent(b.session_id).clientWidth).to.be.above(50);
    expect(agent(b.session_id).scrollWidth).to.be.above(agent(b.session_id).clientWidth);
    expect(agent(b.session_id).getBoundingClientRect().right).to.be.below(el.getBoundingClientRect().right);
  });

  it('announces politely: a new session once the list is shown, how many sessions match a search', async () => {
    const a = wire({ agent_name: 'first', agoMs: MIN });
    const el = await mount({ sessions: [a] });
    const region = root(el).querySelector('[role="status"][aria-live="polite"]')!;
    const fresh = wire({ agent_name: 'newcomer', agoMs: 0 });
    el.sessions = [fresh, a];
    await waitFor(() => region.textContent === 'New session: newcomer', 'the new session announced', 3000);
    const input = part(el, 'search-input') as HTMLInputElement;
    input.value = 'first';
    input.dispatchEvent(new Event('input'));
    await waitFor(() => region.textContent === '1 session', 'the matches announced', 3000);
  });
});

describe('<session-list> keyboard, selection, search, filters, sort', () => {
  /** root1 (2 children: kid-a with a grandchild, kid-b), root2, root3; newest first by creation. */
  function family() {
    const root1 = wire({ agent_name: 'alpha', agoMs: 10 * MIN });
    const kidA = wire({ agent_name: 'bravo', parent_session_id: root1.session_id, agoMs: 9 * MIN });
    const grand = wire({
      agent_name: 'charlie',
      parent_session_id: kidA.session_id,
      status: 'running',
      agoMs: 8 * MIN,
    });
    const kidB = wire({ agent_name: 'delta', parent_session_id: root1.session_id, status: 'failed', agoMs: 7 * MIN });
    const root2 = wire({ agent_name: 'echo', status: 'stopped', agoMs: 20 * MIN });
    const root3 = wire({ agent_name: 'foxtrot', agoMs: 30 * MIN });
    return { root1, kidA, grand, kidB, root2, root3, all: [root1, kidA, grand, kidB, root2, root3] };
  }

  it('arrows move, Right expands then enters, Left collapses then goes to the parent, Home/End', async () => {
    const f = family();
    const el = await mount({ sessions: f.all });
    rows(el)[0].focus();
    const key = async (k: string, init: KeyboardEventInit = {}) => {
      press(root(el).activeElement!, k, init);
      await settle(el);
      return focused(el);
    };
    expect(await key('ArrowDown')).to.equal(f.root2.session_id);
    expect(await key('ArrowUp')).to.equal(f.root1.session_id);
    expect(await key('ArrowRight')).to.equal(f.root1.session_id);
    expect(rowOf(el, f.root1.session_id)!.getAttribute('aria-expanded')).to.equal('true');
    expect(await key('ArrowRight')).to.equal(f.kidB.session_id);
    expect(rowOf(el, f.kidB.session_id)!.getAttribute('aria-level')).to.equal('2');
    expect(await key('ArrowDown')).to.equal(f.kidA.session_id);
    expect(await key('ArrowRight')).to.equal(f.kidA.session_id);
    expect(await key('ArrowRight')).to.equal(f.grand.session_id);
    expect(await key('ArrowLeft')).to.equal(f.kidA.session_id);
    expect(await key('ArrowLeft')).to.equal(f.kidA.session_id);
    expect(rowOf(el, f.kidA.session_id)!.getAttribute('aria-expanded')).to.equal('false');
    expect(await key('ArrowLeft')).to.equal(f.root1.session_id);
    expect(await key('End')).to.equal(f.root3.session_id);
    expect(await key('Home')).to.equal(f.root1.session_id);
    // The collapsed parent hides its children again.
    expect(await key('ArrowLeft')).to.equal(f.root1.session_id);
    expect(el.visibleSessionIds).to.deep.equal([f.root1, f.root2, f.root3].map((s) => s.session_id));
    // `*` expands every sibling.
    expect(await key('*')).to.equal(f.root1.session_id);
    expect(el.visibleSessionIds).to.have.length(5);
  });

  it('type-ahead jumps to the next title starting with what was typed', async () => {
    const f = family();
    const el = await mount({ sessions: f.all });
    rows(el)[0].focus();
    press(root(el).activeElement!, 'f');
    await settle(el);
    expect(focused(el)).to.equal(f.root3.session_id);
    await new Promise((r) => setTimeout(r, 600));
    press(root(el).activeElement!, 'e');
    await settle(el);
    expect(focused(el)).to.equal(f.root2.session_id);
  });

  it('the real keyboard moves a visible focus ring; Tab leaves the tree from its one tab stop', async () => {
    const f = family();
    const el = await mount({ sessions: f.all });
    (part(el, 'search-input') as HTMLInputElement).focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await settle(el);
    // Search, sort, then the chips: Tab goes through the toolbar first.
    const chips = root(el).querySelectorAll('[part~="filter-chip"]').length;
    for (let i = 0; i < chips; i++) await sendKeys({ press: 'Tab' });
    await settle(el);
    expect(focused(el)).to.equal(f.root1.session_id);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    const row = rowOf(el, f.root2.session_id)!;
    expect(focused(el)).to.equal(f.root2.session_id);
    expect(row.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(row).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(null);
  });

  it('Enter, Space and a click select: ce-session-select (bubbles, composed), selected-session reflects', async () => {
    const f = family();
    const el = await mount({ sessions: f.all });
    const row = rowOf(el, f.root2.session_id)!;
    row.focus();
    setTimeout(() => press(row, 'Enter'));
    const e = (await oneEvent(el, 'ce-session-select')) as CustomEvent<SessionSelectDetail>;
    expect(e.detail).to.deep.equal({ sessionId: f.root2.session_id });
    expect(e.bubbles && e.composed).to.equal(true);
    await settle(el);
    expect(el.getAttribute('selected-session')).to.equal(f.root2.session_id);
    expect(row.getAttribute('aria-selected')).to.equal('true');
    const picked: string[] = [];
    el.addEventListener('ce-session-select', (ev) => picked.push(ev.detail.sessionId));
    press(rowOf(el, f.root3.session_id)!, ' ');
    rowOf(el, f.root1.session_id)!.querySelector<HTMLElement>('[part~="title"]')!.click();
    await settle(el);
    expect(picked).to.deep.equal([f.root3.session_id, f.root1.session_id]);
    expect(el.selectedSession).to.equal(f.root1.session_id);
    // The arrow only expands, it does not select.
    rowOf(el, f.root1.session_id)!.querySelector<HTMLElement>('[part~="toggle"]')!.click();
    await settle(el);
    expect(picked).to.have.length(2);
    expect(rowOf(el, f.root1.session_id)!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('a selection set by the page opens the parents above it', async () => {
    const f = family();
    const el = await mount({ sessions: f.all });
    el.selectedSession = f.grand.session_id;
    await settle(el);
    expect(rowOf(el, f.grand.session_id)?.getAttribute('aria-selected')).to.equal('true');
    expect(el.visibleSessionIds.slice(0, 4)).to.deep.equal([f.root1, f.kidB, f.kidA, f.grand].map((s) => s.session_id));
  });

  it('search matches title, id and agent, shows the ancestors for context, and says when nothing matches', async () => {
    const f = family();
    const el = await mount({ sessions: f.all });
    el.appendEvents([prompt(f.root3.session_id, 'Upgrade the dependencies')]);
    const input = part(el, 'search-input') as HTMLInputElement;
    const search = async (text: string) => {
      input.value = text;
      input.dispatchEvent(new Event('input'));
      await settle(el);
    };
    await search('CHARLIE');
    expect(el.visibleSessionIds).to.deep.equal([f.root1, f.kidA, f.grand].map((s) => s.session_id));
    expect(rowOf(el, f.root1.session_id)!.hasAttribute('context')).to.equal(true);
    expect(rowOf(el, f.grand.session_id)!.hasAttribute('context')).to.equal(false);
    await search(f.root2.session_id.slice(-6));
    expect(el.visibleSessionIds).to.deep.equal([f.root2.session_id]);
    await search('dependencies');
    expect(el.visibleSessionIds).to.deep.equal([f.root3.session_id]);
    expect(part(el, 'count')!.textContent).to.equal('1 of 6 sessions');
    await search('nothing like this');
    expect(state(el)).to.equal('no-match');
    expect(part(el, 'state')!.textContent).to.include('No sessions match “nothing like this”.');
    part(el, 'clear-filters')!.click();
    await settle(el);
    expect(state(el)).to.equal(null);
    expect(input.value).to.equal('');
    expect(el.visibleSessionIds).to.have.length(3);
  });

  it('status chips filter by group with counts; both generations’ statuses have a group', async () => {
    const f = family();
    const finished = wire({ status: 'finished', agent_name: 'golf', agoMs: 40 * MIN });
    const pending = wire({ status: 'pending', agent_name: 'hotel', agoMs: 41 * MIN });
    const stopping = wire({ status: 'stopping', agent_name: 'india', agoMs: 42 * MIN });
    const odd = wire({ status: 'paused', agent_name: 'juliet', agoMs: 43 * MIN });
    const el = await mount({ sessions: [...f.all, finished, pending, stopping, odd] });
    const chip = (group: string) =>
      root(el).querySelector<HTMLButtonElement>(`[part~="filter-chip"][data-group="${group}"]`)!;
    const count = (group: string) => chip(group).querySelector('.count')!.textContent;
    expect(['running', 'idle', 'failed', 'stopped', 'other'].map(count)).to.deep.equal(['3', '4', '1', '1', '1']);
    chip('running').click();
    await settle(el);
    expect(chip('running').getAttribute('aria-pressed')).to.equal('true');
    expect(el.visibleSessionIds).to.deep.equal([f.root1, f.kidA, f.grand, pending, stopping].map((s) => s.session_id));
    chip('failed').click();
    await settle(el);
    expect(el.visibleSessionIds).to.include(f.kidB.session_id);
    expect(rowOf(el, odd.session_id)).to.equal(null);
    expect(rowOf(el, stopping.session_id)!.querySelector('[part~="status"]')!.textContent!.trim()).to.equal('stopping');
  });

  it('sorts by recent activity (default), creation or title', async () => {
    const old = wire({ agent_name: 'zulu', agoMs: 50 * MIN, last_resumed_at: new Date(now - 1000).toISOString() });
    const mid = wire({ agent_name: 'yankee', agoMs: 20 * MIN });
    const young = wire({ agent_name: 'x-ray', agoMs: 5 * MIN });
    const el = await mount({ sessions: [young, mid, old] });
    expect(el.visibleSessionIds).to.deep.equal([old, young, mid].map((s) => s.session_id));
    const select = part(el, 'sort-select') as HTMLSelectElement;
    select.value = 'created';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(el.getAttribute('sort')).to.equal('created');
    expect(el.visibleSessionIds).to.deep.equal([young, mid, old].map((s) => s.session_id));
    el.sort = 'title';
    await settle(el);
    expect(titles(el)).to.deep.equal(['x-ray', 'yankee', 'zulu']);
  });

  it('holds its order still under the pointer; a newer activity moves a row up once the pointer leaves', async () => {
    const a = wire({ agent_name: 'first', agoMs: MIN });
    const b = wire({ agent_name: 'second', agoMs: 2 * MIN });
    const c = wire({ agent_name: 'third', agoMs: 3 * MIN });
    const el = await mount({ sessions: [a, b, c] });
    const list = part(el, 'list')!;
    list.dispatchEvent(new PointerEvent('pointerenter'));
    el.appendEvents([
      wireEvent({ session_id: c.session_id, event_type: 'post_tool', timestamp: new Date().toISOString() }),
    ]);
    await new Promise((r) => setTimeout(r, 1300));
    await settle(el);
    expect(titles(el)).to.deep.equal(['first', 'second', 'third']);
    list.dispatchEvent(new PointerEvent('pointerleave'));
    await new Promise((r) => setTimeout(r, 1300));
    await settle(el);
    expect(titles(el)).to.deep.equal(['third', 'first', 'second']);
  });

  it('renders hostile titles and names as text', async () => {
    const s = wire({ agent_name: XSS_ALL, status: '<img src=x onerror=alert(1)>' });
    const el = await mount({ sessions: [s] });
    el.appendEvents([prompt(s.session_id, XSS_ALL)]);
    await settle(el);
    await new Promise((r) => setTimeout(r, 50));
    expect(window.__pwned).to.equal(undefined);
    expect(root(el).querySelector('img, script, iframe')).to.equal(null);
    expect(rows(el)[0].querySelector('[part~="status"]')!.textContent!.trim()).to.equal('<img src=x onerror=alert(1)>');
  });

  it('speaks German with lang="de"', async () => {
    const el = await fixture<SessionList>(html`<session-list lang="de" style="height:400px"></session-list>`);
    el.sessions = [wire({ status: 'running' })];
    await settle(el);
    expect(titles(el)).to.deep.equal(['Standard-Agent']);
    expect(rows(el)[0].querySelector('[part~="status"]')!.textContent!.trim()).to.equal('läuft');
    expect(part(el, 'search-input')!.getAttribute('placeholder')).to.equal('Titel, ID, Agent suchen');
  });

  it('states: no source, no sessions yet', async () => {
    const el = await mount();
    expect(state(el)).to.equal('no-source');
    el.sessions = [];
    await settle(el);
    expect(state(el)).to.equal('empty');
    expect(part(el, 'state')!.textContent).to.include('No sessions yet');
  });
});

describe('<session-list> with 10,000 sessions', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => wire({ agent_name: `agent ${i}`, agoMs: i * 1000 + 1 }));

  it('renders the rows of a screenful, and scrolls to the end', async () => {
    const el = await mount({ sessions: many(10_000) }, 500);
    const count = rows(el).length;
    expect(count).to.be.within(5, 40);
    expect(part(el, 'count')!.textContent).to.equal('10,000 sessions');
    const scroller = part(el, 'list')!;
    scroller.scrollTop = scroller.scrollHeight;
    await settle(el);
    expect(titles(el).at(-1)).to.equal('agent 9999');
    expect(rows(el).length).to.be.within(5, 40);
  });

  it('a new session goes to the top without moving what a scrolled list shows; at the top it shows', async () => {
    const list = many(300);
    const el = await mount({ sessions: list }, 400);
    const scroller = part(el, 'list')!;
    scroller.scrollTop = 2000;
    await settle(el);
    const topRow = () => {
      const box = scroller.getBoundingClientRect();
      return rows(el).find((r) => r.getBoundingClientRect().bottom > box.top + 1)!;
    };
    const before = topRow();
    const beforeTop = before.getBoundingClientRect().top;
    const fresh = wire({ agent_name: 'newcomer', agoMs: 0 });
    el.sessions = [fresh, ...list];
    await settle(el);
    expect(el.visibleSessionIds[0]).to.equal(fresh.session_id);
    expect(topRow().dataset.id).to.equal(before.dataset.id);
    expect(Math.abs(topRow().getBoundingClientRect().top - beforeTop)).to.be.below(1);
    // At the top, the newcomer shows.
    scroller.scrollTop = 0;
    await settle(el);
    const another = wire({ agent_name: 'second newcomer', agoMs: -1000 });
    el.sessions = [another, fresh, ...list];
    await settle(el);
    expect(titles(el)[0]).to.equal('second newcomer');
  });
});

describe('<session-list> against the simulated coordinator', () => {
  let sim: SimInstance | undefined;
  let client: CoordinatorClient | undefined;
  afterEach(async () => {
    client?.close();
    client = undefined;
    await sim?.close();
    sim = undefined;
  });

  const until = (condition: () => unknown, what: string, timeoutMs = 15_000) => waitFor(condition, what, timeoutMs);

  it('titles from the stream, child sessions under their parent, live changes in place', async () => {
    sim = await createSim({ stepMs: 15 });
    const el = await mount({ src: sim.sseUrl });
    await until(() => state(el) === 'empty', 'the empty state');
    expect(part(el, 'state')!.textContent).to.include('No sessions yet');
    const { session_id: parent } = await sim.startSession({ prompt: 'Plan the release', agent_name: 'lead' });
    await until(() => titles(el).includes('Plan the release'), 'the parent’s title');
    const { session_id: child } = await sim.startSession({
      prompt: 'Write the changelog',
      parent_session_id: parent,
      agent_name: 'writer',
    });
    await until(() => rowOf(el, parent)?.getAttribute('aria-expanded') === 'false', 'a collapsible parent');
    expect(rowOf(el, child)).to.equal(null);
    press(rowOf(el, parent)!, 'ArrowRight');
    await until(
      () => rowOf(el, child)?.querySelector('[part~="title"]')?.textContent === 'Write the changelog',
      'child',
    );
    expect(rowOf(el, child)!.getAttribute('aria-level')).to.equal('2');
    await until(() => rowOf(el, child)?.dataset.status === 'idle', 'the child done');
    const runs = rowOf(el, child)!.querySelector('[part~="runs"]')!.textContent;
    expect(runs).to.equal('1 run');
    // The last run's duration, and when it was last active.
    const duration = rowOf(el, child)!.querySelector('[part~="duration"]')!;
    expect(duration.getAttribute('title')).to.equal('Last run');
    expect(duration.textContent!.trim()).to.match(/^\d+(\.\d+)? (ms|s)$/);
    expect(rowOf(el, child)!.querySelector('[part~="last-activity"]')!.textContent).to.match(/^active /);

    // A change to one session re-renders its row, not the list.
    await new Promise((r) => setTimeout(r, 1200));
    let renders = 0;
    const render = el.render.bind(el);
    el.render = () => {
      renders++;
      return render();
    };
    const row = rowOf(el, child)!;
    let rendersWhenShown = -1;
    const seen = new MutationObserver(() => {
      if (rendersWhenShown < 0 && row.dataset.status === 'stopping') rendersWhenShown = renders;
    });
    seen.observe(row, { subtree: true, childList: true, characterData: true, attributes: true });
    await sim.fault({
      emit: { kind: 'session_updated', data: { session: { session_id: child, status: 'stopping' } } },
    });
    await until(() => rendersWhenShown >= 0, 'the row shows the new status');
    seen.disconnect();
    expect(rendersWhenShown).to.equal(0);
    expect(rowOf(el, child)).to.equal(row);
    expect(row.querySelector('[part~="status"]')!.textContent!.trim()).to.equal('stopping');
  });

  it('asks for the histories of the rows in and near view only, a few at a time, and lets go of those scrolled away', async () => {
    sim = await createSim({ stepMs: 5 });
    await sim.seedSessions({ count: 2000 });
    client = new CoordinatorClient({ url: sim.sseUrl });
    const el = await mount({ client }, 500);
    await until(() => rows(el).length > 0 && titles(el).every((t) => / \(task \d+\)$/.test(t)), 'titles in view');
    const inView = el.shadowRoot!.querySelector('[part~="list"]')!.clientHeight / rows(el)[0].offsetHeight;
    const historyRequests = async () => (await sim!.stats()).requests.filter((r) => r.path.endsWith('/events')).length;
    await until(async () => client!.histories.stats.inFlight === 0 && client!.histories.stats.queued === 0, 'quiet');
    const first = await historyRequests();
    // In view and a page above and below (none above at the top).
    expect(first).to.be.within(Math.floor(inView), Math.ceil(inView) * 2 + 2);
    const scroller = part(el, 'list')!;
    for (let i = 1; i <= 20; i++) {
      scroller.scrollTop = i * 2000;
      await frames(1);
    }
    await until(
      () => titles(el).length > 0 && titles(el).every((t) => / \(task \d+\)$/.test(t)),
      'titles after a fling',
    );
    await until(async () => client!.histories.stats.inFlight === 0 && client!.histories.stats.queued === 0, 'quiet');
    const total = await historyRequests();
    // The rows flung past asked for nothing: only the new view did.
    expect(total - first).to.be.below(Math.ceil(inView) * 3 + 4);
    expect(client.histories.stats.requested).to.equal(total);
  });

  it('lets go of the histories of rows scrolled away: waiting ones dropped, running ones aborted', async () => {
    sim = await createSim({ stepMs: 5 });
    await sim.seedSessions({ count: 1000 });
    // History answers wait until the test lets them through.
    let open = false;
    const gated: typeof fetch = async (input, init) => {
      if (String(input).includes('/events')) {
        while (!open) {
          if (init?.signal?.aborted) throw init.signal.reason;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      return fetch(input, init);
    };
    client = new CoordinatorClient({ url: sim.sseUrl, fetch: gated, historyConcurrency: 3 });
    const el = await mount({ client }, 500);
    await until(() => client!.histories.stats.inFlight === 3, 'three requests under way');
    const before = client.histories.stats;
    expect(before.queued).to.be.above(3);
    part(el, 'list')!.scrollTop = 30_000;
    await until(() => client!.histories.stats.aborted === 3, 'the running ones aborted');
    await new Promise((r) => setTimeout(r, 300));
    // The rows in view (not the first row, kept rendered far above as the tab stop).
    const inView = () => {
      const box = part(el, 'list')!.getBoundingClientRect();
      return rows(el).filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > box.top && b.top < box.bottom;
      });
    };
    const first = el.visibleSessionIds.indexOf(inView()[0].dataset.id!);
    // In view, and a page above and below it.
    const visible = new Set(el.visibleSessionIds.slice(first - 12, first + 24));
    open = true;
    await until(
      () => inView().every((r) => / \(task \d+\)$/.test(r.querySelector('[part~="title"]')!.textContent!)),
      'titles of the new view',
    );
    // Nothing of the first view was fetched after all: only the new view's rows.
    const fetched = (await sim.stats()).requests
      .filter((r) => r.path.endsWith('/events'))
      .map((r) => r.path.split('/')[2]);
    expect(fetched.length).to.be.above(0);
    expect(fetched.filter((id) => !visible.has(id))).to.deep.equal([]);
  });

  it('draws each session’s live events per minute', async () => {
    sim = await createSim({ stepMs: 5 });
    client = new CoordinatorClient({ url: sim.sseUrl });
    const el = await mount({ client });
    const { session_id: sid } = await sim.startSession({ prompt: 'Count me' });
    await until(() => rowOf(el, sid)?.dataset.status === 'idle', 'idle');
    for (let i = 0; i < 5; i++)
      await sim.injectEvent(sid, { event_type: 'post_tool', tool_name: 'Bash', error: i ? null : 'boom' });
    const history = await client.getHistory(sid);
    await until(
      () =>
        rowOf(el, sid)
          ?.querySelector('[part~="sparkline"]')
          ?.getAttribute('aria-label')
          ?.startsWith(`${history.length} events`),
      'the chart’s count',
    );
    const chart = rowOf(el, sid)!.querySelector('[part~="sparkline"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.querySelector('.error')!.getAttribute('d')).to.not.equal('M0 0');
    expect(rowOf(el, sid)!.querySelector('[part~="errors"]')!.textContent).to.match(/^\d+ errors?$/);
  });

  it('actions: stop and delete, each confirmed; a delete while active says so plainly; off by default', async () => {
    sim = await createSim({ stepMs: 5, turn: { outcome: 'hang' } });
    const el = await mount({ src: sim.sseUrl });
    const { session_id: sid } = await sim.startSession({ prompt: 'Run until stopped' });
    await until(() => rowOf(el, sid)?.dataset.status === 'running', 'running');
    expect(rowOf(el, sid)!.querySelector('[part~="actions-button"]')).to.equal(null);
    el.actions = true;
    await settle(el);
    const actions: SessionActionDetail[] = [];
    el.addEventListener('ce-session-action', (e) => actions.push(e.detail));
    const menuItem = (name: string) =>
      [...root(el).querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].find(
        (b) => b.textContent!.trim() === name,
      )!;
    const dialog = () => root(el).querySelector('dialog')!;

    // Delete while running: 409, in plain words; the dialog stays.
    rowOf(el, sid)!.querySelector<HTMLButtonElement>('[part~="actions-button"]')!.click();
    await settle(el);
    expect(part(el, 'menu')!.getAttribute('role')).to.equal('menu');
    menuItem('Delete').click();
    await settle(el);
    expect(dialog().open).to.equal(true);
    expect(dialog().textContent).to.include('Delete “Run until stopped”?');
    (part(el, 'confirm-ok') as HTMLButtonElement).click();
    await until(() => part(el, 'confirm-error'), 'the error');
    expect(part(el, 'confirm-error')!.textContent).to.include('Stop it first, then delete it.');
    expect(actions).to.deep.equal([
      { sessionId: sid, action: 'delete', ok: false, status: 409, message: actions[0].message },
    ]);
    (part(el, 'confirm-cancel') as HTMLButtonElement).click();
    await settle(el);
    expect(dialog().open).to.equal(false);

    // Stop from the keyboard (Shift+F10), confirmed.
    rowOf(el, sid)!.focus();
    press(rowOf(el, sid)!, 'F10', { shiftKey: true });
    await settle(el);
    expect(root(el).activeElement?.textContent?.trim()).to.equal('Stop');
    menuItem('Stop').click();
    await settle(el);
    (part(el, 'confirm-ok') as HTMLButtonElement).click();
    // The stream may tell "stopped" before the answer to the stop arrives.
    await until(() => actions.length === 2, 'the stop answered');
    await until(() => rowOf(el, sid)?.dataset.status === 'stopped', 'stopped');
    expect(actions[1]).to.deep.equal({ sessionId: sid, action: 'stop', ok: true, status: null, message: null });
    expect(dialog().open).to.equal(false);

    // Now it goes.
    rowOf(el, sid)!.querySelector<HTMLButtonElement>('[part~="actions-button"]')!.click();
    await settle(el);
    expect(menuItem('Stop').disabled).to.equal(true);
    menuItem('Delete').click();
    await settle(el);
    (part(el, 'confirm-ok') as HTMLButtonElement).click();
    await until(() => rowOf(el, sid) === null, 'deleted');
    await until(() => actions.length === 3, 'the delete answered');
    expect(actions[2]).to.include({ action: 'delete', ok: true });
  });

  it('states: connecting, unreachable with Retry now, refused credentials with the server’s message', async () => {
    sim = await createSim({ token: 'secret' });
    const unauth = await mount({ src: sim.sseUrl });
    await until(() => state(unauth) === 'auth-error', 'auth error (401)');
    expect(part(unauth, 'state')!.textContent).to.include(
      'The coordinator refused the credentials (401): Not authenticated',
    );
    const wrong = await mount({ src: sim.sseUrl, token: 'nope' });
    await until(() => state(wrong) === 'auth-error', 'auth error (403)');
    expect(part(wrong, 'state')!.textContent).to.include('(403): Invalid or expired token');
    // A long answer is shortened to a line.
    await sim.fault({
      failRequests: { status: 403, path: '/sse/sessions', detail: `Token revoked.\n\n${'because '.repeat(60)}` },
    });
    const revoked = await mount({ src: sim.sseUrl, token: 'secret' });
    await until(() => state(revoked) === 'auth-error', 'auth error (403, long)');
    const said = part(revoked, 'state')!.textContent!;
    expect(said).to.include('(403): Token revoked. because because');
    expect(said).to.include('…');
    expect(said.length).to.be.below(400);

    await sim.fault({ failRequests: { status: 503, count: 100, path: '/sse/sessions' } });
    client = new CoordinatorClient({
      url: sim.sseUrl,
      token: 'secret',
      reconnect: { initialDelayMs: 5000, jitter: 0 },
    });
    const down = await mount({ client });
    expect(['connecting', 'unreachable']).to.include(state(down));
    await until(() => state(down) === 'unreachable', 'unreachable');
    expect(part(down, 'state')!.textContent).to.include('The coordinator cannot be reached.');
    present(part(down, 'state')!.querySelector('[part~="connection-retry"]'), 'Retry now');
  });

  it('connecting: busy and worded until the stream answers, then the empty state', async () => {
    sim = await createSim();
    let open = false;
    const held: typeof fetch = async (input, init) => {
      if (String(input).includes('/sse/sessions')) {
        while (!open) {
          if (init?.signal?.aborted) throw init.signal.reason;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      return fetch(input, init);
    };
    client = new CoordinatorClient({ url: sim.sseUrl, fetch: held });
    const el = await mount({ client });
    await new Promise((r) => setTimeout(r, 300));
    expect(state(el)).to.equal('connecting');
    expect(part(el, 'state')!.textContent).to.include('Connecting to the coordinator…');
    expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('true');
    open = true;
    await until(() => state(el) === 'empty', 'the empty state');
    expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('a stop the coordinator refuses says why, in the dialog, and the session stays', async () => {
    sim = await createSim({ stepMs: 5, turn: { outcome: 'hang' } });
    const el = await mount({ src: sim.sseUrl, actions: true });
    const { session_id: sid } = await sim.startSession({ prompt: 'Keep going' });
    await until(() => rowOf(el, sid)?.dataset.status === 'running', 'running');
    await sim.fault({ failRequests: { status: 500, path: `/sessions/${sid}/stop`, detail: 'executor gone' } });
    const actions: SessionActionDetail[] = [];
    el.addEventListener('ce-session-action', (e) => actions.push(e.detail));
    rowOf(el, sid)!.querySelector<HTMLButtonElement>('[part~="actions-button"]')!.click();
    await settle(el);
    [...root(el).querySelectorAll<HTMLButtonElement>('[role="menuitem"]')]
      .find((b) => b.textContent!.trim() === 'Stop')!
      .click();
    await settle(el);
    (part(el, 'confirm-ok') as HTMLButtonElement).click();
    await until(() => part(el, 'confirm-error'), 'the error');
    expect(part(el, 'confirm-error')!.textContent).to.include('The session could not be stopped:');
    expect(part(el, 'confirm-error')!.textContent).to.include('executor gone');
    expect(actions).to.have.length(1);
    expect(actions[0]).to.include({ sessionId: sid, action: 'stop', ok: false, status: 500 });
    expect(root(el).querySelector('dialog')!.open).to.equal(true);
    expect(rowOf(el, sid)!.dataset.status).to.equal('running');
  });

  it('a rename-era coordinator with the old run names: a finished session resumes, and can be stopped', async () => {
    sim = await createSim({ era: 'rename', legacyNames: true, stepMs: 5 });
    client = new CoordinatorClient({ url: sim.sseUrl });
    const el = await mount({ client, actions: true });
    const { session_id: sid } = await sim.startSession({ prompt: 'First turn' });
    await until(() => rowOf(el, sid)?.dataset.status === 'finished', 'finished');
    await until(() => rowOf(el, sid)!.querySelector('[part~="runs"]')?.textContent === '1 run', 'one run');
    await client.resumeRun(sid, 'Second turn');
    await until(() => rowOf(el, sid)?.dataset.status === 'running', 'running again');
    await until(() => rowOf(el, sid)?.dataset.status === 'finished', 'finished again');
    await until(() => rowOf(el, sid)!.querySelector('[part~="runs"]')?.textContent === '2 runs', 'two runs');
    expect(rowOf(el, sid)!.querySelector('[part~="title"]')!.textContent).to.equal('First turn');
    // Finished is not the end here: Stop is offered, and the coordinator takes it.
    rowOf(el, sid)!.querySelector<HTMLButtonElement>('[part~="actions-button"]')!.click();
    await settle(el);
    const stop = [...root(el).querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].find(
      (b) => b.textContent!.trim() === 'Stop',
    )!;
    expect(stop.disabled).to.equal(false);
    stop.click();
    await settle(el);
    (part(el, 'confirm-ok') as HTMLButtonElement).click();
    await until(() => rowOf(el, sid)?.dataset.status === 'stopped', 'stopped');
  });

  it('a rename-era coordinator: finished sessions are idle/finished, shown as finished', async () => {
    sim = await createSim({ era: 'rename', stepMs: 5 });
    const { session_ids: ids } = await sim.seedSessions({ count: 3 });
    const el = await mount({ src: sim.sseUrl });
    await until(() => rows(el).length === 3, 'rows');
    expect(rows(el).map((r) => r.dataset.status)).to.deep.equal(['stopped', 'finished', 'finished']);
    const chip = root(el).querySelector('[part~="filter-chip"][data-group="idle"]')!;
    expect(chip.textContent).to.include('Idle / finished');
    expect(chip.querySelector('.count')!.textContent).to.equal('2');
    expect(rowOf(el, ids[0])!.querySelector('[part~="status"]')!.textContent!.trim()).to.equal('finished');
    absent(part(el, 'state'), 'a state');
  });
});
