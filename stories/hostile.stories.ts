/**
 * What a person sees when the coordinator misbehaves: history that cannot be loaded, bodies cut by
 * the byte budget, invalid times, events missing after an outage. Each story runs the elements
 * against the simulated coordinator of server/ in hostile mode (server/hostile.mjs).
 */
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../src/components/event-timeline/event-timeline.js';
import '../src/components/chat-panel/chat-panel.js';
import type { WireSessionEvent } from '../src/types/wire.js';
import { liveCleanup, liveLoader, renderLive, type LiveSetup } from './support/live.js';
import { renderElement, type ElementArgs } from './support/render.js';

const meta = {
  title: 'Hostile coordinator',
  beforeEach: liveCleanup,
  parameters: {
    docs: {
      description: {
        component:
          'The states the elements show when a coordinator fails or misbehaves. Every story talks to the simulated coordinator of `server/` in its hostile mode; see `docs/security.md`.',
      },
    },
  },
} satisfies Meta<ElementArgs>;

export default meta;
type Story = StoryObj<ElementArgs>;

const SID = 'ses_00000000cafe';

type SeedEvent = Partial<WireSessionEvent> & { event_type: string };

/** A short finished run, stamped a minute ago. */
function pastRun(): SeedEvent[] {
  const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
  return [
    { event_type: 'run_start', timestamp: at(0) },
    { event_type: 'message', timestamp: at(1), role: 'user', content: [{ type: 'text', text: 'Summarize the logs' }] },
    {
      event_type: 'post_tool',
      timestamp: at(2),
      tool_name: 'Bash',
      tool_input: { command: 'tail -n 200 app.log' },
      tool_output: 'INFO started\nWARN slow request\nINFO done',
    },
    {
      event_type: 'message',
      timestamp: at(3),
      role: 'assistant',
      content: [{ type: 'text', text: 'One slow request, otherwise quiet.' }],
    },
    { event_type: 'run_completed', timestamp: at(4), exit_code: 0, reason: 'completed' },
  ];
}

const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function timeline(args: ElementArgs, context: StoryContext<ElementArgs>) {
  return renderLive(context, (live) =>
    renderElement('event-timeline', { ...args, 'session-id': SID, client: live.client, style: 'height: 420px' }),
  );
}

function chat(args: ElementArgs, context: StoryContext<ElementArgs>) {
  return renderLive(context, (live) =>
    renderElement('chat-panel', { ...args, 'session-id': SID, client: live.client, style: 'height: 420px' }),
  );
}

function withSession(events: SeedEvent[], extra: Partial<LiveSetup> = {}): () => LiveSetup {
  return () => ({ sessions: [{ session: { session_id: SID, status: 'idle' }, events }], ...extra });
}

/** The history request keeps failing: a 503 for the next thousand tries. */
const historyDown = withSession(pastRun(), {
  fault: { failRequests: { status: 503, count: 1000, path: `/sessions/${SID}/events` } },
});

export const HistoryMissing: Story = {
  name: 'History could not be loaded (timeline)',
  loaders: [liveLoader(historyDown)],
  render: timeline,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('event-timeline')!;
    await waitFor(
      () =>
        expect(text(part(el, 'notice'))).toMatch(
          /^History could not be loaded: Service Unavailable \(simulated\)( · Trying again( in \d+s|…))?$/,
        ),
      { timeout: 10_000 },
    );
    await expect(part(el, 'connection')).toHaveAttribute('data-status', 'open');
  },
};

export const HistoryMissingChat: Story = {
  name: 'History could not be loaded (chat)',
  loaders: [liveLoader(historyDown)],
  render: chat,
  play: async ({ canvasElement }) => {
    const panel = canvasElement.querySelector('chat-panel')!;
    await waitFor(
      () =>
        expect(text(panel.shadowRoot?.querySelector('[data-kind="history-error"]'))).toMatch(
          /^The conversation could not be loaded: Service Unavailable \(simulated\)/,
        ),
      { timeout: 10_000 },
    );
  },
};

/** Three big tool outputs in a session whose budget holds about one of them. */
function bigOutputs(): SeedEvent[] {
  const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
  return [0, 1, 2].map((n) => ({
    event_type: 'post_tool',
    timestamp: at(n),
    tool_name: 'Bash',
    tool_input: { command: `cat build-${n}.log` },
    tool_output: `build ${n}\n${'compiling module …\n'.repeat(12_000)}`,
  }));
}

