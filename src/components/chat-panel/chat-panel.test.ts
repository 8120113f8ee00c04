import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import { CoordinatorClient } from '../../client/client.js';
import { delegate } from '../../../test/support/client-kit.js';
import type {
  ChatAnswerDetail,
  ChatErrorDetail,
  ChatMessageSentDetail,
  ChatSessionChangeDetail,
} from './chat-panel.js';
import { chatStrings, setChatStrings } from './chat-panel.js';
import type { ChatPanel } from './chat-panel.component.js';

const TIMEOUT = 15_000;
let sims: SimInstance[] = [];
const clients: CoordinatorClient[] = [];
const cleanups: (() => void)[] = [];

async function sim(options: Parameters<typeof createSim>[0] = {}): Promise<SimInstance> {
  const instance = await createSim({ stepMs: 20, ...options });
  sims.push(instance);
  return instance;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const c of clients.splice(0)) c.close();
  await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
  sims = [];
});

async function mount(s: SimInstance, extra: Partial<ChatPanel> = {}): Promise<ChatPanel> {
  const el = await fixture<ChatPanel>(html`<chat-panel style="height: 420px" .src=${s.sseUrl}></chat-panel>`);
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

const root = (el: ChatPanel) => el.shadowRoot!;
const textarea = (el: ChatPanel) => root(el).querySelector('textarea')!;
const part = (el: ChatPanel, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);

/**
 * The conversation as drawn: `U:text` (mine), `U*:text` (known to be from elsewhere), `U?:text` (history:
 * sender not known), `A:state`, `D` (divider).
 */
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

const assistants = (el: ChatPanel) => [...root(el).querySelectorAll<HTMLElement>('.msg.assistant')];
const lastAssistant = (el: ChatPanel) => assistants(el).at(-1) ?? null;

/** Rendered answer text of an assistant row (inside `<ce-markdown>`'s shadow root). */
function answerText(row: Element | null): string {
  const md = row?.querySelector('ce-markdown.answer');
  return md?.shadowRoot?.querySelector('.content')?.textContent ?? '';
}

async function until(predicate: () => boolean, message: string, timeout = TIMEOUT): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 25 });
}

/** Types into the panel's input with the real keyboard and presses Enter. */
/** Shift+Enter with the real keyboard. */
async function shiftEnter(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Shift' });
}

