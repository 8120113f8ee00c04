/**
 * `src/classes.ts` (package entry `coordinator-elements/classes.js`) registers nothing: not the
 * elements, not the pieces inside them. On a page of its own (web-test-runner gives each file one),
 * with nothing defined before.
 */
import { expect } from '@open-wc/testing';

const NAMES = [
  'event-timeline',
  'event-card',
  'chat-panel',
  'ce-markdown',
  'ce-payload',
  'ce-json-view',
  'ce-copy-button',
  'ce-relative-time',
];

describe('src/classes.ts', () => {
  it('exports the element classes and defines no element', async () => {
    const defined: string[] = [];
    const define = customElements.define;
    customElements.define = function (name, ...rest) {
      defined.push(name);
      return define.call(this, name, ...rest);
    };
    let lib: typeof import('../../src/classes.js');
    try {
      lib = await import('../../src/classes.js');
    } finally {
      customElements.define = define;
    }
    expect(defined).to.deep.equal([]);
    expect(NAMES.filter((name) => customElements.get(name))).to.deep.equal([]);
    expect([lib.EventCard, lib.EventTimeline, lib.ChatPanel].map((c) => typeof c)).to.deep.equal([
      'function',
      'function',
      'function',
    ]);
  });
});
