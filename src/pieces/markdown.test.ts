import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CeMarkdown, isPlainParagraph, markdownFragment, renderMarkdown } from './markdown.js';
import { defineElement } from './define.js';

// The module registers nothing: the elements that render it do (or this).
defineElement('ce-markdown', CeMarkdown);

/** The HTML a fragment holds. */
function htmlOf(fragment: DocumentFragment): string {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}

/** What marked + DOMPurify make of `text`, as the DOM serializes it. */
function viaMarked(text: string): string {
  const template = document.createElement('template');
  template.innerHTML = renderMarkdown(text);
  return htmlOf(template.content).trim();
}

describe('markdownFragment', () => {
  it('renders plain sentences without the parser, to the same DOM as markdown would', () => {
    const plain = [
      'done',
      'Run 12: the tests pass, "quoted" and (parenthesized); isn\'t it? Fine.',
      'Übersetzung fertig: 3 Dateien - geändert',
      'a  b',
    ];
    for (const text of plain) {
      expect(isPlainParagraph(text), text).to.equal(true);
      expect(htmlOf(markdownFragment(text)), text).to.equal(viaMarked(text));
    }
  });

  it('leaves anything markdown could change to the parser', () => {
    const markdown = [
      '- item',
      '1. first',
      '# title',
      'some **bold** text',
      'a_b_c',
      'see www.example.com',
      'mail me@example.com',
      'http://example.com',
      'line one\nline two',
      '<b>raw</b>',
      'a & b',
      'trailing space ',
      ' leading space',
      'code `x`',
      '[link](http://x)',
      '',
    ];
    for (const text of markdown) expect(isPlainParagraph(text), text).to.equal(false);
    expect(htmlOf(markdownFragment('see www.example.com'))).to.contain('<a href="http://www.example.com"');
    expect(htmlOf(markdownFragment('some **bold** text'))).to.contain('<strong>bold</strong>');
  });
});

describe('<ce-markdown>', () => {
  it('keeps the words of a table whole in a narrow space (the table scrolls sideways instead)', async () => {
    const table = ['| File | Lines | Status |', '|---|---|---|', '| src/client/stream.ts | 293 | changed |'].join('\n');
    // As in a chat bubble, which breaks long words anywhere.
    const wrapper = await fixture<HTMLElement>(
      html`<div style="width:180px;overflow-wrap:anywhere"><ce-markdown .text=${table}></ce-markdown></div>`,
    );
    const md = wrapper.querySelector<CeMarkdown>('ce-markdown')!;
    await md.updateComplete;
    const cells = Array.from(md.shadowRoot!.querySelectorAll<HTMLElement>('th, td'));
    expect(cells.map((c) => c.textContent)).to.deep.equal([
      'File',
      'Lines',
      'Status',
      'src/client/stream.ts',
      '293',
      'changed',
    ]);
    /** How many lines a cell's text takes. */
    const lines = (cell: HTMLElement) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    };
    expect(cells.filter((c) => lines(c) > 1).map((c) => c.textContent)).to.deep.equal([]);
    const box = md.shadowRoot!.querySelector('table')!;
    expect(box.scrollWidth, 'the table scrolls').to.be.greaterThan(box.clientWidth);
  });

  it('gives a table or code block a tab stop only while it scrolls sideways', async () => {
    const text = [
      '| File | Lines |',
      '|---|---|',
      '| src/client/stream.ts | 293 |',
      '',
      '```',
      'npm test -- src/client/stream.test.ts',
      '```',
    ].join('\n');
    const wrapper = await fixture<HTMLElement>(
      html`<div style="width:160px"><ce-markdown .text=${text}></ce-markdown></div>`,
    );
    const md = wrapper.querySelector<CeMarkdown>('ce-markdown')!;
    await md.updateComplete;
    const boxes = () => Array.from(md.shadowRoot!.querySelectorAll<HTMLElement>('table, pre'));
    expect(boxes().map((b) => b.localName)).to.deep.equal(['table', 'pre']);
    await waitUntil(() => boxes().every((b) => b.tabIndex === 0), 'narrow: both scroll and take focus');
    wrapper.style.width = '900px';
    await waitUntil(() => boxes().every((b) => !b.hasAttribute('tabindex')), 'wide: neither scrolls');
  });
});
