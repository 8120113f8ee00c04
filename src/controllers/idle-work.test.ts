import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IdleWorkController, type SlicedWork } from './idle-work.js';

function host(): ReactiveControllerHost & { isConnected: boolean; controllers: ReactiveController[] } {
  const controllers: ReactiveController[] = [];
  return {
    controllers,
    isConnected: true,
    addController: (c) => controllers.push(c),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
}

/** `units` of work, one per `step` call at most while `hasTime()`; records when each slice ran. */
function work(units: number): SlicedWork & { left: number; slices: number } {
  return {
    left: units,
    slices: 0,
    get pending() {
      return this.left > 0;
    },
    step(hasTime) {
      this.slices++;
      // One unit per slice, however much time is left: the work goes on over several tasks.
      if (this.left > 0 && hasTime()) this.left--;
      return this.left === 0;
    },
  };
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

describe('IdleWorkController', () => {
  const idle = window.requestIdleCallback;
  afterEach(() => {
    window.requestIdleCallback = idle;
  });

  it('works through its slices in tasks from the first frame on, without waiting for idle time', async () => {
    let idleAsked = 0;
    // A busy page: no idle period comes.
    window.requestIdleCallback = () => ++idleAsked;
    const h = host();
    const w = work(20);
    const controller = new IdleWorkController(h, w);
    const started = performance.now();
    controller.start();
    expect(controller.done).to.be.instanceOf(Promise);
    expect(w.slices, 'nothing before the first frame').to.equal(0);
    await controller.done;
    expect(w.left).to.equal(0);
    expect(w.slices).to.equal(20);
    expect(idleAsked).to.equal(0);
    // Twenty tasks back to back, no 4 ms timer clamping between them (nor a wait for idle).
    expect(performance.now() - started).to.be.lessThan(100);
    expect(controller.done).to.equal(null);
  });

  it('stops when its host leaves, and starts again when it comes back', async () => {
    const h = host();
    const w = work(1000);
    const controller = new IdleWorkController(h, w);
    // The host leaves right after the fifth slice (not after some frames: on an idle machine a
    // thousand tiny slices fit in two frames).
    const step = w.step.bind(w);
    w.step = (hasTime) => {
      const finished = step(hasTime);
      if (w.slices === 5) queueMicrotask(() => controller.hostDisconnected());
      return finished;
    };
    controller.start();
    const done = controller.done!;
    await done;
    const left = w.left;
    expect(left).to.be.greaterThan(0);
    await frame();
    expect(w.left, 'no slice after leaving').to.equal(left);
    controller.hostConnected();
    await controller.done;
    expect(w.left).to.equal(0);
  });
});
