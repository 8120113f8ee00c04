/**
 * Work that can wait (adapting the older part of a host's big first load): done in short slices
 * from the first frame on, each in a task of its own, so that input and frames go on between them,
 * without waiting for idle time. The first slice waits for what the page queued in that frame
 * (background priority, where the browser has `scheduler.postTask`). `done` resolves when the work
 * is finished (or its host left).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Work in slices: `step` does some while `hasTime()` and returns true when all is done. */
export interface SlicedWork {
  readonly pending: boolean;
  step(hasTime: () => boolean): boolean;
}

const SLICE_MS = 20;

type TaskScheduler = {
  scheduler?: {
    postTask?: (callback: () => void, options?: { signal?: AbortSignal; priority?: string }) => Promise<unknown>;
  };
};

/** Calls `fn` in a task of its own (no timer clamping); returns a cancel. */
function inTask(fn: () => void, priority = 'user-visible'): () => void {
  const postTask = (globalThis as TaskScheduler).scheduler?.postTask;
  if (postTask) {
    const abort = new AbortController();
    postTask.call((globalThis as TaskScheduler).scheduler, fn, { signal: abort.signal, priority }).catch(() => {});
    return () => abort.abort();
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => fn();
  channel.port2.postMessage(null);
  return () => (channel.port1.onmessage = null);
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
      this.#cancel = inTask(step);
    };
    // The first slice after the frame that shows the newest part (queued from its frame callback,
    // it runs after its paint).
    const frame = requestAnimationFrame(() => (this.#cancel = inTask(step, 'background')));
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
