/**
 * How rendered markdown looks: table alignment, code-block copy buttons beside the code, links
 * whose unsafe href was removed not looking clickable.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CeMarkdown } from './markdown.js';
import { defineElement } from './define.js';

defineElement('ce-markdown', CeMarkdown);

async function render(text: string, width = 600): Promise<HTMLElement> {
  const el = await fixture<CeMarkdown>(html`<ce-markdown style="width:${width}px" .text=${text}></ce-markdown>`);
  await el.updateComplete;
  const content = el.shadowRoot!.querySelector<HTMLElement>('[part~="content"]')!;
  await waitUntil(() => content.childElementCount > 0, 'rendered');
  return content;
}

describe('markdown styles', () => {
  it('keeps table column alignment', async () => {
    const content = await render('| left | center | right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
    const cells = [...content.querySelectorAll('td')].map((td) => getComputedStyle(td).textAlign);
    expect(cells).to.deep.equal(['left', 'center', 'right']);
    const heads = [...content.querySelectorAll('th')].map((th) => getComputedStyle(th).textAlign);
    expect(heads).to.deep.equal(['left', 'center', 'right']);
  });

  it("never puts a code block's copy button over its code", async () => {
    const long = 'const x = ' + 'a'.repeat(400) + ';';
    for (const code of ['short()', long]) {
      const content = await render('```js\n' + code + '\n```', 320);
      const pre = content.querySelector('pre')!;
      const button = content.querySelector<HTMLElement>('[part~="copy-code"]')!;
      const b = button.getBoundingClientRect();
      const p = pre.getBoundingClientRect();
      // Side by side: the code's box ends where the button's begins (scrolling moves only the code).
      const overlap = Math.min(b.right, p.right) - Math.max(b.left, p.left);
      const vertical = Math.min(b.bottom, p.bottom) - Math.max(b.top, p.top);
      expect(overlap > 0 && vertical > 0, code.slice(0, 10)).to.equal(false);
      pre.scrollLeft = 10_000;
      expect(button.getBoundingClientRect().left).to.equal(b.left);
    }
  });

  it('a link whose unsafe href was removed reads as text', async () => {
    const content = await render('[safe](https://example.com) and [bad](javascript:alert(1))');
    const [safe, bad] = content.querySelectorAll('a');
    expect(bad.hasAttribute('href')).to.equal(false);
    expect(getComputedStyle(bad).color).to.equal(getComputedStyle(content.querySelector('p')!).color);
    expect(getComputedStyle(bad).textDecorationLine).to.equal('none');
    expect(getComputedStyle(bad).cursor).to.not.equal('pointer');
    expect(getComputedStyle(safe).color).to.not.equal(getComputedStyle(bad).color);
  });
});
