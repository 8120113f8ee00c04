/**
 * An element that moves by itself (a now line, growing blocks) and under continuous input (wheel,
 * drag, scroll): one animation-frame loop, and at most one render per frame.
 *
 * - `tick()` is called in every frame's callbacks while the host is connected; it says whether the
 *   host should render in this frame (something moves or changed).
 * - The host's `scheduleUpdate()` awaits `beforeUpdate()`: an update asked for by input or by
 *   data is held until the frame's callbacks, where it runs once for everything that asked in the
 *   meantime (a wheel event, the scroll it caused and the moving now line make one render, not
 *   three). Asked for during the frame's callbacks, it runs at once: it is painted in this frame.
 * - `immediate()`: the update asked for now (and one waiting) renders at once. For discrete input
 *   (a key, a click) whose result the next key acts on: a focus moved a frame late would send the
 *   next key to the old item.
 * - The first render, a disconnected host and a hidden page are not held (no frames come there).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FrameLoopOptions {
  /** Called once per frame; true: the host renders in this frame. */
  tick(time: number): boolean;
}

export class FrameLoopController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: FrameLoopOptions;
  #frame = 0;
  #connected = false;
  /** True from a frame's callback until the next task: updates asked for then are painted in this frame. */
  #inFrame = false;
  #waiting: (() => void)[] = [];
  #immediate = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FrameLoopOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#request();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#release();
  }

  /** Awaited by the host's `scheduleUpdate()` before it renders. */
  beforeUpdate(): Promise<void> | void {
    const host = this.#host as ReactiveControllerHost & HTMLElement & { hasUpdated?: boolean };
    if (this.#immediate) {
      this.#immediate = false;
      return;
    }
    if (this.#inFrame || !this.#connected || !host.hasUpdated || document.visibilityState === 'hidden') return;
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#request();
    });
  }

  /** The next update (or the one waiting) is not held for the frame. */
  immediate(): void {
    if (this.#waiting.length) this.#release();
    else this.#immediate = true;
  }

  #request(): void {
    if (this.#frame || !this.#connected) return;
    this.#frame = requestAnimationFrame((time) => {
      this.#frame = 0;
      if (!this.#connected) return;
      this.#inFrame = true;
      // A task queued from a frame's callback runs after that frame.
      setTimeout(this.#frameEnded);
      if (this.#options.tick(time)) this.#host.requestUpdate();
      this.#release();
      this.#request();
    });
  }

  /** A page hidden gets no frames: what waits for one renders now. */
  #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.#release();
  };

  #frameEnded = (): void => {
    this.#inFrame = false;
  };

  #release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }
}
