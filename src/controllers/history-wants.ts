/**
 * Which histories a virtualized list of sessions asks `client.histories` for: those of the rows in
 * and near view that still need one, in view first. A row that leaves that range releases its want.
 * Shared by `<session-list>` (titles) and `<run-swimlanes>` (runs).
 */
import type { HistoryLoader, HistoryResult, HistoryTicket } from '../client/history-loader.js';
import type { RowWindowController } from './row-window.js';

/** The rows in view must stay this long before their histories are asked for (a fling passes by). */
const WANT_SETTLE_MS = 150;

export interface HistoryWantsOptions {
  /** The loader (none: nothing is asked for). */
  histories(): HistoryLoader | undefined;
  rows(): readonly { id: string }[];
  /** Whether row `id` still needs its history. */
  needs(id: string): boolean;
  /** What the answer to a want made now goes to (read when the want is made). */
  answer?(id: string): { onLoad(result: HistoryResult): void; onError(): void };
}

export class HistoryWants {
  #wants = new Map<string, HistoryTicket>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wantedOnce = false;

  constructor(
    private readonly options: HistoryWantsOptions,
    private readonly window: RowWindowController,
  ) {}

  /** The rows in view changed: asks again, at once the first time, else once they hold still. */
  schedule(): void {
    if (!this.options.histories()) return;
    clearTimeout(this.#timer);
    if (!this.#wantedOnce) {
      this.#wantedOnce = true;
      // After the render under way: the rows in view are known then.
      queueMicrotask(() => this.#update());
      return;
    }
    this.#timer = setTimeout(() => this.#update(), WANT_SETTLE_MS);
  }

  /** Releases every want (the source is let go, or its lanes are to be read again). */
  release(): void {
    for (const ticket of this.#wants.values()) ticket.release();
    this.#wants.clear();
  }

  /** Releases every want, cancels what was scheduled, and asks at once next time (a new source). */
  reset(): void {
    this.release();
    this.cancel();
    this.#wantedOnce = false;
  }

  /** Cancels a scheduled update (the element left the page). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #update(): void {
    this.#timer = undefined;
    const histories = this.options.histories();
    if (!histories) return;
    const rows = this.options.rows();
    const [first, last] = this.window.visible;
    const near = this.window.pageSize;
    const wanted = new Map<string, number>();
    for (let i = Math.max(0, first - near); i <= Math.min(rows.length - 1, last + near); i++) {
      const id = rows[i].id;
      if (this.options.needs(id)) wanted.set(id, i >= first && i <= last ? 0 : 1);
    }
    for (const [id, ticket] of this.#wants) {
      if (!wanted.has(id)) {
        ticket.release();
        this.#wants.delete(id);
      }
    }
    for (const [id, priority] of wanted) {
      const ticket = this.#wants.get(id);
      if (ticket) {
        ticket.setPriority(priority);
        continue;
      }
      const answer = this.options.answer?.(id);
      this.#wants.set(
        id,
        histories.want(id, {
          priority,
          onLoad: (result) => {
            this.#wants.delete(id);
            answer?.onLoad(result);
          },
          onError: () => {
            this.#wants.delete(id);
            answer?.onError();
          },
        }),
      );
    }
  }
}
