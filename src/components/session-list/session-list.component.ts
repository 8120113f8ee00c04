import { html, nothing, type PropertyValues } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectionState, Session } from '../../types/model.js';
import type { CoordinatorClientApi, TokenProvider } from '../../client/types.js';
import type { HistoryLoader } from '../../client/history-loader.js';
import { LocalSessions } from '../../client/local-sessions.js';
import { SessionActivityTracker } from '../../model/session-activity.js';
import {
  buildSessionTree,
  type SessionRow,
  type SessionSort,
  type SessionTree,
  type StatusGroup,
} from '../../model/session-tree.js';
import { busyStateOf } from '../../model/busy.js';
import { AnnouncerController } from '../../controllers/announcer.js';
import { CoordinatorSourceController, connectionOf } from '../../controllers/coordinator-source.js';
import { CountdownController } from '../../controllers/countdown.js';
import { FlushScheduler } from '../../controllers/flush-scheduler.js';
import { RovingFocusController } from '../../controllers/roving-focus.js';
import { RowWindowController } from '../../controllers/row-window.js';
import type { PartialStrings } from '../../i18n/translations.js';
import { CeElement } from '../../pieces/base-element.js';
import { connectionText, isAnnounced } from '../../pieces/connection-status.js';
import { MarkerSweeper } from '../../pieces/marker-sweeper.js';
import { CeSessionRow, SPARKLINE_MINUTES, displayTitle } from './session-row.js';
import {
  listStateOf,
  renderConfirm,
  renderMenu,
  renderState,
  renderToolbar,
  shorten,
} from './session-list-controls.js';
import { SessionActions } from './session-actions.js';
import { HistoryWants } from '../../controllers/history-wants.js';
import { sessionListStyles } from './session-list.styles.js';
import type { SessionListEventMap } from './session-list.events.js';

/** What the list reads its sessions from: a coordinator's client, or the page's own sessions. */
interface SessionsSource {
  readonly sessions: readonly Session[];
  readonly activity?: SessionActivityTracker;
  readonly histories?: HistoryLoader;
  on(type: 'sessions', listener: (sessions: readonly Session[]) => void): () => void;
  on(type: 'activity', listener: (ids: ReadonlySet<string>) => void): () => void;
}

const EMPTY_TREE: SessionTree = {
  rows: [],
  index: new Map(),
  counts: { running: 0, idle: 0, failed: 0, stopped: 0, other: 0 },
  matched: 0,
  total: 0,
  parentOf: () => undefined,
};
const NO_SESSIONS: readonly Session[] = [];
/** For run timings from a session's own times when the source counts no activity (a fake client). */
const NO_ACTIVITY = new SessionActivityTracker();
/** Rows reorder (activity, status, titles) at most this often, so a list under a stream holds still enough to read. */
const ORDER_MS = 1000;
const SEARCH_ANNOUNCE_MS = 600;

