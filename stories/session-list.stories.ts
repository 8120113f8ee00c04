import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/components/session-list/session-list.js';
import '../src/locales/de.js';
import type { SessionList } from '../src/components/session-list/session-list.component.js';
import { CoordinatorClient } from '../src/client/client.js';
import type { WireSession, WireSessionEvent } from '../src/types/wire.js';
import { MIN, event, sessionMaker } from './support/fleet.js';
import { liveCleanup, liveLoader, renderLive, track } from './support/live.js';
import { attributeArgTypes, renderElement, type ElementArgs } from './support/render.js';

/**
 * Stories feed the list either through its `sessions` property (and `appendEvents` for titles and
 * activity) or through a real `CoordinatorClient` talking to the simulated coordinator of `server/`.
 */
const meta = {
  title: 'Elements/session-list',
  component: 'session-list',
  render: (args) => withSessions(family())(args),
  argTypes: {
    ...attributeArgTypes('session-list', ['client', 'tokenProvider', 'strings', 'sessions']),
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    sort: { control: 'inline-radio', options: ['activity', 'created', 'title'] },
  },
  args: { onCeSessionSelect: fn(), onCeSessionAction: fn(), onCeConnectionChange: fn() },
  beforeEach: liveCleanup,
  parameters: { layout: 'padded' },
} satisfies Meta<ElementArgs>;

export default meta;
type Story = StoryObj<ElementArgs>;

// ---------------------------------------------------------------- data

const session = sessionMaker(0x5b0000000000);

/** A lead agent with two sub-agents (one of them busy, with its own helper), and some other sessions. */
function family() {
  const lead = session({ agent_name: 'lead', status: 'running', agoMs: 9 * MIN });
  const research = session({ agent_name: 'researcher', parent_session_id: lead.session_id, agoMs: 8 * MIN });
  const coder = session({ agent_name: 'coder', parent_session_id: lead.session_id, status: 'running', agoMs: 6 * MIN });
  const helper = session({
    agent_name: 'tester',
    parent_session_id: coder.session_id,
    status: 'failed',
    agoMs: 4 * MIN,
  });
  const docs = session({ agent_name: 'writer', status: 'stopped', agoMs: 30 * MIN });
  const old = session({ status: 'finished', agoMs: 120 * MIN });
  const sessions = [lead, research, coder, helper, docs, old];
  const prompts: [WireSession, string][] = [
    [lead, 'Ship the 2.0 release: changelog, version bump, tag'],
    [research, 'Find every breaking change since 1.9'],
    [coder, 'Bump the version and fix the failing build'],
    [helper, 'Run the whole test suite and report failures'],
    [docs, 'Rewrite the README introduction'],
  ];
  const events: WireSessionEvent[] = [];
  for (const [s, text] of prompts) {
    const at = Date.now() - Date.parse(s.created_at);
    events.push(
      event(s.session_id, { event_type: 'run_start' }, at - 100),
      event(s.session_id, { event_type: 'message', role: 'user', content: [{ type: 'text', text }] }, at - 200),
    );
  }
  // Some activity over the last minutes, errors included.
  for (let i = 0; i < 40; i++) {
    const s = [lead, coder, helper][i % 3];
    events.push(
      event(
        s.session_id,
        { event_type: 'post_tool', tool_name: 'Bash', error: i % 7 === 0 ? 'exit 1' : null },
        (i % 12) * MIN + 1000,
      ),
    );
  }
  return { sessions, events, lead, coder };
}

/** Renders the list with the page's sessions (and events for titles and activity). */
function withSessions(data: { sessions: unknown[]; events?: unknown[] }, extra: ElementArgs = {}) {
  return (args: ElementArgs) => {
    const el = renderElement('session-list', { ...args, ...extra });
    el.style.setProperty('--ce-session-list-height', '26rem');
    el.style.maxWidth = '46rem';
    el.sessions = data.sessions;
    if (data.events) el.appendEvents(data.events);
    return el;
  };
}

