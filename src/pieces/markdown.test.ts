import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CeMarkdown, isPlainParagraph, loadMarkdown, markdownFragment } from './markdown.js';
import { defineElement } from './define.js';
import { updateNow } from './update-now.js';

// The module registers nothing: the elements that render it do (or this).
defineElement('ce-markdown', CeMarkdown);

/** The HTML a fragment holds. */
function htmlOf(fragment: DocumentFragment | null): string {
  if (!fragment) throw new Error('expected a fragment (is the parser loaded?)');
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}

/** What the parser and sanitizer make of `text`, as the DOM serializes it. */
async function viaMarked(text: string): Promise<string> {
  const { renderMarkdownInto } = await loadMarkdown();
  const template = document.createElement('template');
  renderMarkdownInto(template, text);
  return htmlOf(template.content).trim();
}

/** Names of the modules this page loaded so far (the dev server serves one per source file). */
const loadedModules = () =>
  performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.replace(/^.*\//, ''));

// First in this file: nothing has loaded the parser yet.
describe('markdown before its parser is loaded', () => {
  it('is not loaded by importing the element, nor by plain sentences', async () => {
    const md = await fixture<CeMarkdown>(html`<ce-markdown .text=${'All tests pass.'}></ce-markdown>`);
    expect(md.shadowRoot!.querySelector('.content')!.innerHTML).to.equal('<p>All tests pass.</p>');
    expect(loadedModules().filter((m) => /^(markdown-render|sanitize-|marked|purify)/.test(m))).to.deep.equal([]);
    expect(markdownFragment('some **bold** text'), 'no parser, no fragment').to.equal(null);
  });

  it('shows the text as it is until the parser is there, then the markdown; updateComplete waits for it', async () => {
    const text = '**Done**: 3 files\n- a\n- b';
    const md = document.createElement('ce-markdown') as CeMarkdown;
    md.text = text;
    document.body.append(md);
    try {
      updateNow(md);
      const content = md.shadowRoot!.querySelector('.content')!;
      const pending = content.querySelector('p.pending');
      expect(pending?.textContent, 'the same words meanwhile').to.equal(text);
      expect(getComputedStyle(pending!).whiteSpace, 'its line breaks too').to.equal('pre-wrap');
      await md.updateComplete;
      expect(content.querySelector('.pending')).to.equal(null);
      expect(content.querySelector('strong')?.textContent).to.equal('Done');
      expect(content.querySelectorAll('li').length).to.equal(2);
      expect(loadedModules().some((m) => m.startsWith('markdown-render'))).to.equal(true);
    } finally {
      md.remove();
    }
  });
});

describe('markdownFragment', () => {
  it('renders plain sentences without the parser, to the same DOM as markdown would', async () => {
    const plain = [
      'done',
      'Run 12: the tests pass, "quoted" and (parenthesized); isn\'t it? Fine.',
      'Übersetzung fertig: 3 Dateien - geändert',
      'a  b',
    ];
    for (const text of plain) {
      expect(isPlainParagraph(text), text).to.equal(true);
      expect(htmlOf(markdownFragment(text)), text).to.equal(await viaMarked(text));
    }
  });

  it('leaves anything markdown could change to the parser', async () => {
    await loadMarkdown();
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
