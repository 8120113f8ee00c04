/**
 * The elements and the client against a hostile coordinator: the simulated one in hostile mode
 * (server/hostile.mjs), with real sessions and history, answering what a broken, misconfigured or
 * malicious server or proxy answers. Every case checks what a person sees (the connection status,
 * the notices) and that nothing the server sent is lost or shown twice (what the timeline holds
 * against the server's own history, or against the frames the test had it send).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/event-timeline/event-timeline.js';
import '../../src/components/chat-panel/chat-panel.js';
import type { EventTimeline } from '../../src/components/event-timeline/event-timeline.component.js';
import type { ChatPanel } from '../../src/components/chat-panel/chat-panel.component.js';
import { CoordinatorClient } from '../../src/client/client.js';
import { REDIRECT_REFUSED } from '../../src/client/token.js';
import type { ClientOptions, MalformedFrame } from '../../src/client/types.js';
import type { ConnectionState, CoordinatorEvent } from '../../src/types/model.js';
import type { WireSessionEvent } from '../../src/types/wire.js';
import { eventContentKey, normalizeEvent } from '../../src/model/normalize.js';
import { createSim, type SimInstance, type SimRequestRecord } from '../support/sim.js';
import { waitFor } from '../support/client-kit.js';

const SID = 'ses_00000000beef';
const FAST = { initialDelayMs: 100, maxDelayMs: 5000, jitter: 0 };

let sim: SimInstance | undefined;
/** The token the test reads the server's history with, when it has one. */
let serverToken: string | null = null;
const extra: SimInstance[] = [];
let client: CoordinatorClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  serverToken = null;
  await sim?.close();
  sim = undefined;
  for (const other of extra.splice(0)) await other.close();
});

/** A session with `n` events (message, tool, message…) stamped a second apart, ending now. */
function pastEvents(n: number, text = 'past'): (Partial<WireSessionEvent> & { event_type: string })[] {
  const start = Date.now() - n * 1000;
  return Array.from({ length: n }, (_, i) =>
    i % 2
      ? {
          event_type: 'post_tool',
          timestamp: new Date(start + i * 1000).toISOString(),
          tool_name: 'Bash',
          tool_input: { command: `step ${i}` },
          tool_output: `${text} output ${i}`,
        }
      : {
          event_type: 'message',
          timestamp: new Date(start + i * 1000).toISOString(),
          role: 'assistant',
          content: [{ type: 'text', text: `${text} message ${i}` }],
        },
  );
}

async function seed(n = 4, sessionId = SID): Promise<void> {
  await sim!.addSession({ session: { session_id: sessionId }, events: pastEvents(n) });
}

function open(options: Partial<ClientOptions> = {}): CoordinatorClient {
  client = new CoordinatorClient({ url: sim!.sseUrl, reconnect: FAST, ...options });
  return client;
}

async function timeline(sessionId = SID, options: Partial<ClientOptions> = {}): Promise<EventTimeline> {
  const c = client ?? open(options);
  const el = await fixture<EventTimeline>(
    html`<event-timeline style="height: 400px" .client=${c} session-id=${sessionId}></event-timeline>`,
  );
  el.scrollIntoView({ block: 'start' });
  return el;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const statusText = (el: Element) => clean(el.shadowRoot!.querySelector('[part~="connection"] .text')?.textContent);
const notices = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('[part~="notice"]')].map((n) => clean(n.textContent));
const keys = (events: readonly CoordinatorEvent[]) => events.map(eventContentKey);

/** What the server holds for the session (its history: every event while there are at most 100). */
async function serverKeys(sessionId = SID): Promise<string[]> {
  const query = serverToken ? `?api_key=${serverToken}` : '';
  const body = (await (await fetch(`${sim!.base}/sessions/${sessionId}/events${query}`)).json()) as {
    events: WireSessionEvent[];
  };
  return body.events.map((e) => eventContentKey(normalizeEvent(e)));
}

/** Waits until the timeline shows exactly what the server holds, each event once. */
async function showsServer(el: EventTimeline, sessionId = SID, extraKeys: string[] = []): Promise<void> {
  const want = [...(await serverKeys(sessionId)), ...extraKeys];
  await waitFor(
    () => JSON.stringify(keys(el.events)) === JSON.stringify(want),
    'the timeline shows what the server sent',
  );
  expect(new Set(el.events.map((e) => e.key)).size).to.equal(el.events.length);
}