/**
 * Every session of an Agent Coordinator, live, as a tree: child sessions under their parent
 * (`parent_session_id`), with each session's title (its first prompt), status, times, run and
 * error counts and a chart of its activity over the last 15 minutes. For dashboards, and for pages
 * that let people pick a session.
 *
 * Two ways to feed it:
 * - `src` (+ `token` or `tokenProvider`, optional `api-base`), or a shared `client`: it follows the
 *   coordinator's stream. Titles come from the stream, or from each session's history, fetched
 *   only for rows in or near view, a few at a time, cached by the client for the whole page.
 * - no `src`/`client`: the page sets `sessions` (wire or normalized) and may add events with
 *   `appendEvents()` (counted for titles and activity, not kept).
 *
 * Keyboard (an ARIA tree): ArrowUp/ArrowDown move, ArrowRight expands or goes to the first child,
 * ArrowLeft collapses or goes to the parent, Home/End, PageUp/PageDown, typing jumps to a title,
 * `*` expands the siblings, Enter or Space select; with `actions`, Shift+F10 or the context-menu
 * key open the row's actions.
 *
 * @summary Every session of a coordinator, live, as a tree: titles, status, activity; pick one.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`, `de-CH`). Absent: inherited from the nearest ancestor with `lang` (across shadow roots), e.g. `<html lang>`. Words come from the registered translations (English built in, `coordinator-elements/locales/de.js`), falling back to English.
 *
 * @fires {CustomEvent<SessionSelectDetail>} ce-session-select - The user picked a session (click, Enter or Space on its row); `detail: { sessionId }`.
 * @fires {CustomEvent<SessionActionDetail>} ce-session-action - A stop or delete the user confirmed was answered; `detail: { sessionId, action, ok, status, message }`.
 * @fires {CustomEvent<ConnectionState>} ce-connection-change - The connection state changed; `detail` is the `ConnectionState`.
 *
 * @csspart base - The element's frame: its toolbar and content, laid out whatever `display` the page gives the element.
 * @csspart toolbar - The bar with search, sort, status filters, count and connection state.
 * @csspart search - The search box.
 * @csspart search-input - The search input.
 * @csspart sort - The sort control (label and select).
 * @csspart sort-select - The sort `<select>`.
 * @csspart filters - The group of status filter chips.
 * @csspart filter-chip - One status filter chip (label and count).
 * @csspart count - The "N of M sessions" text.
 * @csspart connection - The connection indicator.
 * @csspart connection-retry - "Retry now", shown while waiting to reconnect.
 * @csspart connection-details - "Details" of a long or HTML message from the coordinator (its whole text, on demand).
 * @csspart notice - A notice above the rows (e.g. the credentials were refused while sessions are shown).
 * @csspart list - The scrolling tree.
 * @csspart row - A session's row (`data-status`, `[aria-selected]`, `[context]` for an ancestor shown only for what matches below it).
 * @csspart toggle - A row's expand/collapse arrow.
 * @csspart title - A row's title.
 * @csspart busy-children - "1 running" on a collapsed parent.
 * @csspart sparkline - A row's activity chart.
 * @csspart meta - A row's second line.
 * @csspart agent - The agent's name.
 * @csspart status - The status badge (`data-status`).
 * @csspart created - "created 3 minutes ago".
 * @csspart last-activity - "active 1 minute ago".
 * @csspart duration - The duration of the current or last run.
 * @csspart runs - The run count.
 * @csspart errors - The error count.
 * @csspart children - The count of sub-sessions.
 * @csspart actions-button - A row's actions button (with `actions`).
 * @csspart menu - The actions menu.
 * @csspart menu-item - An item of the actions menu.
 * @csspart confirm - The confirmation dialog of an action.
 * @csspart confirm-ok - Its confirming button.
 * @csspart confirm-cancel - Its cancel button.
 * @csspart confirm-error - Why the action failed.
 * @csspart state - What an empty list says (connecting, no sessions, unreachable, refused, nothing matches).
 * @csspart clear-filters - "Clear filters" when nothing matches.
 * @csspart icon - Every icon.
 *
 * @cssprop --ce-session-list-height - Default height (32rem); setting `height` on the element works too.
 * @cssprop --ce-session-indent - Indent per tree level (default 16px).
 * @cssprop --ce-color-bg - Background.
 * @cssprop --ce-color-surface - Toolbar and menu background.
 * @cssprop --ce-color-surface-muted - Chips, badges and the selected row's background.
 * @cssprop --ce-color-surface-hover - Hovered rows and buttons.
 * @cssprop --ce-color-border - Borders.
 * @cssprop --ce-color-text - Text.
 * @cssprop --ce-color-text-muted - Secondary text.
 * @cssprop --ce-color-focus - Focus ring and the selected row's accent.
 * @cssprop --ce-color-highlight - Background of text a page highlights in the element with the CSS Custom Highlight API under the name `ce-search-match`.
 * @cssprop --ce-color-highlight-current - The same for the name `ce-search-current`.
 * @cssprop --ce-color-live - Live indicator and running sessions.
 * @cssprop --ce-color-link - Link buttons.
 * @cssprop --ce-color-error - Errors and failed sessions.
 * @cssprop --ce-color-error-bg - Background of errors.
 * @cssprop --ce-color-success - Idle and finished sessions.
 * @cssprop --ce-color-warning - Stopped sessions, reconnecting.
 * @cssprop --ce-color-accent-tool - Tool calls in the activity chart.
 * @cssprop --ce-color-accent-assistant - Messages in the activity chart.
 * @cssprop --ce-shadow - Shadow of the menu and the dialog.
 * @cssprop --ce-font-family - UI font.
 * @cssprop --ce-font-size - Base font size (default 14px).
 * @cssprop --ce-font-size-small - Small text: the second line, chips, count (default 12px).
 * @cssprop --ce-line-height - Line height (default 1.45).
 * @cssprop --ce-radius - Corner radius (default 8px).
 * @cssprop --ce-radius-small - Corner radius of the search box, chips and buttons (default 4px).
 * @cssprop --ce-border-width - Border width (default 1px).
 * @cssprop --ce-accent-width - Width of the selected row's accent (default 3px).
 * @cssprop --ce-focus-ring-width - Width of focus rings (default 2px).
 * @cssprop --ce-space-1 - Spacing scale, step 1 (default 2px).
 * @cssprop --ce-space-2 - Spacing scale, step 2 (default 4px).
 * @cssprop --ce-space-3 - Spacing scale, step 3 (default 8px).
 * @cssprop --ce-space-4 - Spacing scale, step 4 (default 12px); the horizontal padding.
 * @cssprop --ce-space-5 - Spacing scale, step 5 (default 16px); around a state's words and the dialog.
 * @cssprop --ce-transition-duration - Animations (0s under prefers-reduced-motion).
 * @cssprop --ce-color-scheme - `light`, `dark` or `light dark` (default: follow the OS); the `theme` attribute sets it.
 */