export const BodyDropped: Story = {
  name: 'Bodies cut by the byte budget',
  loaders: [liveLoader(withSession(bigOutputs()), { maxBytesPerSession: 300_000 })],
  render: timeline,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('event-timeline')!;
    await waitFor(
      () => expect(text(part(el, 'notice'))).toBe('2 large event bodies shortened to keep this session within 293 KB'),
      { timeout: 10_000 },
    );
    const card = await waitFor(() => {
      const found = el.shadowRoot?.querySelector('event-card');
      expect(found?.shadowRoot?.querySelector('[part~="dropped"]')).toBeTruthy();
      return found!;
    });
    await expect(text(part(card, 'dropped'))).toMatch(/^Too large to keep: \d+ KB dropped, the start is shown$/);
  },
};

export const InvalidTimes: Story = {
  name: 'Invalid times (ordered by arrival)',
  loaders: [
    liveLoader(
      withSession([
        ...pastRun().slice(0, 2),
        {
          event_type: 'message',
          timestamp: '2026-13-45T99:99:99Z',
          role: 'assistant',
          content: [{ type: 'text', text: 'Stamped with month 13.' }],
        },
        {
          event_type: 'message',
          timestamp: '2999-01-01T00:00:00Z',
          role: 'assistant',
          content: [{ type: 'text', text: 'Stamped far in the future.' }],
        },
      ]),
    ),
  ],
  render: timeline,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('event-timeline')!;
    await waitFor(() => expect(el.shadowRoot?.querySelectorAll('event-card').length).toBe(4), { timeout: 10_000 });
    const times = [...el.shadowRoot!.querySelectorAll('event-card')].map((c) => text(part(c, 'time')));
    await expect(times.slice(2)).toEqual(['invalid time', 'invalid time']);
  },
};

/**
 * A session of 103 events whose last three (the answer and the result among them) lie past the
 * server's history cap: a client that comes in now gets the first 100 only.
 */
function pastTheCap(): SeedEvent[] {
  const start = Date.now() - 3_600_000;
  const at = (i: number) => new Date(start + i * 20_000).toISOString();
  const events: SeedEvent[] = [
    { event_type: 'run_start', timestamp: at(0) },
    { event_type: 'message', timestamp: at(1), role: 'user', content: [{ type: 'text', text: 'Migrate the tests' }] },
  ];
  for (let i = 2; i < 100; i++) {
    events.push({
      event_type: 'post_tool',
      timestamp: at(i),
      tool_name: i % 3 ? 'Edit' : 'Bash',
      tool_input: i % 3 ? { file_path: `test/case-${i}.test.ts` } : { command: `npm test -- case-${i}` },
      tool_output: i % 3 ? 'ok' : `1 passed`,
    });
  }
  events.push(
    {
      event_type: 'message',
      timestamp: at(100),
      role: 'assistant',
      content: [{ type: 'text', text: 'All 98 test files are migrated.' }],
    },
    { event_type: 'result', timestamp: at(101), result_text: 'Migrated 98 test files; every test passes.' },
    { event_type: 'run_completed', timestamp: at(102), exit_code: 0, reason: 'completed' },
  );
  return events;
}

export const GapRow: Story = {
  name: 'Events missing (gap row, result fetched again)',
  loaders: [liveLoader(withSession(pastTheCap()))],
  render: timeline,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('event-timeline')!;
    const gap = await waitFor(
      () => {
        const row = part(el, 'gap');
        expect(row).toBeTruthy();
        return row!;
      },
      { timeout: 10_000 },
    );
    await expect(text(gap)).toMatch(/^Events after .+ may be missing The connection was interrupted/);
    await waitFor(() =>
      expect(text(part(el, 'gap-result'))).toBe(
        'Final result of the session (fetched again) Migrated 98 test files; every test passes.',
      ),
    );
    await expect(gap).toHaveAttribute('role', 'article');
  },
};

export const GapBubble: Story = {
  name: 'Events missing (chat)',
  loaders: [liveLoader(withSession(pastTheCap()))],
  render: chat,
  play: async ({ canvasElement }) => {
    const panel = canvasElement.querySelector('chat-panel')!;
    const gap = () => panel.shadowRoot?.querySelector('[part~="gap"]');
    await waitFor(() => expect(text(gap())).toMatch(/^Events after .+ may be missing The connection was interrupted/), {
      timeout: 10_000,
    });
    await waitFor(() =>
      expect((gap()?.querySelector('ce-markdown') as { text?: string } | null)?.text).toBe(
        'Migrated 98 test files; every test passes.',
      ),
    );
    await expect(text(gap()?.querySelector('[part~="result"]'))).toContain(
      'Final result of the session (fetched again)',
    );
  },
};
