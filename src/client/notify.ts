/** Small helpers for calling listeners safely and coalescing change notifications. */

/** Reports a listener's exception without breaking the caller (the stream keeps reading). */
export function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else console.error(error);
}

/** Calls `fn`; an exception is reported (`reportListenerError`) instead of thrown. */
export function callSafely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    reportListenerError(error);
  }
}

/**
 * Returns `schedule`, which calls `fn` once after however many `schedule()` calls: in a microtask,
 * or with `perFrame`, in a later task and at most once per animation frame. A change after a flush
 * waits for the next frame and is flushed at its start, before the frame callbacks that `fn`'s
 * listeners requested, so they still see it in that frame.
 */
export function batched(fn: () => void, perFrame = false): () => void {
  let scheduled = false;
  /** Flushed since the last frame: the next flush waits for the next one. */
  let waiting = false;
  const run = (): void => {
    if (!scheduled) return;
    scheduled = false;
    if (perFrame) {
      waiting = true;
      nextFrame(() => {
        waiting = false;
        run();
      });
    }
    callSafely(fn);
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    if (!perFrame) queueMicrotask(run);
    else if (!waiting) setTimeout(run);
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
