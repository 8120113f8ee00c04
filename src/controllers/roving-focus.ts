/**
 * Keyboard navigation of a list (roving tabindex): one item is the list's tab stop (the active one),
 * arrow keys (and `j`/`k` in lists without type-ahead) move to the next or previous item, Home/End to the first or last,
 * with `pageSize` PageUp/PageDown by a page, and
 * with `textAt` typing jumps to the next item that starts with the typed text (type-ahead). From the
 * list container itself (no item focused yet) the first key goes to the first or last item in view.
 *
 * The element renders `tabindex=${roving.tabIndexOf(key)}` on its items and calls `handleKey` from
 * its keydown listener; what an item does with Enter, Space or the horizontal arrows is the
 * element's (a run collapses, a tree row expands).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingFocusOptions {
  /** How many items there are. */
  count(): number;
  /** The key of item `index`. */
  keyAt(index: number): string;
  /** The index of the item with `key`, or -1. */
  indexOf(key: string): number;
  /** Brings item `index` into view and focuses it. */
  focus(index: number): void | Promise<void>;
  /** First and last item in view, for a key pressed on the container. */
  visible?(): readonly [number, number];
  /** The item's text for type-ahead (no type-ahead without it). */
  textAt?(index: number): string;
  /** Items a PageUp/PageDown moves (no paging without it): usually the items in view, less one. */
  pageSize?(): number;
}

/** Typed characters within this time form one search. */
const TYPEAHEAD_MS = 500;

export class RovingFocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: RovingFocusOptions;
  #activeKey: string | null = null;
  #typed = '';
  #typedAt = 0;

  constructor(host: ReactiveControllerHost, options: RovingFocusOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The key of the list's tab stop, when that item still exists. */
  get activeKey(): string | null {
    const key = this.#activeKey;
    return key !== null && this.#options.indexOf(key) >= 0 ? key : null;
  }

  /** Makes `key` the tab stop (without moving focus). */
  setActive(key: string | null): void {
    if (key === this.#activeKey) return;
    this.#activeKey = key;
    this.#host.requestUpdate();
  }

  /** `tabindex` of an item: 0 for the tab stop, -1 for the others (the container is the stop before any). */
  tabIndexOf(key: string): '0' | '-1' {
    return key === this.#activeKey && this.activeKey !== null ? '0' : '-1';
  }

  /**
   * The item a navigation key leads to from item `index` (-1: from the container), or -1 when the
   * key is not a navigation key or leads nowhere. Does not move anything.
   */
  targetOf(e: KeyboardEvent, index: number): number {
    const last = this.#options.count() - 1;
    if (last < 0 || e.altKey || e.ctrlKey || e.metaKey) return -1;
    const [first, lastVisible] = this.#options.visible?.() ?? [0, last];
    // `j`/`k` move like the arrows in lists without type-ahead (where they are letters to find).
    const key = this.#options.textAt ? e.key : ({ j: 'ArrowDown', k: 'ArrowUp' }[e.key] ?? e.key);
    switch (key) {
      case 'ArrowDown':
        return index < 0 ? Math.max(0, first) : Math.min(last, index + 1);
      case 'ArrowUp':
        return index < 0 ? Math.max(0, Math.min(last, lastVisible)) : Math.max(0, index - 1);
      case 'Home':
        return 0;
      case 'End':
        return last;
      case 'PageDown':
      case 'PageUp': {
        if (!this.#options.pageSize) return -1;
        const page = Math.max(1, Math.floor(this.#options.pageSize()));
        const from = index < 0 ? (key === 'PageDown' ? first : lastVisible) : index;
        return Math.max(0, Math.min(last, from + (key === 'PageDown' ? page : -page)));
      }
      default:
        return this.#typeahead(e, index, last);
    }
  }

  /**
   * Handles a navigation key from item `index` (-1: the container): focuses the target, makes it
   * the tab stop and prevents the key's default. Returns the target index, or -1 if not handled.
   */
  handleKey(e: KeyboardEvent, index: number): number {
    const target = this.targetOf(e, index);
    if (target < 0) return -1;
    e.preventDefault();
    this.focus(target);
    return target;
  }

  /** Makes item `index` the tab stop and focuses it. */
  focus(index: number): void {
    this.setActive(this.#options.keyAt(index));
    void this.#options.focus(index);
  }

  hostDisconnected(): void {
    this.#typed = '';
  }

  #typeahead(e: KeyboardEvent, index: number, last: number): number {
    const textAt = this.#options.textAt;
    if (!textAt || e.key.length !== 1 || (e.key === ' ' && !this.#typed)) return -1;
    const now = performance.now();
    this.#typed = now - this.#typedAt < TYPEAHEAD_MS ? this.#typed + e.key.toLowerCase() : e.key.toLowerCase();
    this.#typedAt = now;
    // A repeated letter cycles through the items starting with it; a longer text refines the match.
    const repeated = this.#typed.length > 1 && [...this.#typed].every((c) => c === this.#typed[0]);
    const needle = repeated ? this.#typed[0] : this.#typed;
    const start = this.#typed.length === 1 || repeated ? index + 1 : Math.max(0, index);
    for (let i = 0; i <= last; i++) {
      const at = (start + i) % (last + 1);
      if (textAt(at).trim().toLowerCase().startsWith(needle)) return at;
    }
    return -1;
  }
}