export class SessionList extends CeElement<SessionListEventMap> {
  static override dependencies = { 'ce-session-row': CeSessionRow };
  static override styles = sessionListStyles;

  /** The coordinator's SSE URL (`https://host/sse/sessions`). */
  @property() src: string | null = null;

  /** REST base; derived from `src` when absent. */
  @property({ attribute: 'api-base' }) apiBase: string | null = null;

  /** Auth token (sent as `Authorization: Bearer`). Prefer `tokenProvider` for expiring tokens. */
  @property() token: string | null = null;

  /** Called for a token before each connection/request. */
  @property({ attribute: false }) tokenProvider: TokenProvider | undefined;

  /** A client shared with other elements; takes precedence over `src`. */
  @property({ attribute: false }) client: CoordinatorClientApi | null = null;

  /** The selected session's id: set by a click, Enter or Space on a row, or by the page. */
  @property({ attribute: 'selected-session', reflect: true }) selectedSession: string | null = null;

  /** Shows a menu on each row to stop or delete its session (each confirmed). Off by default. */
  @property({ type: Boolean, reflect: true }) actions = false;

  /** The order of the rows: `activity` (most recent first, the default), `created` (newest first) or `title`. */
  @property({ reflect: true }) sort: SessionSort = 'activity';

  /** Accessible name of the tree (default "Sessions"). */
  @property() label: string | null = null;

  /** `dark` or `light` pins the colour scheme; absent follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'dark' | 'light' | undefined;

  /** Replaces some of the list's strings (merged over those of its language, see `lang`). */
  @property({ attribute: false }) strings: PartialStrings | null = null;

  protected override _ownStrings(): PartialStrings | null {
    return this.strings;
  }

  // Data

  private readonly _local = new LocalSessions();
  private _hostData = false;
  private readonly _source = new CoordinatorSourceController(this, () => ({ ...connectionOf(this), retain: true }), {
    onConnection: (state, previous) => this._onConnection(state, previous),
    onClient: () => this.requestUpdate(),
  });
  private _data: SessionsSource | null = null;
  private _off: (() => void)[] = [];
  /** The sessions the rows were last made from, by id (updated in place). */
  private _sessions: readonly Session[] = NO_SESSIONS;
  private _byId = new Map<string, Session>();
  private _received = false;
  private _initialDone = false;
  private _tree: SessionTree = EMPTY_TREE;
  private _changedIds = new Set<string>();
  private _allChanged = false;
  private _viewChanged = true;
  private _orderStale = false;
  private _orderTimer: ReturnType<typeof setTimeout> | undefined;
  private _lastBuild = -Infinity;
  private _rowEls = new Map<string, CeSessionRow>();
  private _sweeper: MarkerSweeper | null = null;
  private _minuteTimer: ReturnType<typeof setTimeout> | undefined;

  // View

  @state() private _query = '';
  @state() private _statuses = new Set<StatusGroup>();
  private _expanded = new Set<string>();
  private _filterCollapsed = new Set<string>();
  /** Activity of the sessions when the pointer or focus came into the list: their order holds still meanwhile. */
  private _frozen: Map<string, number> | null = null;
  private _hovered = false;
  private _focusWithin = false;
  /** The selection to reveal (expand its ancestors, scroll to it) once it is in the rows. */
  private _reveal: string | null = null;
  private _searchTimer: ReturnType<typeof setTimeout> | undefined;

  @query('.scroller') private _scroller!: HTMLElement;
  @query('.spacer') private _spacer!: HTMLElement;

