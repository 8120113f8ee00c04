/** Small helpers for calling listeners safely and coalescing change notifications. */

/** Reports a listener's exception without breaking the caller (the stream keeps reading). */
export function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else console.error(error);
}

/** Calls `fn` at most once per microtask, however often `schedule()` is called before it runs. */
export class MicrotaskBatcher {
  #scheduled = false;
  constructor(private readonly fn: () => void) {}

  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      try {
        this.fn();
      } catch (error) {
        reportListenerError(error);
      }
    });
  }
}
