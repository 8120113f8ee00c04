/**
 * `<chat-panel>` and the session it is on (issue 20): a message is never lost, whatever state the
 * session is in and whatever the host writes into `session-id`; what the panel says about a session it
 * cannot show; why a run failed and who sent a prompt, also after a reload; `draft` and
 * `focusComposer()`. Against the simulated coordinator.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import { CoordinatorClient } from '../../client/client.js';
import { acquireClient } from '../../client/shared.js';
import { delegate } from '../../../test/support/client-kit.js';
import type { ChatMessageSentDetail, ChatSessionChangeDetail } from './chat-panel.js';
import './chat-panel.js';
import type { ChatPanel } from './chat-panel.component.js';

const TIMEOUT = 15_000;
let sims: SimInstance[] = [];
const cleanups: (() => void)[] = [];

async function sim(options: Parameters<typeof createSim>[0] = {}): Promise<SimInstance> {
  const instance = await createSim({ stepMs: 20, ...options });
  sims.push(instance);
  return instance;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
  sims = [];
});

const root = (el: ChatPanel) => el.shadowRoot!;
const textarea = (el: ChatPanel) => root(el).querySelector('textarea')!;
const part = (el: ChatPanel, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const assistants = (el: ChatPanel) => [...root(el).querySelectorAll<HTMLElement>('.msg.assistant')];
const lastState = (el: ChatPanel) => assistants(el).at(-1)?.dataset.state ?? null;
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** `U:` mine, `U*:` known to be from elsewhere, `U?:` history (sender not known), `A:state`, `D` divider. */
function read(el: ChatPanel): string[] {
  return [...root(el).querySelectorAll('.msg, .divider')].map((n) => {
    if (n.classList.contains('divider')) return 'D';
    if (n.classList.contains('user')) {
      const mark = n.classList.contains('other') ? '*' : n.classList.contains('unknown') ? '?' : '';
      return `U${mark}:${n.querySelector('.bubble')!.textContent}`;
    }
    return `A:${n.getAttribute('data-state')}`;
  });
}

async function until(predicate: () => boolean, message: string, timeout = TIMEOUT): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 20 });
}

function collect<T>(el: EventTarget, type: string): T[] {
  const out: T[] = [];
  el.addEventListener(type, (e) => out.push((e as CustomEvent<T>).detail));
  return out;
}

async function typeAndEnter(el: ChatPanel, prompt: string): Promise<void> {
  el.focus();
  await sendKeys({ type: prompt });
  await sendKeys({ press: 'Enter' });
}

async function sessionStatus(s: SimInstance, id: string): Promise<string> {
  const res = await fetch(`${s.base}/sessions/${id}`);
  return ((await res.json()) as { session: { status: string } }).session.status;
}

async function waitForStatus(s: SimInstance, id: string, status: string): Promise<void> {
  await waitUntil(async () => (await sessionStatus(s, id)) === status, `session ${status}`, {
    timeout: TIMEOUT,
    interval: 50,
  });
}

async function historyTypes(s: SimInstance, id: string): Promise<string[]> {
  const res = await fetch(`${s.base}/sessions/${id}/events`);
  return ((await res.json()) as { events: { event_type: string }[] }).events.map((e) => e.event_type);
}

/**
 * A page that owns `session-id` the way the demo does (demo/main.ts): it keeps the selected session
 * and writes it into the attribute whenever its session list changes (and often besides), and
 * follows the panel's `ce-session-change`.
 */
function demoLikeHost(el: ChatPanel, src: string) {
  let selected = el.getAttribute('session-id');
  const writes: (string | null)[] = [];
  const write = () => {
    writes.push(selected);
    if (!selected) el.removeAttribute('session-id');
    else if (el.getAttribute('session-id') !== selected) el.setAttribute('session-id', selected);
  };
  el.addEventListener('ce-session-change', (e) => {
    selected = (e as CustomEvent<ChatSessionChangeDetail>).detail.sessionId;
    write();
  });
  const lease = acquireClient({ url: src });
  const off = lease.client.on('sessions', write);
  const timer = setInterval(write, 25);
  cleanups.push(() => {
    off();
    clearInterval(timer);
    lease.release();
  });
  return {
    get selected() {
      return selected;
    },
    writes,
  };
}