  private readonly _scheduler = new FlushScheduler(this, {
    flush: () => this._flush(),
    following: () => false,
    size: () => 0,
  });
  private readonly _window: RowWindowController = new RowWindowController(this, {
    count: () => this._tree.rows.length,
    overscan: 6,
    estimate: 52,
    pinned: (): number[] => {
      const active = this._roving.activeKey;
      const index = active === null ? -1 : (this._tree.index.get(active) ?? -1);
      return index >= 0 ? [index] : [];
    },
    onVisible: () => this._histories.schedule(),
  });
  /** Histories for the titles of the rows in and near view. */
  private readonly _histories = new HistoryWants(
    {
      // The tracker tells which titles only a history can give; without it nothing is asked for.
      histories: () => (this._data?.activity ? this._data.histories : undefined),
      rows: () => this._tree.rows,
      needs: (id) => this._data?.activity?.needsHistory(id) ?? false,
    },
    this._window,
  );
  private readonly _roving: RovingFocusController = new RovingFocusController(this, {
    count: () => this._tree.rows.length,
    keyAt: (index) => this._tree.rows[index].id,
    indexOf: (key) => this._tree.index.get(key) ?? -1,
    focus: (index) => this._focusRow(index),
    visible: (): readonly [number, number] => this._window.visible,
    textAt: (index) => this._titleAt(index),
    pageSize: () => Math.max(1, this._window.pageSize - 1),
  });
  private readonly _announcer = new AnnouncerController(this);
  private readonly _actions = new SessionActions(this, {
    available: () => this._data !== null && this._data !== this._local,
    client: () => this._source.client,
    strings: () => this._strings,
    row: (id) => this._rowEls.get(id),
    scroller: () => this._scroller,
    title: (id) => {
      const session = this._byId.get(id);
      return session ? displayTitle(session, this._data?.activity?.get(id) ?? null, this._strings) : id;
    },
    answered: (detail) => this.emit('ce-session-action', detail),
    say: (text) => this._announcer.say(text),
  });
  private readonly _countdown = new CountdownController(
    this,
    () => this._source.connection.status === 'reconnecting' && this._source.connection.nextAttemptAt !== undefined,
  );

  // Public API

  /**
   * Without a client: the sessions to show (wire `Session` objects or normalized ones), as a
   * coordinator lists them. Read back: the sessions shown, normalized, from whichever source.
   */
  @property({ attribute: false, noAccessor: true })
  get sessions(): readonly Session[] {
    return this._data?.sessions ?? this._local.sessions;
  }
  set sessions(value: readonly unknown[] | null | undefined) {
    const old = this.sessions;
    this._hostData = true;
    this._local.setSessions(Array.isArray(value) ? value : []);
    this.requestUpdate('sessions', old);
  }

  /** Without a client: counts events (wire or normalized) for titles, runs, errors and activity; they are not kept. */
  appendEvents(events: readonly unknown[]): void {
    this._hostData = true;
    this._local.appendEvents(events);
  }

  /** The current connection state (`idle` without a client). */
  get connection(): ConnectionState {
    return this._source.connection;
  }

  /** The ids of the rows shown, in order (filters, search and collapsed parents applied). */
  get visibleSessionIds(): string[] {
    return this._tree.rows.map((r) => r.id);
  }

  // Lifecycle

  protected override async getUpdateComplete(): Promise<boolean> {
    while (this._scheduler.done) await this._scheduler.done;
    return super.getUpdateComplete();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._startMinuteTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unbind();
    clearTimeout(this._orderTimer);
    clearTimeout(this._minuteTimer);
    this._histories.cancel();
    clearTimeout(this._searchTimer);
    this._orderTimer = this._minuteTimer = this._searchTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this._localize.overridesChanged();
    this._source.sync();
    const data: SessionsSource | null = this._source.client ?? (this.src ? null : this._local);
    if (data !== this._data) this._bind(data);
    if (changed.has('sort')) this._viewChanged = true;
    if (changed.has('selectedSession') && this.selectedSession && !this._userSelected) {
      this._reveal = this.selectedSession;
      this._viewChanged = true;
    }
    this._userSelected = false;
    if (this._viewChanged && this.isConnected) this._scheduler.schedule({ first: this._tree === EMPTY_TREE });
  }

  private _userSelected = false;

  protected override firstUpdated(): void {
    this._window.attach(this._scroller);
    this._sweeper = new MarkerSweeper(this._spacer);
  }

  protected override updated(): void {
    this._sweeper?.sweep();
    this._rowEls.clear();
    for (const child of this._spacer.children) {
      const id = (child as HTMLElement).dataset.id;
      if (id !== undefined) this._rowEls.set(id, child as CeSessionRow);
    }
    this._window.observe(this._spacer.firstElementChild);
  }

  // Sources

