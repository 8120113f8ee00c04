/**
 * Where `<run-swimlanes>` gets its lanes: the sessions (a client's, or the page's own), every live
 * event folded into `RunLanes`, the histories of the lanes in and near view from the client's
 * shared loader, and the lanes' order (`<session-list>`'s tree).
 */
import type { CoordinatorEvent, Session } from '../../types/model.js';
import type { CoordinatorClientApi } from '../../client/types.js';
import type { HistoryLoader } from '../../client/history-loader.js';
import { LocalSessions } from '../../client/local-sessions.js';
import { toCoordinatorEvents } from '../../model/normalize.js';
import { RunLanes, type LaneRun } from '../../model/run-lanes.js';
import type { SessionActivityTracker } from '../../model/session-activity.js';
import { buildSessionTree, type SessionTree } from '../../model/session-tree.js';
import { HistoryWants } from '../../controllers/history-wants.js';
import type { RowWindowController } from '../../controllers/row-window.js';
import type { Strings } from '../../i18n/strings.js';
import { displayTitle } from '../session-list/session-row.js';

/** What the lanes read their sessions from: a coordinator's client, or the page's own sessions. */
export interface SessionsSource {
  readonly sessions: readonly Session[];
  readonly activity?: SessionActivityTracker;
  readonly histories?: HistoryLoader;
  on(type: 'sessions', listener: (sessions: readonly Session[]) => void): () => void;
  on(type: 'activity', listener: (ids: ReadonlySet<string>) => void): () => void;
}

export const EMPTY_TREE: SessionTree = {
  rows: [],
  index: new Map(),
  counts: { running: 0, idle: 0, failed: 0, stopped: 0, other: 0 },
  matched: 0,
  total: 0,
  parentOf: () => undefined,
};
/** Lanes reorder by activity at most this often, so that they hold still enough to read. */
const ORDER_MS = 1000;

export interface LaneSourceHost {
  /** Something changed that the next frame should draw. */
  changed(): void;
  strings(): Strings;
}

/** The session a page's event belongs to (wire or normalized), without normalizing it. */
function sessionOf(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as { session_id?: unknown; sessionId?: unknown };
  const id = e.session_id ?? e.sessionId;
  return typeof id === 'string' ? id : null;
}

/**
 * A page's events are grouped by session when given and folded lane by lane: the lanes in view at
 * once, the others in slices when the page is idle (`pending`/`step`, for `IdleWorkController`), so
 * the first lanes do not wait for every session's events.
 */
export class LaneSource {
  readonly local = new LocalSessions();
  hostData = false;
  data: SessionsSource | null = null;
  lanes = new RunLanes();
  received = false;
  tree: SessionTree = EMPTY_TREE;
  #byId = new Map<string, Session>();
  /** The sessions the map was made from (a new list is a new array). */
  #byIdOf: readonly Session[] | null = null;
  #listed = new Set<string>();
  /** Parents whose children are hidden. */
  readonly collapsed = new Set<string>();
  structural = true;
  #orderStale = false;
  #lastBuild = -Infinity;
  #off: (() => void)[] = [];
  #runs = new Map<string, { version: number; session: Session | undefined; runs: LaneRun[] }>();
  readonly #wants: HistoryWants;
  #events: readonly unknown[] = [];
  /** The page's events not folded yet, by session. */
  #raw = new Map<string, unknown[]>();
  /** Sessions whose page events were folded (a lane merely listed holds none yet). */
  #folded = new Set<string>();

