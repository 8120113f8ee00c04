import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { html } from './layout-html.js';

const blankTexts = (root: Node) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let count = 0;
  while (walker.nextNode()) if (!walker.currentNode.textContent!.trim()) count++;
  return count;
};

describe('layout-html', () => {
  it('drops the whitespace between tags and bindings, keeps text, attributes and the template', () => {
    const host = document.createElement('div');
    const view = (v: string) =>
      html`<div class="box">
        <span title="a  b">${v}</span>
        ${v}
        <b>one two</b> and ${v}
      </div>`;
    render(view('x'), host);
    expect(blankTexts(host)).to.equal(0);
    expect(host.textContent).to.equal('xxone two and x');
    expect(host.querySelector('span')!.title).to.equal('a  b');
    // The same compacted strings on every call: Lit updates the DOM it made instead of a new one.
    const span = host.querySelector('span');
    render(view('y'), host);
    expect(host.querySelector('span')).to.equal(span);
    expect(host.textContent).to.equal('yyone two and y');
  });
});