async function typeAndEnter(el: ChatPanel, text: string): Promise<void> {
  el.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

function collect<T>(el: EventTarget, type: string): T[] {
  const out: T[] = [];
  el.addEventListener(type, (e) => out.push((e as CustomEvent<T>).detail));
  return out;
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status}`);
}

async function historyOf(s: SimInstance, sessionId: string): Promise<{ event_type: string }[]> {
  const res = await fetch(`${s.base}/sessions/${sessionId}/events`);
  return ((await res.json()) as { events: { event_type: string }[] }).events;
}

describe('<chat-panel> conversation against the simulated coordinator', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);

  it('starts a new chat: optimistic bubble, pending answer, filled answer, events, focus back', async () => {
    const s = await sim();
    const el = await mount(s);
    const sent = collect<ChatMessageSentDetail>(el, 'ce-message-sent');
    const answers = collect<ChatAnswerDetail>(el, 'ce-answer');
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await until(() => part(el, 'connection')?.classList.contains('open') ?? false, 'stream open');
    expect(el.sessionId).to.equal(null);

    // What was on screen when the coordinator answered the request.
    let drawn: { bubbles: string[]; input: string; typing: boolean } | null = null;
    el.addEventListener('ce-message-sent', () => {
      drawn = { bubbles: read(el), input: textarea(el).value, typing: part(el, 'typing') !== null };
    });
    await typeAndEnter(el, 'Hello, list the files please');
    await until(() => sent.length === 1, 'ce-message-sent');
    // Optimistic: the prompt and a pending answer were drawn before the request was answered.
    expect(drawn).to.deep.equal({ bubbles: ['U:Hello, list the files please', 'A:sending'], input: '', typing: true });
    expect(sent[0].prompt).to.equal('Hello, list the files please');
    expect(sent[0].sessionId).to.match(/^ses_/);
    expect(sent[0].runId).to.match(/^run_/);
    expect(el.sessionId).to.equal(sent[0].sessionId);
    await el.updateComplete;
    expect(el.getAttribute('session-id')).to.equal(sent[0].sessionId);
    expect(changes).to.deep.equal([{ sessionId: sent[0].sessionId, previousSessionId: null, reason: 'start' }]);
    // Focus returns to the input once it is enabled again.
    expect(root(el).activeElement).to.equal(textarea(el));

    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer done');
    expect(read(el)).to.deep.equal(['U:Hello, list the files please', 'A:done']);
    const row = lastAssistant(el)!;
    expect(answerText(row)).to.contain('You asked');
    expect(row.querySelectorAll('[part~="tool-button"]').length).to.be.greaterThan(2);
    expect(answers).to.have.length(1);
    expect(answers[0].sessionId).to.equal(sent[0].sessionId);
    expect(answers[0].prompt).to.equal('Hello, list the files please');
    expect(answers[0].text).to.contain('You asked');
    // The result repeats the message text: shown once.
    expect(answers[0].resultText).to.equal(null);
    expect(el.busy).to.equal(false);
  });

  it('resumes the session for the next message and shows tool details on demand', async () => {
    const s = await sim();
    const el = await mount(s);
    const sent = collect<ChatMessageSentDetail>(el, 'ce-message-sent');
    const answers = collect<ChatAnswerDetail>(el, 'ce-answer');
    const order: string[] = [];
    el.addEventListener('ce-message-sent', () => order.push('sent'));
    el.addEventListener('ce-answer', () => order.push('answer'));
    await el.send('First question');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'first answer');
    const sessionId = el.sessionId;

    await typeAndEnter(el, 'Second question');
    await until(() => assistants(el).length === 2 && lastAssistant(el)!.dataset.state === 'done', 'second answer');
    await until(() => sent.length === 2 && answers.length === 2, 'both acknowledged and answered');
    // Never an answer before its request was acknowledged.
    expect(order).to.deep.equal(['sent', 'answer', 'sent', 'answer']);
    expect(sent.map((d) => d.sessionId)).to.deep.equal([sessionId, sessionId]);
    expect(el.sessionId).to.equal(sessionId);
    expect(read(el)).to.deep.equal(['U:First question', 'A:done', 'U:Second question', 'A:done']);
    const stats = await s.stats();
    expect(stats.requests.filter((r) => r.method === 'POST' && r.path === '/runs').map((r) => r.status)).to.deep.equal([
      201, 201,
    ]);

    const chip = lastAssistant(el)!.querySelector<HTMLButtonElement>('[part~="tool-button"]')!;
    expect(chip.getAttribute('aria-expanded')).to.equal('false');
    chip.click();
    await el.updateComplete;
    expect(chip.getAttribute('aria-expanded')).to.equal('true');
    const details = root(el).getElementById(chip.getAttribute('aria-controls')!)!;
    expect(details.querySelectorAll('ce-payload').length).to.be.greaterThan(0);
  });

  it('never shows the executor echo of the prompt as a second bubble, however late it comes', async () => {
    const s = await sim();
    const el = await mount(s);
    await el.send('A slow question about the stream parser');
    // The echo of a `slow` run arrives much later than the request's answer.
    await until(() => root(el).querySelector('.msg.user[data-status="echoed"]') !== null, 'echo matched');
    expect(root(el).querySelectorAll('.msg.user').length).to.equal(1);
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');
    expect(read(el)).to.deep.equal(['U:A slow question about the stream parser', 'A:done']);
  });

  it('shows a prompt this panel did not send (a callback) in order before the pending answer', async () => {
    const s = await sim();
    const el = await mount(s);
    await el.send('slow: run the checks');
    await until(() => root(el).querySelector('.msg.user[data-status="echoed"]') !== null, 'echo');
    expect(lastAssistant(el)!.dataset.state).to.equal('working');
    await post(`${s.base}/sessions/${el.sessionId}/events`, {
      event_type: 'message',
      role: 'user',
      content: [{ type: 'text', text: 'Callback: child agent finished' }],
    });
    await until(() => read(el).length === 3, 'callback shown');
    expect(read(el)).to.deep.equal(['U:slow: run the checks', 'U*:Callback: child agent finished', 'A:working']);
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');
    expect(read(el)).to.deep.equal(['U:slow: run the checks', 'U*:Callback: child agent finished', 'A:done']);
  });

  it('ends the busy state of a failed run with a note, then starts a new session', async () => {
    const s = await sim();
    const el = await mount(s);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await el.send('please fail this one');
    await until(() => lastAssistant(el)?.dataset.state === 'failed', 'failed');
    expect(lastAssistant(el)!.querySelector('.note')!.textContent).to.contain(
      'Executor process exited unexpectedly (exit code 137)',
    );
    expect(el.busy).to.equal(false);
    expect(part(el, 'stop-button')).to.equal(null);
    expect(part(el, 'session-ended')).to.exist;
    const failedSession = el.sessionId;

    await typeAndEnter(el, 'Try again');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer in the new session');
    expect(el.sessionId).to.not.equal(failedSession);
    expect(read(el)).to.deep.equal(['U:please fail this one', 'A:failed', 'D', 'U:Try again', 'A:done']);
    expect(changes.at(-1)).to.deep.equal({
      sessionId: el.sessionId,
      previousSessionId: failedSession,
      reason: 'start',
    });
  });

  it('stops a working agent with the Stop button', async () => {
    const s = await sim();
    const el = await mount(s);
    await el.send('slow: a long task');
    await until(() => lastAssistant(el)?.dataset.state === 'working', 'working');
    const stop = part(el, 'stop-button') as HTMLButtonElement;
    expect(stop).to.exist;
    expect(part(el, 'send-button')).to.equal(null);
    stop.focus();
    stop.click();
    await until(() => lastAssistant(el)?.dataset.state === 'stopped', 'stopped');
    await el.updateComplete;
    expect(root(el).activeElement, 'focus moves to the input when Stop goes away').to.equal(textarea(el));
    expect(lastAssistant(el)!.querySelector('.note')!.textContent).to.contain('stopped');
    expect(el.busy).to.equal(false);
    expect(part(el, 'send-button')).to.exist;
    const stats = await s.stats();
    expect(stats.requests.some((r) => r.method === 'POST' && r.path === `/sessions/${el.sessionId}/stop`)).to.equal(
      true,
    );
  });

  it('run-body applies per panel, also to panels sharing one connection', async () => {
    const s = await sim({ runBody: 'parameters' });
    // The first panel opens the shared client with the default (auto); the second asks for `prompt`.
    const first = await mount(s);
    const second = await mount(s, { runBody: 'prompt' });
    await typeAndEnter(second, 'Hello');
    // This coordinator takes only `parameters`: the second panel's body is refused…
    await until(() => lastAssistant(second)?.dataset.state === 'error', 'the prompt-shaped body refused');
    expect(part(second, 'error')!.textContent).to.contain('HTTP 422');
    // …while the first panel, on the same connection, still sends what the coordinator takes.
    await typeAndEnter(first, 'Hi');
    await until(() => first.sessionId !== null && first.sessionId !== '', 'the first panel started a session');
    const stats = await s.stats();
    expect(stats.openStreams, 'both panels share one stream').to.equal(1);
  });

  it('shows a FastAPI 422 (run body mismatch) with its field message, keeping the prompt', async () => {
    const s = await sim({ runBody: 'parameters' });
    const real = new CoordinatorClient({ url: s.sseUrl, runBodyShape: 'prompt' });
    clients.push(real);
    const el = await mount(s, { client: real });
    const errors = collect<ChatErrorDetail>(el, 'ce-error');
    await typeAndEnter(el, 'Hello');
    await until(() => lastAssistant(el)?.dataset.state === 'error', 'error');
    const box = part(el, 'error')!;
    expect(box.textContent).to.contain('HTTP 422');
    expect(box.querySelector('li')!.textContent).to.contain('parameters: Field required');
    expect(read(el)).to.deep.equal(['U:Hello', 'A:error']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ kind: 'send', status: 422 });
  });

  it('shows parameter_validation_failed (blank prompt from a host client) with its field messages', async () => {
    const s = await sim();
    const real = new CoordinatorClient({ url: s.sseUrl });
    clients.push(real);
    // A host client that loses the prompt on the way: the coordinator's own validation answers.
    const client = delegate(real, { startRun: (o) => real.startRun({ ...o, prompt: '   ' }) });
    const el = await mount(s, { client });
    await el.send('This text gets lost by the host client');
    await until(() => lastAssistant(el)?.dataset.state === 'error', 'error');
    const box = part(el, 'error')!;
    expect(box.textContent).to.contain('HTTP 400');
    expect(box.textContent).to.contain('Parameter validation failed');
    expect(box.querySelector('li')!.textContent).to.equal('prompt: prompt is required and must be a non-empty string');
    // Edit puts the prompt back into the input.
    (part(el, 'edit-button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(textarea(el).value).to.equal('This text gets lost by the host client');
    expect(read(el)).to.deep.equal([]);
  });

  it('shows a server error with Retry; Retry sends the same prompt again', async () => {
    const s = await sim();
    const el = await mount(s);
    await s.fault({ failRequests: { status: 503, count: 1, path: '/runs' } });
    await typeAndEnter(el, 'Keep this text');
    await until(() => lastAssistant(el)?.dataset.state === 'error', 'error');
    expect(part(el, 'error')!.textContent).to.contain('Could not send (HTTP 503): Service Unavailable (simulated)');
    expect(root(el).querySelector('.msg.user')!.getAttribute('data-status')).to.equal('error');

    (part(el, 'retry-button') as HTMLButtonElement).click();
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer after retry');
    expect(read(el)).to.deep.equal(['U:Keep this text', 'A:done']);
    const posts = (await s.stats()).requests.filter((r) => r.method === 'POST' && r.path === '/runs');
    expect(posts.map((r) => r.status)).to.deep.equal([503, 201]);
  });

  it('shows a 409 detail when another window took the turn, and the other prompt in order', async () => {
    const s = await sim();
    const el = await mount(s);
    await el.send('First');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'first answer');
    // The panel stops hearing the stream; meanwhile another window resumes the session.
    await s.fault({ stall: true });
    const res = await fetch(`${s.base}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'resume_session',
        session_id: el.sessionId,
        parameters: { prompt: 'From another window' },
      }),
    });
    expect(res.status).to.equal(201);
    await el.send('Mine');
    await until(() => lastAssistant(el)?.dataset.state === 'error', 'conflict');
    expect(part(el, 'error')!.textContent).to.contain('(HTTP 409)').and.contain('cannot be resumed');

    await s.fault({ stall: false });
    await until(() => read(el).includes('U*:From another window'), 'the other prompt');
    await until(
      () => !el.busy && (part(el, 'retry-button') as HTMLButtonElement | null)?.disabled === false,
      'retry possible',
    );
    (part(el, 'retry-button') as HTMLButtonElement).click();
    await until(() => assistants(el).length === 3 && lastAssistant(el)!.dataset.state === 'done', 'answer after retry');
    expect(read(el)).to.deep.equal(['U:First', 'A:done', 'U*:From another window', 'A:done', 'U:Mine', 'A:done']);
  });

  it('shows a network error (coordinator unreachable) and retries once the address is fixed', async () => {
    const s = await sim();
    const el = await mount(s);
    const errors = collect<ChatErrorDetail>(el, 'ce-error');
    // REST goes to a port nothing listens on; the stream itself is fine.
    el.apiBase = 'http://127.0.0.1:9';
    await el.updateComplete;
    await el.send('Survives the outage');
    await until(() => lastAssistant(el)?.dataset.state === 'error', 'network error');
    expect(part(el, 'error')!.textContent).to.contain('could not be reached');
    expect(errors.at(-1)).to.include({ kind: 'send', status: null });

    el.apiBase = '';
    await el.updateComplete;
    (part(el, 'retry-button') as HTMLButtonElement).click();
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer after retry');
    expect(read(el)).to.deep.equal(['U:Survives the outage', 'A:done']);
  });

  it('gets the answer exactly once when the stream drops during a run', async () => {
    const s = await sim();
    const el = await mount(s);
    const answers = collect<ChatAnswerDetail>(el, 'ce-answer');
    await el.send('slow: survive a reconnect');
    await until(() => root(el).querySelector('.msg.user[data-status="echoed"]') !== null, 'echo');
    const before = (await s.stats()).sseRequests;
    await s.fault({ dropStreams: true });
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer after reconnect', 30_000);
    expect((await s.stats()).sseRequests).to.be.greaterThan(before);
    expect(read(el)).to.deep.equal(['U:slow: survive a reconnect', 'A:done']);
    expect(answers).to.have.length(1);
    const text = answerText(lastAssistant(el));
    expect(text.split('You asked').length - 1).to.equal(1);
    // Every tool call once.
    const chips = [...lastAssistant(el)!.querySelectorAll('[part~="tool-button"]')];
    const history = (await historyOf(s, el.sessionId!)).filter((e) => e.event_type === 'post_tool');
    expect(chips.length).to.equal(history.length);
  });

  it('talks to an old-name (rename-era) coordinator: top-level prompt, finished = resumable', async () => {
    const s = await sim({ era: 'rename', legacyNames: true });
    const el = await mount(s);
    await typeAndEnter(el, 'Hello old world');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'first answer');
    await typeAndEnter(el, 'And again');
    await until(() => assistants(el).length === 2 && lastAssistant(el)!.dataset.state === 'done', 'second answer');
    expect(read(el)).to.deep.equal(['U:Hello old world', 'A:done', 'U:And again', 'A:done']);
    const posts = (await s.stats()).requests.filter((r) => r.method === 'POST' && r.path === '/runs');
    // The first request finds out the body shape (422), every later one uses it.
    expect(posts.map((r) => r.status)).to.deep.equal([422, 201, 201]);
    const types = (await historyOf(s, el.sessionId!)).map((e) => e.event_type);
    expect(types).to.include('session_start');
  });

  it('opens an existing session as a conversation, then continues it', async () => {
    const s = await sim();
    const { session_id } = await s.startSession({ prompt: 'History question', runs: 2 });
    await waitUntil(
      async () => (await historyOf(s, session_id)).filter((e) => e.event_type === 'run_completed').length === 2,
      'scripted session done',
      { timeout: TIMEOUT, interval: 100 },
    );
    const answers = collect<ChatAnswerDetail>(document, 'ce-answer');
    const el = await fixture<ChatPanel>(
      html`<chat-panel style="height: 420px" .src=${s.sseUrl} session-id=${session_id}></chat-panel>`,
    );
    await until(() => assistants(el).length === 2, 'history shown');
    const shape = read(el);
    expect(shape).to.have.length(4);
    // History: who sent its prompts is not known, so they are not labelled as someone else's.
    expect(shape[0]).to.equal('U?:History question');
    expect(shape[1]).to.equal('A:done');
    expect(shape[2]).to.match(/^U\?:/);
    expect(part(el, 'other-message')).to.equal(null);
    expect(root(el).textContent).to.not.contain('another window');
    expect(shape[3]).to.equal('A:done');
    expect(answerText(assistants(el)[0])).to.contain('You asked');
    expect(answers, 'history is not news').to.have.length(0);

    await el.send('A follow-up');
    await until(() => assistants(el).length === 3 && lastAssistant(el)!.dataset.state === 'done', 'follow-up answer');
    expect(el.sessionId).to.equal(session_id);
    expect(answers).to.have.length(1);
  });

  it('New chat clears the conversation and the next message starts a fresh session', async () => {
    const s = await sim();
    const el = await mount(s);
    const changes = collect<ChatSessionChangeDetail>(el, 'ce-session-change');
    await el.send('One');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');
    const first = el.sessionId!;
    (part(el, 'new-chat-button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(read(el)).to.deep.equal([]);
    expect(el.sessionId).to.equal(null);
    expect(el.hasAttribute('session-id')).to.equal(false);
    expect(changes.at(-1)).to.deep.equal({ sessionId: null, previousSessionId: first, reason: 'new-chat' });
    expect(root(el).activeElement).to.equal(textarea(el));
    await el.send('Two');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');
    expect(el.sessionId).to.match(/^ses_/).and.not.equal(first);
    expect(read(el)).to.deep.equal(['U:Two', 'A:done']);
    // The cleared bubbles left none of their markers behind (lit-html 3.3 leaves one per bubble).
    const log = root(el).querySelector('.log-content')!;
    const markers = [...log.childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE && !(n as Comment).data);
    expect(markers.length).to.equal(2 * log.querySelectorAll(':scope > .msg').length);
  });

  it('starts new sessions with the agent chosen in the picker', async () => {
    const s = await sim();
    const el = await fixture<ChatPanel>(html`<chat-panel agent-picker .src=${s.sseUrl}></chat-panel>`);
    const select = () => part(el, 'agent-picker') as HTMLSelectElement;
    await until(() => select()?.options.length === 3, 'agents listed');
    expect([...select().options].map((o) => o.value)).to.deep.equal(['', 'researcher', 'coder']);
    select().value = 'coder';
    select().dispatchEvent(new Event('change'));
    expect(el.agent).to.equal('coder');
    await el.send('Who are you?');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');
    const res = await fetch(`${s.base}/sessions/${el.sessionId}`);
    expect(((await res.json()) as { session: { agent_name: string } }).session.agent_name).to.equal('coder');
    // The session is under way: the agent applies to the next new chat only.
    expect(select().disabled).to.equal(true);
  });
});

