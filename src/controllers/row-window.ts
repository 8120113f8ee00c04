/**
 * Windowing of a long list of rows of one height (a session list, swimlanes): only the rows in view
 * and a few beyond each edge are rendered, so 10,000 rows cost the DOM of a screenful. Rows of one
 * height need no measuring of each row and no layout library: a row's place is its index times the
 * height, the height of one rendered row (observed, so a page's font size is followed).
 *
 * The element renders a spacer of `totalHeight` inside the scroller and the rows of `indices()`
 * at `top(index)`, and calls `observe(row)` with a rendered row. When rows come or go above the
 * view, `anchor()` before and `restore()` after keep what the user is looking at in place; at the
 * top of the list (not scrolled) new rows above simply push the others down.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RowWindowOptions {
  /** How many rows there are. */
  count(): number;
  /** Rows rendered beyond each edge of the view. Default 6. */
  overscan?: number;
  /** Height assumed before a row was measured (px). Default 48. */
  estimate?: number;
  /** Rows rendered wherever they are (e.g. the focused one, so it keeps focus). */
  pinned?(): readonly number[];
  /** The rows in view changed (scrolling, a resize, other rows). */
  onVisible?(first: number, last: number): void;
}

/** Where the view is, by the row at its top: kept across changes of the rows above. */
export interface RowAnchor {
  key: string;
  /** Pixels of that row above the top of the view. */
  offset: number;
}