  private _bind(data: SessionsSource | null): void {
    this._unbind();
    this._data = data;
    this._sessions = NO_SESSIONS;
    this._byId = new Map();
    this._tree = EMPTY_TREE;
    this._received = false;
    this._initialDone = false;
    this._viewChanged = true;
    if (!data) return;
    this._off.push(
      data.on('sessions', () => {
        // The first list (even an empty one) ends "connecting".
        if (!this._received) this.requestUpdate();
        this._received = true;
        // Nothing shown yet: the rows come at the end of this task, in the coming frame.
        this._scheduler.schedule({ first: this._tree.rows.length === 0, batched: data !== this._local });
      }),
      data.on('activity', (ids) => {
        if (ids.has('*')) this._allChanged = true;
        else for (const id of ids) this._changedIds.add(id);
        this._scheduler.schedule({ batched: data !== this._local });
      }),
    );
    if (data.sessions.length) this._received = true;
  }

  private _unbind(): void {
    for (const off of this._off) off();
    this._off = [];
    this._histories.release();
    this._data = null;
  }

  private _onConnection(state: ConnectionState, previous: ConnectionState): void {
    this.emit('ce-connection-change', state);
    if (isAnnounced(state, previous)) this._announcer.say(connectionText(state, this._strings, null));
  }

  // From data to rows

  private _flush(): void {
    const data = this._data;
    const sessions = data?.sessions ?? NO_SESSIONS;
    let structural = this._viewChanged || this._tree === EMPTY_TREE;
    this._viewChanged = false;
    const changed = this._changedIds;
    const all = this._allChanged;
    this._changedIds = new Set();
    this._allChanged = false;
    const added: string[] = [];
    if (sessions !== this._sessions) {
      const byId = this._byId;
      for (const s of sessions) {
        const old = byId.get(s.sessionId);
        if (old === s) continue;
        if (!old) added.push(s.sessionId);
        else {
          changed.add(s.sessionId);
          if (old.parentSessionId !== s.parentSessionId) structural = true;
        }
        byId.set(s.sessionId, s);
      }
      // Some went: made again (rare).
      if (byId.size !== sessions.length) this._byId = new Map(sessions.map((s) => [s.sessionId, s]));
      if (added.length || byId.size !== sessions.length) structural = true;
      this._sessions = sessions;
    }
    if (changed.size || all) this._orderStale = true;
    if (structural) this._rebuild(added);
    else if (this._orderStale) this._rebuildSoon();
    // Rows in view show what changed now; their order follows at the next rebuild.
    const ids = all ? this._rowEls.keys() : changed;
    for (const id of ids) this._refreshRow(id);
  }

  /** Rebuilds the rows once `ORDER_MS` have passed since the last time, unless the list is held. */
  private _rebuildSoon(): void {
    if (this._orderTimer !== undefined) return;
    const wait = Math.max(0, this._lastBuild + ORDER_MS - performance.now());
    this._orderTimer = setTimeout(() => {
      this._orderTimer = undefined;
      if (!this._orderStale || !this.isConnected) return;
      this._rebuild([]);
    }, wait);
  }

  private _rebuild(added: string[]): void {
    const data = this._data;
    const tracker = data?.activity ?? null;
    const s = this._strings;
    const filtering = this._query.trim() !== '' || this._statuses.size > 0;
    const reveal = this._reveal;
    if (reveal && this._byId.has(reveal)) this._expandAncestors(reveal);
    const anchor = this._window.anchor((i) => this._tree.rows[i]?.id);
    const frozen = this._frozen;
    this._tree = buildSessionTree(this._sessions, {
      sort: this.sort,
      query: this._query,
      statuses: this._statuses,
      titleOf: (session) => displayTitle(session, tracker?.get(session.sessionId) ?? null, s),
      activityOf: (session) =>
        frozen?.get(session.sessionId) ?? (tracker ?? NO_ACTIVITY).lastActivityOf(session) ?? -Infinity,
      expanded: (id, forced) => (filtering ? forced && !this._filterCollapsed.has(id) : this._expanded.has(id)),
    });
    this._lastBuild = performance.now();
    this._orderStale = false;
    clearTimeout(this._orderTimer);
    this._orderTimer = undefined;
    if (this._initialDone && added.length) {
      const first = this._byId.get(added[0]);
      this._announcer.tally(added, (count) =>
        s.sessionAnnounceNew(count, first ? displayTitle(first, tracker?.get(first.sessionId) ?? null, s) : ''),
      );
    }
    if (this._sessions.length || this._received) this._initialDone = true;
    // One row is the tree's tab stop: the selected one, else the first.
    if (this._roving.activeKey === null && this._tree.rows.length) {
      const selected = this.selectedSession;
      this._roving.setActive(selected && this._tree.index.has(selected) ? selected : this._tree.rows[0].id);
    }
    // The spacer takes its new height now, so that the view can stay on the rows it showed.
    if (this._spacer) this._spacer.style.height = `${this._window.totalHeight}px`;
    if (reveal && this._tree.index.has(reveal)) {
      this._reveal = null;
      const index = this._tree.index.get(reveal)!;
      const [first, last] = this._window.visible;
      if (index < first || index > last) this._window.scrollToIndex(index, 'center');
    } else this._window.restore(anchor, (key) => this._tree.index.get(key) ?? -1);
    this._window.refresh();
    this.requestUpdate();
  }

