/**
 * A polite live region for an element: `say()` announces a text; `tally()` counts happenings (events
 * arriving) and announces one summary per window instead of one per happening, which a screen reader
 * could not keep up with. Render `announcer.render()` once in the element's template.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** Happenings are summarized over this window (ms). */
export const ANNOUNCE_WINDOW_MS = 1000;

export class AnnouncerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #text = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #count = 0;
  #summary: ((count: number) => string) | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** What the live region says now. */
  get text(): string {
    return this.#text;
  }

  /** Announces `text` (politely). */
  say(text: string): void {
    // The same text twice in a row would not be announced again: vary it invisibly.
    this.#text = this.#text === text ? `${text}\u00a0` : text;
    this.#host.requestUpdate();
  }

  /**
   * Counts `items`; at the end of the window announces `summarize(count, last)` for everything
   * counted in it.
   */
  tally<T>(items: readonly T[], summarize: (count: number, last: T) => string): void {
    if (!items.length) return;
    this.#count += items.length;
    const last = items[items.length - 1];
    this.#summary = (count) => summarize(count, last);
    this.#timer ??= setTimeout(() => this.#flush(), ANNOUNCE_WINDOW_MS);
  }

  /** The live region (visually hidden). */
  render(): TemplateResult {
    return html`<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.#text}</div>`;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#count = 0;
    this.#summary = null;
  }

  #flush(): void {
    this.#timer = undefined;
    const summary = this.#summary;
    const count = this.#count;
    this.#count = 0;
    this.#summary = null;
    if (summary && count) this.say(summary(count));
  }
}
