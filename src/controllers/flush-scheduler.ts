/**
 * When a live list turns new data into rows: at most once per frame, and less often when that work
 * made its frames long, so the page keeps most of its time for input and timers. The one batching
 * step between a session's store and the DOM.
 *
 * - `schedule()` asks for a flush in the next frame's callbacks.
 * - `schedule({ first: true })` (nothing shown yet) flushes at the end of this task, so that the
 *   coming frame shows the data rather than the one after it.
 * - `schedule({ batched: true })`: the change comes from a source that tells at most once per
 *   frame, from a frame callback (the client): a frame asked for now would be the next one, so the
 *   flush follows at the end of this task instead (its rows are in the frame being made).
 * - When a flush made its frame long (a burst into a huge list on a slow machine), the next waits
 *   twice that overrun (capped), and rows that scrolled past meanwhile are never rendered at all.
 * - Following a burst (events faster than `BURST_RATE` per second) or more than a screenful of new
 *   rows, every row in view is new: the flush then runs in a task of its own before the frame, so
 *   that building the rows and their style, layout and paint are two tasks rather than one long one;
 *   in a burst, the list moves every `BURST_FLUSH_MS` instead of every frame (unreadable anyway).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const FRAME_MS = 1000 / 60;
const MAX_BACKOFF_MS = 250;
/** Events per second above which a followed stream is a burst… */
export const BURST_RATE = 300;
/** …and at least this many new events since the last flush (about a screenful of rows). */
export const BURST_MIN = 12;
const BURST_FLUSH_MS = 100;

export interface FlushSchedulerOptions {
  /** The work: derive rows from the data and ask the host to render. */
  flush(): void;
  /** Whether the list follows its newest rows (bursts only matter then). */
  following(): boolean;
  /** How many items the data holds now (growth since the last flush counts as new rows). */
  size(): number;
}

export class FlushScheduler implements ReactiveController {
  readonly #options: FlushSchedulerOptions;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #soon = false;
  #done: Promise<void> | null = null;
  #resolve: (() => void) | null = null;
  /** Pause before the next flush: twice the last flush frame's overrun (ms, capped). */
  #backoff = 0;
  #lastEnd = 0;
  #lastAt = 0;
  #arrived = 0;
  #burst = false;
  #flushedSize = 0;

  constructor(host: ReactiveControllerHost, options: FlushSchedulerOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** A flush is asked for and has not run yet. */
  get scheduled(): boolean {
    return this.#frame !== 0 || this.#timer !== undefined || this.#soon;
  }

  /** Resolves after the flush asked for has run; null when none is. */
  get done(): Promise<void> | null {
    return this.#done;
  }

  /** How long the next flush waits because the last one made its frame long (ms). */
  get backoffMs(): number {
    return this.#backoff;
  }

  /** `count` items arrived (for telling a burst from a steady stream). */
  arrived(count: number): void {
    this.#arrived += count;
  }

  schedule({ first = false, batched = false }: { first?: boolean; batched?: boolean } = {}): void {
    this.#done ??= new Promise((resolve) => (this.#resolve = resolve));
    if (this.scheduled) return;
    if (first) return this.#flushSoon();
    const burst = this.#burst && this.#options.following();
    const wait = Math.max(this.#lastEnd + this.#backoff, burst ? this.#lastAt + BURST_FLUSH_MS : 0) - performance.now();
    if (wait > 1) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.#newRowsOnly()) this.#run(true);
        else this.#inFrame();
      }, wait);
    } else if (this.#newRowsOnly()) this.#inTask();
    else if (batched) this.#flushSoon();
    else this.#inFrame();
  }

  /** Runs a flush asked for now instead of when it was planned. */
  flushNow(): void {
    if (!this.scheduled) return;
    this.#cancel();
    this.#run(false);
  }

  hostDisconnected(): void {
    this.#cancel();
    this.#settle();
  }

  #flushSoon(): void {
    this.#soon = true;
    queueMicrotask(() => {
      if (!this.#soon) return;
      this.#soon = false;
      this.#run(false);
    });
  }

  #inTask(): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#run(true);
    });
  }

  #inFrame(): void {
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      // More arrived meanwhile (a burst beginning): in a task after this frame after all.
      if (this.#newRowsOnly()) this.#inTask();
      else this.#run(false);
    });
  }

  #cancel(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#soon = false;
  }

  /** Following, with more new rows than a screenful (or in a burst): every row in view is new. */
  #newRowsOnly(): boolean {
    // Arrivals are told after the flush is asked for; a capped list keeps its size.
    const added = Math.max(this.#arrived, this.#options.size() - this.#flushedSize);
    return this.#options.following() && (this.#burst || added >= BURST_MIN);
  }

  #run(inTask: boolean): void {
    const now = performance.now();
    this.#measureFrame(now, inTask);
    const elapsed = Math.max(FRAME_MS, now - this.#lastAt);
    const arrived = this.#arrived;
    this.#burst = this.#options.following() && arrived >= BURST_MIN && (arrived * 1000) / elapsed > BURST_RATE;
    this.#lastAt = now;
    this.#arrived = 0;
    this.#flushedSize = this.#options.size();
    try {
      this.#options.flush();
    } finally {
      this.#settle();
    }
  }

  /**
   * The end of a flush's frame is the next frame's start time, when the flush's own frame was done:
   * not the time this callback runs, which counts the frame callbacks before it (the next flush
   * among them). `inTask`: the flush ran in a task before its frame, whose rendering counts too.
   */
  #measureFrame(start: number, inTask: boolean): void {
    const measure = (end: number) => {
      // Twice the overrun: at most about a third of the time goes to rendering bursts.
      const budget = inTask ? 2 * FRAME_MS : FRAME_MS;
      this.#backoff = Math.min(MAX_BACKOFF_MS, Math.max(0, 2 * (end - start - budget)));
      this.#lastEnd = end;
    };
    requestAnimationFrame(inTask ? () => requestAnimationFrame(measure) : measure);
  }

  #settle(): void {
    const resolve = this.#resolve;
    this.#done = null;
    this.#resolve = null;
    resolve?.();
  }
}
