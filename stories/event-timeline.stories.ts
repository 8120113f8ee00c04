import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/components/event-timeline/event-timeline.js';
import '../src/locales/de.js';
import type { EventTimeline } from '../src/components/event-timeline/event-timeline.component.js';
import type { EventCard } from '../src/components/event-card/event-card.component.js';
import type { WireSessionEvent } from '../src/types/wire.js';
import { sessionsOf, wireEventsOf, type Frame } from '../test/support/fixtures.js';
import { fixtures } from './support/fixtures.js';
import { generateSession } from './support/generate.js';
import { stableFor } from './support/dom.js';
import { closeLive, liveCleanup, liveLoader, liveOf, renderLive, track } from './support/live.js';
import { attributeArgTypes, renderElement, type ElementArgs } from './support/render.js';
import { FixtureReplay } from './support/replay.js';
import { proxyErrorPage } from '../test/support/pages.js';
import { eventAnchor } from '../src/model/anchor.js';
import { normalizeEvent } from '../src/model/normalize.js';

const meta = {
  title: 'Elements/event-timeline',
  component: 'event-timeline',
  render: (args) => renderElement('event-timeline', args),
  argTypes: {
    ...attributeArgTypes('event-timeline', ['client', 'tokenProvider', 'events']),
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    'session-status': {
      control: 'select',
      options: [null, 'pending', 'running', 'idle', 'stopping', 'finished', 'stopped', 'failed'],
    },
  },
  args: { onCeEventSelect: fn(), onCeConnectionChange: fn() },
  beforeEach: liveCleanup,
  parameters: {
    docs: {
      description: {
        component:
          'Stories feed the timeline either through its `events` property (captures from `test/fixtures/` and generated sessions) or through a real `CoordinatorClient` talking to the simulated coordinator of `server/`.',
      },
    },
  },
} satisfies Meta<ElementArgs>;

export default meta;
type Story = StoryObj<ElementArgs>;

// ---------------------------------------------------------------- helpers

/** Renders the timeline with events set through the `events` property (kept out of args: they can be big). */
function withEvents(events: readonly WireSessionEvent[], extra: ElementArgs = {}) {
  return (args: ElementArgs) => renderElement('event-timeline', { ...args, ...extra, events });
}

function timelineIn(canvasElement: HTMLElement): EventTimeline {
  const el = canvasElement.querySelector('event-timeline');
  if (!el) throw new Error('no <event-timeline> rendered');
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const runHeaders = (el: Element) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('.run-header') ?? [])];
const cards = (el: Element) => [...(el.shadowRoot?.querySelectorAll('event-card') ?? [])];
const countText = (el: Element) => part(el, 'count')?.textContent?.trim() ?? '';
const chip = (el: Element, category: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`[part~="filter-chip"][data-category="${category}"]`) ?? null;

/** The accessible names of the run headers, once there are `count`. */
async function runLabels(el: Element, count: number): Promise<string[]> {
  await waitFor(() => expect(runHeaders(el)).toHaveLength(count));
  return runHeaders(el).map((h) => h.getAttribute('aria-label') ?? '');
}

function sessionOf(frames: Frame[], index = 0) {
  const session = sessionsOf(frames)[index];
  return { session, events: wireEventsOf(frames, session.session_id) };
}

const twoRuns = sessionOf(fixtures.currentTwoRuns);
const edgeFailed = sessionOf(fixtures.edgeCases, 0);
const edgeStopped = sessionOf(fixtures.edgeCases, 1);

// ---------------------------------------------------------------- stories

