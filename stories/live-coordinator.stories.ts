import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, spyOn, userEvent, waitFor } from 'storybook/test';
import '../src/components/event-timeline/event-timeline.js';
import '../src/components/chat-panel/chat-panel.js';
import { closeLive, liveLoader, type Live } from './support/live.js';

interface LiveArgs {
  [name: string]: unknown;
  url: string;
  sessionId: string;
  show: 'timeline' | 'chat' | 'both';
}

/**
 * The token typed into the story. Never an arg: Storybook writes changed args into the page's URL
 * (`&args=…`), where a token would end up in the history, in bookmarks and in shared links.
 */
let typedToken = '';

/** The elements of the story get the token as a property (not an attribute, not an arg). */
function onToken(event: Event): void {
  typedToken = (event.target as HTMLInputElement).value;
  const root = (event.target as HTMLElement).closest('.live-coordinator');
  for (const el of root?.querySelectorAll('event-timeline, chat-panel') ?? []) {
    (el as HTMLElement & { token: string | null }).token = typedToken || null;
  }
}

function renderElements(src: string, { sessionId, show }: Pick<LiveArgs, 'sessionId' | 'show'>) {
  const token = typedToken || null;
  return html`<div class="live-coordinator" style="display: grid; gap: 1rem; font-family: system-ui, sans-serif;">
    <label style="display: grid; gap: 0.25rem; max-width: 24rem;">
      Token (kept in this page only, never in its URL)
      <input type="password" autocomplete="off" name="token" .value=${typedToken} @input=${onToken} />
    </label>
    <div style="display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));">
      ${
        show !== 'chat'
          ? html`<event-timeline src=${src} .token=${token} session-id=${sessionId || nothing}></event-timeline>`
          : nothing
      }
      ${
        show !== 'timeline'
          ? html`<chat-panel src=${src} .token=${token} session-id=${sessionId || nothing}></chat-panel>`
          : nothing
      }
    </div>
  </div>`;
}

/**
 * Points the elements at a real Agent Coordinator. Off by default: with no URL the story only asks
 * for one and makes no request. The token is typed into the story, not into a control.
 */
const meta = {
  title: 'Live/Real coordinator',
  argTypes: {
    url: { control: 'text', description: "The coordinator's SSE URL, e.g. http://localhost:8000/sse/sessions" },
    sessionId: { control: 'text', description: 'Session to show (the chat starts a new one when empty)' },
    show: { control: 'inline-radio', options: ['timeline', 'chat', 'both'] },
  },
  args: { url: '', sessionId: '', show: 'both' },
  parameters: {
    docs: {
      description: {
        component:
          'Enter a coordinator URL in the `url` control to watch a session and chat with an agent, and a token, if it needs one, in the field the story shows: a control would put it into the page URL. Nothing connects until a URL is set.',
      },
    },
  },
  render: ({ url, sessionId, show }) => {
    const src = url.trim();
    if (!src) {
      return html`<section
        aria-labelledby="live-prompt-title"
        style="max-width: 40rem; font-family: system-ui, sans-serif;"
      >
        <h2 id="live-prompt-title">Connect to a coordinator</h2>
        <p>
          Enter the coordinator's SSE URL in the <strong>url</strong> control (for example
          <code>http://localhost:8000/sse/sessions</code>), and optionally a session id; a token goes into the field the
          story then shows. Until then nothing connects.
        </p>
      </section>`;
    }
    return renderElements(src, { sessionId, show });
  },
} satisfies Meta<LiveArgs>;

export default meta;
type Story = StoryObj<LiveArgs>;

export const RealCoordinator: Story = {
  name: 'Real coordinator (enter a URL)',
  beforeEach: () => {
    const fetchSpy = spyOn(globalThis, 'fetch');
    return () => fetchSpy.mockRestore();
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('h2')?.textContent).toBe('Connect to a coordinator');
    await expect(canvasElement.querySelector('event-timeline, chat-panel')).toBeNull();
    await expect(globalThis.fetch).not.toHaveBeenCalled();
  },
};

export const TokenTypedInTheStory: Story = {
  name: 'A token typed in the story (the simulated coordinator)',
  args: { show: 'timeline', sessionId: 'ses_000000007e57' },
  loaders: [liveLoader({ token: 'typed-secret', sessions: [{ session: { session_id: 'ses_000000007e57' } }] })],
  beforeEach: ({ id }) => {
    typedToken = '';
    return () => closeLive(id);
  },
  render: (args, context: StoryContext<LiveArgs>) => {
    const { live } = context.loaded as { live?: Live };
    return live ? renderElements(live.sim.sseUrl, args) : html`<p role="status">Needs the simulated coordinator.</p>`;
  },
  play: async ({ canvasElement, args }) => {
    const timeline = canvasElement.querySelector('event-timeline')!;
    await waitFor(() => expect(timeline.connection.status).toBe('auth-error'), { timeout: 10_000 });
    const input = canvasElement.querySelector<HTMLInputElement>('input[name="token"]')!;
    await userEvent.type(input, 'typed-secret');
    await expect(timeline.token).toBe('typed-secret');
    // Not an arg, so Storybook has nothing to write into the URL; and not an attribute either.
    await expect(Object.keys(args)).not.toContain('token');
    await expect(timeline.hasAttribute('token')).toBe(false);
    await expect(window.location.href).not.toContain('typed-secret');
    timeline.client?.reconnect?.();
    await waitFor(() => expect(timeline.connection.status).toBe('open'), { timeout: 10_000 });
  },
};
