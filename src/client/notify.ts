/** Small helpers for calling listeners safely and coalescing change notifications. */

/** Reports a listener's exception without breaking the caller (the stream keeps reading). */
export function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else console.error(error);
}

/**
 * Calls `fn` once after however many `schedule()` calls: in a microtask, or with `perFrame`, in a
 * later task and at most once per animation frame. A change after a flush waits for the next frame
 * and is flushed at its start, before the frame callbacks that `fn`'s listeners requested, so they
 * still see it in that frame.
 */
export class Batcher {
  #scheduled = false;
  /** Flushed since the last frame: the next flush waits for the next one. */
  #waiting = false;
  constructor(
    private readonly fn: () => void,
    private readonly perFrame = false,
  ) {}

  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    if (!this.perFrame) queueMicrotask(this.#run);
    else if (!this.#waiting) setTimeout(this.#run);
  }

  #run = (): void => {
    if (!this.#scheduled) return;
    this.#scheduled = false;
    if (this.perFrame) {
      this.#waiting = true;
      nextFrame(() => {
        this.#waiting = false;
        this.#run();
      });
    }
    try {
      this.fn();
    } catch (error) {
      reportListenerError(error);
    }
  };
}

/**
 * Calls back at the next animation frame; within 100 ms anyway (a hidden page gets no frames), and
 * after 16 ms where there are no frames (Node, workers).
 */
function nextFrame(callback: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: (callback: () => void) => number }).requestAnimationFrame;
  let timer: ReturnType<typeof setTimeout> | undefined = undefined;
  const once = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    callback();
  };
  timer = setTimeout(once, raf ? 100 : 16);
  raf?.call(globalThis, once);
}