export const TwoRunsWithResume: Story = {
  name: 'Two runs with resume',
  render: withEvents(twoRuns.events, { 'session-status': 'idle' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    const labels = await runLabels(el, 2);
    await expect(labels[0]).toMatch(/^Run 1, start, completed/);
    await expect(labels[1]).toMatch(/^Run 2, resume, completed/);
    // The failed Read is counted and marked.
    await expect(labels[0]).toContain('1 error');
    await waitFor(() => expect(cards(el).some((c) => c.hasAttribute('failed'))).toBe(true));
  },
};

/** A run whose tool calls send pre_tool and post_tool: their durations pair up. */
const timedRun: WireSessionEvent[] = (() => {
  const t = (s: number) => new Date(Date.parse('2026-11-24T02:00:00Z') + s * 1000).toISOString();
  const base = { session_id: 'ses_timed0000001' };
  const call = (
    at: number,
    took: number,
    tool_name: string,
    tool_input: Record<string, unknown>,
    tool_output: unknown,
  ) => [
    { ...base, event_type: 'pre_tool', timestamp: t(at), tool_name, tool_input },
    { ...base, event_type: 'post_tool', timestamp: t(at + took), tool_name, tool_input, tool_output },
  ];
  return [
    { ...base, event_type: 'run_start', timestamp: t(0) },
    {
      ...base,
      event_type: 'message',
      role: 'user',
      timestamp: t(0.5),
      content: [{ type: 'text', text: 'Why is CI slow?' }],
    },
    ...call(1, 0.4, 'Read', { file_path: '.github/workflows/ci.yml' }, 'jobs:\n  test:\n    runs-on: ubuntu-latest'),
    ...call(
      2,
      48,
      'Bash',
      { command: 'npm ci && npm test', description: 'Run the suite as CI does' },
      {
        stdout: '\u001b[32m✓\u001b[39m 412 tests passed',
        stderr: '',
        interrupted: false,
      },
    ),
    ...call(51, 1.2, 'Grep', { pattern: 'sleep', path: 'test' }, 'test/upload.test.ts:40:  await sleep(30_000);'),
    {
      ...base,
      event_type: 'message',
      role: 'assistant',
      timestamp: t(53),
      content: [{ type: 'text', text: 'One test sleeps for 30 s.' }],
    },
    { ...base, event_type: 'result', timestamp: t(53.1), result_text: 'One test sleeps for 30 s.' },
    { ...base, event_type: 'run_completed', timestamp: t(54), exit_code: 0, reason: 'completed' },
  ] as WireSessionEvent[];
})();

export const ToolDurations: Story = {
  name: 'Tool durations, run tool time, an echoed result folded',
  render: withEvents(timedRun, { 'session-status': 'idle' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() =>
      expect(el.shadowRoot!.querySelector('.run-header .tool-time')?.textContent).toBe('49.6 s in tools'),
    );
    const slow = await waitFor(() => {
      const card = cards(el).find((c) => (c as EventCard).timing?.slow);
      expect(card).toBeDefined();
      return card!;
    });
    await waitFor(() => expect(slow.shadowRoot!.querySelector('[part~="duration"]')?.textContent?.trim()).toBe('48 s'));
    await waitFor(() => expect(cards(el).some((c) => c.hasAttribute('echo'))).toBe(true));
  },
};

export const NarrowToolbar: Story = {
  name: 'Narrow: the filters in a menu',
  render: (args) =>
    html`<div style="width: 420px">${withEvents(twoRuns.events, { 'session-status': 'idle' })(args)}</div>`,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    const toggle = await waitFor(() => {
      const button = part(el, 'filters-toggle');
      expect(button).toBeVisible();
      return button!;
    });
    await expect(part(el, 'filters')).not.toBeVisible();
    await userEvent.click(toggle);
    await waitFor(() => expect(part(el, 'filters')).toBeVisible());
    await userEvent.click(chip(el, 'tool')!);
    await waitFor(() => expect(toggle.textContent).toContain('4/5'));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(part(el, 'filters')).not.toBeVisible());
  },
};