async function mountOn(s: SimInstance, sessionId: string | null): Promise<ChatPanel> {
  return fixture<ChatPanel>(
    html`<chat-panel style="height: 480px" src=${s.sseUrl} session-id=${sessionId ?? ''}></chat-panel>`,
  );
}

/** What a message sent into an ended session must end with: shown, in a new session the host follows. */
async function expectContinued(
  el: ChatPanel,
  host: { selected: string | null },
  previous: string,
  changes: ChatSessionChangeDetail[],
  before: string[],
  prompt: string,
): Promise<void> {
  await typeAndEnter(el, prompt);
  // The bubble stays: right away, and after the host has written its session-id a few times.
  await el.updateComplete;
  expect(read(el)).to.include(`U:${prompt}`);
  expect(textarea(el).value).to.equal('');
  await new Promise((r) => setTimeout(r, 300));
  expect(read(el), 'still shown after 300 ms').to.include(`U:${prompt}`);
  await until(() => changes.length > 0, 'ce-session-change');
  expect(changes).to.have.length(1);
  const next = changes[0].sessionId!;
  expect(changes[0]).to.deep.equal({ sessionId: next, previousSessionId: previous, reason: 'start' });
  expect(next).to.match(/^ses_/).and.not.equal(previous);
  await until(() => lastState(el) === 'done', 'answer in the new session');
  expect(el.sessionId).to.equal(next);
  expect(el.getAttribute('session-id')).to.equal(next);
  expect(host.selected).to.equal(next);
  // The old thread above a divider that says what happened, the new one below.
  expect(read(el)).to.deep.equal([...before, 'D', `U:${prompt}`, 'A:done']);
  expect(text(part(el, 'divider'))).to.equal('Continued in a new session');
  expect(part(el, 'divider')!.dataset.sessionId).to.equal(next);
  expect(part(el, 'session-ended')).to.equal(null);
}

