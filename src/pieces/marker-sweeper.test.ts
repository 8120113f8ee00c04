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

  it('takes no live marker for a leftover, however a lit-html removes its parts', () => {
    // Three parts, [start, row, end] each, as `insertPart()` makes them.
    const box = document.createElement('div');
    const parts = ['a', 'b', 'c'].map((key) => {
      const row = document.createElement('li');
      row.textContent = key;
      const part = { start: new Comment(''), row, end: new Comment('') };
      box.append(part.start, row, part.end);
      return part;
    });
    const sweeper = new MarkerSweeper(box);
    // lit-html up to 3.3.0 (and a fixed one): the whole part, front to back.
    parts[0].start.remove();
    parts[0].row.remove();
    parts[0].end.remove();
    sweeper.sweep();
    expect(box.childNodes.length).to.equal(6);
    // lit-html 3.3.1+: the content, then the start marker; the end marker stays.
    parts[1].row.remove();
    parts[1].start.remove();
    sweeper.sweep();
    expect([...box.childNodes]).to.deep.equal([parts[2].start, parts[2].row, parts[2].end]);
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