const ssePath = '/sse/sessions';
const streamRequests = (log: SimRequestRecord[]) => log.filter((r) => r.path === ssePath);

/**
 * The longest script the page ran while `during` runs, in ms (Long Animation Frames attribution:
 * the work of a callback, a timer or a promise job). A garbage collection or the network's work in the
 * same task is not code that could give the page its turn, and on a loaded machine it alone can pass
 * the bound, so it is left out.
 */
async function longestTask(during: () => Promise<void>): Promise<number> {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      for (const script of (entry as PerformanceEntry & { scripts?: { duration: number }[] }).scripts ?? []) {
        longest = Math.max(longest, script.duration);
      }
    }
  });
  observer.observe({ type: 'long-animation-frame', buffered: false });
  try {
    await during();
    // Entries are delivered in a later task.
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    observer.disconnect();
  }
  return longest;
}

describe('hostile coordinator: the stream', function () {
  this.timeout(60_000);

  it('accept-and-close: a 200 stream that ends at once gets ever longer waits, not a reconnect storm', async () => {
    sim = await createSim();
    const ids = ['ses_0000000000a1', 'ses_0000000000a2', 'ses_0000000000a3'];
    for (const id of ids) await seed(3, id);
    await sim.fault({
      respond: { path: ssePath, count: 1000, headers: { 'content-type': 'text/event-stream' }, body: ': hello\n\n' },
    });
    const c = open();
    const states: ConnectionState[] = [];
    c.on('connection', (s) => states.push(s));
    const el = await timeline(ids[0]);
    const watches = ids.slice(1).map((id) => c.watchSession(id));
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    const log = (await sim.stats()).requests.filter((r) => r.at >= started - 500);
    // Waits 100, 200, 400, 800, 1600 ms: five or six tries in three seconds, not thirty.
    expect(streamRequests(log).length).to.be.within(4, 6);
    // Each accepted (200) stream resyncs: one session list and one history per watched session.
    expect(log.length).to.be.at.most(6 * (1 + 1 + ids.length));
    const waits = states.filter((s) => s.status === 'reconnecting');
    expect(waits.map((s) => s.attempt)).to.deep.equal(waits.map((_, i) => i + 1));
    expect(waits.slice(0, 4).map((s) => s.nextDelayMs)).to.deep.equal([100, 200, 400, 800]);
    expect(statusText(el)).to.match(/^(Reconnecting in \d+s \(attempt \d\)|Live)$/);
    watches.forEach((w) => w.close());
    await sim.fault({ respond: { path: '/nowhere', count: 1 } });
  });

  it('a stream that stayed healthy (open, with data) starts the backoff over; a short one does not', async () => {
    sim = await createSim({ heartbeatMs: 50 });
    await seed();
    await sim.fault({ failRequests: { status: 503, count: 2, path: ssePath } });
    const c = open({ reconnect: { ...FAST, healthyAfterMs: 400 } });
    const states: ConnectionState[] = [];
    c.on('connection', (s) => states.push(s));
    const el = await timeline();
    await waitFor(() => c.connection.status === 'open', 'open after two refusals');
    // Dropped at once: the third failure in a row.
    await sim.fault({ dropStreams: true });
    await waitFor(() => c.connection.status === 'reconnecting', 'waiting');
    expect([c.connection.attempt, c.connection.nextDelayMs]).to.deep.equal([3, 400]);
    await waitFor(() => c.connection.status === 'open', 'open again');
    // Heartbeats for longer than healthyAfterMs: a healthy stream.
    await new Promise((r) => setTimeout(r, 600));
    await sim.fault({ dropStreams: true });
    await waitFor(() => c.connection.status === 'reconnecting', 'waiting again');
    expect([c.connection.attempt, c.connection.nextDelayMs]).to.deep.equal([1, 100]);
    await waitFor(() => c.connection.status === 'open', 'open at last');
    await showsServer(el);
    expect(statusText(el)).to.equal('Live');
  });

  it('a 200 that is not an event stream (a login page) is a failure with a clear message, not a stream', async () => {
    sim = await createSim();
    await seed();
    await sim.fault({
      respond: { path: ssePath, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<h1>Sign in</h1>' },
    });
    const c = open({ reconnect: { ...FAST, initialDelayMs: 1500 } });
    const el = await timeline();
    await waitFor(() => c.connection.status === 'reconnecting', 'refused');
    expect(c.connection.message).to.equal(
      'Not an event stream: the server answered HTTP 200 with "text/html; charset=utf-8"',
    );
    expect(c.connection.httpStatus).to.equal(200);
    await el.updateComplete;
    expect(statusText(el)).to.match(/^Reconnecting in [12]s \(attempt 1\)$/);
    expect(el.shadowRoot!.querySelector('[part~="connection"]')!.getAttribute('title')).to.contain(
      'Not an event stream',
    );
    // Not taken for an open stream: no resync was started from it.
    expect((await sim.stats()).requests.map((r) => r.path)).to.deep.equal([ssePath]);
    await waitFor(() => c.connection.status === 'open', 'the real stream');
    await showsServer(el);
  });

  it('Retry-After in seconds on a 503 is waited for and counted down', async () => {
    sim = await createSim();
    await seed();
    await sim.fault({
      respond: { path: ssePath, status: 503, headers: { 'retry-after': '3' }, body: '{"detail": "busy"}' },
    });
    const c = open();
    const el = await timeline();
    await waitFor(() => c.connection.status === 'reconnecting', 'told to wait');
    expect([c.connection.nextDelayMs, c.connection.retryAfterMs, c.connection.message]).to.deep.equal([
      3000,
      3000,
      'busy',
    ]);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Reconnecting in 3s (attempt 1)');
    await waitFor(() => statusText(el) === 'Reconnecting in 2s (attempt 1)', 'the countdown goes on');
    await waitFor(() => c.connection.status === 'open', 'open after the wait');
    const [refused, next] = streamRequests((await sim.stats()).requests);
    expect(next.at - refused.at).to.be.within(2900, 4500);
    await showsServer(el);
  });

  it('Retry-After as an HTTP-date on a 429 is waited for; "Retry now" does not wait', async () => {
    sim = await createSim();
    await seed();
    const at = new Date(Date.now() + 60_000).toUTCString();
    await sim.fault({ respond: { path: ssePath, status: 429, headers: { 'retry-after': at } } });
    const c = open();
    const el = await timeline();
    await waitFor(() => c.connection.status === 'reconnecting', 'told to wait');
    expect(c.connection.nextDelayMs).to.be.within(58_000, 60_000);
    await el.updateComplete;
    expect(statusText(el)).to.match(/^Reconnecting in (59|60)s \(attempt 1\)$/);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="connection-retry"]')!.click();
    await waitFor(() => c.connection.status === 'open', 'open at once');
    await showsServer(el);
  });

  it('401 and 403 stop with the server detail and no retries', async () => {
    sim = await createSim({ token: 'right' });
    await seed();
    const el = await timeline(SID, {});
    await waitFor(() => client!.connection.status === 'auth-error', '401');
    await el.updateComplete;
    expect(statusText(el)).to.equal('Not authorized (401): Not authenticated');
    client!.close();
    client = undefined;
    const wrong = await timeline(SID, { token: 'wrong' });
    await waitFor(() => client!.connection.status === 'auth-error', '403');
    await wrong.updateComplete;
    expect(statusText(wrong)).to.equal('Not authorized (403): Invalid or expired token');
    await new Promise((r) => setTimeout(r, 500));
    expect(streamRequests((await sim.stats()).requests).map((r) => r.status)).to.deep.equal([401, 403]);
    expect(wrong.events).to.have.length(0);
  });

  it("authMode 'query': a redirect is not followed, so the token does not travel to where it points", async () => {
    sim = await createSim({ token: 'secret' });
    serverToken = 'secret';
    const elsewhere = await createSim();
    extra.push(elsewhere);
    await seed();
    await sim.fault({ respond: { path: ssePath, status: 307, redirectTo: elsewhere.base } });
    const c = open({ token: 'secret', authMode: 'query', reconnect: { ...FAST, initialDelayMs: 800 } });
    const el = await timeline();
    await waitFor(() => c.connection.status === 'reconnecting', 'refused');
    expect(c.connection.message).to.equal(REDIRECT_REFUSED);
    await waitFor(() => c.connection.status === 'open', 'the coordinator itself');
    await showsServer(el);
    // A history request redirected: refused too, shown, and retried.
    await sim.fault({ respond: { path: `/sessions/${SID}/events`, method: 'GET', redirectTo: elsewhere.base } });
    await sim.fault({ dropStreams: true });
    await waitFor(() => notices(el).some((n) => n.includes(REDIRECT_REFUSED)), 'the history notice');
    await waitFor(() => notices(el).length === 0, 'history again');
    expect((await elsewhere.stats()).requests, 'nothing reached the other server').to.deep.equal([]);
    const leaked = (await sim.stats()).requests.filter((r) => r.query.api_key === 'secret');
    expect(leaked.length, 'the coordinator itself got the token').to.be.greaterThan(2);
  });

  it('malformed frames and wrong types are skipped and reported; everything else is shown once', async () => {
    sim = await createSim();
    await seed(3);
    const c = open();
    const bad: MalformedFrame[] = [];
    c.on('malformed-frame', (f) => bad.push(f));
    const el = await timeline();
    await showsServer(el);
    const odd = {
      event_type: 'message',
      session_id: SID,
      timestamp: { not: 'a time' },
      role: ['assistant'],
      content: 7,
      tool_input: 'not an object',
    };
    await sim.fault({ raw: 'event: event\ndata: {oops\n\n' });
    await sim.fault({ emit: { kind: 'event', data: { data: 'a string' } } });
    await sim.fault({ emit: { kind: 'event', data: { data: { event_type: 5, session_id: SID } } } });
    await sim.fault({ emit: { kind: 'event', data: { data: odd } } });
    await sim.fault({ emit: { kind: 'init', data: { sessions: 'none' } } });
    await sim.fault({ emit: { kind: 'session_updated', data: { session: [] } } });
    await sim.fault({ emit: { kind: 'session_updated', data: { session: { session_id: SID, status: 42 } } } });
    await sim.fault({ emit: { kind: 'brand_new_kind', data: [1, 2] } });
    await sim.fault({ raw: 'data: a frame without an event line\n\n: a comment\n\nevent: event\n\n' });
    await sim.injectEvent(SID, {
      event_type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'after' }],
    });
    const oddKey = eventContentKey(normalizeEvent(odd as unknown as WireSessionEvent));
    const server = await serverKeys();
    const want = [...server.slice(0, 3), oddKey, ...server.slice(3)];
    await waitFor(() => keys(el.events).length === want.length, 'the good frames');
    // The odd event has no valid time: it is ordered by arrival.
    expect(keys(el.events)).to.deep.equal(want);
    expect(bad.map((b) => b.reason)).to.deep.equal([
      "invalid JSON: Expected property name or '}' in JSON at position 1 (line 1 column 2)",
      'no data.event_type or data.session_id',
      'no data.event_type or data.session_id',
      'no sessions list',
      'no session.session_id',
      // A frame without an `event:` line is a plain message, and this one is not JSON either.
      `invalid JSON: Unexpected token 'a', "a frame wi"... is not valid JSON`,
    ]);
    expect(statusText(el)).to.equal('Live');
    expect(notices(el)).to.deep.equal([]);
    expect(c.getKnownSession(SID)?.status).to.equal('idle');
  });

  it('a last line without its newline is dropped when the stream ends, not half-delivered', async () => {
    sim = await createSim();
    await seed(2);
    const c = open();
    const el = await timeline();
    await showsServer(el);
    const frame = (text: string) =>
      `event: event\ndata: {"data": {"event_type": "message", "session_id": "${SID}", "timestamp": "${new Date().toISOString()}", "role": "assistant", "content": "${text}"}}`;
    await sim.fault({ raw: `${frame('no newline at all')}` });
    await sim.fault({ closeStreams: true });
    await waitFor(() => c.connection.status === 'reconnecting', 'the stream ended');
    await waitFor(() => c.connection.status === 'open', 'open again');
    await sim.fault({ raw: `${frame('one newline only')}\n` });
    await sim.fault({ closeStreams: true });
    await waitFor(() => c.connection.status === 'reconnecting', 'ended again');
    await waitFor(() => c.connection.status === 'open', 'open once more');
    await sim.injectEvent(SID, { event_type: 'message', role: 'assistant', content: 'complete' });
    await showsServer(el);
    expect(el.events.map((e) => e.text)).to.not.include.members(['no newline at all', 'one newline only']);
  });

  for (const [lineEnding, label] of [
    ['crlf', 'CRLF'],
    ['cr', 'CR'],
  ] as const) {
    it(`${label} line endings and a byte-order mark: every frame arrives, at once`, async () => {
      sim = await createSim({ stepMs: 5 });
      await sim.fault({ framing: { lineEnding, bom: true } });
      await seed(2);
      const el = await timeline();
      await showsServer(el);
      for (let i = 0; i < 5; i++) {
        const sent = Date.now();
        await sim.injectEvent(SID, { event_type: 'message', role: 'assistant', content: `${label} ${i}` });
        await waitFor(() => el.events.some((e) => e.text === `${label} ${i}`), `event ${i}`, 2000);
        // Not held until the next bytes (a heartbeat, 30 s later).
        expect(Date.now() - sent).to.be.below(1500);
      }
      await showsServer(el);
      expect(statusText(el)).to.equal('Live');
    });
  }

  it('a keep-alive flood (megabytes of comments) runs no long script and loses nothing', async () => {
    sim = await createSim();
    await seed(2);
    const el = await timeline();
    await showsServer(el);
    const longest = await longestTask(async () => {
      await sim!.fault({ raw: ': keep-alive\n'.repeat(250_000) });
      await sim!.injectEvent(SID, { event_type: 'message', role: 'assistant', content: 'after the flood' });
      await waitFor(() => el.events.some((e) => e.text === 'after the flood'), 'the event after the flood');
    });
    expect(longest).to.be.below(150);
    await showsServer(el);
  });

  it('retry: lines, however extreme, do not change the backoff', async () => {
    sim = await createSim();
    await seed(2);
    const c = open();
    const states: ConnectionState[] = [];
    c.on('connection', (s) => states.push(s));
    const el = await timeline();
    await showsServer(el);
    await sim.fault({ raw: 'retry: 0\n\nretry: 99999999999999999999\n\nretry: -5\n\nretry: soon\n\n' });
    await sim.fault({ closeStreams: true });
    await waitFor(() => c.connection.status === 'open' && states.some((s) => s.status === 'reconnecting'), 'back');
    expect(states.filter((s) => s.status === 'reconnecting').map((s) => s.nextDelayMs)).to.deep.equal([100]);
    await showsServer(el);
  });

  it('stall, then silence: the watchdog reconnects, and what happened meanwhile is fetched again', async () => {
    sim = await createSim({ heartbeatMs: 100 });
    await seed(2);
    const c = open({ watchdogMs: 700 });
    const el = await timeline();
    await showsServer(el);
    await sim.fault({ stall: true });
    await sim.injectEvent(SID, { event_type: 'message', role: 'assistant', content: 'during the stall' });
    await waitFor(() => c.connection.status === 'reconnecting', 'the watchdog fired', 5000);
    expect(c.connection.message).to.equal('No data for 700 ms');
    await el.updateComplete;
    expect(statusText(el)).to.match(/^Reconnecting/);
    await waitFor(() => c.connection.status === 'open', 'a new stream');
    await showsServer(el);
    await sim.fault({ stall: false });
    await new Promise((r) => setTimeout(r, 300));
    await showsServer(el);
    expect(statusText(el)).to.equal('Live');
  });

  for (const [megabytes, filler] of [
    [5, 'x'],
    [50, 'x'],
    // Every line break, quote and non-ASCII character is an escape sequence to decode.
    [50, 'line "quoted" \\ é\n'],
  ] as const) {
    it(`a ${megabytes} MB frame of ${JSON.stringify(filler)}: no script runs over 150 ms, shown once`, async function () {
      this.timeout(120_000);
      sim = await createSim();
      await seed(2);
      const el = await timeline();
      await showsServer(el);
      const longest = await longestTask(async () => {
        await sim!.fault({ hugeEvent: { sessionId: SID, bytes: megabytes * 1024 * 1024, filler } });
        await waitFor(() => el.events.length === 3, 'the huge event', 90_000);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      });
      console.log(`${megabytes} MB of ${JSON.stringify(filler)}: longest script ${Math.round(longest)} ms`);
      expect(longest, `longest script ${Math.round(longest)} ms`).to.be.below(150);
      const huge = el.events[2];
      expect((huge.toolOutput as string).length).to.equal(megabytes * 1024 * 1024);
      await showsServer(el);
    });
  }
});