export class RowWindowController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: RowWindowOptions;
  #scroller: HTMLElement | null = null;
  #rowHeight: number;
  #measured = false;
  #scrollTop = 0;
  #viewport = 0;
  #resize: ResizeObserver | null = null;
  #rowObserver: ResizeObserver | null = null;
  #observed: Element | null = null;
  #visible: [number, number] = [0, -1];
  #frame = 0;
  /** Rows were shown in a frame already: the rows beyond the edges come from then on. */
  #shown = false;
  #shownFrame = 0;

  constructor(host: ReactiveControllerHost, options: RowWindowOptions) {
    this.#host = host;
    this.#options = options;
    this.#rowHeight = options.estimate ?? 48;
    host.addController(this);
  }

  /** The height of a row (px): measured once a row was rendered, else the estimate. */
  get rowHeight(): number {
    return this.#rowHeight;
  }

  /** The height of all rows (px): the spacer's. */
  get totalHeight(): number {
    return this.#options.count() * this.#rowHeight;
  }

  /** First and last row in view (at least partly). */
  get visible(): readonly [number, number] {
    return this.#visible;
  }

  /** Rows that fit in the view. */
  get pageSize(): number {
    return Math.max(1, Math.floor(this.#viewport / this.#rowHeight));
  }

  /** The list is scrolled away from its top. */
  get scrolled(): boolean {
    return this.#scrollTop > this.#rowHeight / 2;
  }

  /** The top (px) of row `index` in the spacer. */
  top(index: number): number {
    return index * this.#rowHeight;
  }

  /**
   * The rows to render, in order: those in view, `overscan` beyond each edge, and the pinned ones.
   * The first rows come without the margin (the frame that shows them has enough to do); the
   * margin follows in the next frame.
   */
  indices(): number[] {
    const count = this.#options.count();
    if (count === 0) return [];
    if (!this.#shown && !this.#shownFrame) {
      this.#shownFrame = requestAnimationFrame(() => {
        this.#shown = true;
        this.#host.requestUpdate();
      });
    }
    const overscan = this.#shown ? (this.#options.overscan ?? 6) : 0;
    const [first, last] = this.#range(count);
    const from = Math.max(0, first - overscan);
    const to = Math.min(count - 1, last + overscan);
    const out: number[] = [];
    for (let i = from; i <= to; i++) out.push(i);
    for (const p of this.#options.pinned?.() ?? []) {
      if (p >= 0 && p < count && (p < from || p > to)) out.push(p);
    }
    return out.sort((a, b) => a - b);
  }

  /** Starts following the scroller's scrolling and size. */
  attach(scroller: HTMLElement): void {
    if (this.#scroller === scroller) return;
    this.#detach();
    this.#scroller = scroller;
    scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    this.#resize = new ResizeObserver(() => {
      this.#viewport = scroller.clientHeight;
      this.#changed();
    });
    this.#resize.observe(scroller);
    this.#scrollTop = scroller.scrollTop;
    this.#viewport = scroller.clientHeight;
  }

  /** Measures rows from this one (its height, as it changes). */
  observe(row: Element | null): void {
    if (!row || row === this.#observed) return;
    this.#rowObserver ??= new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].borderBoxSize?.[0];
      const height = box ? box.blockSize : (entries[entries.length - 1].target as HTMLElement).offsetHeight;
      if (height > 0 && Math.abs(height - this.#rowHeight) > 0.5) {
        const anchor = this.#scrollTop / this.#rowHeight;
        this.#rowHeight = height;
        this.#measured = true;
        // The same row stays at the top when rows grow or shrink.
        if (this.#scroller && this.#scrollTop > 0) this.#scroller.scrollTop = anchor * height;
        this.#changed();
      }
      this.#measured = true;
    });
    if (this.#observed) this.#rowObserver.unobserve(this.#observed);
    this.#observed = row;
    this.#rowObserver.observe(row);
  }

  /** Whether a row was measured yet. */
  get measured(): boolean {
    return this.#measured;
  }

  /** The row at the top of the view, when the list is scrolled (null at its top: new rows push down). */
  anchor(keyAt: (index: number) => string | undefined): RowAnchor | null {
    if (!this.scrolled) return null;
    const index = Math.floor(this.#scrollTop / this.#rowHeight);
    const key = keyAt(index);
    return key === undefined ? null : { key, offset: this.#scrollTop - index * this.#rowHeight };
  }

  /**
   * Puts the anchored row back at the top of the view after the rows changed. Call it once the
   * spacer has its new height (after the host rendered), before the frame is painted.
   */
  restore(anchor: RowAnchor | null, indexOf: (key: string) => number): void {
    if (!anchor || !this.#scroller) return;
    const index = indexOf(anchor.key);
    if (index < 0) return;
    const top = index * this.#rowHeight + anchor.offset;
    if (Math.abs(top - this.#scrollTop) < 1) return;
    this.#scroller.scrollTop = top;
    this.#scrollTop = this.#scroller.scrollTop;
    this.#changed();
  }

  /** Scrolls so that row `index` is in view (`nearest`: only as far as needed). */
  scrollToIndex(index: number, block: 'nearest' | 'center' | 'start' = 'nearest'): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const top = this.top(index);
    const bottom = top + this.#rowHeight;
    let target = this.#scrollTop;
    if (block === 'start') target = top;
    else if (block === 'center') target = top - (this.#viewport - this.#rowHeight) / 2;
    else if (top < this.#scrollTop) target = top;
    else if (bottom > this.#scrollTop + this.#viewport) target = bottom - this.#viewport;
    target = Math.max(0, target);
    if (Math.abs(target - this.#scrollTop) < 1) return;
    scroller.scrollTop = target;
    this.#scrollTop = scroller.scrollTop;
    this.#changed();
  }

  /** The rows changed: recomputes what is in view and (next frame) tells `onVisible`, even when the indices are the same. */
  refresh(): void {
    this.#changed(true);
  }

  hostConnected(): void {
    if (this.#scroller && !this.#resize) {
      const scroller = this.#scroller;
      this.#scroller = null;
      this.attach(scroller);
    }
  }

  hostDisconnected(): void {
    const scroller = this.#scroller;
    this.#detach();
    // Kept, so that reconnecting the host (a move in the page) follows it again.
    this.#scroller = scroller;
  }

  #detach(): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#resize?.disconnect();
    this.#resize = null;
    this.#rowObserver?.disconnect();
    this.#rowObserver = null;
    this.#observed = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    cancelAnimationFrame(this.#shownFrame);
    this.#shownFrame = 0;
    this.#scroller = null;
  }

  #onScroll = (): void => {
    if (!this.#scroller) return;
    this.#scrollTop = this.#scroller.scrollTop;
    this.#changed();
  };

  #range(count: number): [number, number] {
    const first = Math.min(count - 1, Math.max(0, Math.floor(this.#scrollTop / this.#rowHeight)));
    const last = Math.min(
      count - 1,
      Math.max(first, Math.ceil((this.#scrollTop + this.#viewport) / this.#rowHeight) - 1),
    );
    return [first, last];
  }

  /** The view moved or resized: render the rows now in range, and tell once a frame who is in view. */
  #changed(rowsChanged = false): void {
    const count = this.#options.count();
    const visible: [number, number] = count ? this.#range(count) : [0, -1];
    if (!rowsChanged && visible[0] === this.#visible[0] && visible[1] === this.#visible[1]) return;
    this.#visible = visible;
    this.#host.requestUpdate();
    if (!this.#frame && this.#options.onVisible) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#options.onVisible?.(this.#visible[0], this.#visible[1]);
      });
    }
  }
}
