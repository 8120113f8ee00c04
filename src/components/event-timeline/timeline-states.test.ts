/**
 * What the timeline says when it has nothing to show, and why a run failed: each case against the
 * simulated coordinator (issue 20).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './event-timeline.js';
import type { EventTimeline } from './event-timeline.component.js';
import { CoordinatorClient } from '../../client/client.js';
import { acquireClient } from '../../client/shared.js';
import { createSim, type SimInstance } from '../../../test/support/sim.js';
import { proxyErrorPage } from '../../../test/support/pages.js';
import { liveEvent, ts } from '../../../test/support/wire-events.mjs';

const TIMEOUT = 15_000;
let sims: SimInstance[] = [];
const cleanups: (() => void)[] = [];

async function sim(options: Parameters<typeof createSim>[0] = {}): Promise<SimInstance> {
  const instance = await createSim({ stepMs: 10, ...options });
  sims.push(instance);
  return instance;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
  sims = [];
});

async function mount(attrs: Partial<EventTimeline>, width = 800): Promise<EventTimeline> {
  const el = await fixture<EventTimeline>(
    html`<event-timeline style="height:420px; width:${width}px"></event-timeline>`,
  );
  Object.assign(el, attrs);
  await el.updateComplete;
  return el;
}

const root = (el: EventTimeline) => el.shadowRoot!;
const part = (el: EventTimeline, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const until = (predicate: () => boolean, message: string) =>
  waitUntil(predicate, message, { timeout: TIMEOUT, interval: 20 });
const emptyKind = (el: EventTimeline) => part(el, 'empty')?.dataset.kind ?? null;

describe('<event-timeline> empty states', function () {
  this.timeout(40_000);

  it('an unknown session (404) says so, and is not Live', async () => {
    const s = await sim();
    const el = await mount({ src: s.sseUrl, sessionId: 'ses_00000000dead' });
    await until(() => emptyKind(el) === 'not-found', 'not found shown');
    expect(text(part(el, 'empty'))).to.contain('Session ses_00000000dead was not found');
    expect(el.connection.status).to.equal('open');
    expect(text(part(el, 'connection'))).to.equal('Connected');
  });

  it('no session chosen says so, and is not Live', async () => {
    const s = await sim();
    // The page's list keeps the stream open (as the demo's does).
    const lease = acquireClient({ url: s.sseUrl });
    cleanups.push(lease.client.retain(), () => lease.release());
    const el = await mount({ src: s.sseUrl });
    await until(() => el.connection.status === 'open', 'open');
    await el.updateComplete;
    expect(emptyKind(el)).to.equal('no-session');
    expect(text(part(el, 'empty'))).to.contain('No session selected');
    expect(text(part(el, 'connection'))).to.equal('Connected');
  });

  it('an unreachable coordinator says so', async () => {
    const el = await mount({ src: 'http://127.0.0.1:9/sse/sessions', sessionId: 'ses_000000000001' });
    await until(() => emptyKind(el) === 'unreachable', 'unreachable shown');
    expect(text(part(el, 'empty'))).to.contain('The coordinator cannot be reached');
    expect(text(part(el, 'connection'))).to.not.contain('Live');
  });

  it('refused credentials (401) say so', async () => {
    const s = await sim({ token: 'secret' });
    const { session_id } = await s.startSession({ prompt: 'hello' });
    const el = await mount({ src: s.sseUrl, sessionId: session_id });
    await until(() => emptyKind(el) === 'unauthorized', 'unauthorized shown');
    expect(text(part(el, 'empty'))).to.contain('Not authorized');
    expect(part(el, 'connection')!.dataset.status).to.equal('auth-error');
  });

  it('a session without events yet waits for them, Live', async () => {
    const s = await sim();
    const { session_id } = await s.addSession({ session: { session_id: 'ses_0000000000e1', status: 'pending' } });
    const el = await mount({ src: s.sseUrl, sessionId: session_id });
    await until(() => text(part(el, 'connection')) === 'Live', 'live');
    await el.updateComplete;
    expect(emptyKind(el)).to.equal('waiting');
    expect(text(part(el, 'empty'))).to.equal('Waiting for events…');
  });

  it('a 401 whose body is a 17 KB HTML page: a short plain reason, the rest on demand, the toolbar its width', async () => {
    const s = await sim();
    const { session_id } = await s.startSession({ prompt: 'hello' });
    await s.fault({ failRequests: { status: 401, path: '/sse/sessions', detail: proxyErrorPage() } });
    const el = await mount({ src: s.sseUrl, sessionId: session_id }, 640);
    await until(() => el.connection.status === 'auth-error', 'auth error');
    await el.updateComplete;
    const chip = part(el, 'connection')!;
    expect(text(chip)).to.equal('Not authorized (401): 401 Authorization Required');
    expect(text(chip)).to.not.contain('<');
    const toolbar = part(el, 'toolbar')!;
    expect(toolbar.scrollWidth).to.be.at.most(toolbar.clientWidth + 1);
    expect(el.getBoundingClientRect().width).to.equal(640);
    const details = part(el, 'connection-details') as HTMLDetailsElement;
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.click();
    await until(() => details.open, 'details open');
    expect(text(details)).to.contain('This server could not verify that you are authorized.');
    expect(toolbar.scrollWidth).to.be.at.most(toolbar.clientWidth + 1);
  });
});

describe('<event-timeline> why a run failed', function () {
  this.timeout(40_000);

  const reasonOf = (el: EventTimeline) => {
    const header = root(el).querySelector<HTMLElement>('.scroller > .run-header[data-outcome="failed"]');
    return header ? text(header.querySelector('[part~="failure-reason"]')) : null;
  };

  it('shows the run_failed error on the failed run, live', async () => {
    const s = await sim();
    const { session_id } = await s.startSession({ prompt: 'please fail now' });
    const el = await mount({ src: s.sseUrl, sessionId: session_id });
    await until(() => reasonOf(el) === 'Executor process exited unexpectedly (exit code 137)', 'reason shown');
    const header = root(el).querySelector('.scroller > .run-header')!;
    expect(header.getAttribute('aria-label')).to.contain('failed: Executor process exited unexpectedly');
  });

  it('after a reload, with no run_failed seen: the last tool error of the run', async () => {
    const s = await sim({
      turn: {
        tools: [
          { tool_name: 'Read', tool_output: 'ok' },
          { tool_name: 'Bash', error: 'Permission denied: /srv/deploy' },
        ],
        outcome: 'failed',
        failure: 'Executor process exited unexpectedly (exit code 1)',
      },
    });
    const { session_id } = await s.startSession({ prompt: 'deploy' });
    // Nobody on this page saw its run_failed.
    await waitUntil(
      async () =>
        ((await (await fetch(`${s.base}/sessions/${session_id}`)).json()) as { session: { status: string } }).session
          .status === 'failed',
      'failed',
      { timeout: TIMEOUT, interval: 50 },
    );
    // The page reloads: a new client, which only has what history and the session hold.
    const client = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => client.close());
    const el = await mount({ client, sessionId: session_id });
    await until(() => reasonOf(el) === 'Permission denied: /srv/deploy', 'tool error shown');
  });

  it('after a reload: the run_failed error the page saw before', async () => {
    const s = await sim();
    const { session_id } = await s.startSession({ prompt: 'please fail now' });
    const before = await mount({ src: s.sseUrl, sessionId: session_id });
    await until(() => reasonOf(before) === 'Executor process exited unexpectedly (exit code 137)', 'live');
    before.remove();
    const client = new CoordinatorClient({ url: s.sseUrl });
    cleanups.push(() => client.close());
    const el = await mount({ client, sessionId: session_id });
    await until(() => reasonOf(el) === 'Executor process exited unexpectedly (exit code 137)', 'after the reload');
  });

  it("after a reload: the session's last error, when the coordinator keeps one", async () => {
    const s = await sim();
    const { session_id } = await s.addSession({
      session: { session_id: 'ses_0000000000f1', status: 'failed', error: 'Out of memory (the runner killed it)' },
      events: [
        liveEvent({ session_id: 'ses_0000000000f1', event_type: 'run_start', timestamp: ts(0) }),
        liveEvent({ session_id: 'ses_0000000000f1', event_type: 'post_tool', timestamp: ts(1), tool_name: 'Bash' }),
      ],
    });
    const el = await mount({ src: s.sseUrl, sessionId: session_id });
    await until(() => reasonOf(el) === 'Out of memory (the runner killed it)', 'session error shown');
  });
});
