import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { RovingFocusController } from './roving-focus.js';

const NAMES = ['alpha', 'beta', 'bravo', 'charlie', 'delta'];

class RovingHost extends LitElement {
  static typeahead = false;
  static paging = false;
  readonly roving = new RovingFocusController(this, {
    count: () => NAMES.length,
    keyAt: (i) => NAMES[i],
    indexOf: (key) => NAMES.indexOf(key),
    focus: async (i) => {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-key=${NAMES[i]}]`)!.focus();
    },
    visible: () => [1, 3],
    textAt: (this.constructor as typeof RovingHost).typeahead ? (i) => NAMES[i] : undefined,
    pageSize: (this.constructor as typeof RovingHost).paging ? () => 2 : undefined,
  });
  focusedKey(): string | null {
    return (this.renderRoot as ShadowRoot).activeElement?.getAttribute('data-key') ?? null;
  }
  override render() {
    return html`<ul
      tabindex="0"
      @keydown=${(e: KeyboardEvent) => {
        const key = (e.target as HTMLElement).dataset.key;
        this.roving.handleKey(e, key ? NAMES.indexOf(key) : -1);
      }}
    >
      ${NAMES.map((n) => html`<li data-key=${n} tabindex=${this.roving.tabIndexOf(n)}>${n}</li>`)}
    </ul>`;
  }
}
customElements.define('roving-host', RovingHost);
class TypeaheadHost extends RovingHost {
  static override typeahead = true;
}
customElements.define('typeahead-host', TypeaheadHost);
class PagingHost extends RovingHost {
  static override paging = true;
}
customElements.define('paging-host', PagingHost);

function press(target: Element, key: string): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(e);
  return e;
}

async function step(el: RovingHost, key: string): Promise<string | null> {
  const from = (el.renderRoot as ShadowRoot).activeElement ?? el.renderRoot.querySelector('ul')!;
  press(from, key);
  await el.updateComplete;
  await el.updateComplete;
  return el.focusedKey();
}

describe('RovingFocusController', () => {
  it('enters the list at the first or last item in view, then moves item by item', async () => {
    const el = await fixture<RovingHost>(testHtml`<roving-host></roving-host>`);
    expect(el.roving.activeKey).to.equal(null);
    expect([...el.renderRoot.querySelectorAll('li')].map((li) => li.tabIndex)).to.deep.equal([-1, -1, -1, -1, -1]);
    expect(await step(el, 'ArrowDown')).to.equal('beta');
    expect(await step(el, 'ArrowDown')).to.equal('bravo');
    expect(await step(el, 'k')).to.equal('beta');
    expect(await step(el, 'j')).to.equal('bravo');
    expect(await step(el, 'End')).to.equal('delta');
    expect(await step(el, 'ArrowDown')).to.equal('delta');
    expect(await step(el, 'Home')).to.equal('alpha');
    expect(await step(el, 'ArrowUp')).to.equal('alpha');
    // One tab stop: the active item.
    expect([...el.renderRoot.querySelectorAll('li')].map((li) => li.tabIndex)).to.deep.equal([0, -1, -1, -1, -1]);
  });

  it('from the container, ArrowUp goes to the last item in view', async () => {
    const el = await fixture<RovingHost>(testHtml`<roving-host></roving-host>`);
    expect(await step(el, 'ArrowUp')).to.equal('charlie');
  });

  it('leaves other keys and modified keys alone', async () => {
    const el = await fixture<RovingHost>(testHtml`<roving-host></roving-host>`);
    const list = el.renderRoot.querySelector('ul')!;
    expect(press(list, 'x').defaultPrevented).to.equal(false);
    const ctrl = new KeyboardEvent('keydown', { key: 'ArrowDown', ctrlKey: true, bubbles: true, cancelable: true });
    list.dispatchEvent(ctrl);
    expect(ctrl.defaultPrevented).to.equal(false);
  });

  it('type-ahead: a letter goes to the next item starting with it, repeated letters cycle, words refine', async () => {
    const el = await fixture<RovingHost>(testHtml`<typeahead-host></typeahead-host>`);
    expect(await step(el, 'b')).to.equal('beta');
    expect(await step(el, 'b')).to.equal('bravo');
    expect(await step(el, 'b')).to.equal('beta');
    await new Promise((r) => setTimeout(r, 600));
    expect(await step(el, 'd')).to.equal('delta');
    await new Promise((r) => setTimeout(r, 600));
    expect(await step(el, 'b')).to.equal('beta');
    expect(await step(el, 'r')).to.equal('bravo');
    // With type-ahead, j and k are letters.
    await new Promise((r) => setTimeout(r, 600));
    expect(await step(el, 'c')).to.equal('charlie');
    expect(await step(el, 'j')).to.equal('charlie');
  });

  it('forgets a tab stop whose item is gone', async () => {
    const el = await fixture<RovingHost>(testHtml`<roving-host></roving-host>`);
    el.roving.setActive('gone');
    expect(el.roving.activeKey).to.equal(null);
    expect(el.roving.tabIndexOf('gone')).to.equal('-1');
  });

  it('with pageSize, PageDown and PageUp move by a page, stopping at the ends; without it they are left alone', async () => {
    const el = await fixture<RovingHost>(testHtml`<paging-host></paging-host>`);
    expect(await step(el, 'PageDown')).to.equal('charlie');
    expect(await step(el, 'PageDown')).to.equal('delta');
    expect(await step(el, 'PageUp')).to.equal('bravo');
    expect(await step(el, 'PageUp')).to.equal('alpha');
    const plain = await fixture<RovingHost>(testHtml`<roving-host></roving-host>`);
    expect(press(plain.renderRoot.querySelector('ul')!, 'PageDown').defaultPrevented).to.equal(false);
  });
});
