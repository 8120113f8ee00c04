import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/components/run-swimlanes/run-swimlanes.js';
import '../src/locales/de.js';
import type { RunSwimlanes } from '../src/components/run-swimlanes/run-swimlanes.component.js';
import { CoordinatorClient } from '../src/client/client.js';
import type { WireSession, WireSessionEvent } from '../src/types/wire.js';
import { MIN, event, sessionMaker } from './support/fleet.js';
import { liveCleanup, liveLoader, renderLive, track } from './support/live.js';
import { attributeArgTypes, renderElement, type ElementArgs } from './support/render.js';

/**
 * Stories feed the lanes either through their `sessions` and `events` properties or through a real
 * `CoordinatorClient` talking to the simulated coordinator of `server/`.
 */
const meta = {
  title: 'Elements/run-swimlanes',
  component: 'run-swimlanes',
  render: (args) => withData(team())(args),
  argTypes: {
    ...attributeArgTypes('run-swimlanes', ['client', 'tokenProvider', 'strings', 'sessions', 'events']),
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  args: { onCeRunSelect: fn(), onCeConnectionChange: fn() },
  beforeEach: liveCleanup,
  parameters: { layout: 'padded' },
} satisfies Meta<ElementArgs>;

export default meta;
type Story = StoryObj<ElementArgs>;

// ---------------------------------------------------------------- data

const session = sessionMaker(0x5a0000000000);

/** One run of `s` from `fromMs` ago to `toMs` ago (null: still running) with `tools` tool calls. */
function run(s: WireSession, prompt: string, fromMs: number, toMs: number | null, tools: number, fail = false) {
  const out = [
    event(s.session_id, { event_type: 'run_start' }, fromMs),
    event(
      s.session_id,
      { event_type: 'message', role: 'user', content: [{ type: 'text', text: prompt }] },
      fromMs - 100,
    ),
  ];
  const end = toMs ?? 0;
  for (let i = 0; i < tools; i++) {
    const at = fromMs - ((fromMs - end) * (i + 1)) / (tools + 1);
    out.push(
      event(
        s.session_id,
        { event_type: 'post_tool', tool_name: 'Bash', error: fail && i === tools - 1 ? 'exit 1' : null },
        at,
      ),
    );
  }
  if (toMs !== null && !fail) out.push(event(s.session_id, { event_type: 'run_completed', exit_code: 0 }, toMs));
  return out;
}

/** A lead agent with sub-agents: completed, failed and stopped runs (no completion markers), a running one. */
function team() {
  const lead = session({ agent_name: 'lead', status: 'running', agoMs: 14 * MIN });
  const research = session({ agent_name: 'researcher', parent_session_id: lead.session_id, agoMs: 13 * MIN });
  const coder = session({ agent_name: 'coder', parent_session_id: lead.session_id, status: 'failed', agoMs: 11 * MIN });
  const tester = session({
    agent_name: 'tester',
    parent_session_id: lead.session_id,
    status: 'stopped',
    agoMs: 8 * MIN,
  });
  const docs = session({ agent_name: 'writer', agoMs: 12 * MIN });
  const sessions = [lead, research, coder, tester, docs];
  const events = [
    ...run(lead, 'Ship the 2.0 release', 14 * MIN, 12 * MIN, 3),
    ...run(lead, 'Now tag and publish', 6 * MIN, null, 4),
    ...run(research, 'Find every breaking change since 1.9', 13 * MIN, 9 * MIN, 8),
    ...run(coder, 'Bump the version and fix the build', 11 * MIN, 7 * MIN, 6, true),
    ...run(tester, 'Run the whole suite', 8 * MIN, 5 * MIN, 5),
    ...run(docs, 'Rewrite the README introduction', 12 * MIN, 10 * MIN, 2),
    ...run(docs, 'Shorten it', 4 * MIN, 3 * MIN, 1),
  ].filter((e) => !(e.session_id === tester.session_id && e.event_type === 'run_completed'));
  return { sessions, events, lead, coder };
}

function withData(data: { sessions: unknown[]; events?: unknown[] }, extra: ElementArgs = {}) {
  return (args: ElementArgs) => {
    const el = renderElement('run-swimlanes', { ...args, ...extra });
    el.style.setProperty('--ce-swimlanes-height', '24rem');
    el.sessions = data.sessions;
    el.events = data.events ?? [];
    return el;
  };
}

function withClient(args: ElementArgs, context: StoryContext<ElementArgs>) {
  return renderLive(context, (live) => {
    const el = renderElement('run-swimlanes', { ...args, client: live.client });
    el.style.setProperty('--ce-swimlanes-height', '24rem');
    return el;
  });
}

function lanesIn(canvasElement: HTMLElement): RunSwimlanes {
  const el = canvasElement.querySelector('run-swimlanes');
  if (!el) throw new Error('no <run-swimlanes> rendered');
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const blocks = (el: Element) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[part~="run"]') ?? [])];
const stateOf = (el: Element) => part(el, 'state')?.dataset.state ?? null;

// ---------------------------------------------------------------- stories

export const Team: Story = {
  name: 'A team of agents',
  play: async ({ canvasElement, args, step }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(blocks(el).length).toBe(7));
    await expect(
      blocks(el)
        .map((b) => b.getAttribute('part'))
        .sort(),
    ).toEqual([
      'run completed',
      'run completed',
      'run completed',
      'run completed',
      'run failed',
      'run running',
      'run stopped',
    ]);
    await step('ArrowRight goes to the lead’s first run, Enter picks it', async () => {
      const label = part(el, 'lane-label')!;
      label.focus();
      await userEvent.keyboard('{ArrowRight}{Enter}');
      await waitFor(() => expect(args.onCeRunSelect).toHaveBeenCalledTimes(1));
      await expect(part(el, 'tooltip')?.textContent).toContain('Ship the 2.0 release');
    });
  },
};

export const Live: Story = {
  name: 'Live from a coordinator',
  render: withClient,
  loaders: [liveLoader({ stepMs: 150, seed: { count: 30, group: 3, spacingMs: 20_000 } })],
  play: async ({ canvasElement, loaded }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(blocks(el).length).toBeGreaterThan(3), { timeout: 10_000 });
    const { live } = loaded as { live: { sim: { startSession(b: object): Promise<unknown> } } };
    await live.sim.startSession({ prompt: 'slow Summarize the open pull requests', agent_name: 'reviewer', runs: 2 });
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part~="run"][part~="running"]')).not.toBeNull(), {
      timeout: 10_000,
    });
  },
};