describe('<chat-panel> never loses a message, and shows the right session', function () {
  this.timeout(60_000);

  it('a failed session: the message continues in a new session, with a host that writes session-id back', async () => {
    const s = await sim();
    const { session_id: failed } = await s.startSession({ prompt: 'please fail' });
    await waitForStatus(s, failed, 'failed');
    const el = await mountOn(s, failed);
    const host = demoLikeHost(el, s.sseUrl);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    // As a user does: sends once the old thread is shown (the hint can come before the history).
    await until(() => part(el, 'session-ended') !== null && read(el).length >= 2, 'ended shown');
    await expectContinued(el, host, failed, changes, ['U?:please fail', 'A:failed'], 'Please try again');
    // The host wrote its session-id all along, and never moved the panel back.
    expect(host.writes.filter((w) => w === failed).length).to.be.greaterThan(3);
  });

  it('a stopped session: the same', async () => {
    const s = await sim();
    const { session_id: stopped } = await s.startSession({ prompt: 'slow: a long task' });
    // Opened once its prompt is history (a prompt arriving later would be known to be another's).
    await waitUntil(async () => (await historyTypes(s, stopped)).includes('message'), 'prompt echoed', {
      timeout: TIMEOUT,
      interval: 50,
    });
    const el = await mountOn(s, stopped);
    const host = demoLikeHost(el, s.sseUrl);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await until(() => part(el, 'stop-button') !== null, 'running');
    // A running session takes no message: what was typed stays in the input.
    await typeAndEnter(el, 'not now');
    expect(textarea(el).value).to.equal('not now');
    textarea(el).value = '';
    textarea(el).dispatchEvent(new Event('input'));
    part(el, 'stop-button')!.click();
    await until(() => lastState(el) === 'stopped' && part(el, 'session-ended') !== null, 'stopped');
    await expectContinued(el, host, stopped, changes, ['U?:slow: a long task', 'A:stopped'], 'Please try again');
  });

  it('a running session: a message waits in the input until the run is done, then resumes the session', async () => {
    const s = await sim();
    const { session_id: running } = await s.startSession({ prompt: 'slow: a long task' });
    await waitUntil(async () => (await historyTypes(s, running)).includes('message'), 'prompt echoed', {
      timeout: TIMEOUT,
      interval: 50,
    });
    const el = await mountOn(s, running);
    const host = demoLikeHost(el, s.sseUrl);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await until(() => part(el, 'stop-button') !== null, 'running');
    await typeAndEnter(el, 'And then this');
    expect(textarea(el).value, 'kept while the agent works').to.equal('And then this');
    await until(() => part(el, 'stop-button') === null && lastState(el) === 'done', 'the run is done');
    textarea(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => assistants(el).length === 2 && lastState(el) === 'done', 'answered in the same session');
    expect(read(el)).to.deep.equal(['U?:slow: a long task', 'A:done', 'U:And then this', 'A:done']);
    expect(el.sessionId).to.equal(running);
    expect(host.selected).to.equal(running);
    expect(changes).to.deep.equal([]);
  });

  it('an unknown session: says so, and the message starts a new session', async () => {
    const s = await sim();
    const el = await mountOn(s, 'ses_00000000dead');
    const host = demoLikeHost(el, s.sseUrl);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await until(() => part(el, 'empty')?.dataset.kind === 'not-found', 'not found');
    expect(text(part(el, 'empty'))).to.contain('Session ses_00000000dead was not found');
    expect(text(part(el, 'session-ended'))).to.contain('does not know this session');
    expect(text(root(el).querySelector('.log'))).to.not.contain('has ended');
    expect(text(part(el, 'connection'))).to.equal('Connected');
    await typeAndEnter(el, 'Hello there');
    await until(() => changes.length === 1 && lastState(el) === 'done', 'answered in a new session');
    expect(changes[0].previousSessionId).to.equal('ses_00000000dead');
    expect(el.sessionId).to.equal(changes[0].sessionId);
    expect(host.selected).to.equal(changes[0].sessionId);
    // Nothing was shown of the unknown session: no divider above an empty thread.
    expect(read(el)).to.deep.equal(['U:Hello there', 'A:done']);
    expect(text(part(el, 'connection'))).to.equal('Live');
  });

  it('an idle session: the message resumes it, the session stays', async () => {
    const s = await sim();
    const { session_id: idle } = await s.startSession({ prompt: 'hello' });
    await waitForStatus(s, idle, 'idle');
    const el = await mountOn(s, idle);
    demoLikeHost(el, s.sseUrl);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await until(() => lastState(el) === 'done', 'history');
    await typeAndEnter(el, 'And a follow-up');
    await until(() => assistants(el).length === 2 && lastState(el) === 'done', 'answer');
    expect(read(el)).to.deep.equal(['U?:hello', 'A:done', 'U:And a follow-up', 'A:done']);
    expect(el.sessionId).to.equal(idle);
    expect(changes).to.deep.equal([]);
  });

  it('a host that writes the old session-id in the middle of the request does not drop the message', async () => {
    const s = await sim();
    const { session_id: failed } = await s.startSession({ prompt: 'please fail' });
    await waitForStatus(s, failed, 'failed');
    const real = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => real.close());
    const panel: { el?: ChatPanel } = {};
    const client = delegate(real, {
      startRun: async (options) => {
        // What a React host that owns the prop does on an unrelated re-render.
        panel.el!.sessionId = failed;
        panel.el!.setAttribute('session-id', failed);
        await panel.el!.updateComplete;
        return real.startRun(options);
      },
    });
    const el = (panel.el = await fixture<ChatPanel>(
      html`<chat-panel style="height: 480px" .client=${client}></chat-panel>`,
    ));
    el.sessionId = failed;
    const sent = collect<ChatMessageSentDetail>(el, 'ce-message-sent');
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    // As a user does: sends once the old thread is shown (the hint can come before the history).
    await until(() => part(el, 'session-ended') !== null && read(el).length >= 2, 'ended shown');
    await el.send('Please try again');
    await until(() => lastState(el) === 'done', 'answered');
    expect(sent).to.have.length(1);
    expect(changes).to.deep.equal([{ sessionId: sent[0].sessionId, previousSessionId: failed, reason: 'start' }]);
    expect(read(el)).to.deep.equal(['U?:please fail', 'A:failed', 'D', 'U:Please try again', 'A:done']);
  });

  it('a host that moves the panel elsewhere during a send still hears that the message went out', async () => {
    const s = await sim();
    const { session_id: other } = await s.startSession({ prompt: 'hello' });
    const real = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => real.close());
    const panel: { el?: ChatPanel } = {};
    const client = delegate(real, {
      startRun: async (options) => {
        panel.el!.sessionId = other;
        await panel.el!.updateComplete;
        return real.startRun(options);
      },
    });
    const el = (panel.el = await fixture<ChatPanel>(
      html`<chat-panel style="height: 480px" .client=${client}></chat-panel>`,
    ));
    const sent = collect<ChatMessageSentDetail>(el, 'ce-message-sent');
    await until(() => el.shadowRoot!.querySelector('[part~="connection"]') !== null, 'rendered');
    await el.send('Start something');
    await until(() => sent.length === 1, 'ce-message-sent');
    expect(sent[0].prompt).to.equal('Start something');
    expect(sent[0].sessionId).to.not.equal(other);
    expect(el.sessionId).to.equal(other);
  });
});

