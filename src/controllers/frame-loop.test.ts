import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { FrameLoopController } from './frame-loop.js';

/** The current frame's time: the same for everything done in one frame. */
const frameTime = () => Number(document.timeline.currentTime);

class FrameLoopHost extends LitElement {
  moving = false;
  /** Something changes in the next frame only. */
  once = false;
  onceAt = NaN;
  value = 0;
  /** The frame time of each render. */
  readonly renders: { at: number }[] = [];
  readonly loop = new FrameLoopController(this, {
    tick: () => {
      if (this.once) {
        this.once = false;
        this.onceAt = frameTime();
        return true;
      }
      return this.moving;
    },
  });
  protected override async scheduleUpdate(): Promise<void> {
    await this.loop.beforeUpdate();
    super.scheduleUpdate();
  }
  override render() {
    this.renders.push({ at: frameTime() });
    return html`${this.value}`;
  }
}
customElements.define('frame-loop-host', FrameLoopHost);

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
const task = () => new Promise((r) => setTimeout(r));

describe('FrameLoopController', () => {
  it('the first render is not held: it happens before the first frame', async () => {
    await nextFrame();
    await task();
    const el = document.createElement('frame-loop-host') as FrameLoopHost;
    document.body.append(el);
    const appended = frameTime();
    await el.updateComplete;
    expect(el.renders.length).to.equal(1);
    expect(el.renders[0].at, 'rendered in the task that added it').to.equal(appended);
    el.remove();
  });

  it('updates asked for between frames (input, data, scroll) make one render, in the next frame', async () => {
    const el = await fixture<FrameLoopHost>(testHtml`<frame-loop-host></frame-loop-host>`);
    await nextFrame();
    await task();
    const before = el.renders.length;
    for (let i = 0; i < 5; i++) {
      el.value = i;
      el.requestUpdate();
      await task();
    }
    expect(el.renders.length, 'held until the frame').to.equal(before);
    await nextFrame();
    await el.updateComplete;
    expect(el.renders.length, 'one render for five asks').to.equal(before + 1);
    expect(el.renderRoot.textContent).to.include('4');
  });

  it('asked for inside a frame’s callbacks, an update renders at once (painted in that frame)', async () => {
    const el = await fixture<FrameLoopHost>(testHtml`<frame-loop-host></frame-loop-host>`);
    await nextFrame();
    await task();
    const before = el.renders.length;
    el.once = true;
    await nextFrame();
    await nextFrame();
    await el.updateComplete;
    expect(el.renders.length).to.equal(before + 1);
    expect(el.renders.at(-1)!.at, 'rendered in the frame that asked').to.equal(el.onceAt);
  });

  it('immediate(): discrete input renders at once, also an update already waiting for the frame', async () => {
    const el = await fixture<FrameLoopHost>(testHtml`<frame-loop-host></frame-loop-host>`);
    await nextFrame();
    await task();
    const at = frameTime();
    el.value = 1;
    el.requestUpdate();
    await task();
    // Waiting for the frame: a key comes.
    el.loop.immediate();
    await el.updateComplete;
    expect(el.renders.at(-1)!.at, 'the waiting update, without a frame').to.equal(at);
    const count = el.renders.length;
    el.loop.immediate();
    el.value = 2;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.renders.length).to.equal(count + 1);
    expect(el.renders.at(-1)!.at, 'the next update, without a frame').to.equal(at);
  });

  it('an update waiting for a frame renders when the page is hidden (no frames come there)', async () => {
    const el = await fixture<FrameLoopHost>(testHtml`<frame-loop-host></frame-loop-host>`);
    await nextFrame();
    await task();
    const at = frameTime();
    el.value = 3;
    el.requestUpdate();
    await task();
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await el.updateComplete;
      expect(el.renders.at(-1)!.at, 'rendered without a frame').to.equal(at);
      expect(el.renderRoot.textContent).to.include('3');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
    }
  });

  it('renders every frame while tick() says something moves, and not otherwise; stops when removed', async () => {
    const el = await fixture<FrameLoopHost>(testHtml`<frame-loop-host></frame-loop-host>`);
    await nextFrame();
    const idle = el.renders.length;
    for (let i = 0; i < 5; i++) await nextFrame();
    expect(el.renders.length, 'nothing moves').to.equal(idle);
    el.moving = true;
    const start = el.renders.length;
    for (let i = 0; i < 6; i++) await nextFrame();
    expect(el.renders.length - start).to.be.within(5, 7);
    el.remove();
    const gone = el.renders.length;
    for (let i = 0; i < 4; i++) await nextFrame();
    expect(el.renders.length).to.equal(gone);
  });
});