describe('<chat-panel> credentials and sharing', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);

  it('reports a refused token, then works with the right one and with a token provider', async () => {
    const s = await sim({ token: 'secret' });
    const el = await fixture<ChatPanel>(html`<chat-panel .src=${s.sseUrl} token="wrong"></chat-panel>`);
    const errors = collect<ChatErrorDetail>(el, 'ce-error');
    await until(() => part(el, 'connection')?.classList.contains('auth-error') ?? false, 'auth error shown');
    expect(part(el, 'connection')!.textContent).to.contain('Not authorized');
    await until(() => errors.some((e) => e.kind === 'connection'), 'ce-error');
    expect(errors.find((e) => e.kind === 'connection')!.status).to.equal(403);

    el.token = 'secret';
    await until(() => part(el, 'connection')?.classList.contains('open') ?? false, 'open with the right token');
    await el.send('With a token');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');

    el.token = '';
    el.tokenProvider = async () => 'secret';
    await el.send('With a provider');
    await until(() => assistants(el).length === 2 && lastAssistant(el)!.dataset.state === 'done', 'second answer');
    const posts = (await s.stats()).requests.filter((r) => r.method === 'POST' && r.path === '/runs');
    expect(posts.map((r) => [r.status, r.authorization])).to.deep.equal([
      [201, 'Bearer secret'],
      [201, 'Bearer secret'],
    ]);
  });

  it('shares one stream between panels on the same coordinator', async () => {
    const s = await sim();
    // Built by hand: fixture() waits for an animation frame, which a background test page never gets.
    const wrap = document.createElement('div');
    const [a, b] = [document.createElement('chat-panel'), document.createElement('chat-panel')];
    a.src = b.src = s.sseUrl;
    wrap.append(a, b);
    document.body.append(wrap);
    cleanups.push(() => wrap.remove());
    await until(() => [a, b].every((p) => part(p, 'connection')?.classList.contains('open')), 'both live');
    const stats = await s.stats();
    expect(stats.openStreams).to.equal(1);
    await a.send('From panel A');
    await until(() => lastAssistant(a)?.dataset.state === 'done', 'answer in A');
    expect(read(b), 'B has its own conversation').to.deep.equal([]);
  });
});

