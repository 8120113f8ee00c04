import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

// The package does not export its layout types: derived from the flow layout.
type LayoutHostSink = ConstructorParameters<typeof FlowLayout>[0];
type BaseLayoutConfig = NonNullable<ConstructorParameters<typeof FlowLayout>[1]>;
type PinOptions = NonNullable<FlowLayout['pin']>;

/**
 * Rendered beyond each edge of the viewport (px). A range of all-new rows (the first rows, a live
 * burst's, each jump of a fast scroll) renders no margin; a scroll that moves within rendered rows
 * again (a fling slowing down) gets the small one at once; after QUIET_FRAMES frames without new
 * rows or scrolling the margin grows, a step per frame, to the flow layout's default (1000), so
 * that a still list has rows ready around it.
 */
const OVERHANG_SMALL = 200;
const OVERHANG_IDLE = 1000;
const OVERHANG_STEP = 300;
const QUIET_FRAMES = 2;
/** Height (px) assumed for rows not measured yet, before any is: a typical collapsed card. */
const ROW_ESTIMATE = 64;
/** The virtualizer's cap on its sizer's height (px). */
const MAX_SCROLL_SIZE = 8_200_000;

/** Keeps the last row's end at the bottom of the viewport, whatever the row count becomes. */
export const PIN_END: PinOptions = { index: Number.MAX_SAFE_INTEGER, block: 'end' };

export interface TimelineLayoutConfig extends BaseLayoutConfig {
  /** Called with the layout when the virtualizer creates it (the timeline pins and unpins it). */
  onCreate?: (layout: TimelineLayout) => void;
  /** True while the host has more rows coming (a live burst): the margin does not grow then. */
  busy?: () => boolean;
  /**
   * False while the host is out of the document: the margin does not grow then. (A detached
   * layout still reflows, and each reflow without rows in view restarts from no margin: growing it
   * asked for a frame forever, keeping a removed timeline alive.)
   */
  active?: () => boolean;
}

/**
 * The virtualizer's flow layout, tuned for the timeline:
 * - no overhang while rows are all new (the first rows, a live burst's, each jump of a fast scroll:
 *   the default re-created ~60 cards per frame, the small one ~16 where ~10 are in view), the small
 *   one once a scroll moves within rendered rows again, the default once the list holds still;
 * - rows not measured yet start from a typical card's height instead of 100 px;
 * - pinned to `PIN_END` (following), every reflow ends at the bottom of the list, in the same
 *   pass that added or measured rows.
 */
export class TimelineLayout extends FlowLayout {
  constructor(sink: LayoutHostSink, config?: TimelineLayoutConfig) {
    super(sink, config);
    this._overhang = OVERHANG_SMALL;
    this._itemSize = { width: 100, height: ROW_ESTIMATE };
    this._busy = config?.busy;
    this._active = config?.active;
    config?.onCreate?.(this);
  }

  private _busy: (() => boolean) | undefined;
  private _active: (() => boolean) | undefined;

  /** Growing the margin is for rows in view of an attached list (an empty one has no margin to fill). */
  private _canWiden(): boolean {
    return this._first >= 0 && this._active?.() !== false;
  }

  override _getActiveItems(): void {
    const top = this._scrollPosition;
    const bottom = top + this._viewDim1;
    // The list scrolled since the last pass (while following, moving to the end is no scroll).
    const scrolled = this._pin === null && Math.abs(top - this._seenTop) > 1;
    if (this._first < 0 || this._physicalMax < top || this._physicalMin > bottom) {
      // Nothing rendered overlaps the viewport (the first rows, a jump, a followed burst): every
      // row will be new, so render only what is in view. A margin would be wasted work: the next
      // jump of a fast scroll lands beyond it, and rows above a followed burst scroll away before
      // a frame needs them. And start afresh: the flow layout keeps its anchor row until a range
      // holds still, and during a fast scroll none does, so each jump was "corrected" back toward
      // the anchor of an earlier one (scroll corrections of thousands of px, a forced layout each).
      this._overhang = 0;
      this._clearItems();
      this._resetReflowState();
    } else if (scrolled && this._overhang < OVERHANG_SMALL) {
      // Scrolling within rendered rows (a fling slowing down, a wheel): rows ready beyond the
      // edges now, not only once the list holds still.
      this._overhang = OVERHANG_SMALL;
    }
    super._getActiveItems();
    // Activity (new rows, a scroll; not rows being measured) postpones growing the margin.
    const active = scrolled || this.items !== this._seenItems;
    this._seenItems = this.items;
    this._seenTop = top;
    if (active) this._quietFrames = 0;
    if (this._overhang < OVERHANG_IDLE) this._widenWhenQuiet();
  }

  private _seenItems: unknown[] = [];
  private _seenTop = 0;

  private _quietFrames = 0;
  private _widenFrame = 0;

  private _widenWhenQuiet(): void {
    if (this._widenFrame || !this._canWiden()) return;
    const tick = () => {
      this._widenFrame = 0;
      if (!this._canWiden()) return;
      // Rows streaming in: growing the margin now would add its rows to the frames of the burst.
      if (this._busy?.()) this._quietFrames = 0;
      if (++this._quietFrames >= QUIET_FRAMES) {
        // A step per frame: rendering the whole margin at once would make one long frame.
        this._overhang = Math.min(OVERHANG_IDLE, this._overhang + OVERHANG_STEP);
        this._triggerReflow();
      }
      if (this._overhang < OVERHANG_IDLE) this._widenFrame = requestAnimationFrame(tick);
    };
    this._widenFrame = requestAnimationFrame(tick);
  }

  /**
   * Follows the end of the list (pinned to `PIN_END`), or stops where the list is now. Stopping
   * changes no position, so it asks for no reflow (one now would still see the scroll position of
   * before the user's scroll, and "correct" the list back toward it); it drops the anchor row the
   * pin chose: the next reflow anchors on what is in view.
   */
  follow(on: boolean): void {
    if (on) this.pin = PIN_END;
    else if (this._pin !== null) {
      this._pin = null;
      this._resetReflowState();
    }
  }

  /**
   * Pinned to the end: the bottom of the list, from the size this reflow is about to give it (the
   * default reads the last row's position from the previous reflow, and clamps to the DOM's current
   * height: both lag a pass behind when rows were added or measured).
   */
  protected override _setPositionFromPin(): void {
    if (this._pin !== PIN_END) return super._setPositionFromPin();
    const previous = this._scrollPosition;
    this._scrollPosition = Math.max(0, Math.min(this._scrollSize, MAX_SCROLL_SIZE) - this.viewportSize.height);
    this._scrollError = previous - this._scrollPosition;
  }
}