export const ExportTranscript: Story = {
  name: 'Export a transcript (Markdown, JSON)',
  render: withEvents(twoRuns.events, { 'session-status': 'idle', 'session-id': twoRuns.session.session_id }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await runLabels(el, 2);
    await expect(el.exportTranscript('markdown')).toMatch(/^# Session ses_/);
    await expect(JSON.parse(el.exportTranscript('json')).runs).toHaveLength(2);
    await userEvent.click(part(el, 'export-button')!);
    await waitFor(() => expect(part(el, 'export-menu')).toBeVisible());
  },
};

export const LiveSessionStreaming: Story = {
  name: 'Live session (replayed capture)',
  argTypes: {
    intervalMs: {
      control: { type: 'range', min: 50, max: 2000, step: 50 },
      description: 'Delay between replayed frames',
    },
    loop: { control: 'boolean', description: 'Start over after the end' },
  },
  args: { intervalMs: 250, loop: false },
  render: ({ intervalMs, loop, ...args }, { id }) => {
    const el = renderElement('event-timeline', args);
    // A re-render (changed control) starts the replay over.
    closeLive(id);
    // A scripted source replays current-two-runs.sse frame by frame into `events` / `sessionStatus`.
    track(
      id,
      new FixtureReplay(fixtures.currentTwoRuns, { intervalMs: Number(intervalMs), loop: Boolean(loop) }),
    ).start((state) => {
      el.events = state.events;
      el.sessionStatus = state.status;
    });
    return el;
  },
  play: async ({ canvasElement, step }) => {
    const el = timelineIn(canvasElement);
    await step('events arrive one by one', async () => {
      await waitFor(() => expect(el.events.length).toBeGreaterThan(0), { timeout: 10_000 });
      await waitFor(() => expect(runHeaders(el).some((h) => h.hasAttribute('data-live'))).toBe(true), {
        timeout: 10_000,
      });
    });
    await step('the whole capture: two runs, both completed', async () => {
      await waitFor(() => expect(countText(el)).toBe(`${twoRuns.events.length} of ${twoRuns.events.length} events`), {
        timeout: 20_000,
      });
      await waitFor(() => expect(runHeaders(el).map((h) => h.dataset.outcome)).toEqual(['completed', 'completed']));
    });
  },
};

export const FailedRun: Story = {
  render: withEvents(edgeFailed.events, { 'session-status': 'failed' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    // A failed run sends no run_completed: the outcome comes from the session status.
    await waitFor(() => expect(runHeaders(el).map((h) => h.dataset.outcome)).toEqual(['failed']));
    await expect(part(el, 'outcome')?.textContent).toContain('failed');
    await expect(part(el, 'live-badge')).toBeNull();
  },
};

export const StoppedRun: Story = {
  render: withEvents(edgeStopped.events, { 'session-status': 'stopped' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(runHeaders(el).map((h) => h.dataset.outcome)).toEqual(['stopped']));
    await expect(part(el, 'outcome')?.textContent).toContain('stopped');
  },
};

const mixed = [
  ...(fixtures.legacyHistory as WireSessionEvent[]).map((e) => ({ ...e, session_id: 'ses_7a1e9b3c5d70' })),
  ...generateSession({
    sessionId: 'ses_7a1e9b3c5d70',
    events: 40,
    names: 'mixed',
    toolsPerRun: 3,
    start: Date.UTC(2026, 10, 24, 2),
  }),
];

export const MixedOldAndNewNames: Story = {
  name: 'Mixed old and new names',
  render: withEvents(mixed, { 'session-status': 'idle' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    // session_start/session_stop open and close runs exactly like run_start/run_completed.
    await waitFor(() => expect(el.runs.length).toBeGreaterThanOrEqual(4));
    await expect(el.runs.every((r) => r.outcome === 'completed')).toBe(true);
    await expect(el.events.filter((e) => e.legacy).length).toBeGreaterThan(2);
    await expect(el.events.filter((e) => e.originalType === 'run_start').length).toBeGreaterThan(0);
  },
};

export const Filtered: Story = {
  name: 'Filter and search',
  render: withEvents(twoRuns.events, { 'session-status': 'idle' }),
  play: async ({ canvasElement, step }) => {
    const el = timelineIn(canvasElement);
    const total = twoRuns.events.length;
    await waitFor(() => expect(countText(el)).toBe(`${total} of ${total} events`));
    const tools = chip(el, 'tool') as HTMLButtonElement;
    await expect(tools.textContent).toContain('Tools');
    await expect(tools.querySelector('.count')?.textContent).toBe('2');
    await step('only tools', async () => {
      for (const category of ['message', 'result', 'lifecycle', 'other'])
        await userEvent.click(chip(el, category) as HTMLElement);
      await waitFor(() => expect(countText(el)).toBe(`2 of ${total} events`));
      await expect(chip(el, 'message')).toHaveAttribute('aria-pressed', 'false');
      await waitFor(() => expect(cards(el).map((c) => c.getAttribute('type'))).toEqual(['post_tool', 'post_tool']));
    });
    await step('search narrows further', async () => {
      const search = part(el, 'search-input') as HTMLInputElement;
      await userEvent.type(search, 'missing.txt');
      await waitFor(() => expect(countText(el)).toBe(`1 of ${total} events`));
    });
    await step('nothing matches → clear filters', async () => {
      const search = part(el, 'search-input') as HTMLInputElement;
      await userEvent.type(search, ' no such thing');
      const empty = await waitFor(() => {
        expect(part(el, 'empty')?.textContent).toContain('Nothing matches the filter.');
        return part(el, 'empty') as HTMLElement;
      });
      await userEvent.click(empty.querySelector('button') as HTMLButtonElement);
      await waitFor(() => expect(countText(el)).toBe(`${total} of ${total} events`));
    });
  },
};

export const ExpandAll: Story = {
  name: 'Expand and collapse all',
  render: withEvents(twoRuns.events, { 'session-status': 'idle' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(cards(el).length).toBeGreaterThan(0));
    const tools = () => cards(el).filter((c) => c.getAttribute('type') === 'post_tool');
    await expect(tools().every((c) => !c.hasAttribute('expanded'))).toBe(true);
    await userEvent.click(part(el, 'expand-all') as HTMLElement);
    await waitFor(() => expect(tools().every((c) => c.hasAttribute('expanded'))).toBe(true));
    await userEvent.click(part(el, 'collapse-all') as HTMLElement);
    await waitFor(() => expect(tools().some((c) => c.hasAttribute('expanded'))).toBe(false));
  },
};

/** What the timeline counts as "at the bottom" (px). */
const BOTTOM_SLACK = 48;
const longSession = generateSession({ sessionId: 'ses_5b7d9f1a3c50', events: 300, toolsPerRun: 8 });

export const JumpToLatest: Story = {
  name: 'Scrolled up: new events → jump to latest',
  render: withEvents(longSession.slice(0, 250), { 'session-status': 'running' }),
  play: async ({ canvasElement, step }) => {
    const el = timelineIn(canvasElement);
    const list = part(el, 'list') as HTMLElement;
    const fromBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight;
    await step('it follows the newest event', async () => {
      await waitFor(() => expect(list.scrollHeight).toBeGreaterThan(list.clientHeight * 2));
      await waitFor(() => expect(fromBottom()).toBeLessThanOrEqual(BOTTOM_SLACK));
      // Settled: rows below are measured, the list holds still at the bottom.
      await el.updateComplete;
      await stableFor(() => `${list.scrollTop}/${list.scrollHeight}`, 10);
      // Still following: the newest event is in view and nobody asked to jump.
      await expect(fromBottom()).toBeLessThanOrEqual(BOTTOM_SLACK);
      await expect(part(el, 'jump')).toBeNull();
    });
    await step('the user scrolls up: following stops', async () => {
      // A wheel turn upwards, then the scroll it causes.
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, bubbles: true, composed: true }));
      list.scrollTop = 0;
      await waitFor(() => expect(part(el, 'jump')?.textContent).toContain('Jump to latest'));
    });
    await step('new events do not move the view, the button counts them', async () => {
      el.appendEvents(longSession.slice(250, 260));
      await waitFor(() => expect(part(el, 'jump')?.textContent).toContain('10 new events — jump to latest'));
      await expect(fromBottom()).toBeGreaterThan(list.clientHeight);
    });
    await step('jump goes to the newest event and follows again', async () => {
      await userEvent.click(part(el, 'jump') as HTMLElement);
      await waitFor(() => expect(fromBottom()).toBeLessThanOrEqual(BOTTOM_SLACK));
      await waitFor(() => expect(part(el, 'jump')).toBeNull());
      el.appendEvents(longSession.slice(260, 270));
      await waitFor(() => expect(el.events.length).toBe(270));
      await waitFor(() => expect(fromBottom()).toBeLessThanOrEqual(BOTTOM_SLACK));
    });
  },
};

