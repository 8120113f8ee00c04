import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/components/chat-panel/chat-panel.js';
import '../src/locales/de.js';
import type { ChatPanel } from '../src/components/chat-panel/chat-panel.component.js';
import type { ScriptedTurn } from '../test/support/sim.js';
import { sessionsOf, wireEventsOf } from '../test/support/fixtures.js';
import { fixtures } from './support/fixtures.js';
import { generateSession } from './support/generate.js';
import { deepText } from './support/dom.js';
import { liveCleanup, liveLoader, renderLive } from './support/live.js';
import { attributeArgTypes, renderElement, type ElementArgs } from './support/render.js';

/**
 * Every story talks to its own instance of the simulated coordinator (server/, see
 * stories/support/live.ts) through a real `CoordinatorClient`, handed to the panel as its `client`
 * property. The runs play scripted turns (`turn`), so what the agent answers is known.
 */
const meta = {
  title: 'Elements/chat-panel',
  component: 'chat-panel',
  render: (args, context) => renderPanel(args, context),
  argTypes: {
    ...attributeArgTypes('chat-panel', ['client', 'tokenProvider', 'strings']),
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    'run-body': { control: 'inline-radio', options: ['auto', 'parameters', 'prompt'] },
  },
  args: { onCeMessageSent: fn(), onCeAnswer: fn(), onCeError: fn(), onCeSessionChange: fn() },
  beforeEach: liveCleanup,
  parameters: { layout: 'padded' },
} satisfies Meta<ElementArgs>;

export default meta;
type Story = StoryObj<ElementArgs>;

function renderPanel(args: ElementArgs, context: StoryContext<ElementArgs>) {
  return renderLive(context, (live) => {
    const panel = renderElement('chat-panel', { ...args, client: live.client });
    panel.style.setProperty('--ce-chat-height', '30rem');
    panel.style.maxWidth = '44rem';
    return panel;
  });
}

function panelIn(canvasElement: HTMLElement): ChatPanel {
  const panel = canvasElement.querySelector('chat-panel');
  if (!panel) throw new Error('no <chat-panel> rendered');
  return panel;
}

const part = (panel: Element, name: string) =>
  panel.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const parts = (panel: Element, name: string) => [
  ...(panel.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? []),
];

async function send(panel: ChatPanel, text: string): Promise<void> {
  const input = await waitFor(() => {
    const el = part(panel, 'input') as HTMLTextAreaElement | null;
    expect(el).not.toBeNull();
    expect(el).toBeEnabled();
    return el as HTMLTextAreaElement;
  });
  await userEvent.click(input);
  await userEvent.type(input, text);
  await userEvent.keyboard('{Enter}');
}

/** The panel's tool chips, once there are `count` of them. */
function toolButtons(panel: ChatPanel, count: number): Promise<HTMLElement[]> {
  return waitFor(
    () => {
      const found = parts(panel, 'tool-button');
      expect(found).toHaveLength(count);
      return found;
    },
    { timeout: 10_000 },
  );
}

/** A question answered from the README. */
const README_TURN: ScriptedTurn = {
  tools: [
    {
      tool_name: 'Read',
      tool_input: { file_path: '/srv/projects/demo/README.md' },
      tool_output: '# Demo\n\nA small demo project.',
    },
  ],
  reply: 'The project has a **README.md** describing a small demo.',
  result_text: 'Answered from README.md',
};

const TOOLS_TURN: ScriptedTurn = {
  tools: [
    { tool_name: 'Glob', tool_input: { pattern: 'src/**/*.ts' }, tool_output: ['src/index.ts', 'src/server.ts'] },
    {
      tool_name: 'Bash',
      tool_input: { command: 'npm test', description: 'Run the tests' },
      tool_output: { stdout: '12 passing', stderr: '1 failing', interrupted: false },
      exit_code: 1,
    },
    {
      tool_name: 'Read',
      tool_input: { file_path: '/srv/projects/demo/src/server.ts' },
      tool_output: 'export const TIMEOUT = 5000;',
    },
  ],
  reply: 'One test fails because `TIMEOUT` is **5000 ms**; the upload test needs about 12 s.\n\nShall I raise it?',
  result_text: null,
  result_data: { failing_tests: 1, suspect: 'src/server.ts' },
};

// ---------------------------------------------------------------- stories

export const ConversationWithToolChips: Story = {
  name: 'Conversation with tool chips',
  loaders: [liveLoader({ stepMs: 40, turn: TOOLS_TURN })],
  play: async ({ canvasElement, step }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'Why do the tests fail?');
    const chips = await toolButtons(panel, 3);
    await expect(chips.map((c) => c.getAttribute('aria-label'))).toEqual(['Glob, ok', 'Bash, failed', 'Read, ok']);
    await step('a chip opens its tool details', async () => {
      await userEvent.click(chips[1]);
      await waitFor(() => expect(chips[1]).toHaveAttribute('aria-expanded', 'true'));
      await waitFor(() => expect(deepText(part(panel, 'tool-details'))).toContain('npm test'));
    });
    await waitFor(() => expect(part(panel, 'markdown')).not.toBeNull(), { timeout: 10_000 });
  },
};