  private _expandAncestors(id: string): void {
    const parentOf = (child: string) => this._tree.parentOf(child) ?? this._byId.get(child)?.parentSessionId ?? null;
    let parent = parentOf(id);
    const seen = new Set<string>();
    while (parent && !seen.has(parent) && this._byId.has(parent)) {
      seen.add(parent);
      this._expanded.add(parent);
      this._filterCollapsed.delete(parent);
      parent = parentOf(parent);
    }
  }

  /** Gives a row in view what changed of its session (no render of the list). */
  private _refreshRow(id: string): void {
    const el = this._rowEls.get(id);
    const index = this._tree.index.get(id);
    if (!el || index === undefined) return;
    Object.assign(el, this._rowData(this._tree.rows[index]));
  }

  private _rowData(row: SessionRow) {
    const tracker = this._data?.activity ?? null;
    const session = this._byId.get(row.id) ?? row.session;
    const now = Date.now();
    return {
      row,
      session,
      activity: tracker?.get(row.id) ?? null,
      histogram: tracker ? tracker.histogram(row.id, SPARKLINE_MINUTES, now) : null,
      timing: (tracker ?? NO_ACTIVITY).runTiming(session, now),
    };
  }

  private _titleAt(index: number): string {
    const row = this._tree.rows[index];
    if (!row) return '';
    const session = this._byId.get(row.id) ?? row.session;
    return displayTitle(session, this._data?.activity?.get(row.id) ?? null, this._strings);
  }

  /** The activity charts move on every minute, for rows nothing happened to. */
  private _startMinuteTimer(): void {
    clearTimeout(this._minuteTimer);
    const wait = 60_000 - (Date.now() % 60_000) + 50;
    this._minuteTimer = setTimeout(() => {
      for (const id of this._rowEls.keys()) this._refreshRow(id);
      this._startMinuteTimer();
    }, wait);
  }

  // Interaction

  private _rowOf(path: EventTarget[]): CeSessionRow | null {
    for (const node of path) {
      if (node === this._scroller) return null;
      if (node instanceof HTMLElement && node.parentElement === this._spacer && node.dataset.id !== undefined) {
        return node as CeSessionRow;
      }
    }
    return null;
  }

  private _indexOfRow(row: CeSessionRow | null): number {
    return row ? (this._tree.index.get(row.dataset.id!) ?? -1) : -1;
  }