describe('<chat-panel> input', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);

  it('Shift+Enter makes a new line, Enter sends, IME composition does not send', async () => {
    const s = await sim();
    const el = await mount(s);
    const sent = collect<ChatMessageSentDetail>(el, 'ce-message-sent');
    el.focus();
    await sendKeys({ type: 'line one' });
    await shiftEnter();
    await sendKeys({ type: 'line two' });
    expect(textarea(el).value).to.equal('line one\nline two');
    expect(read(el)).to.deep.equal([]);

    // Enter that confirms an IME candidate.
    textarea(el).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }),
    );
    textarea(el).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true }),
    );
    await el.updateComplete;
    expect(read(el)).to.deep.equal([]);

    await sendKeys({ press: 'Enter' });
    await until(() => sent.length === 1, 'sent');
    expect(sent[0].prompt).to.equal('line one\nline two');
    expect(read(el)[0]).to.equal('U:line one\nline two');
  });

  it('grows with its text, is disabled while sending, and refuses blank or busy sends', async () => {
    const s = await sim();
    const el = await mount(s);
    const area = textarea(el);
    const sendButton = () => part(el, 'send-button') as HTMLButtonElement;
    expect(sendButton().disabled, 'nothing typed').to.equal(true);
    const h1 = area.getBoundingClientRect().height;
    el.focus();
    await sendKeys({ type: 'a' });
    for (let i = 0; i < 4; i++) await shiftEnter();
    await el.updateComplete;
    expect(area.getBoundingClientRect().height).to.be.greaterThan(h1);
    expect(sendButton().disabled).to.equal(false);

    area.value = '   ';
    area.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(sendButton().disabled, 'blank').to.equal(true);
    await sendKeys({ press: 'Enter' });
    expect(read(el)).to.deep.equal([]);

    const sending = el.send('slow: one at a time');
    await el.updateComplete;
    expect(area.disabled).to.equal(true);
    await sending;
    await el.updateComplete;
    expect(area.disabled).to.equal(false);
    // Emptied after sending: back to one line.
    expect(Math.abs(area.getBoundingClientRect().height - h1)).to.be.lessThan(2);
    // Busy: a second message waits for the answer.
    await el.send('not now');
    expect(read(el).filter((b) => b.startsWith('U:'))).to.deep.equal(['U:slow: one at a time']);
    (part(el, 'stop-button') as HTMLButtonElement).click();
    await until(() => lastAssistant(el)?.dataset.state === 'stopped', 'stopped');
  });
});

