import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { MarkerSweeper } from './marker-sweeper.js';

const emptyComments = (node: Node) =>
  [...node.childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE && (n as Comment).data === '').length;

describe('MarkerSweeper', () => {
  let host: HTMLElement;
  let list: HTMLElement;
  const draw = (keys: string[]) =>
    render(
      html`<ul>
        ${repeat(
          keys,
          (k) => k,
          (k) => html`<li data-key=${k}>${k}</li>`,
        )}
      </ul>`,
      host,
    );
  const shown = () => [...list.querySelectorAll('li')].map((li) => li.textContent);

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    draw([]);
    list = host.querySelector('ul')!;
  });
  afterEach(() => host.remove());

  it('removes the end markers of removed rows, and keeps the list rendering right', () => {
    const removed: string[] = [];
    const sweeper = new MarkerSweeper(list, (el) => removed.push((el as HTMLElement).dataset.key!));
    const steps = [
      ['a', 'b', 'c', 'd', 'e'],
      ['a', 'c', 'e'], // removals between kept rows
      ['e', 'c', 'a', 'f'], // moves and an insert
      ['x', 'e', 'y', 'a'], // removal next to moves, inserts before moved rows
      ['p', 'q', 'r'], // everything replaced
      ['q'],
      [],
      ['z', 'q'],
    ];
    let previous: string[] = [];
    for (const keys of steps) {
      removed.length = 0;
      draw(keys);
      sweeper.sweep();
      expect(shown()).to.deep.equal(keys);
      // Two markers per row, none left over.
      expect(emptyComments(list)).to.equal(2 * keys.length);
      // Told of each removed row once, never of one that only moved.
      expect(removed.sort()).to.deep.equal(previous.filter((k) => !keys.includes(k)).sort());
      previous = keys;
    }
  });

  it('sweeps at the end of the task when not called', async () => {
    new MarkerSweeper(list);
    draw(['a', 'b', 'c']);
    draw(['c']);
    await Promise.resolve();
    expect(emptyComments(list)).to.equal(2);
    draw(['c', 'd']);
    expect(shown()).to.deep.equal(['c', 'd']);
  });
});
