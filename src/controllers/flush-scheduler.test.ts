import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { FlushScheduler } from './flush-scheduler.js';

class FlushHost extends LitElement {
  flushes = 0;
  work = 0;
  following = true;
  size = 0;
  readonly scheduler = new FlushScheduler(this, {
    flush: () => {
      this.flushes++;
      const end = performance.now() + this.work;
      while (performance.now() < end);
    },
    following: () => this.following,
    size: () => this.size,
  });
}
customElements.define('flush-host', FlushHost);

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('FlushScheduler', () => {
  it('flushes once per frame however often it is asked, and `done` waits for it', async () => {
    const host = await fixture<FlushHost>(html`<flush-host></flush-host>`);
    for (let i = 0; i < 50; i++) host.scheduler.schedule();
    expect(host.scheduler.scheduled).to.equal(true);
    expect(host.flushes).to.equal(0);
    await host.scheduler.done;
    expect(host.flushes).to.equal(1);
    expect(host.scheduler.done).to.equal(null);
  });

  it('flushes a first render at the end of the task, not in a frame', async () => {
    const host = await fixture<FlushHost>(html`<flush-host></flush-host>`);
    host.scheduler.schedule({ first: true });
    await Promise.resolve();
    expect(host.flushes).to.equal(1);
  });

  it('flushes a batched change in this task (its source told from a frame callback)', async () => {
    const host = await fixture<FlushHost>(html`<flush-host></flush-host>`);
    await nextFrame();
    let flushedInFrame = -1;
    requestAnimationFrame(() => {
      host.scheduler.schedule({ batched: true });
      queueMicrotask(() => (flushedInFrame = host.flushes));
    });
    await nextFrame();
    expect(flushedInFrame).to.equal(1);
  });

  it('backs off after a flush whose frame was long, not after one whose frame ended in time', async () => {
    const host = await fixture<FlushHost>(html`<flush-host></flush-host>`);
    host.following = false;
    // A flush in a frame that ends in time; the next frame's first callbacks take long (a client
    // telling of more events, the next flush): that is not this flush's overrun.
    await nextFrame();
    host.scheduler.schedule();
    await host.scheduler.done;
    requestAnimationFrame(() => busy(12));
    await nextFrame();
    await nextFrame();
    expect(host.scheduler.backoffMs).to.equal(0);
    // A flush whose own frame takes far longer than a frame: the next flush waits.
    host.work = 40;
    host.scheduler.schedule();
    await host.scheduler.done;
    host.work = 0;
    await nextFrame();
    await nextFrame();
    expect(host.scheduler.backoffMs).to.be.greaterThan(20);
  });

  it('renders a burst of new rows in a task before the frame while following', async () => {
    const host = await fixture<FlushHost>(html`<flush-host></flush-host>`);
    await nextFrame();
    let inFrame = false;
    const original = window.requestAnimationFrame;
    host.size = 50;
    host.scheduler.arrived(50);
    const frameStart = new Promise<void>((resolve) =>
      original(() => {
        inFrame = host.flushes > 0;
        resolve();
      }),
    );
    host.scheduler.schedule();
    await frameStart;
    // Flushed in its own task, before the frame's callbacks ran.
    expect(inFrame).to.equal(true);
  });

  it('stops and settles when its host leaves the document', async () => {
    const host = await fixture<FlushHost>(html`<flush-host></flush-host>`);
    host.scheduler.schedule();
    const done = host.scheduler.done!;
    host.remove();
    await done;
    await nextFrame();
    expect(host.flushes).to.equal(0);
    expect(host.scheduler.scheduled).to.equal(false);
  });
});