describe('<chat-panel> without a coordinator, and its strings', () => {
  it('says what is missing and cannot send, but the input works', async () => {
    const el = await fixture<ChatPanel>(html`<chat-panel></chat-panel>`);
    expect(part(el, 'connection')!.textContent).to.contain('No coordinator');
    el.focus();
    await sendKeys({ type: 'draft' });
    await el.updateComplete;
    expect(textarea(el).value).to.equal('draft');
    expect((part(el, 'send-button') as HTMLButtonElement).disabled).to.equal(true);
    await el.send('x');
    expect(read(el)).to.deep.equal([]);
  });

  it('replaces its strings per panel and for all panels', async () => {
    const el = await fixture<ChatPanel>(html`<chat-panel placeholder="Frag den Agenten"></chat-panel>`);
    el.strings = { send: 'Senden', newChat: 'Neuer Chat', inputLabel: 'Nachricht' };
    await el.updateComplete;
    expect(part(el, 'send-button')!.textContent!.trim()).to.equal('Senden');
    expect(part(el, 'new-chat-button')!.textContent!.trim()).to.equal('Neuer Chat');
    expect(textarea(el).getAttribute('aria-label')).to.equal('Nachricht');
    expect(textarea(el).placeholder).to.equal('Frag den Agenten');
    const original = chatStrings.logLabel;
    try {
      setChatStrings({ logLabel: 'Unterhaltung' });
      el.requestUpdate();
      await el.updateComplete;
      expect(part(el, 'log')!.getAttribute('aria-label')).to.equal('Unterhaltung');
    } finally {
      setChatStrings({ logLabel: original });
    }
  });
});