const tenThousand = generateSession({ sessionId: 'ses_10000e0e0e00', events: 10_000, toolsPerRun: 12, hooks: true });

export const TenThousandEvents: Story = {
  name: '10,000 events',
  render: withEvents(tenThousand, { 'session-status': 'idle' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(countText(el)).toBe('10,000 of 10,000 events'), { timeout: 20_000 });
    // Virtualized: only what is on screen (plus a margin) is in the DOM.
    await expect(cards(el).length).toBeLessThan(200);
    await expect(el.runs.length).toBeGreaterThan(300);
  },
};

// ---------------------------------------------------------------- with a (simulated) coordinator

function renderWithClient(args: ElementArgs, context: StoryContext<ElementArgs>) {
  return renderLive(context, (live) => renderElement('event-timeline', { ...args, client: live.client }));
}

const seededTwoRuns = () => ({
  sessions: [{ session: { ...twoRuns.session, status: 'idle' }, events: twoRuns.events }],
});

/** The two-run session, served by the simulated coordinator and watched through a real client. */
const liveTwoRuns = {
  args: { 'session-id': twoRuns.session.session_id },
  loaders: [liveLoader(seededTwoRuns)],
  render: renderWithClient,
} satisfies Story;

export const FromCoordinator: Story = {
  name: 'From a coordinator (history + live)',
  ...liveTwoRuns,
  play: async ({ canvasElement, loaded }) => {
    const el = timelineIn(canvasElement);
    const { sim } = liveOf({ loaded });
    await waitFor(() => expect(countText(el)).toBe(`${twoRuns.events.length} of ${twoRuns.events.length} events`), {
      timeout: 10_000,
    });
    await waitFor(() => expect(part(el, 'connection')).toHaveAttribute('data-status', 'open'));
    // A third run arrives live.
    const sessionId = twoRuns.session.session_id;
    await sim.fault({
      emit: { kind: 'session_updated', data: { session: { ...twoRuns.session, status: 'running' } } },
    });
    await sim.injectEvent(sessionId, { event_type: 'run_start' });
    await sim.injectEvent(sessionId, {
      event_type: 'message',
      role: 'user',
      content: [{ type: 'text', text: 'One more thing' }],
    });
    await waitFor(() => expect(runHeaders(el)).toHaveLength(3));
    await expect(runHeaders(el)[2]).toHaveAttribute('data-live');
  },
};

