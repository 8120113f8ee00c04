/**
 * Work that can wait (adapting the older part of a host's big first load): done in short slices
 * once the first frame is painted and the page is idle, so neither that frame nor what the page
 * queued right after it waits. `done` resolves when the work is finished (or its host left).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Work in slices: `step` does some while `hasTime()` and returns true when all is done. */
export interface SlicedWork {
  readonly pending: boolean;
  step(hasTime: () => boolean): boolean;
}

const SLICE_MS = 8;
/** The first slice waits for an idle moment after the first frame, at most this long. */
const IDLE_TIMEOUT_MS = 100;

type IdleScheduler = {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/** Calls `fn` once the page is idle (within `timeout` ms), or in a task without idle callbacks; returns a cancel. */
function whenIdle(fn: () => void, timeout: number): () => void {
  const { requestIdleCallback, cancelIdleCallback } = globalThis as IdleScheduler;
  if (requestIdleCallback && cancelIdleCallback) {
    const handle = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(fn);
  return () => clearTimeout(timer);
}

export class IdleWorkController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { isConnected?: boolean };
  readonly #work: SlicedWork;
  #cancel: (() => void) | null = null;
  #done: Promise<void> | null = null;
  #resolve: (() => void) | null = null;

  constructor(host: ReactiveControllerHost, work: SlicedWork) {
    this.#host = host;
    this.#work = work;
    host.addController(this);
  }

  /** Resolves when the pending work is done; null when there is none in progress. */
  get done(): Promise<void> | null {
    return this.#done;
  }

  /** Starts working through the pending work (no-op when there is none, or it is under way). */
  start(): void {
    if (!this.#work.pending || this.#done || this.#host.isConnected === false) return;
    this.#done = new Promise((resolve) => (this.#resolve = resolve));
    const step = () => {
      const stop = performance.now() + SLICE_MS;
      if (this.#work.step(() => performance.now() < stop)) return this.settle();
      const timer = setTimeout(step);
      this.#cancel = () => clearTimeout(timer);
    };
    const frame = requestAnimationFrame(() => (this.#cancel = whenIdle(step, IDLE_TIMEOUT_MS)));
    this.#cancel = () => cancelAnimationFrame(frame);
  }

  /** Stops working in the background (the work was finished another way, or its host left). */
  settle(): void {
    this.#cancel?.();
    this.#cancel = null;
    const resolve = this.#resolve;
    this.#done = null;
    this.#resolve = null;
    resolve?.();
  }

  hostConnected(): void {
    this.start();
  }

  hostDisconnected(): void {
    this.settle();
  }
}