function withClient(args: ElementArgs, context: StoryContext<ElementArgs>) {
  return renderLive(context, (live) => {
    const el = renderElement('session-list', { ...args, client: live.client });
    el.style.setProperty('--ce-session-list-height', '26rem');
    el.style.maxWidth = '46rem';
    return el;
  });
}

function listIn(canvasElement: HTMLElement): SessionList {
  const el = canvasElement.querySelector('session-list');
  if (!el) throw new Error('no <session-list> rendered');
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const rows = (el: Element) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [])];
const titles = (el: Element) => rows(el).map((r) => r.querySelector('[part~="title"]')?.textContent?.trim());
const stateOf = (el: Element) => part(el, 'state')?.dataset.state ?? null;

// ---------------------------------------------------------------- stories

export const Tree: Story = {
  name: 'Tree of sessions',
  play: async ({ canvasElement, args, step }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(titles(el)[0]).toBe('Ship the 2.0 release: changelog, version bump, tag'));
    const lead = rows(el)[0];
    await expect(lead.querySelector('[part~="busy-children"]')?.textContent).toContain('1 running');
    await step('ArrowRight opens the lead agent, Enter picks its first sub-session', async () => {
      lead.focus();
      await userEvent.keyboard('{ArrowRight}');
      await waitFor(() => expect(lead).toHaveAttribute('aria-expanded', 'true'));
      await userEvent.keyboard('{ArrowRight}{Enter}');
      await waitFor(() => expect(args.onCeSessionSelect).toHaveBeenCalledTimes(1));
      await expect(el.selectedSession).toBe(rows(el)[1].dataset.id);
    });
  },
};

export const Live: Story = {
  name: 'Live from a coordinator',
  render: withClient,
  loaders: [liveLoader({ stepMs: 120, seed: { count: 40, group: 4 } })],
  play: async ({ canvasElement, loaded }) => {
    const el = listIn(canvasElement);
    // Titles of the rows in view come from their histories.
    await waitFor(() => expect(titles(el).length).toBeGreaterThan(3), { timeout: 10_000 });
    await waitFor(
      () =>
        expect(
          titles(el)
            .slice(0, 3)
            .every((t) => / \(task \d+\)$/.test(t ?? '')),
        ).toBe(true),
      {
        timeout: 10_000,
      },
    );
    // A new session goes to the top with its prompt as title.
    const { live } = loaded as { live: { sim: { startSession(b: object): Promise<unknown> } } };
    await live.sim.startSession({ prompt: 'slow Summarize the open pull requests', agent_name: 'reviewer' });
    await waitFor(() => expect(titles(el)[0]).toBe('slow Summarize the open pull requests'), { timeout: 10_000 });
  },
};

export const ManySessions: Story = {
  name: '10,000 sessions',
  render: (args) =>
    withSessions({
      sessions: Array.from({ length: 10_000 }, (_, i) =>
        session({
          agent_name: `agent ${i}`,
          agoMs: i * 1000 + 1,
          status: ['idle', 'running', 'failed', 'stopped'][i % 4],
        }),
      ),
    })(args),
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(part(el, 'count')?.textContent).toBe('10,000 sessions'));
    // Only a screenful of rows is in the DOM.
    await expect(rows(el).length).toBeLessThan(60);
  },
};

export const Connecting: Story = {
  render: (args, { id }) => {
    // A coordinator that never answers: the list waits for it.
    const client = track(
      id,
      new CoordinatorClient({ url: 'http://127.0.0.1:9/sse/sessions', fetch: () => new Promise<Response>(() => {}) }),
    );
    return withSessions({ sessions: [] }, { client })(args);
  },
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('connecting'));
    await expect(part(el, 'state')?.textContent).toContain('Connecting to the coordinator…');
  },
};

export const NoSessionsYet: Story = {
  name: 'No sessions yet',
  render: withClient,
  loaders: [liveLoader({})],
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('empty'), { timeout: 10_000 });
    await expect(part(el, 'state')?.textContent).toContain('No sessions yet.');
  },
};

