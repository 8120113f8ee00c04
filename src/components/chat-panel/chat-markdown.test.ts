/** Markdown in the chat: a table wider than its bubble scrolls sideways instead of being clipped. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './chat-panel.js';
import type { ChatPanel } from './chat-panel.component.js';
import { createSim } from '../../../test/support/sim.js';

describe('<chat-panel> markdown', () => {
  it('a wide table scrolls inside its bubble, reachable by keyboard', async function () {
    this.timeout(30_000);
    const sim = await createSim({ stepMs: 5 });
    try {
      const { session_id } = await sim.startSession({ prompt: 'markdown please' });
      const el = await fixture<ChatPanel>(
        html`<chat-panel style="height: 420px; width: 340px" .src=${sim.sseUrl} session-id=${session_id}></chat-panel>`,
      );
      const table = await waitUntil(
        () => el.shadowRoot!.querySelector('ce-markdown.answer')?.shadowRoot?.querySelector('table'),
        'a table in the answer',
        { timeout: 20_000 },
      ).then(() => el.shadowRoot!.querySelector('ce-markdown.answer')!.shadowRoot!.querySelector('table')!);
      const bubble = el.shadowRoot!.querySelector<HTMLElement>('.msg.assistant .bubble')!;
      await waitUntil(() => table.tabIndex === 0, 'a tab stop on the scrolling table');
      expect(table.scrollWidth).to.be.greaterThan(table.clientWidth);
      expect(getComputedStyle(table).overflowX).to.equal('auto');
      // Nothing sticks out of the bubble (which would be clipped by the log).
      expect(table.getBoundingClientRect().right).to.be.at.most(bubble.getBoundingClientRect().right);
      expect(bubble.scrollWidth).to.be.at.most(bubble.clientWidth);
    } finally {
      await sim.close();
    }
  });
});