export const Reconnecting: Story = {
  ...liveTwoRuns,
  play: async ({ canvasElement, loaded, step }) => {
    const el = timelineIn(canvasElement);
    const { sim } = liveOf({ loaded });
    const all = `${twoRuns.events.length} of ${twoRuns.events.length} events`;
    // Loaded: the stream is open and the history merged.
    await waitFor(() => expect(part(el, 'connection')).toHaveAttribute('data-status', 'open'), { timeout: 10_000 });
    await waitFor(() => expect(countText(el)).toBe(all), { timeout: 10_000 });
    await step('the stream drops and the coordinator is unavailable', async () => {
      await sim.fault({ dropStreams: true, failRequests: { status: 503, count: 1_000, path: '/sse/sessions' } });
      await waitFor(() => expect(part(el, 'connection')).toHaveAttribute('data-status', 'reconnecting'));
      await expect(part(el, 'connection')?.textContent).toMatch(/Reconnecting/);
      // What was loaded stays on screen.
      await expect(countText(el)).toBe(all);
    });
  },
};

export const Recovered: Story = {
  name: 'Reconnected and resynced',
  ...liveTwoRuns,
  play: async ({ canvasElement, loaded }) => {
    const el = timelineIn(canvasElement);
    const { sim } = liveOf({ loaded });
    await waitFor(() => expect(part(el, 'connection')).toHaveAttribute('data-status', 'open'), { timeout: 10_000 });
    await waitFor(() => expect(runHeaders(el)).toHaveLength(2), { timeout: 10_000 });
    await sim.fault({ dropStreams: true });
    // Missed while disconnected: the coordinator does not replay, the client resyncs from history.
    await sim.injectEvent(twoRuns.session.session_id, { event_type: 'run_start' });
    await waitFor(() => expect(part(el, 'connection')).toHaveAttribute('data-status', 'open'), { timeout: 15_000 });
    await waitFor(() => expect(runHeaders(el)).toHaveLength(3), { timeout: 10_000 });
  },
};

export const AuthError: Story = {
  name: 'Auth error (401)',
  args: { 'session-id': twoRuns.session.session_id },
  loaders: [liveLoader(() => ({ ...seededTwoRuns(), token: 'right-token' }))],
  render: renderWithClient,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(part(el, 'connection')).toHaveAttribute('data-status', 'auth-error'), {
      timeout: 10_000,
    });
    await expect(part(el, 'connection')?.textContent).toContain('Not authorized (401)');
  },
};