  constructor(
    private readonly host: LaneSourceHost,
    private readonly window: RowWindowController,
  ) {
    this.#wants = new HistoryWants(
      {
        histories: () => this.data?.histories,
        rows: () => this.tree.rows,
        needs: (id) => this.lanes.needsHistory(id) && this.lanes.get(id)?.history !== 'failed',
        answer: (id) => {
          // The lanes the want was made for: after a new source they are not the lanes shown.
          const lanes = this.lanes;
          const done = (apply: () => void) => {
            if (this.lanes !== lanes) return;
            apply();
            this.host.changed();
          };
          return {
            onLoad: (result) => done(() => lanes.history(id, result.events)),
            onError: () => done(() => lanes.failed(id)),
          };
        },
      },
      window,
    );
  }

  get events(): readonly unknown[] {
    return this.#events;
  }

  // The page's own data

  setSessions(value: readonly unknown[] | null | undefined): void {
    this.hostData = true;
    this.local.setSessions(Array.isArray(value) ? value : []);
    for (const s of this.local.sessions) this.lanes.followed(s.sessionId);
  }

  setEvents(value: readonly unknown[] | null | undefined): void {
    this.#events = Array.isArray(value) ? value : [];
    this.lanes = new RunLanes();
    this.#runs.clear();
    this.#raw.clear();
    this.#folded.clear();
    for (const s of this.local.sessions) this.lanes.followed(s.sessionId);
    this.appendEvents(this.#events);
  }

  appendEvents(events: readonly unknown[]): void {
    this.hostData = true;
    const loose: unknown[] = [];
    const touched = new Set<string>();
    for (const e of events) {
      const id = sessionOf(e);
      if (id === null) loose.push(e);
      else {
        let list = this.#raw.get(id);
        if (!list) this.#raw.set(id, (list = []));
        list.push(e);
        touched.add(id);
      }
    }
    // A lane folded already takes its new events now, so that what is drawn stays whole; the
    // others wait to be drawn or for the page to be idle.
    for (const id of touched) if (this.#folded.has(id)) this.#fold(id);
    if (loose.length) this.#ingest(toCoordinatorEvents(loose));
    this.host.changed();
  }

  /** Whether some of the page's events are not folded yet. */
  get pending(): boolean {
    return this.#raw.size > 0;
  }

  /** Folds the page's events of more lanes while `hasTime()`; true when none is left. */
  step(hasTime: () => boolean): boolean {
    for (const id of this.#raw.keys()) {
      if (!hasTime()) break;
      this.#fold(id);
    }
    this.host.changed();
    return this.#raw.size === 0;
  }

  #fold(id: string): void {
    const raw = this.#raw.get(id);
    if (!raw) return;
    this.#raw.delete(id);
    this.#folded.add(id);
    this.#ingest(toCoordinatorEvents(raw));
  }

  #ingest(events: CoordinatorEvent[]): void {
    const list = events.slice().sort((a, b) => a.time - b.time);
    this.local.appendEvents(list);
    for (const e of list) {
      this.lanes.followed(e.sessionId);
      this.lanes.live(e);
    }
  }

  // Binding

  bind(data: SessionsSource | null, client: CoordinatorClientApi | null): void {
    this.unbind();
    this.data = data;
    this.tree = EMPTY_TREE;
    this.#byId = new Map();
    this.#byIdOf = null;
    this.received = false;
    this.structural = true;
    this.#wants.reset();
    if (data !== this.local) {
      this.lanes = new RunLanes();
      this.#runs.clear();
    }
    if (!data) return;
    this.#off.push(
      data.on('sessions', () => {
        this.received = true;
        this.structural = true;
        this.host.changed();
      }),
      data.on('activity', (ids) => {
        // A reconnect: what was broadcast meanwhile is lost; lanes are read again as they come into view.
        if (ids.has('*') && data !== this.local) this.#resync();
        this.#orderStale = true;
        this.host.changed();
      }),
    );
    if (client && (data as unknown) === client) {
      this.#off.push(
        client.on('event', (event: CoordinatorEvent) => {
          this.lanes.live(event);
          this.host.changed();
        }),
      );
    }
    if (data.sessions.length) this.received = true;
  }

  unbind(): void {
    for (const off of this.#off) off();
    this.#off = [];
    this.#wants.reset();
    this.data = null;
  }

  #resync(): void {
    this.#wants.release();
    this.lanes.resync();
    this.data?.histories?.invalidate();
    this.scheduleWants();
  }

  // Lanes

  /** Whether the lanes should be built again now (sessions came or went; their order, at most once a second). */
  get stale(): boolean {
    return this.structural || (this.#orderStale && performance.now() - this.#lastBuild >= ORDER_MS);
  }

  rebuild(): void {
    const data = this.data;
    const sessions = data?.sessions ?? [];
    // A session listed after the first list may still have a past (a coordinator restored it): every
    // lane from a coordinator reads its history once, when it comes into view.
    const byId = this.byId;
    // Sessions listed at the last build and gone now were deleted (a lane with events of a session
    // not listed yet stays: its `session_created` may come after them).
    for (const id of this.#listed) if (!byId.has(id)) this.lanes.delete(id);
    this.#listed = new Set(byId.keys());
    const tracker = data?.activity ?? null;
    const s = this.host.strings();
    const win = this.window;
    const anchor = win.anchor((i) => this.tree.rows[i]?.id);
    this.tree = buildSessionTree(sessions, {
      sort: 'activity',
      titleOf: (session) => displayTitle(session, tracker?.get(session.sessionId) ?? null, s),
      activityOf: (session) => tracker?.lastActivityOf(session) ?? -Infinity,
      expanded: (id) => !this.collapsed.has(id),
    });
    this.structural = false;
    this.#orderStale = false;
    this.#lastBuild = performance.now();
    win.restore(anchor, (key) => this.tree.index.get(key) ?? -1);
    win.refresh();
    this.scheduleWants();
  }

  /** The sessions by id, as listed now (made again when the list changed, not only at a rebuild). */
  get byId(): ReadonlyMap<string, Session> {
    const sessions = this.data?.sessions ?? [];
    if (sessions !== this.#byIdOf) {
      this.#byIdOf = sessions;
      this.#byId = new Map(sessions.map((s) => [s.sessionId, s]));
    }
    return this.#byId;
  }

  toggle(id: string): void {
    if (this.collapsed.has(id)) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.structural = true;
  }

  /** A lane's runs, made again only when its fold or its session changed. */
  runs(id: string): LaneRun[] {
    this.#fold(id);
    const lane = this.lanes.get(id);
    if (!lane) return [];
    const session = this.byId.get(id);
    const hit = this.#runs.get(id);
    if (hit && hit.version === lane.fold.version && hit.session === session) return hit.runs;
    const runs = lane.fold.runs(session);
    this.#runs.set(id, { version: lane.fold.version, session, runs });
    return runs;
  }

  title(id: string): string {
    this.#fold(id);
    const session = this.byId.get(id);
    return session ? displayTitle(session, this.data?.activity?.get(id) ?? null, this.host.strings()) : id;
  }

  // Histories of the lanes in and near view

  scheduleWants(): void {
    this.#wants.schedule();
  }
}
