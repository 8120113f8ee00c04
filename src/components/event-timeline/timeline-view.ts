/**
 * What the reader changed of the timeline's view: runs collapsed, cards expanded ("Expand all" and
 * the exceptions to it), and the list's pointer and keyboard input (Enter/Space/←/→ on runs and
 * cards, `n`/`N` next/previous match, `e`/`E` next/previous error, the rest to roving focus).
 * `onRowsChange` tells the timeline to build its rows again (runs collapsed or expanded).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CoordinatorEvent } from '../../types/model.js';
import type { RovingFocusController } from '../../controllers/roving-focus.js';
import { isEventRow, isRunRow, rowKey, type Row } from './timeline-model.js';

export class TimelineView implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onRowsChange: () => void;
  #collapsed: ReadonlySet<number> = new Set();
  #expandAll = false;
  /** Cards whose state differs from `expandAll`. */
  #exceptions: ReadonlySet<string> = new Set();

  constructor(host: ReactiveControllerHost, onRowsChange: () => void) {
    this.#host = host;
    this.#onRowsChange = onRowsChange;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The collapsed runs' indexes. */
  get collapsed(): ReadonlySet<number> {
    return this.#collapsed;
  }

  isExpanded(key: string): boolean {
    return this.#expandAll !== this.#exceptions.has(key);
  }

  /** Expands or collapses one card. */
  setExpanded(key: string, expanded: boolean): void {
    if (expanded === this.isExpanded(key)) return;
    const next = new Set(this.#exceptions);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.#exceptions = next;
    this.#host.requestUpdate();
  }

  /** Collapses run `index` (true), expands it (false), or toggles it. */
  setCollapsed(index: number, collapsed = !this.#collapsed.has(index)): void {
    if (collapsed === this.#collapsed.has(index)) return;
    const next = new Set(this.#collapsed);
    if (collapsed) next.add(index);
    else next.delete(index);
    this.#collapsed = next;
    this.#rowsChanged();
  }

  /** "Expand all" (every run too) / "Collapse all". */
  setAllExpanded(expanded: boolean): void {
    this.#expandAll = expanded;
    this.#exceptions = new Set();
    this.#host.requestUpdate();
    if (expanded && this.#collapsed.size) {
      this.#collapsed = new Set();
      this.#rowsChanged();
    }
  }

  /** Another session: nothing collapsed, no card expanded on its own. */
  reset(): void {
    this.#collapsed = new Set();
    this.#exceptions = new Set();
    this.#host.requestUpdate();
  }

  #rowsChanged(): void {
    this.#host.requestUpdate();
    this.#onRowsChange();
  }
}

export interface ListInputOptions {
  scroller(): HTMLElement;
  rows(): readonly Row[];
  indexOf(key: string): number;
  view: TimelineView;
  roving: RovingFocusController;
  /** The user clicked an event's card. */
  select(event: CoordinatorEvent): void;
  /** Next (1) or previous (-1) search match or error, focusing its row. */
  step(what: 'match' | 'error', direction: 1 | -1): void;
}

const STEPS: Record<string, ['match' | 'error', 1 | -1]> = {
  n: ['match', 1],
  N: ['match', -1],
  e: ['error', 1],
  E: ['error', -1],
};

/** The list's `keydown`, `click` and `focusin` listeners. */
export function listInput(o: ListInputOptions) {
  /** The row (a direct child of the list with a key) an event went through, if any. */
  const rowOf = (path: EventTarget[]): HTMLElement | null => {
    const scroller = o.scroller();
    for (const node of path) {
      if (node === scroller) return null;
      if (node instanceof HTMLElement && node.parentElement === scroller && node.dataset.key !== undefined) return node;
    }
    return null;
  };
  return {
    onKeyDown: (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const path = e.composedPath();
      const row = rowOf(path);
      if (!(row !== null && path[0] === row) && path[0] !== o.scroller()) return;
      const index = row ? o.indexOf(row.dataset.key!) : -1;
      const item = index >= 0 ? o.rows()[index] : null;
      if (['Enter', ' ', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
        if (item && isRunRow(item)) {
          e.preventDefault();
          const want = e.key === 'ArrowLeft' ? true : e.key === 'ArrowRight' ? false : undefined;
          o.view.setCollapsed(item.index, want);
        } else if (item && row && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
          e.preventDefault();
          (row as HTMLElement & { toggle?: (force?: boolean) => void }).toggle?.(e.key === 'ArrowRight');
        }
        return;
      }
      const step = Object.hasOwn(STEPS, e.key) ? STEPS[e.key] : undefined;
      if (step) {
        e.preventDefault();
        o.step(...step);
        return;
      }
      o.roving.handleKey(e, index);
    },
    onClick: (e: MouseEvent) => {
      const row = rowOf(e.composedPath());
      const item = row ? o.rows()[o.indexOf(row.dataset.key!)] : undefined;
      if (!item) return;
      o.roving.setActive(rowKey(item));
      if (isEventRow(item)) o.select(item);
    },
    onFocusIn: (e: FocusEvent) => {
      const row = rowOf(e.composedPath());
      if (row) o.roving.setActive(row.dataset.key!);
    },
  };
}
