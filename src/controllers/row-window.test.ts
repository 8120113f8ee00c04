import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, css, html } from 'lit';
import { RowWindowController } from './row-window.js';

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await nextFrame();
};

class WindowHost extends LitElement {
  static override styles = css`
    .scroller {
      height: 200px;
      overflow: auto;
      position: relative;
    }
    .row {
      position: absolute;
      left: 0;
      right: 0;
      height: 20px;
    }
  `;
  keys = Array.from({ length: 1000 }, (_, i) => `r${i}`);
  pinned: number[] = [];
  seen: [number, number][] = [];
  readonly window = new RowWindowController(this, {
    count: () => this.keys.length,
    overscan: 2,
    estimate: 50,
    pinned: () => this.pinned,
    onVisible: (first, last) => this.seen.push([first, last]),
  });
  get scroller(): HTMLElement {
    return this.renderRoot.querySelector('.scroller')!;
  }
  rendered(): string[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.row')].map((r) => r.dataset.key!);
  }
  protected override firstUpdated(): void {
    this.window.attach(this.scroller);
  }
  protected override updated(): void {
    this.window.observe(this.renderRoot.querySelector('.row'));
  }
  override render() {
    return html`<div class="scroller">
      <div style="height:${this.window.totalHeight}px">
        ${this.window
          .indices()
          .map(
            (i) =>
              html`<div class="row" data-key=${this.keys[i]} style="top:${this.window.top(i)}px">${this.keys[i]}</div>`,
          )}
      </div>
    </div>`;
  }
}
customElements.define('window-host', WindowHost);

async function host(): Promise<WindowHost> {
  const el = await fixture<WindowHost>(testHtml`<window-host></window-host>`);
  await frames(3);
  await el.updateComplete;
  return el;
}

describe('RowWindowController', () => {
  it('measures a row and renders the rows in view and a few beyond: the DOM of a screenful', async () => {
    const el = await host();
    expect(el.window.rowHeight).to.equal(20);
    expect(el.window.totalHeight).to.equal(20_000);
    expect(el.window.visible).to.deep.equal([0, 9]);
    expect(el.rendered()).to.deep.equal(Array.from({ length: 12 }, (_, i) => `r${i}`));
    expect(el.window.pageSize).to.equal(10);
  });

  it('follows scrolling and tells what is in view once a frame', async () => {
    const el = await host();
    el.seen = [];
    el.scroller.scrollTop = 5000;
    el.scroller.scrollTop = 5010;
    await frames(2);
    await el.updateComplete;
    expect(el.window.visible).to.deep.equal([250, 260]);
    expect(el.rendered()[0]).to.equal('r248');
    expect(el.rendered().at(-1)).to.equal('r262');
    expect(el.seen).to.deep.equal([[250, 260]]);
  });

  it('keeps pinned rows rendered wherever they are', async () => {
    const el = await host();
    el.pinned = [500];
    el.requestUpdate();
    await el.updateComplete;
    expect(el.rendered().at(-1)).to.equal('r500');
  });

  it('keeps the row at the top in place when rows come above it, but not at the top of the list', async () => {
    const el = await host();
    // At the top: new rows push the others down.
    expect(el.window.anchor((i) => el.keys[i])).to.equal(null);
    el.scroller.scrollTop = 405;
    await frames(2);
    const anchor = el.window.anchor((i) => el.keys[i]);
    expect(anchor).to.deep.equal({ key: 'r20', offset: 5 });
    el.keys = ['new1', 'new2', 'new3', ...el.keys];
    el.requestUpdate();
    await el.updateComplete;
    el.window.restore(anchor, (key) => el.keys.indexOf(key));
    expect(el.scroller.scrollTop).to.equal(465);
    await el.updateComplete;
    const top = el.renderRoot.querySelector<HTMLElement>('.row[data-key="r20"]')!;
    expect(top.getBoundingClientRect().top - el.scroller.getBoundingClientRect().top).to.equal(-5);
  });

  it('scrolls a row into view only as far as needed', async () => {
    const el = await host();
    el.window.scrollToIndex(30);
    expect(el.scroller.scrollTop).to.equal(31 * 20 - 200);
    el.window.scrollToIndex(25);
    expect(el.scroller.scrollTop).to.equal(31 * 20 - 200);
    el.window.scrollToIndex(2);
    expect(el.scroller.scrollTop).to.equal(40);
    el.window.scrollToIndex(500, 'center');
    expect(el.scroller.scrollTop).to.equal(500 * 20 - 90);
  });
});
