/**
 * A page may give an element any `display` (frameworks and resets set `display: block` on custom
 * elements, grids and flex rows stretch them): the element keeps its own layout inside, and its
 * scrolling part keeps the room the element has.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/event-timeline/event-timeline.js';
import '../../src/components/chat-panel/chat-panel.js';
import '../../src/components/session-list/session-list.js';
import '../../src/components/run-swimlanes/run-swimlanes.js';

const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

/** Each element with the part that scrolls its content. */
const ELEMENTS = [
  { tag: 'event-timeline', scroller: '[part~="list"]' },
  { tag: 'chat-panel', scroller: '[part~="log"]' },
  { tag: 'session-list', scroller: '[part~="list"]' },
  { tag: 'run-swimlanes', scroller: '[part~="grid"]' },
] as const;

const DISPLAYS = ['block', 'flex', 'grid', 'inline-block', 'inline-flex'];

describe('elements keep their layout whatever display a page gives them', () => {
  for (const { tag, scroller } of ELEMENTS) {
    for (const display of DISPLAYS) {
      it(`<${tag}> with display: ${display}: the scrolling part fills the element`, async () => {
        const wrap = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
        const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
        el.style.cssText = `display: ${display}; height: 400px; width: 900px`;
        wrap.append(el);
        await el.updateComplete;
        await frames();
        const part = el.shadowRoot!.querySelector<HTMLElement>(scroller);
        expect(part, `${tag} has ${scroller}`).to.exist;
        const host = el.getBoundingClientRect();
        const box = part!.getBoundingClientRect();
        expect(host.height).to.equal(400);
        // The scroller takes the height left under the toolbars, and the element's width.
        expect(box.height, 'scroller height').to.be.greaterThan(150);
        expect(box.bottom, 'scroller bottom').to.be.within(
          host.bottom - (tag === 'chat-panel' ? 80 : 20),
          host.bottom + 0.5,
        );
        expect(box.width, 'scroller width').to.be.greaterThan(400);
      });
    }
  }
});