describe('hostile coordinator: history requests', function () {
  this.timeout(60_000);

  it('a 500 once: the timeline says history is missing and why, counts down, and recovers', async () => {
    sim = await createSim();
    await seed(4);
    await sim.fault({ failRequests: { status: 500, path: `/sessions/${SID}/events` } });
    const c = open({ reconnect: { ...FAST, initialDelayMs: 2500 } });
    const el = await timeline();
    await waitFor(() => notices(el).length > 0, 'the notice');
    const watch = c.watchSession(SID);
    expect(watch.snapshot.historyError).to.equal('Internal Server Error (simulated)');
    expect(watch.snapshot.historyRetryAt! - Date.now()).to.be.within(1000, 2600);
    expect(notices(el)[0]).to.match(
      /^History could not be loaded: Internal Server Error \(simulated\) · Trying again in [23]s$/,
    );
    expect(statusText(el)).to.equal('Live');
    await waitFor(() => notices(el).length === 0, 'recovered', 10_000);
    await showsServer(el);
    expect([watch.snapshot.historyError, watch.snapshot.historyRetryAt, watch.snapshot.historyFailures]).to.deep.equal([
      null,
      null,
      0,
    ]);
    watch.close();
  });

  it('a 200 with an HTML page is an error, not an empty history; live events still show', async () => {
    sim = await createSim();
    await seed(3);
    await sim.fault({
      respond: {
        path: `/sessions/${SID}/events`,
        method: 'GET',
        count: 2,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Please log in</body></html>',
      },
    });
    const el = await timeline();
    await waitFor(() => notices(el).length > 0, 'the notice');
    expect(notices(el)[0]).to.match(/^History could not be loaded: Answer is an HTML page, not JSON · Trying again/);
    await sim.injectEvent(SID, { event_type: 'message', role: 'assistant', content: 'live meanwhile' });
    await waitFor(() => el.events.some((e) => e.text === 'live meanwhile'), 'the live event');
    await waitFor(() => notices(el).length === 0, 'recovered after two failures', 10_000);
    await showsServer(el);
  });

  it('a JSON answer without a list of events is an error too', async () => {
    sim = await createSim();
    await seed(2);
    await sim.fault({
      respond: {
        path: `/sessions/${SID}/events`,
        method: 'GET',
        headers: { 'content-type': 'application/json' },
        body: '{"items": []}',
      },
    });
    const el = await timeline();
    await waitFor(() => notices(el).length > 0, 'the notice');
    expect(notices(el)[0]).to.match(/^History could not be loaded: Answer has no list of events/);
    await waitFor(() => notices(el).length === 0, 'recovered');
    await showsServer(el);
  });

  it('a 503 with Retry-After is retried when the server said, not sooner', async () => {
    sim = await createSim();
    await seed(2);
    await sim.fault({
      respond: { path: `/sessions/${SID}/events`, method: 'GET', status: 503, headers: { 'retry-after': '2' } },
    });
    const c = open();
    const el = await timeline();
    await waitFor(() => notices(el).length > 0, 'the notice');
    const watch = c.watchSession(SID);
    expect(watch.snapshot.historyRetryAt! - Date.now()).to.be.within(1500, 2100);
    await waitFor(() => notices(el).length === 0, 'recovered');
    const tries = (await sim.stats()).requests.filter((r) => r.path === `/sessions/${SID}/events`);
    expect(tries.map((r) => r.status)).to.deep.equal([503, 200]);
    expect(tries[1].at - tries[0].at).to.be.within(1900, 3500);
    await showsServer(el);
    watch.close();
  });

  it('the chat says the conversation could not be loaded, counts down, and recovers', async () => {
    sim = await createSim();
    await seed(4);
    await sim.fault({ failRequests: { status: 500, path: `/sessions/${SID}/events` } });
    const c = open({ reconnect: { ...FAST, initialDelayMs: 1500 } });
    const chat = await fixture<ChatPanel>(
      html`<chat-panel style="height: 400px" .client=${c} session-id=${SID}></chat-panel>`,
    );
    const line = () => chat.shadowRoot!.querySelector('[data-kind="history-error"]');
    await waitFor(() => line(), 'the error line');
    expect(clean(line()!.textContent)).to.match(
      /^The conversation could not be loaded: Internal Server Error \(simulated\) · Trying again in [12]s$/,
    );
    await waitFor(() => !line(), 'recovered');
    await waitFor(() => chat.shadowRoot!.querySelectorAll('[part~="assistant-message"]').length > 0, 'the answer');
  });
});

