/**
 * The timeline's density (toolbar at every width, the filter menu), tool durations and folded
 * echoes on its cards, transcript export, and printing the whole session.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import './event-timeline.js';
import type { EventTimeline } from './event-timeline.component.js';
import type { EventCard } from '../event-card/event-card.component.js';
import type { WireSessionEvent } from '../../types/wire.js';
import { wireEvent } from '../../../test/support/wire-events.mjs';
import { deepText } from '../../../test/support/element-kit.js';

const SES = 'ses_0000000000bb';
const t0 = Date.parse('2026-11-24T02:00:00Z');
const ts = (s: number) => new Date(t0 + s * 1000).toISOString();
const ev = (s: number, fields: Partial<WireSessionEvent> & { event_type: string }) =>
  wireEvent({ session_id: SES, timestamp: ts(s), ...fields });

function session(): WireSessionEvent[] {
  return [
    ev(0, { event_type: 'run_start' }),
    ev(1, { event_type: 'message', role: 'user', content: [{ type: 'text', text: 'list files' }] }),
    ev(2, { event_type: 'pre_tool', tool_name: 'Bash', tool_input: { command: 'ls' } }),
    ev(3.5, {
      event_type: 'post_tool',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
      tool_output: { stdout: 'a\nb', stderr: '' },
    }),
    ev(4, { event_type: 'pre_tool', tool_name: 'Grep', tool_input: { pattern: 'x' } }),
    ev(20, { event_type: 'post_tool', tool_name: 'Grep', tool_input: { pattern: 'x' }, tool_output: 'a:1:x' }),
    ev(21, { event_type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Two files: a and b.' }] }),
    ev(22, { event_type: 'result', result_text: 'Two files: a and b.' }),
    ev(23, { event_type: 'run_completed', exit_code: 0, reason: 'completed' }),
  ];
}

async function mount(width: number, height = 480, events = session()): Promise<EventTimeline> {
  const el = await fixture<EventTimeline>(
    html`<event-timeline style="width:${width}px; height:${height}px" session-id=${SES}></event-timeline>`,
  );
  el.events = events;
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
  return el;
}

const root = (el: EventTimeline) => el.shadowRoot!;
const part = (el: EventTimeline, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`)!;
const visible = (node: Element) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden';
const cardOf = (el: EventTimeline, key: (c: EventCard) => boolean) =>
  [...root(el).querySelectorAll<EventCard>('.scroller > [data-key]')].find(key);

describe('<event-timeline> views', () => {
  describe('density', () => {
    for (const width of [480, 640, 800, 1100, 1200, 1400]) {
      it(`at ${width} px the toolbar is one row`, async () => {
        const el = await mount(width);
        const toolbar = part(el, 'toolbar');
        const boxes = [...toolbar.children].filter(visible).map((c) => c.getBoundingClientRect());
        // Every item overlaps every other vertically: one row.
        expect(Math.max(...boxes.map((b) => b.top))).to.be.lessThan(Math.min(...boxes.map((b) => b.bottom)));
        expect(toolbar.scrollWidth).to.be.at.most(toolbar.clientWidth);
      });
    }

    it('nothing in the toolbar overlaps or sticks out, at any width, also while searching', async () => {
      const overlap = (a: DOMRect, b: DOMRect) =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      for (const width of [320, 400, 440, 460, 470, 500, 560, 640, 800, 1100, 1200, 1400]) {
        for (const query of ['', 'files']) {
          const el = await mount(width);
          const input = part(el, 'search-input') as HTMLInputElement;
          input.value = query;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
          await waitUntil(() => !query || part(el, 'search-count') !== null, 'searched');
          await el.updateComplete;
          const toolbar = part(el, 'toolbar');
          const bar = toolbar.getBoundingClientRect();
          const items = [...toolbar.querySelectorAll(':scope > *, :scope > * > *')].filter(
            (n) => visible(n) && getComputedStyle(n).position !== 'absolute',
          );
          const at = `${width}px${query ? ', searching' : ''}`;
          for (const item of items) {
            const box = item.getBoundingClientRect();
            expect(box.right, `${at}: ${item.className || item.tagName} inside`).to.be.at.most(bar.right + 0.5);
            expect(box.left, `${at}: ${item.className || item.tagName} inside`).to.be.at.least(bar.left - 0.5);
          }
          const top = [...toolbar.children].filter((n) => visible(n) && getComputedStyle(n).position !== 'absolute');
          for (let i = 0; i < top.length; i++)
            for (let j = i + 1; j < top.length; j++)
              expect(
                overlap(top[i].getBoundingClientRect(), top[j].getBoundingClientRect()),
                `${at}: ${top[i].className} / ${top[j].className}`,
              ).to.equal(false);
          expect(toolbar.scrollWidth, at).to.be.at.most(toolbar.clientWidth);
        }
      }
    });

    it('on narrow widths the filters fold into a menu; wide, the chips are in the bar', async () => {
      const el = await mount(600);
      const toggle = part(el, 'filters-toggle');
      const chips = part(el, 'filters');
      expect(visible(toggle)).to.equal(true);
      expect(visible(chips)).to.equal(false);
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(visible(chips)).to.equal(true);
      // A chip still filters from the menu; Escape closes it and gives focus back.
      chips.querySelector<HTMLButtonElement>('[data-category="tool"]')!.click();
      await el.updateComplete;
      expect(toggle.textContent).to.contain('4/5');
      chips.querySelector<HTMLButtonElement>('[data-category="tool"]')!.focus();
      chips.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(visible(chips)).to.equal(false);
      expect(root(el).activeElement).to.equal(toggle);

      el.style.width = '1200px';
      await el.updateComplete;
      expect(visible(toggle)).to.equal(false);
      expect(visible(chips)).to.equal(true);
    });

    it('the search placeholder fits its box, at every width', async () => {
      for (const width of [320, 480, 800]) {
        const el = await mount(width);
        const input = part(el, 'search-input') as HTMLInputElement;
        const context = document.createElement('canvas').getContext('2d')!;
        const style = getComputedStyle(input);
        context.font = `${style.fontSize} ${style.fontFamily}`;
        expect(context.measureText(input.placeholder).width, `${width}px`).to.be.at.most(input.clientWidth);
      }
    });

    it('a 320 px high timeline shows mostly events, not toolbar', async () => {
      for (const width of [320, 480, 900]) {
        const el = await mount(width, 320);
        const toolbar = part(el, 'toolbar').getBoundingClientRect().height;
        const list = part(el, 'list').getBoundingClientRect().height;
        expect(toolbar, `${width}px`).to.be.at.most(320 * 0.25);
        expect(list, `${width}px`).to.be.at.least(320 * 0.65);
      }
    });
  });

  describe('durations and labels', () => {
    it("cards show paired tool calls' durations, slow ones stand out; the run header its tool time", async () => {
      const el = await mount(900, 900);
      await el.updateComplete;
      const bash = cardOf(el, (c) => c.event?.type === 'post_tool' && c.event.toolName === 'Bash')!;
      const grep = cardOf(el, (c) => c.event?.type === 'post_tool' && c.event.toolName === 'Grep')!;
      expect(bash.timing).to.deep.equal({ durationMs: 1500, slow: false });
      expect(grep.timing).to.deep.equal({ durationMs: 16000, slow: true });
      await bash.updateComplete;
      expect(bash.shadowRoot!.querySelector('[part~="duration"]')!.textContent!.trim()).to.equal('1.5 s');
      const header = root(el).querySelector('.run-header')!;
      expect(header.querySelector('.tool-time')!.textContent).to.equal('17.5 s in tools');
    });

    it('folds a result that repeats the answer just above it, unless the answer is filtered out', async () => {
      const el = await mount(1200, 900);
      const result = () => cardOf(el, (c) => c.event?.type === 'result')!;
      expect(result().echo).to.equal(true);
      root(el).querySelector<HTMLButtonElement>('[part~="filter-chip"][data-category="message"]')!.click();
      await el.updateComplete;
      await waitUntil(() => result()?.echo === false, 'shown in full without the message');
    });
  });

  describe('export', () => {
    it('exports the whole session as Markdown and JSON, whatever the filter', async () => {
      const el = await mount(1200);
      root(el).querySelector<HTMLButtonElement>('[part~="filter-chip"][data-category="tool"]')!.click();
      await el.updateComplete;
      const md = el.exportTranscript('markdown');
      expect(md).to.match(new RegExp(`^# Session ${SES}\\n\\n## Run 1 · start · completed`));
      expect(md).to.contain('Tool · Bash').and.contain('```text\na\nb\n```');
      const json = JSON.parse(el.exportTranscript('json'));
      expect(json.runs[0].events).to.have.length(session().length);
      expect(json.runs[0].toolTimeMs).to.equal(17_500);
    });

    it('the toolbar offers both as downloads', async () => {
      const el = await mount(1200);
      const downloads: { name: string; href: string }[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        downloads.push({ name: this.download, href: this.href });
      };
      try {
        const button = part(el, 'export-button');
        button.click();
        await el.updateComplete;
        expect(button.getAttribute('aria-expanded')).to.equal('true');
        part(el, 'export-menu').querySelector<HTMLButtonElement>('[data-format="json"]')!.click();
        await el.updateComplete;
        expect(button.getAttribute('aria-expanded')).to.equal('false');
        button.click();
        await el.updateComplete;
        part(el, 'export-menu').querySelector<HTMLButtonElement>('[data-format="markdown"]')!.click();
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(downloads.map((d) => d.name)).to.deep.equal([`session-${SES}.json`, `session-${SES}.md`]);
      expect(downloads[0].href).to.match(/^blob:/);
    });
  });

  describe('print', () => {
    const many = () =>
      Array.from({ length: 400 }, (_, i) =>
        ev(i, { event_type: 'message', role: 'assistant', content: [{ type: 'text', text: `Message ${i}` }] }),
      );

    it('prints every event, not the virtualized window (beforeprint)', async () => {
      const el = await mount(800, 400, many());
      const inView = root(el).querySelectorAll('.scroller > [data-key]').length;
      expect(inView).to.be.lessThan(100);
      dispatchEvent(new Event('beforeprint'));
      // Rendered at once: the browser lays the page out right after the event.
      const printed = root(el).querySelectorAll<EventCard>('.print-list > [data-key]');
      expect(printed.length).to.equal(400);
      expect(deepText(printed[399])).to.contain('Message 399');
      dispatchEvent(new Event('afterprint'));
      expect(root(el).querySelector('.print-list')).to.equal(null);
    });

    it('prints the whole session on paper: print media shows the print list instead of the toolbar and list', async () => {
      const el = await mount(800, 400, many());
      // No beforeprint here: the print media itself starts the print list.
      await emulateMedia({ media: 'print' });
      await waitUntil(() => root(el).querySelectorAll('.print-list > [data-key]').length === 400, 'print list');
      expect(getComputedStyle(part(el, 'toolbar')).display).to.equal('none');
      expect(getComputedStyle(part(el, 'print-list')).display).to.equal('block');
      expect(getComputedStyle(part(el, 'list').parentElement!).visibility).to.equal('hidden');
      expect(el.getBoundingClientRect().height).to.be.greaterThan(400 * 20);
      await emulateMedia({ media: 'screen' });
      await waitUntil(() => root(el).querySelector('.print-list') === null, 'print list gone');
    });
  });
});