describe('<chat-panel> scrolling', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);

  it('follows new content at the bottom, and offers a jump instead of pulling a reader back', async () => {
    const s = await sim();
    const el = await mount(s);
    el.style.height = '320px';
    const log = part(el, 'log')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight <= 24;
    await el.send('markdown please');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'first answer');
    await until(() => log.scrollHeight > log.clientHeight * 2, 'long content');
    await until(atBottom, 'followed to the bottom');

    await el.send('markdown slow second report');
    await until(() => lastAssistant(el)?.dataset.state === 'working', 'working');
    // The reader scrolls up (the scroll event is delivered at once, as a wheel's would be).
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    await until(() => part(el, 'jump-button') !== null, 'jump offered', 30_000);
    expect(log.scrollTop, 'the reader stays where they are').to.equal(0);
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'second answer');
    expect(log.scrollTop).to.equal(0);

    part(el, 'jump-button')!.click();
    await el.updateComplete;
    await until(atBottom, 'jumped');
    expect(part(el, 'jump-button')).to.equal(null);
  });
});

describe('<chat-panel> accessibility', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);

  it('labels the log, the input and the buttons, and passes axe with a conversation', async () => {
    const s = await sim();
    const el = await mount(s);
    await el.send('Hello');
    await until(() => lastAssistant(el)?.dataset.state === 'done', 'answer');
    const log = part(el, 'log')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    expect(textarea(el).getAttribute('aria-label')).to.equal('Message to the agent');
    for (const button of root(el).querySelectorAll('button')) {
      const name = button.getAttribute('aria-label') ?? button.textContent!.trim();
      expect(name, button.outerHTML).to.not.equal('');
    }
    await expect(el).to.be.accessible();
  });
});