export const NewChat: Story = {
  name: 'New chat: send a message',
  loaders: [liveLoader({ stepMs: 60, turn: README_TURN })],
  play: async ({ canvasElement, args, step }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(part(panel, 'log')?.textContent).toContain('Send a message to start a conversation.'));
    await step('the prompt shows at once, then the answer', async () => {
      await send(panel, 'What is in the README?');
      await waitFor(() => expect(part(panel, 'user-bubble')?.textContent).toBe('What is in the README?'));
      await waitFor(() => expect(args.onCeMessageSent).toHaveBeenCalledTimes(1));
      await waitFor(() => expect(deepText(part(panel, 'assistant-bubble'))).toContain('small demo'), {
        timeout: 10_000,
      });
      await waitFor(() => expect(deepText(part(panel, 'result'))).toContain('Answered from README.md'));
    });
    await step('one user bubble only: the echo is matched, not doubled', async () => {
      await waitFor(() => expect(args.onCeAnswer).toHaveBeenCalledTimes(1));
      await expect(parts(panel, 'user-bubble')).toHaveLength(1);
      await expect(panel.getAttribute('session-id')).toMatch(/^ses_[0-9a-f]{12}$/);
    });
  },
};

export const Typing: Story = {
  name: 'Typing (agent still working)',
  loaders: [liveLoader({ stepMs: 40, turn: { ...TOOLS_TURN, outcome: 'hang' } })],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'Fix the failing test');
    await waitFor(() => expect(part(panel, 'typing')?.textContent).toContain('The agent is working'), {
      timeout: 10_000,
    });
    // While it works the Stop button replaces Send.
    await waitFor(() => expect(part(panel, 'stop-button')).toBeVisible());
    await expect(part(panel, 'send-button')).toBeNull();
  },
};

export const StopARun: Story = {
  name: 'Stop a run',
  loaders: [liveLoader({ stepMs: 40, turn: { ...TOOLS_TURN, outcome: 'hang' } })],
  play: async ({ canvasElement, args }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'Refactor everything');
    const stop = await waitFor(
      () => {
        const button = part(panel, 'stop-button');
        expect(button).toBeVisible();
        return button as HTMLElement;
      },
      { timeout: 10_000 },
    );
    await userEvent.click(stop);
    await waitFor(() => expect(part(panel, 'note')?.textContent).toContain('The run was stopped.'), {
      timeout: 10_000,
    });
    await expect(part(panel, 'typing')).toBeNull();
    // A stopped session has ended: the panel says so, and sending is possible again.
    await waitFor(() => expect(part(panel, 'session-ended')).toBeVisible());
    await waitFor(() => expect(part(panel, 'send-button')).not.toBeNull());
    await expect(args.onCeError).not.toHaveBeenCalled();
  },
};

export const ErrorWithRetry: Story = {
  name: 'Send error with retry',
  loaders: [
    liveLoader({
      stepMs: 40,
      turn: README_TURN,
      // A transient failure a user can retry.
      fault: { failRequests: { status: 503, path: '/runs', detail: 'Coordinator is starting up, try again' } },
    }),
  ],
  play: async ({ canvasElement, args, step }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'Summarize the README');
    const error = await waitFor(() => {
      const el = part(panel, 'error');
      expect(el).toHaveAttribute('role', 'alert');
      return el as HTMLElement;
    });
    await expect(error.textContent).toContain('HTTP 503');
    await expect(error.textContent).toContain('Coordinator is starting up');
    await expect(args.onCeError).toHaveBeenCalled();
    await step('retry sends the same prompt again', async () => {
      const retry = part(panel, 'retry-button') as HTMLButtonElement;
      await waitFor(() => expect(retry).toBeEnabled());
      await userEvent.click(retry);
      await waitFor(() => expect(part(panel, 'error')).toBeNull());
      await waitFor(() => expect(deepText(part(panel, 'assistant-bubble'))).toContain('small demo'), {
        timeout: 10_000,
      });
      await expect(parts(panel, 'user-bubble').map((b) => b.textContent)).toEqual(['Summarize the README']);
    });
  },
};

export const FailedRun: Story = {
  loaders: [
    liveLoader({
      stepMs: 40,
      turn: { outcome: 'failed', failure: 'executor exited with code 137 (out of memory)' },
    }),
  ],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'Index the whole monorepo');
    await waitFor(
      () => expect(part(panel, 'note')?.textContent).toContain('The run failed: executor exited with code 137'),
      {
        timeout: 10_000,
      },
    );
    // A failed session must not look busy.
    await expect(part(panel, 'typing')).toBeNull();
    await expect(part(panel, 'stop-button')).toBeNull();
    await expect(part(panel, 'session-ended')).toBeVisible();
  },
};

