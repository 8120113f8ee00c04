/**
 * Repairs for @lit-labs/virtualizer 2.1, for costs that grow with the rows that come and go (a fast
 * scroll replaces every rendered row each frame). With `MarkerSweeper` (src/pieces), which
 * removes the markers lit-html leaves behind in the list:
 *
 * - @lit-labs/virtualizer 2.1 observes each rendered row with its ResizeObserver and never
 *   unobserves it (lit/lit#5363): each row is measured once more (as 0×0, with a relayout) after
 *   it left, and where an observer holds its targets strongly, every row ever rendered stays alive.
 * - The virtualizer's `_positionChildren` reads `this._children`, a fresh walk of the host's
 *   children, once per positioned row: quadratic in the rows rendered.
 *
 * Each repair is a no-op once its bug is fixed upstream (the virtualizer is pinned to 2.1.x; its
 * members used here are covered by the timeline's tests).
 */

interface VirtualizerInternals {
  _children: HTMLElement[];
  _childrenRO: ResizeObserver | null;
  _positionChildren(pos: unknown): void;
}

const patched = new WeakSet<object>();

/** Makes one positioning pass of the virtualizer walk its children once (they do not change during it). */
export function positionChildrenInOneWalk(virtualizer: object | undefined): void {
  if (!virtualizer || patched.has(virtualizer)) return;
  patched.add(virtualizer);
  const v = virtualizer as VirtualizerInternals;
  const position = v._positionChildren;
  if (typeof position !== 'function') return;
  v._positionChildren = function (this: VirtualizerInternals, pos: unknown) {
    Object.defineProperty(this, '_children', { value: this._children, configurable: true });
    try {
      position.call(this, pos);
    } finally {
      delete (this as Partial<VirtualizerInternals>)._children;
    }
  };
}

/**
 * What to tell the virtualizer of a row that left the DOM: it stops observing it. (2.1 observes
 * each rendered row and never lets go.)
 */
export function forgetRemovedRows(virtualizer: () => object | undefined): (row: Element) => void {
  return (row) => (virtualizer() as Partial<VirtualizerInternals> | undefined)?._childrenRO?.unobserve(row);
}