  private _onKeyDown = (e: KeyboardEvent) => {
    const path = e.composedPath();
    const origin = path[0];
    const rowEl = this._rowOf(path);
    if (!(rowEl !== null && origin === rowEl) && origin !== this._scroller) {
      // The actions button: Enter and Space are its own; the rest moves through the tree from its row.
      if (!(origin instanceof HTMLElement && origin.dataset.actions !== undefined) || ['Enter', ' '].includes(e.key)) {
        return;
      }
    }
    const index = this._indexOfRow(rowEl);
    const row = index >= 0 ? this._tree.rows[index] : null;
    const typing = this._typing();
    if (e.key.length === 1 && e.key !== ' ') this._typedAt = performance.now();
    if (row && !e.altKey && !e.ctrlKey && !e.metaKey) {
      if (e.key === 'Enter' || (e.key === ' ' && !typing)) {
        e.preventDefault();
        this._pick(row.id);
        return;
      }
      if (e.key === 'ArrowRight') {
        e.preventDefault();
        if (row.expandable && !row.expanded) this._setExpanded(row.id, true);
        else if (row.expanded && this._tree.rows[index + 1]?.parentId === row.id) this._roving.focus(index + 1);
        return;
      }
      if (e.key === 'ArrowLeft') {
        e.preventDefault();
        if (row.expanded) this._setExpanded(row.id, false);
        else if (row.parentId !== null) {
          const parent = this._tree.index.get(row.parentId);
          if (parent !== undefined) this._roving.focus(parent);
        }
        return;
      }
      if (e.key === '*') {
        e.preventDefault();
        this._expandSiblings(row);
        return;
      }
      if (this.actions && (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) {
        e.preventDefault();
        this._actions.openMenu(row.id);
        return;
      }
    }
    this._roving.handleKey(e, index);
  };

  private _typedAt = 0;
  /** A type-ahead is under way (Space is part of it). */
  private _typing(): boolean {
    return performance.now() - this._typedAt < 500;
  }

  private _onClick = (e: MouseEvent) => {
    const path = e.composedPath();
    const rowEl = this._rowOf(path);
    const index = this._indexOfRow(rowEl);
    const row = index >= 0 ? this._tree.rows[index] : null;
    if (!row || !rowEl) return;
    const target = path.find(
      (n) => n instanceof HTMLElement && (n.dataset.toggle !== undefined || n.dataset.actions !== undefined),
    ) as HTMLElement | undefined;
    this._roving.setActive(row.id);
    if (target?.dataset.actions !== undefined) {
      this._actions.openMenu(row.id);
      return;
    }
    if (target?.dataset.toggle !== undefined && row.expandable) {
      this._setExpanded(row.id, !row.expanded);
      rowEl.focus({ preventScroll: true });
      return;
    }
    this._pick(row.id);
  };

  private _onFocusIn = (e: FocusEvent) => {
    this._hold(true, 'focus');
    const rowEl = this._rowOf(e.composedPath());
    if (rowEl) this._roving.setActive(rowEl.dataset.id!);
    else if (e.composedPath()[0] === this._scroller && this._tree.rows.length) {
      // The tree itself got focus (no row was its tab stop): the first row in view takes it.
      this._roving.focus(Math.max(0, this._window.visible[0]));
    }
  };

  private _onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (!next || !this._scroller.contains(next)) this._hold(false, 'focus');
  };

  /** While the pointer or focus is in the list, rows do not change order by activity under it. */
  private _hold(on: boolean, why: 'pointer' | 'focus'): void {
    if (why === 'pointer') this._hovered = on;
    else this._focusWithin = on;
    const held = this._hovered || this._focusWithin;
    if (held && !this._frozen) {
      const tracker = this._data?.activity ?? NO_ACTIVITY;
      this._frozen = new Map();
      for (const s of this._sessions) this._frozen.set(s.sessionId, tracker.lastActivityOf(s) ?? -Infinity);
    } else if (!held && this._frozen) {
      this._frozen = null;
      this._orderStale = true;
      this._rebuildSoon();
    }
  }

  private _pick(id: string): void {
    this._userSelected = this.selectedSession !== id;
    this.selectedSession = id;
    this._roving.setActive(id);
    this.emit('ce-session-select', { sessionId: id });
  }

  private _setExpanded(id: string, open: boolean): void {
    const filtering = this._query.trim() !== '' || this._statuses.size > 0;
    if (filtering) {
      if (open) this._filterCollapsed.delete(id);
      else this._filterCollapsed.add(id);
    } else if (open) this._expanded.add(id);
    else this._expanded.delete(id);
    this._viewChanged = true;
    this._scheduler.schedule();
  }

  private _expandSiblings(row: SessionRow): void {
    for (const other of this._tree.rows) {
      if (other.parentId === row.parentId && other.expandable && !other.expanded) this._setExpanded(other.id, true);
    }
  }

  /** Brings row `index` into view (rendered: it is the tab stop, hence pinned) and focuses it. */
  private async _focusRow(index: number): Promise<void> {
    const row = this._tree.rows[index];
    if (!row) return;
    this._window.scrollToIndex(index);
    await this.updateComplete;
    const el = this._rowEls.get(row.id);
    el?.focus({ preventScroll: true });
  }

