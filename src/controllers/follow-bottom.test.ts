import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, css, html } from 'lit';
import { BOTTOM_SLACK, FollowBottomController } from './follow-bottom.js';

class FollowHost extends LitElement {
  static override styles = css`
    .scroller {
      height: 100px;
      overflow: auto;
    }
    .item {
      height: 40px;
    }
  `;
  static override properties = { items: { type: Number } };
  items = 10;
  changes: boolean[] = [];
  readonly follow = new FollowBottomController(this, {
    pinByScrolling: true,
    onFollowChange: (on) => this.changes.push(on),
  });
  get scroller(): HTMLElement {
    return this.renderRoot.querySelector('.scroller')!;
  }
  protected override firstUpdated(): void {
    this.follow.attach(this.scroller, this.renderRoot.querySelector('.content'));
  }
  override render() {
    return html`<div class="scroller">
      <div class="content">${Array.from({ length: this.items }, (_, i) => html`<div class="item">${i}</div>`)}</div>
    </div>`;
  }
}
customElements.define('follow-host', FollowHost);

const frame = () => new Promise((r) => requestAnimationFrame(r));
const distance = (s: HTMLElement) => s.scrollHeight - s.scrollTop - s.clientHeight;

async function mount(): Promise<FollowHost> {
  const el = await fixture<FollowHost>(testHtml`<follow-host></follow-host>`);
  // The content's first size notification comes after the first frame's callbacks.
  await frame();
  await frame();
  return el;
}

describe('FollowBottomController', () => {
  it('keeps the list at its end as content is added', async () => {
    const el = await mount();
    expect(el.follow.following).to.equal(true);
    expect(distance(el.scroller)).to.equal(0);
    el.items = 30;
    await el.updateComplete;
    expect(distance(el.scroller)).to.equal(0);
  });

  it('stops following when the user moves up, counts what arrives, and follows again at the bottom', async () => {
    const el = await mount();
    // A script (or the user) setting scrollTop counts as the user's move.
    el.scroller.scrollTop = 0;
    await frame();
    await frame();
    expect(el.follow.following).to.equal(false);
    expect(el.changes).to.deep.equal([false]);
    el.items = 20;
    el.follow.arrived(10);
    await el.updateComplete;
    expect(el.scroller.scrollTop, 'the reader stays where they are').to.equal(0);
    expect(el.follow.unseen).to.equal(10);
    // Back at the bottom (within the slack): following again, nothing unseen.
    el.scroller.scrollTop = el.scroller.scrollHeight - el.scroller.clientHeight - (BOTTOM_SLACK - 8);
    await frame();
    await frame();
    expect(el.follow.following).to.equal(true);
    expect(el.follow.unseen).to.equal(0);
  });

  it('stops at once on a wheel up, before any scroll event', async () => {
    const el = await mount();
    el.scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -40 }));
    expect(el.follow.following).to.equal(false);
  });

  it('does not stop when the list moves up by itself (no user input)', async () => {
    const el = await mount();
    await new Promise((r) => setTimeout(r, 1100));
    // scrollTo is what a list's own code uses (a virtualizer re-anchoring rows).
    el.scroller.scrollTo({ top: 0 });
    await frame();
    await frame();
    expect(el.follow.following).to.equal(true);
  });

  it('jumps to the latest and follows again', async () => {
    const el = await mount();
    el.scroller.scrollTop = 0;
    await frame();
    await frame();
    el.follow.arrived(3);
    el.follow.followLatest();
    await el.updateComplete;
    expect(el.follow.following).to.equal(true);
    expect(el.follow.unseen).to.equal(0);
    expect(distance(el.scroller)).to.equal(0);
  });

  it('lets go of the scroller when its host leaves', async () => {
    const el = await mount();
    const scroller = el.scroller;
    el.remove();
    expect(Object.prototype.hasOwnProperty.call(scroller, 'scrollTop')).to.equal(false);
    expect(el.follow.scroller).to.equal(null);
  });

  it('hold(): stops following for something in view; reaching the bottom does not undo it, the user does', async () => {
    const el = await mount();
    el.follow.hold();
    expect(el.follow.following).to.equal(false);
    expect(el.follow.held).to.equal(true);
    // Content arrives: the list stays where it is, however close to the bottom it is.
    const top = el.scroller.scrollTop;
    el.items = 12;
    await el.updateComplete;
    await frame();
    expect(el.scroller.scrollTop).to.equal(top);
    // Something else scrolls it to the bottom (a layout, a resize): still held.
    el.scroller.scrollTo({ top: el.scroller.scrollHeight });
    el.scroller.dispatchEvent(new Event('scroll'));
    await frame();
    expect(el.follow.following).to.equal(false);
    // The user moves the list (a wheel, here down to the bottom): following again.
    el.scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: 120 }));
    el.scroller.dispatchEvent(new Event('scroll'));
    expect(el.follow.held).to.equal(false);
    expect(el.follow.following).to.equal(true);
    // followLatest() ends a hold too.
    el.follow.hold();
    el.follow.followLatest();
    expect([el.follow.held, el.follow.following]).to.deep.equal([false, true]);
  });
});
