import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, spyOn } from 'storybook/test';
import '../src/components/event-timeline/event-timeline.js';
import '../src/components/chat-panel/chat-panel.js';

interface LiveArgs {
  url: string;
  token: string;
  sessionId: string;
  show: 'timeline' | 'chat' | 'both';
}

/**
 * Points the elements at a real Agent Coordinator. Off by default: with no URL the story only asks
 * for one and makes no request.
 */
const meta = {
  title: 'Live/Real coordinator',
  argTypes: {
    url: { control: 'text', description: "The coordinator's SSE URL, e.g. http://localhost:8000/sse/sessions" },
    token: { control: 'text', description: 'Bearer token, when the coordinator requires one' },
    sessionId: { control: 'text', description: 'Session to show (the chat starts a new one when empty)' },
    show: { control: 'inline-radio', options: ['timeline', 'chat', 'both'] },
  },
  args: { url: '', token: '', sessionId: '', show: 'both' },
  parameters: {
    docs: {
      description: {
        component:
          'Enter a coordinator URL in the `url` control to watch a session and chat with an agent. Nothing connects until a URL is set.',
      },
    },
  },
  render: ({ url, token, sessionId, show }) => {
    const src = url.trim();
    if (!src) {
      return html`<section
        aria-labelledby="live-prompt-title"
        style="max-width: 40rem; font-family: system-ui, sans-serif;"
      >
        <h2 id="live-prompt-title">Connect to a coordinator</h2>
        <p>
          Enter the coordinator's SSE URL in the <strong>url</strong> control (for example
          <code>http://localhost:8000/sse/sessions</code>), and optionally a token and a session id. Until then nothing
          connects.
        </p>
      </section>`;
    }
    return html`<div style="display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));">
      ${
        show !== 'chat'
          ? html`<event-timeline
              src=${src}
              token=${token || nothing}
              session-id=${sessionId || nothing}
            ></event-timeline>`
          : nothing
      }
      ${
        show !== 'timeline'
          ? html`<chat-panel src=${src} token=${token || nothing} session-id=${sessionId || nothing}></chat-panel>`
          : nothing
      }
    </div>`;
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