export const WrongToken: Story = {
  name: 'Auth error (403, wrong token)',
  args: { 'session-id': twoRuns.session.session_id },
  loaders: [liveLoader(() => ({ ...seededTwoRuns(), token: 'right-token' }), { token: 'wrong-token' })],
  render: renderWithClient,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(
      () => expect(part(el, 'connection')?.textContent).toContain('Not authorized (403): Invalid or expired token'),
      {
        timeout: 10_000,
      },
    );
  },
};

// ---------------------------------------------------------------- why it is empty, why it failed (issue 20)

const emptyKind = (el: Element) => part(el, 'empty')?.dataset.kind ?? null;

export const UnknownSession: Story = {
  name: 'Empty: a session the coordinator does not know',
  args: { 'session-id': 'ses_doesnotexist00' },
  loaders: [liveLoader(seededTwoRuns)],
  render: renderWithClient,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(emptyKind(el)).toBe('not-found'), { timeout: 10_000 });
    await expect(part(el, 'connection')?.textContent).not.toContain('Live');
  },
};

export const NoSession: Story = {
  name: 'Empty: no session chosen',
  args: { 'session-id': undefined },
  loaders: [liveLoader(seededTwoRuns)],
  render: renderWithClient,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(emptyKind(el)).toBe('no-session'), { timeout: 10_000 });
  },
};

export const Unreachable: Story = {
  name: 'Empty: the coordinator cannot be reached',
  args: { src: 'http://127.0.0.1:9/sse/sessions', 'session-id': 'ses_000000000001' },
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(emptyKind(el)).toBe('unreachable'), { timeout: 10_000 });
  },
};

export const HtmlAuthError: Story = {
  name: "Auth error: a proxy's HTML page (one line, Details)",
  args: { 'session-id': twoRuns.session.session_id },
  loaders: [
    liveLoader(() => ({
      ...seededTwoRuns(),
      fault: { failRequests: { status: 401, path: '/sse/sessions', detail: proxyErrorPage() } },
    })),
  ],
  render: renderWithClient,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(emptyKind(el)).toBe('unauthorized'), { timeout: 10_000 });
    await expect(part(el, 'connection')?.textContent?.trim()).toBe('Not authorized (401): 401 Authorization Required');
    await expect(part(el, 'connection-details')).not.toBeNull();
  },
};

export const FailureReason: Story = {
  name: 'A failed run says why',
  args: { 'session-id': 'ses_fail00000001' },
  loaders: [
    liveLoader(() => ({
      sessions: [
        {
          session: { session_id: 'ses_fail00000001', status: 'failed' },
          events: [
            { session_id: 'ses_fail00000001', event_type: 'run_start', timestamp: '2026-11-24T02:00:00Z' },
            {
              session_id: 'ses_fail00000001',
              event_type: 'post_tool',
              timestamp: '2026-11-24T02:00:01Z',
              tool_name: 'Bash',
              tool_input: { command: 'deploy' },
              error: 'Permission denied: /srv/deploy',
            },
          ],
        },
      ],
    })),
  ],
  render: renderWithClient,
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(part(el, 'failure-reason')?.textContent).toBe('Permission denied: /srv/deploy'), {
      timeout: 10_000,
    });
  },
};

export const SearchAndErrors: Story = {
  name: 'Search (n of m, highlighted) and errors only',
  render: withEvents(twoRuns.events, { 'session-status': 'idle' }),
  play: async ({ canvasElement, step }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(cards(el).length).toBeGreaterThan(0));
    await step('search: n of m, next match', async () => {
      const search = part(el, 'search-input') as HTMLInputElement;
      await userEvent.type(search, 'txt');
      await waitFor(() => expect(part(el, 'search-count')?.textContent).toMatch(/match/));
      await userEvent.type(search, '{Enter}');
      await waitFor(() => expect(part(el, 'search-count')?.textContent).toMatch(/^1 of/));
      // clear() wants the input to be the document's active element, which a shadow root hides.
      await userEvent.type(search, '{Backspace}{Backspace}{Backspace}');
      await waitFor(() => expect(search.value).toBe(''));
    });
    await step('errors only', async () => {
      await userEvent.click(part(el, 'errors-only') as HTMLElement);
      await waitFor(() => expect(cards(el).every((c) => c.hasAttribute('failed'))).toBe(true));
      await userEvent.click(part(el, 'next-error') as HTMLElement);
      await waitFor(() => expect(el.selectedEvent?.failed).toBe(true));
    });
  },
};

