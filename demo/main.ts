/**
 * The demo page: a <session-list> of every session; the one picked in it is shown in an
 * <event-timeline> and a <chat-panel>, under <run-swimlanes> with every session's runs (its lane
 * highlighted; picking a run there shows that session); below, a timeline per recent session. Every element uses
 * one client (and so one SSE stream): the list gets it as its `client`, the others name the same `src`.
 *
 * The address keeps what is shown (`#session=…&event=…`, docs/deep-links.md): a reload, a bookmark
 * or a link opens the same session with the same event selected.
 */
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { acquireClient } from '../src/index.js';
import type { ConnectionState, EventSelectDetail, EventTimeline, RunSwimlanes, SessionList } from '../src/index.js';

declare global {
  interface Window {
    /** Injected by `npm start` (scripts/start.mjs). */
    __COORDINATOR_URL__?: string;
  }
}

const BUSY = new Set(['pending', 'running', 'stopping']);
const OVERVIEW_COUNT = 3;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const list = $<SessionList>('sessions');
const lanes = $<RunSwimlanes>('lanes');
const timeline = $<EventTimeline>('timeline');
const chat = $<HTMLElement>('chat');
const problem = $<HTMLParagraphElement>('problem');

/** The coordinator's base URL: `?coordinator=` wins over what `npm start` injected. */
function coordinatorBase(): string | null {
  const raw = new URL(location.href).searchParams.get('coordinator') ?? window.__COORDINATOR_URL__ ?? '';
  if (!raw) return null;
  // Accept the SSE URL too.
  return raw.replace(/\/+$/, '').replace(/\/sse\/sessions$/, '');
}

const base = coordinatorBase();
if (!base) {
  problem.hidden = false;
  problem.textContent =
    'No coordinator URL: start the demo with `npm start`, or add ?coordinator=http://host:port to the address.';
  throw new Error('coordinator-elements demo: no coordinator URL');
}
const src = `${base}/sse/sessions`;
$('coordinator-url').textContent = base;

const { client } = acquireClient({ url: src });
list.client = client;
lanes.client = client;

const link = () => new URLSearchParams(location.hash.slice(1));
let selected: string | null = link().get('session');
/** Whether the list has shown `selected` (then its leaving the list means it was deleted). */
let selectedSeen = false;
/** True after "New chat": the chat panel has no session until the first message creates one. */
let newChat = false;

// ---- connection indicator

function showConnection(state: ConnectionState) {
  const el = $('connection');
  el.dataset.status = state.status;
  const labels: Record<string, string> = {
    idle: 'not connected',
    connecting: 'connecting…',
    open: 'live',
    reconnecting: `reconnecting${state.attempt ? ` (attempt ${state.attempt})` : ''}…`,
    'auth-error': `auth error${state.httpStatus ? ` ${state.httpStatus}` : ''}`,
    offline: 'offline',
    closed: 'closed',
  };
  el.textContent = labels[state.status] ?? state.status;
}
showConnection(client.connection);
client.on('connection', showConnection);

// ---- the session picked in the list