describe('<chat-panel> why a run failed and who sent a prompt, after a reload', function () {
  this.timeout(60_000);

  it("says why a run failed from history (the last tool's error) when run_failed was never seen", async () => {
    const s = await sim({
      turn: {
        tools: [{ tool_name: 'Bash', error: 'Permission denied: /srv/deploy' }],
        outcome: 'failed',
        failure: 'Executor process exited unexpectedly (exit code 1)',
      },
    });
    const { session_id } = await s.startSession({ prompt: 'deploy' });
    await waitForStatus(s, session_id, 'failed');
    // A reload: a client that starts now.
    const client = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => client.close());
    const el = await fixture<ChatPanel>(html`<chat-panel .client=${client} session-id=${session_id}></chat-panel>`);
    await until(() => lastState(el) === 'failed', 'failed shown');
    expect(text(assistants(el)[0].querySelector('.note'))).to.equal('The run failed: Permission denied: /srv/deploy');
  });

  it('says why a run failed after a reload, as it did live (run_failed is remembered by the client)', async () => {
    const s = await sim();
    const first = await fixture<ChatPanel>(html`<chat-panel .src=${s.sseUrl}></chat-panel>`);
    await first.send('please fail');
    await until(() => lastState(first) === 'failed', 'failed live');
    const live = text(assistants(first)[0].querySelector('.note'));
    expect(live).to.equal('The run failed: Executor process exited unexpectedly (exit code 137)');
    const sessionId = first.sessionId!;
    first.remove();
    const client = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => client.close());
    const el = await fixture<ChatPanel>(html`<chat-panel .client=${client} session-id=${sessionId}></chat-panel>`);
    await until(() => lastState(el) === 'failed', 'failed after the reload');
    expect(text(assistants(el)[0].querySelector('.note'))).to.equal(live);
  });

  it('labels its own earlier prompts neutrally after a reload, and a prompt from elsewhere as such', async () => {
    const s = await sim();
    const first = await fixture<ChatPanel>(html`<chat-panel .src=${s.sseUrl}></chat-panel>`);
    await first.send('My own question');
    await until(() => lastState(first) === 'done', 'answer');
    const sessionId = first.sessionId!;
    first.remove();
    const client = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => client.close());
    const el = await fixture<ChatPanel>(html`<chat-panel .client=${client} session-id=${sessionId}></chat-panel>`);
    await until(() => lastState(el) === 'done', 'history');
    expect(read(el)).to.deep.equal(['U?:My own question', 'A:done']);
    expect(text(root(el).querySelector('.log'))).to.not.contain('another window');
    expect(text(root(el).querySelector('.log'))).to.not.contain('elsewhere');
    // Another window continues the session: this panel knows it did not send that.
    const res = await fetch(`${s.base}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'resume_session', session_id: sessionId, parameters: { prompt: 'From a tab' } }),
    });
    expect(res.status).to.equal(201);
    await until(() => read(el).includes('U*:From a tab'), 'the other prompt');
    expect(text(part(el, 'other-message'))).to.contain('Sent from another window');
  });
});

describe('<chat-panel> draft and focusComposer()', () => {
  it('sets and reads the text in the input, and focuses it with the caret at the end', async () => {
    const el = await fixture<ChatPanel>(html`<chat-panel></chat-panel>`);
    el.draft = 'Continue where I left off';
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Continue where I left off');
    await el.focusComposer();
    expect(root(el).activeElement).to.equal(textarea(el));
    expect(textarea(el).selectionStart).to.equal('Continue where I left off'.length);
    await sendKeys({ type: ' now' });
    expect(el.draft).to.equal('Continue where I left off now');
    el.draft = '';
    await el.updateComplete;
    expect(textarea(el).value).to.equal('');
  });
});
