/**
 * Which histories `<session-list>` asks `client.histories` for: those of the rows in and near view
 * whose titles only a history can give, in view first; a row that leaves that range releases its want.
 */
import type { HistoryLoader, HistoryTicket } from '../../client/history-loader.js';
import type { SessionActivityTracker } from '../../model/session-activity.js';
import type { SessionRow } from '../../model/session-tree.js';
import type { RowWindowController } from '../../controllers/row-window.js';

/** The rows in view must stay this long before their histories are asked for (a fling passes by). */
const WANT_SETTLE_MS = 150;

export interface HistoryWantsHost {
  /** The source's loader and activity (none: nothing is asked for). */
  source(): { readonly histories?: HistoryLoader; readonly activity?: SessionActivityTracker } | null;
  rows(): readonly SessionRow[];
}

export class HistoryWants {
  #wants = new Map<string, HistoryTicket>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wantedOnce = false;

  constructor(
    private readonly host: HistoryWantsHost,
    private readonly window: RowWindowController,
  ) {}

  /** The rows in view changed: asks again, at once the first time, else once they hold still. */
  schedule(): void {
    if (!this.host.source()?.histories) return;
    clearTimeout(this.#timer);
    if (!this.#wantedOnce) {
      this.#wantedOnce = true;
      this.#update();
      return;
    }
    this.#timer = setTimeout(() => this.#update(), WANT_SETTLE_MS);
  }

  /** Releases every want (the source is let go). */
  release(): void {
    for (const ticket of this.#wants.values()) ticket.release();
    this.#wants.clear();
  }

  /** Cancels a scheduled update (the element left the page). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #update(): void {
    this.#timer = undefined;
    const data = this.host.source();
    const histories = data?.histories;
    const tracker = data?.activity;
    if (!histories || !tracker) return;
    const rows = this.host.rows();
    const [first, last] = this.window.visible;
    const near = this.window.pageSize;
    const wanted = new Map<string, number>();
    for (let i = Math.max(0, first - near); i <= Math.min(rows.length - 1, last + near); i++) {
      const id = rows[i].id;
      if (tracker.needsHistory(id)) wanted.set(id, i >= first && i <= last ? 0 : 1);
    }
    for (const [id, ticket] of this.#wants) {
      if (!wanted.has(id)) {
        ticket.release();
        this.#wants.delete(id);
      }
    }
    for (const [id, priority] of wanted) {
      const ticket = this.#wants.get(id);
      if (ticket) ticket.setPriority(priority);
      else {
        this.#wants.set(
          id,
          histories.want(id, {
            priority,
            onLoad: () => this.#wants.delete(id),
            onError: () => this.#wants.delete(id),
          }),
        );
      }
    }
  }
}