/** Puts the session shown (and the event selected in it) into the address. */
function keepInAddress(sessionId: string | null, eventAnchor: string | null = null) {
  const params = new URLSearchParams();
  if (sessionId) params.set('session', sessionId);
  if (sessionId && eventAnchor) params.set('event', eventAnchor);
  const hash = params.size ? `#${params}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname + location.search);
}

function select(sessionId: string | null) {
  if (sessionId !== selected) timeline.removeAttribute('selected-key');
  selected = sessionId;
  selectedSeen = false;
  newChat = false;
  keepInAddress(sessionId);
  update();
}
list.addEventListener('ce-session-select', (e) => select(e.detail.sessionId));

// A run picked in the swimlanes: its session in the timeline, scrolled to that run (once a session
// that was not shown has loaded: ce-load).
lanes.addEventListener('ce-run-select', async (e) => {
  const { sessionId, runIndex } = e.detail;
  if (sessionId !== selected) {
    const loaded = new Promise((resolve) => timeline.addEventListener('ce-load', resolve, { once: true }));
    select(sessionId);
    await loaded;
  }
  await timeline.scrollToRun(runIndex);
});

function update() {
  const sessions = client.sessions;
  if (sessions.some((s) => s.sessionId === selected)) selectedSeen = true;
  else if (!newChat && sessions.length && (!selected || selectedSeen)) {
    // Nothing selected, or the selected session was deleted: show the newest. (A session never
    // listed, e.g. from an old link, stays: the elements say that the coordinator does not know it.)
    selected = sessions[0].sessionId;
    selectedSeen = true;
    keepInAddress(selected);
  }
  const current = sessions.find((s) => s.sessionId === selected) ?? null;
  list.selectedSession = newChat ? null : selected;
  lanes.selectedSession = newChat ? null : selected;

  // The selected session, side by side.
  if (newChat) {
    $('detail-title').textContent = 'New chat';
    $('detail-meta').textContent = 'the first message starts a session';
  } else if (current) {
    // The list's title for it: the first prompt, else the agent.
    $('detail-title').textContent =
      client.activity.get(current.sessionId)?.title ?? current.agentName ?? 'Default agent';
    $('detail-meta').textContent = `${current.sessionId} · ${current.status}`;
  } else if (selected) {
    $('detail-title').textContent = 'Unknown session';
    $('detail-meta').textContent = selected;
  }
  setAttr(timeline, 'src', src);
  setAttr(chat, 'src', src);
  setAttr(timeline, 'session-id', newChat ? null : selected);
  setAttr(chat, 'session-id', newChat ? null : selected);
  // The agent a "New chat" in the panel starts with: the one of the session shown, if it has one.
  if (current?.agentName) setAttr(chat, 'agent', current.agentName);

  // One timeline per recent session; keyed so an element lives as long as its session is shown.
  render(
    repeat(
      sessions.slice(0, OVERVIEW_COUNT),
      (s) => s.sessionId,
      (s) =>
        html`<article>
          <header>
            <span class="live-dot ${BUSY.has(s.status) ? 'live' : ''}"></span>
            <strong>${client.activity.get(s.sessionId)?.title ?? s.agentName ?? 'Default agent'}</strong>
            <span class="status" data-status=${s.status}>${s.status}</span>
          </header>
          <event-timeline src=${src} session-id=${s.sessionId}></event-timeline>
        </article>`,
    ),
    $('overview'),
  );
}

/** Sets or removes an attribute only when it changes, so elements do not reconnect needlessly. */
function setAttr(el: HTMLElement, name: string, value: string | null) {
  if (value === null || value === '') {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

function startNewChat() {
  selected = null;
  newChat = true;
  keepInAddress(null);
  update();
}
$('new-chat').addEventListener('click', startNewChat);

// The panel's own "New chat", and the session its first message starts.
chat.addEventListener('ce-session-change', (e) => {
  const { sessionId } = (e as CustomEvent<{ sessionId: string | null }>).detail;
  if (sessionId) select(sessionId);
  else startNewChat();
});

// The event selected in the timeline goes into the address; one in the address is selected (when
// its session's history has loaded, if need be).
timeline.addEventListener('ce-event-select', (e) => {
  keepInAddress(selected, (e as CustomEvent<EventSelectDetail>).detail.anchor);
});
function followAddress() {
  const params = link();
  const session = params.get('session');
  if (session && session !== selected) select(session);
  setAttr(timeline, 'selected-key', params.get('event'));
}
window.addEventListener('hashchange', followAddress);
followAddress();

client.on('sessions', update);
// Titles arrive with the sessions' first prompts.
client.on('activity', update);
update();

// ---- theme

const themeSelect = $<HTMLSelectElement>('theme');
themeSelect.value = localStorage.getItem('ce-demo-theme') ?? '';
const applyTheme = () => {
  if (themeSelect.value) document.documentElement.dataset.theme = themeSelect.value;
  else delete document.documentElement.dataset.theme;
  localStorage.setItem('ce-demo-theme', themeSelect.value);
};
themeSelect.addEventListener('change', applyTheme);
applyTheme();
