/**
 * The documented events come out of the elements as their event maps say: bubbling, composed, with
 * their `detail`. `emit()` of the shared base; the inner pieces' `ce-copy` and `ce-markdown-expand`
 * out of `<event-card>` and `<event-timeline>`; a card's `ce-toggle` out of a timeline.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/event-timeline/event-timeline.js';
import type { EventCard } from '../../src/components/event-card/event-card.component.js';
import type { EventTimeline } from '../../src/components/event-timeline/event-timeline.component.js';
import { CeElement } from '../../src/pieces/base-element.js';
import type { CopyDetail, MarkdownExpandDetail } from '../../src/pieces/events.js';
import type { EventToggleDetail } from '../../src/components/event-card/event-card.events.js';
import { deepQueryAll } from '../support/element-kit.js';
import { wireEvent } from '../support/wire-events.mjs';
import type { CoordinatorEvent } from '../../src/types/model.js';

type Rendering = HTMLElement & { updateComplete: Promise<unknown> };

/** The element, then every Lit element in its shadow trees, have rendered. */
async function settle(el: Rendering): Promise<void> {
  await el.updateComplete;
  for (const inner of deepQueryAll<Rendering>(el.shadowRoot!, '*'))
    if (inner.updateComplete) await inner.updateComplete;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Events of `type` that reach the document (during the test). */
function caught<T>(type: string): CustomEvent<T>[] {
  const seen: CustomEvent<T>[] = [];
  const listener = (e: Event) => seen.push(e as CustomEvent<T>);
  document.addEventListener(type, listener);
  cleanups.push(() => document.removeEventListener(type, listener));
  return seen;
}

interface PingMap {
  'x-ping': CustomEvent<{ n: number }>;
}
class PingElement extends CeElement<PingMap> {
  ping(n: number) {
    return this.emit('x-ping', { n });
  }
}
customElements.define('x-ping-element', PingElement);

describe('element events', function () {
  this.timeout(30_000);

  it('emit() dispatches a bubbling, composed CustomEvent with the detail, out of shadow roots', async () => {
    const seen = caught<{ n: number }>('x-ping');
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const inner = document.createElement('x-ping-element') as PingElement;
    outer.attachShadow({ mode: 'open' }).append(inner);
    expect(inner.ping(7)).to.equal(true);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.be.instanceOf(CustomEvent);
    expect([seen[0].bubbles, seen[0].composed, seen[0].detail]).to.deep.equal([true, true, { n: 7 }]);
    // Retargeted to the shadow host outside.
    expect(seen[0].target).to.equal(outer);
  });

  it('ce-copy and ce-markdown-expand come out of <event-card> with their detail', async () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => {} } });
    try {
      const copies = caught<CopyDetail>('ce-copy');
      const expands = caught<MarkdownExpandDetail>('ce-markdown-expand');
      const tool = await fixture<EventCard>(html`<event-card expanded></event-card>`);
      tool.event = wireEvent({ event_type: 'post_tool', tool_name: 'Bash', tool_input: { command: 'ls' } }) as never;
      await settle(tool);
      const input = tool.shadowRoot!.querySelector<Rendering>('[part~="input"]')!;
      input.shadowRoot!.querySelector('[part~="copy"]')!.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => copies.length === 1, 'ce-copy');
      expect(copies[0].detail).to.deep.equal({ ok: true, length: JSON.stringify({ command: 'ls' }, null, 2).length });
      expect(copies[0].target).to.equal(tool);

      const long = Array.from({ length: 80 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n');
      const message = await fixture<EventCard>(html`<event-card></event-card>`);
      message.event = wireEvent({
        event_type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: long }],
      }) as never;
      await settle(message);
      const md = message.shadowRoot!.querySelector<Rendering>('[part~="markdown"]')!;
      await waitUntil(() => md.shadowRoot!.querySelector('[part="show-more"]'), 'show more', { timeout: 5000 });
      md.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.click();
      expect(expands.map((e) => e.detail)).to.deep.equal([{ showAll: false }]);
      expect(expands[0].target).to.equal(message);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it("a card's ce-toggle comes out of <event-timeline> with its detail", async () => {
    const toggles = caught<EventToggleDetail>('ce-toggle');
    const el = await fixture<EventTimeline>(html`<event-timeline style="height:600px"></event-timeline>`);
    el.events = [
      wireEvent({ event_type: 'run_start' }),
      wireEvent({ event_type: 'post_tool', tool_name: 'Bash', tool_input: { command: 'ls' } }),
    ];
    await waitUntil(
      () => el.shadowRoot!.querySelector<EventCard>('[data-key]:not(.run-header)[type="post_tool"]'),
      'tool card',
    );
    const card = el.shadowRoot!.querySelector<EventCard>('[data-key]:not(.run-header)[type="post_tool"]')!;
    await settle(card);
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="expand-button"]')!.click();
    expect(toggles).to.have.length(1);
    expect(toggles[0].detail.expanded).to.equal(true);
    expect((toggles[0].detail.event as CoordinatorEvent).toolName).to.equal('Bash');
    expect(toggles[0].target).to.equal(el);
  });
});
