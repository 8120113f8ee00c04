import { expect } from '@open-wc/testing';
import { isPlainParagraph, markdownFragment, renderMarkdown } from './markdown.js';
import { describe, it } from '../components/event-card/test-helpers.js';

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