  private _onQuery(value: string): void {
    this._query = value;
    this._filterCollapsed = new Set();
    this._viewChanged = true;
    this._scheduler.schedule();
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => {
      if (this._query.trim()) this._announcer.say(this._strings.sessionAnnounceMatches(this._tree.matched));
    }, SEARCH_ANNOUNCE_MS);
  }

  private _onStatus(group: StatusGroup): void {
    const next = new Set(this._statuses);
    if (next.has(group)) next.delete(group);
    else next.add(group);
    this._statuses = next;
    this._filterCollapsed = new Set();
    this._viewChanged = true;
    this._scheduler.schedule();
  }

  private _clearFilters = () => {
    this._query = '';
    this._statuses = new Set();
    this._filterCollapsed = new Set();
    this._viewChanged = true;
    this._scheduler.schedule();
  };

  // Rendering

  override render() {
    const s = this._strings;
    const tree = this._tree;
    const connection = this._source.connection;
    const seconds =
      connection.nextAttemptAt !== undefined ? this._countdown.secondsUntil(connection.nextAttemptAt) : null;
    const filtering = this._query.trim() !== '' || this._statuses.size > 0;
    const fromCoordinator = this._data !== null && this._data !== this._local;
    const listState = listStateOf({
      rows: tree.rows.length,
      total: this._sessions.length,
      filtering,
      connection,
      fromCoordinator: fromCoordinator || (!!this.src && !this._hostData),
      received: this._received,
      hostData: this._hostData,
    });
    const rowTag = this.tagFor('ce-session-row');
    const selected = this.selectedSession;
    const active = this._roving.activeKey;
    const actions = this.actions && fromCoordinator;
    const menu = this._actions.menu;
    const menuSession = menu ? this._byId.get(menu.id) : undefined;
    const confirm = this._actions.confirm;
    return html`<div class="base" part="base">
      ${renderToolbar(
        {
          query: this._query,
          statuses: this._statuses,
          counts: tree.counts,
          sort: this.sort,
          shown: tree.matched,
          total: tree.total,
          connection,
          seconds,
          onQuery: (value) => this._onQuery(value),
          onStatus: (group) => this._onStatus(group),
          onSort: (sort) => {
            this.sort = sort;
          },
          onRetry: () => this._source.reconnect(),
        },
        s,
      )}
      ${
        connection.status === 'auth-error' && tree.total > 0
          ? html`<div class="notice" part="notice" role="alert">
              ${s.sessionAuthError(connection.httpStatus ?? null, shorten(connection.message))}
            </div>`
          : nothing
      }
      <div class="body">
        <div
          class="scroller"
          part="list"
          role="tree"
          aria-label=${this.label ?? s.sessionListLabel}
          aria-busy=${listState === 'connecting' ? 'true' : 'false'}
          tabindex=${active !== null ? '-1' : '0'}
          @keydown=${this._onKeyDown}
          @click=${this._onClick}
          @focusin=${this._onFocusIn}
          @focusout=${this._onFocusOut}
          @pointerenter=${() => this._hold(true, 'pointer')}
          @pointerleave=${() => this._hold(false, 'pointer')}
        >
          <div class="spacer" role="none" style="height:${this._window.totalHeight}px">
            ${repeat(
              this._window.indices(),
              (i) => tree.rows[i].id,
              (i) => {
                const row = tree.rows[i];
                const d = this._rowData(row);
                return staticHtml`<${rowTag}
                    part="row"
                    data-id=${row.id}
                    style="transform:translateY(${this._window.top(i)}px)"
                    .row=${d.row}
                    .session=${d.session}
                    .activity=${d.activity}
                    .histogram=${d.histogram}
                    .timing=${d.timing}
                    .selected=${row.id === selected}
                    .active=${row.id === active}
                    .actions=${actions}
                    .menuOpen=${menu?.id === row.id}
                  ></${rowTag}>`;
              },
            )}
          </div>
        </div>
        ${
          listState
            ? renderState(
                {
                  state: listState,
                  query: this._query,
                  connection,
                  seconds,
                  onRetry: () => this._source.reconnect(),
                  onClear: this._clearFilters,
                },
                s,
              )
            : nothing
        }
        ${
          menu && menuSession
            ? renderMenu(
                {
                  top: menu.top,
                  canStop: busyStateOf(menuSession.status) !== 'ended' && menuSession.status !== 'stopping',
                  onStop: () => this._actions.ask('stop'),
                  onDelete: () => this._actions.ask('delete'),
                  onKey: this._actions.onMenuKey,
                  onFocusOut: this._actions.onMenuFocusOut,
                },
                s,
              )
            : nothing
        }
      </div>
      <dialog part="confirm" aria-labelledby="confirm-title" @close=${() => confirm && this._actions.close()}>
        ${
          confirm
            ? renderConfirm(
                {
                  action: confirm.action,
                  title: confirm.title,
                  busy: confirm.busy,
                  error: confirm.error,
                  onConfirm: () => void this._actions.perform(),
                  onCancel: this._actions.close,
                },
                s,
              )
            : nothing
        }
      </dialog>
      ${this._announcer.render()}
    </div>`;
  }
}
