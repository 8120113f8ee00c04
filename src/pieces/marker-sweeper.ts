/**
 * lit-html 3.3's `removePart()` leaves the removed part's end marker (an empty comment) in the DOM
 * (lit/lit#5298): every row that a keyed `repeat()` removes leaves one comment in its container.
 * Where rows come and go all day (a virtualized list replaces each rendered row on every jump of a
 * fast scroll; a chat replaces its bubbles per session) the container fills with thousands of
 * them, and every walk over its children gets slower. This removes them as they are left.
 *
 * Contract: the container's rows are `repeat()` items whose templates hold no comment at their top
 * level (a single element, say; an expression's marker is not empty, so `${…}` inside is fine,
 * but not a nested list at the top). Rows with no content at all leave their marker (too rare to
 * tell apart safely). A no-op once lit-html removes its end markers itself.
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
    // What was removed from between which two nodes: a removed part's content, from between its
    // start and end markers (`_$clear()` runs first, then the start marker goes).
    const between = new Map<Node, Set<Node>>();
    for (const { previousSibling, nextSibling, removedNodes } of records) {
      if (!removedNodes.length || !previousSibling || !nextSibling) continue;
      let after = between.get(previousSibling);
      if (!after) between.set(previousSibling, (after = new Set()));
      after.add(nextSibling);
    }
    for (const record of records) {
      for (const node of record.removedNodes) {
        // Still (or again) in the document: moved, not removed.
        if (node.parentNode) continue;
        if (node.nodeType === Node.ELEMENT_NODE) {
          this._onRemoved?.(node as Element);
        } else if (isEmptyComment(node)) {
          // A start marker removed after the content between it and `end`: `end` is that part's
          // end marker, left behind. (A lit-html that removes a part front to back, markers and
          // all, leaves nothing, and removes no content from between a marker and the next
          // part's start marker: that one is never taken for a leftover.)
          const end = record.nextSibling;
          if (isEmptyComment(end) && end.parentNode === this._container && between.get(node)?.has(end)) end.remove();
        }
      }
    }
    // Our own removals need no second look.
    this._observer.takeRecords();
  }
}