const manyEvents = generateSession({ events: 400 });
export const SelectedEvent: Story = {
  name: 'An event selected from outside (selected-key, e.g. a link)',
  render: withEvents(manyEvents, {
    'session-status': 'idle',
    'selected-key': eventAnchor(normalizeEvent(manyEvents[20])),
  }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(el.selectedEvent?.timestamp).toBe(normalizeEvent(manyEvents[20]).timestamp));
  },
};

// ---------------------------------------------------------------- themes

export const EmptyWaiting: Story = {
  name: 'Empty (waiting for events)',
  render: withEvents([]),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(part(el, 'empty')?.textContent).toContain('Waiting for events…'));
    await expect(countText(el)).toBe('0 of 0 events');
  },
};

export const DarkTheme: Story = {
  render: withEvents(twoRuns.events, { 'session-status': 'idle' }),
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(runHeaders(el)).toHaveLength(2));
    await expect(getComputedStyle(el).colorScheme).toBe('dark');
    // Nested cards follow the timeline's scheme.
    await waitFor(() => expect(cards(el).length).toBeGreaterThan(0));
    await expect(getComputedStyle(cards(el)[0]).colorScheme).toBe('dark');
  },
};

export const ThemedWithCustomProperties: Story = {
  name: 'Themed via custom properties',
  render: withEvents(twoRuns.events, { 'session-status': 'idle' }),
  args: {
    '--ce-font-family': 'Georgia, serif',
    '--ce-color-bg': '#fbf7ef',
    '--ce-color-surface': '#fffdf8',
    '--ce-color-surface-muted': '#f3ead8',
    '--ce-color-border': '#c9b48a',
    '--ce-color-text': '#2b2116',
    '--ce-color-text-muted': '#5c4a33',
    '--ce-color-focus': '#8a4b00',
    '--ce-color-success': '#1d6630',
    '--ce-color-error': '#a8190f',
    '--ce-color-accent-result': '#1d6630',
    '--ce-color-accent-run': '#7a3e9d',
    '--ce-color-accent-tool': '#00607a',
    '--ce-radius': '2px',
    '--ce-timeline-height': '26rem',
  },
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(runHeaders(el)).toHaveLength(2));
    await expect(getComputedStyle(part(el, 'toolbar') as HTMLElement).fontFamily).toContain('Georgia');
    await expect(el.getBoundingClientRect().height).toBeCloseTo(26 * 16, -1);
  },
};

export const German: Story = {
  name: 'German (lang="de")',
  render: withEvents(twoRuns.events, { 'session-status': 'idle', lang: 'de' }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    const labels = await runLabels(el, 2);
    await expect(labels[0]).toMatch(/^Lauf 1, Start, beendet/);
    await expect(labels[1]).toMatch(/^Lauf 2, Fortsetzung, beendet/);
    await expect(part(el, 'expand-all')?.textContent).toContain('Alle aufklappen');
    await expect(countText(el)).toMatch(/von \d+ Ereignissen$/);
    // The cards inside inherit the timeline's language.
    await waitFor(() => expect(cards(el).some((c) => c.shadowRoot?.textContent?.includes('Werkzeug'))).toBe(true));
  },
};

export const CustomStrings: Story = {
  name: 'Custom strings (strings property)',
  render: withEvents(twoRuns.events, {
    'session-status': 'idle',
    strings: {
      expandAll: 'Open every card',
      eventTypes: { post_tool: 'Action' },
      runNumber: (i: number) => `Turn ${i}`,
    },
  }),
  play: async ({ canvasElement }) => {
    const el = timelineIn(canvasElement);
    await waitFor(() => expect(part(el, 'expand-all')?.textContent).toContain('Open every card'));
    await waitFor(() => expect(cards(el).some((c) => c.shadowRoot?.textContent?.includes('Action'))).toBe(true));
  },
};