export const ContinuedInANewSession: Story = {
  name: 'A message to a failed session continues in a new one',
  loaders: [liveLoader({ stepMs: 20 })],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'please fail');
    await waitFor(() => expect(part(panel, 'session-ended')).toBeVisible(), { timeout: 10_000 });
    const failed = panel.sessionId;
    await send(panel, 'Please try again');
    await waitFor(() => expect(part(panel, 'divider')?.textContent).toContain('Continued in a new session'), {
      timeout: 10_000,
    });
    await waitFor(() => expect(panel.sessionId).not.toBe(failed), { timeout: 10_000 });
    await expect(deepText(part(panel, 'log') as HTMLElement)).toContain('Please try again');
  },
};

export const UnknownSession: Story = {
  name: 'A session the coordinator does not know',
  args: { 'session-id': 'ses_doesnotexist00' },
  loaders: [liveLoader({ stepMs: 20 })],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(part(panel, 'empty')).toHaveAttribute('data-kind', 'not-found'), { timeout: 10_000 });
    await expect(part(panel, 'session-ended')).toHaveAttribute('data-reason', 'not-found');
  },
};

const twoRuns = fixtures.currentTwoRuns;
const twoRunsSession = sessionsOf(twoRuns)[0];

export const ExistingSession: Story = {
  name: 'Existing session (captured, two runs)',
  args: { 'session-id': twoRunsSession.session_id },
  loaders: [
    liveLoader({ sessions: [{ session: twoRunsSession, events: wireEventsOf(twoRuns, twoRunsSession.session_id) }] }),
  ],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(parts(panel, 'user-bubble').length).toBe(2));
    const prompts = parts(panel, 'user-bubble').map((b) => b.textContent);
    await expect(prompts[0]).toBe('Hello, list the files please');
    await waitFor(() => expect(parts(panel, 'assistant-bubble')).toHaveLength(2));
    await expect(parts(panel, 'tool-button').length).toBeGreaterThanOrEqual(2);
  },
};

const longSession = generateSession({ sessionId: 'ses_4c0ffee4c0de', events: 60, toolsPerRun: 4 });

export const LongExistingSession: Story = {
  name: 'Existing session (generated, many runs)',
  args: { 'session-id': 'ses_4c0ffee4c0de' },
  loaders: [
    liveLoader({ sessions: [{ session: { session_id: 'ses_4c0ffee4c0de', status: 'idle' }, events: longSession }] }),
  ],
};

export const RenameEraCoordinator: Story = {
  name: 'Rename-era coordinator (old names, top-level prompt)',
  args: { 'session-id': sessionsOf(fixtures.preRenameRun)[0].session_id },
  loaders: [
    liveLoader({
      era: 'rename',
      legacyNames: true,
      stepMs: 40,
      turn: README_TURN,
      sessions: [{ session: sessionsOf(fixtures.preRenameRun)[0], events: wireEventsOf(fixtures.preRenameRun) }],
    }),
  ],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(parts(panel, 'user-bubble').length).toBe(2));
    // `finished` is resumable on this server: a follow-up resumes the same session.
    await send(panel, 'And the docs folder?');
    await waitFor(() => expect(parts(panel, 'user-bubble').length).toBe(3));
    await waitFor(() => expect(parts(panel, 'assistant-bubble').length).toBe(3), { timeout: 10_000 });
    await expect(parts(panel, 'divider')).toHaveLength(0);
  },
};

export const AuthError: Story = {
  name: 'Credentials refused',
  loaders: [liveLoader({ token: 'secret' })],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await send(panel, 'hello');
    await waitFor(() => expect(part(panel, 'error')?.textContent).toContain('401'), { timeout: 10_000 });
  },
};

export const DarkTheme: Story = {
  args: { 'session-id': twoRunsSession.session_id, theme: 'dark' },
  globals: { theme: 'dark' },
  loaders: [
    liveLoader({ sessions: [{ session: twoRunsSession, events: wireEventsOf(twoRuns, twoRunsSession.session_id) }] }),
  ],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(parts(panel, 'assistant-bubble')).toHaveLength(2));
    await expect(getComputedStyle(panel).colorScheme).toBe('dark');
  },
};

export const German: Story = {
  name: 'German (lang="de")',
  args: { lang: 'de' },
  loaders: [liveLoader({ stepMs: 40, turn: TOOLS_TURN })],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(part(panel, 'log')?.textContent).toContain('Schreib eine Nachricht'));
    await expect(part(panel, 'input')).toHaveAttribute('aria-label', 'Nachricht an den Agenten');
    await send(panel, 'Warum schlagen die Tests fehl?');
    const chips = await toolButtons(panel, 3);
    await expect(chips[1].getAttribute('aria-label')).toBe('Bash, fehlgeschlagen');
  },
};
