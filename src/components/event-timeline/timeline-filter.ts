/**
 * The timeline's filter and search: the categories shown (filter chips), "errors only", and the
 * search text, applied after a short pause in typing (at once on Enter; Escape clears). Enter also
 * goes to the next match, Shift+Enter to the previous one (`onStep`). `onChange` tells the timeline to
 * build its rows again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EventCategory } from '../../types/model.js';
import { CATEGORIES } from './timeline-model.js';

const SEARCH_DEBOUNCE_MS = 150;

export class TimelineFilter implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange: () => void;
  readonly #onStep: (direction: 1 | -1) => void;
  #categories: ReadonlySet<EventCategory> = new Set(CATEGORIES);
  #errorsOnly = false;
  /** What the search box shows, and the search in effect (lower case, trimmed). */
  #input = '';
  #query = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, onChange: () => void, onStep: (direction: 1 | -1) => void = () => {}) {
    this.#host = host;
    this.#onChange = onChange;
    this.#onStep = onStep;
    host.addController(this);
  }

  get categories(): ReadonlySet<EventCategory> {
    return this.#categories;
  }

  /** The search box's text. */
  get input(): string {
    return this.#input;
  }

  /** The search in effect: lower case, trimmed ('' = none). */
  get query(): string {
    return this.#query;
  }

  /** Only failed events are shown. */
  get errorsOnly(): boolean {
    return this.#errorsOnly;
  }

  /** A filter or a search hides events. */
  get active(): boolean {
    return this.#query !== '' || this.#errorsOnly || this.#categories.size !== CATEGORIES.length;
  }

  /** Shows only failed events, or every event again. */
  toggleErrorsOnly = (): void => {
    this.#errorsOnly = !this.#errorsOnly;
    this.#changed();
  };

  toggle(category: EventCategory): void {
    const next = new Set(this.#categories);
    if (next.has(category)) next.delete(category);
    else next.add(category);
    this.#categories = next;
    this.#changed();
  }

  /** The search box changed: the search follows after a pause in typing. */
  onInput = (e: Event): void => {
    this.#input = (e.target as HTMLInputElement).value;
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.apply(), SEARCH_DEBOUNCE_MS);
  };

  onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      this.apply();
      if (this.#query) this.#onStep(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && this.#input) {
      e.preventDefault();
      this.#input = '';
      this.apply();
    }
  };

  /** Applies the search box's text now. */
  apply(): void {
    clearTimeout(this.#timer);
    const next = this.#input.trim().toLowerCase();
    if (next === this.#query) return this.#host.requestUpdate();
    this.#query = next;
    this.#changed();
  }

  /** Shows everything again. */
  clear = (): void => {
    clearTimeout(this.#timer);
    this.#categories = new Set(CATEGORIES);
    this.#errorsOnly = false;
    this.#input = '';
    this.#query = '';
    this.#changed();
  };

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  #changed(): void {
    this.#host.requestUpdate();
    this.#onChange();
  }
}
