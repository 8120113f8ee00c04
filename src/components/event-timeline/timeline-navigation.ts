/**
 * Where the timeline's reader is: the selected event and the rows brought into view. The host
 * selects (`selectedKey`) or points (`scrollToEvent`, `scrollToRun`) by an event's key or anchor;
 * the user by clicking, the keyboard, next/previous match or error. A row is brought into view
 * whether or not the virtualizer has rendered it. Pointing holds following off (new events do not
 * pull the list away, and reaching the bottom does not undo it); a key or anchor the timeline does
 * not hold yet is selected when its event arrives (a link opened before the history loaded).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CoordinatorEvent } from '../../types/model.js';
import type { FollowBottomController } from '../../controllers/follow-bottom.js';
import type { RovingFocusController } from '../../controllers/roving-focus.js';
import { eventAnchor, isAnchor } from '../../model/anchor.js';
import { isEventRow, rowKey, type Row } from './timeline-model.js';

export interface VirtualizerLike {
  element(index: number): { scrollIntoView(options?: ScrollIntoViewOptions): void } | undefined;
}

export interface NavigatorOptions {
  rows(): readonly Row[];
  indexOf(key: string): number;
  scroller(): HTMLElement | null;
  virtualizer(): VirtualizerLike | undefined;
  follow: FollowBottomController;
  roving: RovingFocusController;
  /** The event with this key or anchor, among all the timeline holds (shown or not). */
  find(keyOrAnchor: string): CoordinatorEvent | null;
  /**
   * Makes the row of `target` (an event, or a run's index) part of the rows: its run expanded, a
   * filter that hides it cleared. Returns false when there is no such row to make.
   */
  reveal(target: CoordinatorEvent | number): boolean;
  /** Resolves once changed rows are built and rendered. */
  settled(): Promise<unknown>;
  /** The user selected an event (click, keyboard): tell the page. */
  onUserSelect(event: CoordinatorEvent): void;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export class TimelineNavigator implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #o: NavigatorOptions;
  /** The selected event's key. */
  #key: string | null = null;
  /** A key or anchor the host asked for that no event has yet. */
  #pending: string | null = null;

  constructor(host: ReactiveControllerHost, options: NavigatorOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The selected event's key; while waiting for the event, the key or anchor asked for. */
  get requested(): string | null {
    return this.#pending ?? this.#key;
  }

  /** The selected event's key (null while none, or while waiting for it). */
  get key(): string | null {
    return this.#key;
  }

  /** The host selects (null: none): the event's row comes into view; an unknown one is waited for. */
  request(keyOrAnchor: string | null): void {
    if (!keyOrAnchor) {
      this.#pending = null;
      this.#set(null);
      return;
    }
    const event = this.#o.find(keyOrAnchor);
    if (!event) {
      this.#pending = keyOrAnchor;
      this.#set(null);
      return;
    }
    this.#pending = null;
    this.#set(event.key);
    void this.show(event);
  }

  /** After the rows were built: a selection waited for is made when its event is there. */
  flushed(): void {
    if (this.#pending && this.#o.find(this.#pending)) this.request(this.#pending);
  }

  /** Forgets the selection (another session); a selection still waited for stays. */
  reset(): void {
    this.#set(null);
  }

  /** The user selected `event` (click, keys): tells the page once per change. */
  userSelect(event: CoordinatorEvent): void {
    this.#pending = null;
    if (this.#key === event.key) return;
    this.#set(event.key);
    this.#o.onUserSelect(event);
  }

  /**
   * Brings an event's row (or run `target`'s header) into view, holding following off. Resolves
   * true once it is in view, false when the timeline has no such event or run.
   */
  async show(target: CoordinatorEvent | number, focus = false): Promise<boolean> {
    const key = typeof target === 'number' ? `run-${target}` : target.key;
    if (this.#o.indexOf(key) < 0) {
      if (!this.#o.reveal(target)) return false;
      await this.#o.settled();
    }
    this.#o.follow.hold();
    const index = this.#o.indexOf(key);
    if (index < 0) return false;
    return this.#bringIntoView(index, key, focus, 'center');
  }

  /** Brings row `index` into view and focuses it (the keyboard), selecting an event row. */
  async focusRow(index: number): Promise<void> {
    const item = this.#o.rows()[index];
    if (!item) return;
    if (isEventRow(item)) this.userSelect(item);
    // Reading a row is not following: auto-scroll would pull the list away from it. Reaching the
    // bottom again (by scrolling or End) resumes following.
    if (index < this.#o.rows().length - 1) this.#o.follow.setFollowing(false);
    await this.#bringIntoView(index, rowKey(item), true, 'nearest');
  }

  /**
   * Moves the selection to the next (1) or previous (-1) event of `list` after (or before) the
   * selected one, wrapping around; `order` places events that are not in `list`. Returns the event.
   */
  async step(
    list: readonly CoordinatorEvent[],
    direction: 1 | -1,
    order: (event: CoordinatorEvent) => number,
    options: { focus?: boolean; user?: boolean } = {},
  ): Promise<CoordinatorEvent | null> {
    if (!list.length) return null;
    const selected = this.#key !== null ? this.#o.find(this.#key) : null;
    let at = selected ? list.indexOf(selected) : -1;
    if (at < 0) {
      // From where the selection is (or from the start): the first one beyond it.
      const from = selected ? order(selected) : direction > 0 ? -Infinity : Infinity;
      const beyond =
        direction > 0 ? list.findIndex((e) => order(e) > from) : findLastIndex(list, (e) => order(e) < from);
      at = beyond < 0 ? (direction > 0 ? list.length - 1 : 0) : beyond - direction;
    }
    const next = list[(at + direction + list.length) % list.length];
    if (options.user === false) this.#set(next.key);
    else this.userSelect(next);
    await this.show(next, options.focus ?? false);
    return next;
  }

  #set(key: string | null): void {
    if (key === this.#key) return;
    this.#key = key;
    this.#host.requestUpdate();
  }

  async #bringIntoView(index: number, key: string, focus: boolean, block: ScrollLogicalPosition): Promise<boolean> {
    await this.#host.updateComplete;
    const scroller = this.#o.scroller();
    if (!scroller) return false;
    const find = () =>
      Array.from(scroller.children).find((c) => (c as HTMLElement).dataset.key === key) as HTMLElement | undefined;
    let el = find();
    const virtualizer = this.#o.virtualizer();
    if (!el && virtualizer) {
      // Not rendered: the virtualizer scrolls to where it will be and renders it there.
      virtualizer.element(index)?.scrollIntoView({ block: 'center' });
      for (let i = 0; i < 60 && !el; i++) {
        await nextFrame();
        el = find();
      }
    }
    if (!el) return false;
    el.scrollIntoView({ block });
    if (focus) {
      this.#o.roving.setActive(key);
      el.focus({ preventScroll: true });
    }
    return true;
  }
}

function findLastIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}

/** The timeline's events by key and by anchor, and their order, for the events list it was made for. */
export class EventLookup {
  readonly events: readonly CoordinatorEvent[];
  #byKey: Map<string, CoordinatorEvent> | null = null;
  #byAnchor: Map<string, CoordinatorEvent> | null = null;
  #order: Map<CoordinatorEvent, number> | null = null;

  constructor(events: readonly CoordinatorEvent[]) {
    this.events = events;
  }

  /** The event with this key or anchor. */
  find(keyOrAnchor: string): CoordinatorEvent | null {
    if (isAnchor(keyOrAnchor)) {
      if (!this.#byAnchor) {
        this.#byAnchor = new Map();
        // Of events sharing an anchor (the same content), the first is the one a link shows.
        for (const e of this.events) if (!this.#byAnchor.has(eventAnchor(e))) this.#byAnchor.set(eventAnchor(e), e);
      }
      return this.#byAnchor.get(keyOrAnchor) ?? null;
    }
    this.#byKey ??= new Map(this.events.map((e) => [e.key, e]));
    return this.#byKey.get(keyOrAnchor) ?? null;
  }

  /** Where an event is in the timeline (-1: not there). */
  orderOf(event: CoordinatorEvent): number {
    this.#order ??= new Map(this.events.map((e, i) => [e, i]));
    return this.#order.get(event) ?? -1;
  }
}
