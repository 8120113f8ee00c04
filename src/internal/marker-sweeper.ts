/**
 * lit-html 3.3's `removePart()` leaves the removed part's end marker (an empty comment) in the DOM
 * (lit/lit#5298): every row that a keyed `repeat()` removes leaves one comment in its container.
 * Where rows come and go all day (a virtualized list replaces each rendered row on every jump of a
 * fast scroll; a chat replaces its bubbles per session) the container fills with thousands of
 * them, and every walk over its children gets slower. This removes them as they are left.
 *
 * Contract: the container's rows are `repeat()` items whose templates hold no comment at their top
 * level (a single element, say; an expression's marker is not empty, so `${…}` inside is fine,
 * but not a nested list at the top). A no-op once lit-html removes its end markers itself.
 */

const isEmptyComment = (node: Node | null): node is Comment =>
  node !== null && node.nodeType === Node.COMMENT_NODE && (node as Comment).data === '';

export class MarkerSweeper {
  private readonly _observer: MutationObserver;

  /** `onRemoved` is told of every element removed from the container (not of one moved in it). */
  constructor(
    private readonly _container: Node,
    private readonly _onRemoved?: (element: Element) => void,
  ) {
    this._observer = new MutationObserver((records) => this._handle(records));
    this._observer.observe(_container, { childList: true });
  }

  /**
   * Handles what changed so far, now (call it right after the rows were rendered, before anything
   * walks them); what it is not called for is handled at the end of the task.
   */
  sweep(): void {
    this._handle(this._observer.takeRecords());
  }

  private _handle(records: MutationRecord[]): void {
    for (const record of records) {
      for (const node of record.removedNodes) {
        // Still (or again) in the document: moved, not removed.
        if (node.parentNode) continue;
        if (node.nodeType === Node.ELEMENT_NODE) {
          this._onRemoved?.(node as Element);
        } else if (isEmptyComment(node)) {
          // A part's start marker goes last, after its content: what followed it then is the
          // part's end marker. Still here, it was left behind (a part that moved keeps its start
          // marker in the document; a fixed lit-html removes the end marker as well).
          const end = record.nextSibling;
          if (isEmptyComment(end) && end.parentNode === this._container) end.remove();
        }
      }
    }
    // Our own removals need no second look.
    this._observer.takeRecords();
  }
}
