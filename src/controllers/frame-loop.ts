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
  readonly #afterFrame: MessageChannel | null = typeof MessageChannel === 'function' ? new MessageChannel() : null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FrameLoopOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    if (this.#afterFrame) this.#afterFrame.port1.onmessage = () => (this.#inFrame = false);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#request();
  }

  hostDisconnected(): void {
    this.#connected = false;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#release();
  }

  /** Awaited by the host's `scheduleUpdate()` before it renders. */
  beforeUpdate(): Promise<void> | void {
    const host = this.#host as ReactiveControllerHost & HTMLElement & { hasUpdated?: boolean };
    if (this.#inFrame || !this.#connected || !host.hasUpdated || document.visibilityState === 'hidden') return;
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#request();
    });
  }

  #request(): void {
    if (this.#frame || !this.#connected) return;
    this.#frame = requestAnimationFrame((time) => {
      this.#frame = 0;
      if (!this.#connected) return;
      this.#inFrame = true;
      if (this.#afterFrame) this.#afterFrame.port2.postMessage(null);
      else setTimeout(() => (this.#inFrame = false));
      if (this.#options.tick(time)) this.#host.requestUpdate();
      this.#release();
      this.#request();
    });
  }

  #release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }
}