export const Unreachable: Story = {
  name: 'Coordinator unreachable',
  render: withClient,
  loaders: [liveLoader({ fault: { failRequests: { status: 503, count: 1_000, path: '/sse/sessions' } } })],
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('unreachable'), { timeout: 10_000 });
    await expect(part(el, 'state')?.textContent).toContain('The coordinator cannot be reached.');
    await waitFor(() => expect(part(el, 'state')?.querySelector('[part~="connection-retry"]')).not.toBeNull());
  },
};

export const AuthError: Story = {
  name: 'Auth error (401)',
  render: withClient,
  loaders: [liveLoader({ token: 'secret' })],
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('auth-error'), { timeout: 10_000 });
    await expect(part(el, 'state')?.textContent).toContain(
      'The coordinator refused the credentials (401): Not authenticated. Check the token.',
    );
  },
};

export const NothingMatches: Story = {
  name: 'Nothing matches the search',
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(rows(el).length).toBeGreaterThan(0));
    await userEvent.type(part(el, 'search-input') as HTMLInputElement, 'kubernetes');
    await waitFor(() => expect(stateOf(el)).toBe('no-match'));
    await expect(part(el, 'state')?.textContent).toContain('No sessions match “kubernetes”.');
    await userEvent.click(part(el, 'clear-filters') as HTMLElement);
    await waitFor(() => expect(stateOf(el)).toBeNull());
  },
};

export const Filtered: Story = {
  name: 'Status filter and search',
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(rows(el).length).toBeGreaterThan(0));
    const failed = el.shadowRoot!.querySelector<HTMLElement>('[part~="filter-chip"][data-group="failed"]')!;
    await userEvent.click(failed);
    // The failed tester shows with the sessions above it, for context.
    await waitFor(() => expect(rows(el).map((r) => r.dataset.status)).toEqual(['running', 'running', 'failed']));
    await expect(rows(el)[0]).toHaveAttribute('context');
  },
};

export const Actions: Story = {
  name: 'Stop and delete (409 while running)',
  render: withClient,
  args: { actions: true },
  loaders: [liveLoader({ stepMs: 40, turn: { outcome: 'hang' } })],
  play: async ({ canvasElement, loaded, args }) => {
    const el = listIn(canvasElement);
    const { live } = loaded as { live: { sim: { startSession(b: object): Promise<{ session_id: string }> } } };
    const { session_id: id } = await live.sim.startSession({ prompt: 'Watch the deploy until it is done' });
    const row = await waitFor(() => {
      const found = rows(el).find((r) => r.dataset.id === id && r.dataset.status === 'running');
      expect(found).toBeTruthy();
      return found!;
    });
    await userEvent.click(row.querySelector('[part~="actions-button"]') as HTMLElement);
    const del = await waitFor(() => {
      const item = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((b) =>
        b.textContent?.includes('Delete'),
      );
      expect(item).toBeTruthy();
      return item!;
    });
    await userEvent.click(del);
    await waitFor(() => expect(el.shadowRoot!.querySelector('dialog')?.open).toBe(true));
    await userEvent.click(part(el, 'confirm-ok') as HTMLElement);
    await waitFor(() => expect(part(el, 'confirm-error')?.textContent).toContain('Stop it first, then delete it.'));
    await expect(args.onCeSessionAction).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ action: 'delete', ok: false, status: 409 }) }),
    );
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(rows(el).length).toBeGreaterThan(0));
    await expect(getComputedStyle(el).colorScheme).toBe('dark');
  },
};

export const German: Story = {
  name: 'German (lang="de")',
  args: { lang: 'de' },
  play: async ({ canvasElement }) => {
    const el = listIn(canvasElement);
    await waitFor(() => expect(rows(el).length).toBeGreaterThan(0));
    await expect(part(el, 'search-input')).toHaveAttribute('placeholder', 'Titel, ID, Agent suchen');
    await expect(part(el, 'count')?.textContent).toBe('6 Sitzungen');
  },
};