describe('hostile coordinator: memory', function () {
  this.timeout(60_000);

  it('bodies beyond the byte budget are cut to previews, said on the card and in the notice; nothing lost', async () => {
    sim = await createSim();
    await seed(2);
    const el = await timeline(SID, { maxBytesPerSession: 4 * 1024 * 1024 });
    await showsServer(el);
    await sim.fault({ hugeEvent: { sessionId: SID, bytes: 1536 * 1024, count: 4 } });
    await waitFor(() => el.events.length === 6, 'the big events');
    await showsServer(el);
    const cut = el.events.filter((e) => e.droppedBytes !== undefined);
    expect(cut.map((e) => el.events.indexOf(e))).to.deep.equal([2, 3]);
    await waitFor(() => notices(el).length > 0, 'the notice');
    expect(notices(el)).to.deep.equal(['2 large event bodies shortened to keep this session within 4.0 MB']);
    const card = await waitFor(
      () => el.shadowRoot!.querySelector(`event-card[data-key="${cut[0].key}"]`),
      'the cut card is rendered',
    );
    await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(clean(card.shadowRoot!.querySelector('[part~="dropped"]')?.textContent)).to.equal(
      'Too large to keep: 1.5 MB dropped, the start is shown',
    );
  });
});

describe('hostile coordinator: outages in long sessions (history holds only the first 100 events)', function () {
  this.timeout(90_000);

  const rowsOf = (el: EventTimeline) => (el as unknown as { _rows: { kind?: string; key?: string }[] })._rows;

  it('ten cuts past the 100th event: every event is shown once or lies in a gap row; none is claimed complete', async () => {
    sim = await createSim();
    await sim.addSession({ session: { session_id: SID, status: 'running' } });
    const c = open({ reconnect: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 } });
    const el = await timeline();
    const watch = c.watchSession(SID);
    await waitFor(() => watch.snapshot.loaded && c.connection.status === 'open', 'loaded');
    const sent: { text: string; time: number }[] = [];
    let clock = Date.now() - 3_600_000;
    const send = async (n: number) => {
      for (let i = 0; i < n; i++) {
        clock += 1000;
        const text = `event ${sent.length + 1}`;
        sent.push({ text, time: clock });
        await sim!.injectEvent(SID, {
          event_type: 'message',
          role: 'assistant',
          content: text,
          timestamp: new Date(clock).toISOString(),
        });
      }
    };
    const shows = (n: number) => waitFor(() => el.events.some((e) => e.text === `event ${n}`), `event ${n}`);
    await send(105);
    await shows(105);
    for (let cut = 0; cut < 10; cut++) {
      await sim.fault({ failRequests: { status: 503, count: 2, path: ssePath } });
      await sim.fault({ dropStreams: true });
      await waitFor(() => c.connection.status === 'reconnecting', `cut ${cut + 1}`);
      // Broadcast to nobody, and after the 100th event: no history can give these back.
      await send(5);
      await waitFor(() => c.connection.status === 'open' && watch.snapshot.loaded && !watch.snapshot.syncing, 'back');
      await send(3);
      await shows(sent.length);
    }
    await waitFor(() => el.events.length === watch.snapshot.events.length, 'the timeline caught up');
    const shown = el.events.map((e) => e.text);
    expect(new Set(shown).size, 'nothing doubled').to.equal(shown.length);
    const gaps = watch.snapshot.gaps ?? [];
    expect(gaps).to.have.length(10);
    const lost = sent.filter((s) => !shown.includes(s.text));
    expect(lost.length, 'events were lost (the cap)').to.be.greaterThan(0);
    for (const event of lost) {
      const covered = gaps.some((g) => (g.from ?? -Infinity) < event.time && event.time < (g.to ?? Infinity));
      expect(covered, `${event.text} lies in a gap`).to.be.true;
    }
    for (const event of sent.filter((s) => shown.includes(s.text))) {
      const inGap = gaps.some((g) => (g.from ?? -Infinity) < event.time && event.time < (g.to ?? Infinity));
      expect(inGap, `${event.text} is shown, not inside a gap`).to.be.false;
    }
    // A person sees the gaps in place (counted in the feed), and the notice says the history is cut.
    await waitFor(() => rowsOf(el).filter((r) => r.kind === 'gap').length === 10, 'ten gap rows');
    expect(notices(el).join(' ')).to.contain('The server returns only the first 100 events of a session');
    // A gap row with a row rendered before it (the first rendered row may be a gap).
    const gapRow = await waitFor(
      () =>
        [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="gap"]')].find((row) =>
          row.previousElementSibling?.hasAttribute('data-key'),
        ),
      'a gap row rendered after another row',
    );
    expect(gapRow.getAttribute('role')).to.equal('article');
    expect(Number(gapRow.getAttribute('aria-setsize'))).to.equal(rowsOf(el).length);
    expect(clean(gapRow.textContent)).to.match(
      /^Events between .+ and .+ may be missing The connection was interrupted/,
    );
    // Reached with the keyboard like any row: from the row before it, ArrowDown.
    const before = gapRow.previousElementSibling as HTMLElement;
    before.focus();
    before.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await waitFor(() => el.shadowRoot!.activeElement === gapRow, 'the gap row has focus');
    expect(gapRow.tabIndex).to.equal(0);
    watch.close();
  });

  it('the final result lost in a gap is fetched again and shown there; no run is left running', async () => {
    sim = await createSim({ stepMs: 8 });
    const c = open({ reconnect: { initialDelayMs: 100, maxDelayMs: 300, jitter: 0 } });
    c.retain();
    await waitFor(() => c.connection.status === 'open', 'open');
    const { session_id: sid } = await sim.startSession({ prompt: 'many runs', runs: 14 });
    const el = await timeline(sid);
    const watch = c.watchSession(sid);
    await waitFor(() => watch.snapshot.events.length >= 100, 'past the hundredth event', 30_000);
    // Away until the session is done: its last runs, result included, go to nobody.
    await sim.fault({ failRequests: { status: 503, count: 1000, path: ssePath } });
    await sim.fault({ dropStreams: true });
    // The fourteenth run's result is the session's final one.
    const result = async () =>
      (await (await fetch(`${sim!.base}/sessions/${sid}/result`)).json()) as { result_text: string | null };
    await waitFor(async () => (await result()).result_text?.includes('(run 14)'), 'the last run done', 30_000);
    const lost = (await result()) as { result_text: string };
    expect(el.events.some((e) => e.resultText === lost.result_text)).to.be.false;
    const back = Date.now();
    await sim.fault({ clear: true });
    await waitFor(() => watch.snapshot.gaps?.at(-1)?.result, 'the result, fetched again', 15_000);
    expect(watch.snapshot.gaps!.at(-1)!.result).to.deep.equal({ text: lost.result_text, data: null });
    const row = await waitFor(() => el.shadowRoot!.querySelector('[part~="gap-result"]'), 'shown in the gap row');
    expect(clean(row.textContent)).to.equal(clean(`Final result of the session (fetched again) ${lost.result_text}`));
    expect(
      el.runs.filter((r) => r.outcome === 'running'),
      'the session is idle: no run still running',
    ).to.deep.equal([]);
    const fetched = (await sim.stats()).requests.filter((r) => r.path === `/sessions/${sid}/result` && r.at >= back);
    expect(fetched.length, 'fetched once').to.equal(1);
    watch.close();
  });
});