export const ManySessions: Story = {
  name: '1,000 sessions × 10 runs',
  render: (args) => {
    const sessions: WireSession[] = [];
    const events: WireSessionEvent[] = [];
    for (let i = 0; i < 1000; i++) {
      const s = session({ agent_name: `agent ${i}`, agoMs: 60 * MIN, status: i % 7 === 0 ? 'running' : 'idle' });
      sessions.push(s);
      for (let r = 0; r < 10; r++) {
        const from = (60 - r * 6) * MIN - (i % 5) * 20_000;
        const last = r === 9 && i % 7 === 0;
        events.push(...run(s, `Task ${i}.${r}`, from, last ? null : from - 3 * MIN, 2));
      }
    }
    return withData({ sessions, events })(args);
  },
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(el.laneIds.length).toBe(1000));
    await expect(el.shadowRoot!.querySelectorAll('[role="row"]').length).toBeLessThan(40);
  },
};

export const Table: Story = {
  name: 'Table of runs',
  args: { table: true },
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('tbody tr').length).toBe(7));
  },
};

export const Connecting: Story = {
  render: (args, { id }) => {
    const client = track(
      id,
      new CoordinatorClient({ url: 'http://127.0.0.1:9/sse/sessions', fetch: () => new Promise<Response>(() => {}) }),
    );
    return withData({ sessions: [] }, { client })(args);
  },
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('connecting'));
  },
};

export const NoSessionsYet: Story = {
  name: 'No sessions yet',
  render: withClient,
  loaders: [liveLoader({})],
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('empty'), { timeout: 10_000 });
  },
};

export const Unreachable: Story = {
  name: 'Coordinator unreachable',
  render: withClient,
  loaders: [liveLoader({ fault: { failRequests: { status: 503, count: 1_000, path: '/sse/sessions' } } })],
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('unreachable'), { timeout: 10_000 });
  },
};

export const AuthError: Story = {
  name: 'Auth error (401)',
  render: withClient,
  loaders: [liveLoader({ token: 'secret' })],
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(stateOf(el)).toBe('auth-error'), { timeout: 10_000 });
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(blocks(el).length).toBeGreaterThan(0));
    await expect(getComputedStyle(el).colorScheme).toBe('dark');
  },
};

export const German: Story = {
  name: 'German (lang="de")',
  args: { lang: 'de' },
  play: async ({ canvasElement }) => {
    const el = lanesIn(canvasElement);
    await waitFor(() => expect(blocks(el).length).toBeGreaterThan(0));
    await expect(part(el, 'fit')?.textContent?.trim()).toBe('Alles zeigen');
  },
};