describe('<chat-panel> hostile content', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);

  const IMG = '<img src=x onerror="window.__pwned=1">';
  const SCRIPT = '<script>window.__pwned=1</script>';

  /** Every element under the panel, through nested shadow roots. */
  function deepElements(node: ParentNode): Element[] {
    const out: Element[] = [];
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
    }
    return out;
  }

  it('keeps markup and javascript: links from messages, tool names and tool output inert', async () => {
    const s = await sim();
    const { session_id } = await s.startSession({ prompt: 'harmless' });
    await waitUntil(
      async () => (await historyOf(s, session_id)).some((e) => e.event_type === 'run_completed'),
      'scripted run done',
      { timeout: TIMEOUT, interval: 100 },
    );
    const el = await fixture<ChatPanel>(
      html`<chat-panel style="height: 600px" .src=${s.sseUrl} session-id=${session_id}></chat-panel>`,
    );
    await until(() => assistants(el).length === 1, 'history');
    const events = `${s.base}/sessions/${session_id}/events`;
    await post(events, { event_type: 'run_start' });
    await post(events, {
      event_type: 'message',
      role: 'user',
      content: [{ type: 'text', text: `user ${IMG} ${SCRIPT}` }],
    });
    await post(events, {
      event_type: 'post_tool',
      tool_name: IMG,
      tool_input: { command: IMG, link: 'javascript:window.__pwned=1' },
      tool_output: `${IMG}\n[x](javascript:window.__pwned=1)`,
      error: `failed ${IMG}`,
    });
    await post(events, {
      event_type: 'message',
      role: 'assistant',
      content: [
        {
          type: 'text',
          text: `answer ${IMG} ${SCRIPT} [click me](javascript:window.__pwned=1) <a href="javascript:window.__pwned=1">raw</a> ![img](javascript:window.__pwned=1)`,
        },
      ],
    });
    await post(events, { event_type: 'result', result_text: `result ${IMG}`, result_data: { html: IMG } });
    await post(events, { event_type: 'run_completed', exit_code: 0, reason: 'completed' });
    await until(
      () => assistants(el).length === 2 && answerText(lastAssistant(el)).includes('answer'),
      'hostile run shown',
    );

    for (const chip of root(el).querySelectorAll<HTMLButtonElement>('[part~="tool-button"]')) chip.click();
    await el.updateComplete;
    // Let nested elements (markdown, payload, JSON view) render.
    await until(() => root(el).querySelectorAll('ce-payload').length >= 3, 'tool details open');
    await Promise.all(
      [...root(el).querySelectorAll('ce-payload, ce-markdown')].map((n) => (n as ChatPanel).updateComplete),
    );

    const all = deepElements(root(el));
    expect(
      all.filter((n) => n.localName === 'img' || n.localName === 'script'),
      'no injected elements',
    ).to.have.length(0);
    expect(all.filter((n) => n.getAttribute('onerror') !== null)).to.have.length(0);
    expect(all.filter((n) => /^\s*javascript:/i.test(n.getAttribute('href') ?? ''))).to.have.length(0);
    // The text is shown as text.
    expect(root(el).textContent).to.contain('user <img src=x onerror="window.__pwned=1">');
    const chipText = lastAssistant(el)!.querySelector('[part~="tool-button"]')!.textContent!;
    expect(chipText).to.contain('<img src=x');
    // Give a hypothetical injected image the time to fail loading.
    await new Promise((r) => setTimeout(r, 300));
    expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});
