import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectionState, Session } from '../../types/model.js';
import type { CoordinatorClientApi, TokenProvider } from '../../client/types.js';
import type { LaneRun } from '../../model/run-lanes.js';
import {
  bucketStep,
  endOf,
  fitRange,
  followView,
  panBy,
  ticks as makeTicks,
  viewOf,
  xOf,
  zoomAt,
  type TimeView,
} from '../../model/time-scale.js';
import { AnnouncerController } from '../../controllers/announcer.js';
import { CoordinatorSourceController, connectionOf } from '../../controllers/coordinator-source.js';
import { CountdownController } from '../../controllers/countdown.js';
import { FrameLoopController } from '../../controllers/frame-loop.js';
import { IdleWorkController } from '../../controllers/idle-work.js';
import { RowWindowController } from '../../controllers/row-window.js';
import type { PartialStrings } from '../../i18n/translations.js';
import { CeElement } from '../../pieces/base-element.js';
import { connectionText, isAnnounced } from '../../pieces/connection-status.js';
import { listStateOf, renderState } from '../session-list/session-list-controls.js';
import {
  renderAxis,
  renderLane,
  renderTable,
  renderToolbar,
  renderTooltip,
  type TableRow,
} from './swimlanes-render.js';
import { runSwimlanesStyles } from './run-swimlanes.styles.js';
import type { RunSwimlanesEventMap } from './run-swimlanes.events.js';
import { axisKeyAction, laneKeyAction, type LaneAction, type LaneItem } from './swimlanes-keys.js';
import { LaneSource, type SessionsSource } from './swimlanes-source.js';

/** What the view shows at first: the last quarter of an hour, now near the right edge. */
const INITIAL_SPAN_MS = 15 * 60_000;
/** Space right of the now line while following (px). */
const FOLLOW_MARGIN = 48;
/** Tables of runs stop here: the lanes are the view of everything. */
const TABLE_LIMIT = 500;

/**
 * What every agent of a coordinator did over time: one lane per session (in `<session-list>`'s
 * tree order, sub-sessions under their parent), one block per run on a time axis, coloured by its
 * outcome and marked with an icon and a pattern, with an activity strip (events per moment, by
 * category) along the axis. Live: running blocks grow, the now line moves, and the view follows
 * now until the user pans.
 *
 * Two ways to feed it:
 * - `src` (+ `token` or `tokenProvider`, optional `api-base`), or a shared `client`: it follows the
 *   coordinator's stream. Runs come from live events and from each session's history, fetched only
 *   for lanes in or near view, a few at a time, cached by the client for the page (shared with
 *   `<session-list>`). A lane whose history is not read yet says so.
 * - no `src`/`client`: the page sets `sessions` and `events` (wire or normalized), or adds events
 *   with `appendEvents()`.
 *
 * Keyboard (a grid): ArrowUp/ArrowDown move between lanes, ArrowLeft/ArrowRight between a lane's
 * label and its runs, Home/End to a lane's first or last run, Enter or Space select a run (or
 * expand a parent from its label), `+`/`-` zoom, Shift+ArrowLeft/ArrowRight or PageUp/PageDown pan,
 * `0` fits all, `.` follows now. The time axis is a slider: its arrow keys pan, Home fits all, End
 * follows now. Pointer: drag or scroll sideways to pan, Ctrl/⌘+wheel (or pinch) to zoom.
 *
 * @summary Runs of all sessions on a time axis, live: a Gantt of what every agent is doing.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`). Absent: inherited from the nearest ancestor with `lang`.
 *
 * @fires {CustomEvent<RunSelectDetail>} ce-run-select - The user picked a run (click, Enter or Space on its block, or in the table); `detail: { sessionId, runIndex }`.
 * @fires {CustomEvent<ConnectionState>} ce-connection-change - The connection state changed; `detail` is the `ConnectionState`.
 *
 * @csspart base - The element's frame: its toolbar and content, laid out whatever `display` the page gives the element.
 * @csspart toolbar - The bar with zoom, fit, follow, table and the connection state.
 * @csspart zoom-in - The zoom-in button.
 * @csspart zoom-out - The zoom-out button.
 * @csspart fit - "Fit all".
 * @csspart follow - "Follow now" (`aria-pressed` while following).
 * @csspart table-toggle - Switches to the table of runs and back.
 * @csspart connection - The connection indicator.
 * @csspart connection-retry - "Retry now", shown while waiting to reconnect.
 * @csspart connection-details - "Details" of a long or HTML message from the coordinator (its whole text, on demand).
 * @csspart header - The row above the lanes: its label and the axis.
 * @csspart axis - The time axis (a slider: the arrow keys pan the view).
 * @csspart tick - A tick of the axis, with its label.
 * @csspart now-marker - "now" on the axis.
 * @csspart activity - The activity strip (events per moment: tools, messages, errors).
 * @csspart grid - The scrolling lanes.
 * @csspart lane - A session's lane (`selected` for the `selected-session`).
 * @csspart lane-label - A lane's label (title, indent, expand toggle).
 * @csspart lane-title - The title in a lane's label.
 * @csspart lane-pending - "loading history…" or "no runs yet" in a label.
 * @csspart toggle - A parent lane's expand/collapse arrow.
 * @csspart track - Where a lane's blocks are.
 * @csspart run - A run's block, with its outcome (`running`, `completed`, `failed`, `stopped`) and `selected`.
 * @csspart now-line - The line at the current time.
 * @csspart tooltip - The details of the run under the pointer or the focus.
 * @csspart table - The table of runs.
 * @csspart table-run - A run's button in the table.
 * @csspart state - What an empty view says (connecting, no sessions, unreachable, refused).
 * @csspart icon - Every icon.
 *
 * @cssprop --ce-swimlanes-height - Default height (28rem); setting `height` on the element works too.
 * @cssprop --ce-swimlanes-label-width - Width of the lane labels (default 14rem).
 * @cssprop --ce-swimlanes-lane-height - Height of a lane (default 28px).
 * @cssprop --ce-session-indent - Indent per tree level (default 16px).
 * @cssprop --ce-color-bg - Background.
 * @cssprop --ce-color-surface - Toolbar, header and tooltip background.
 * @cssprop --ce-color-surface-muted - Alternate lanes, the selected lane.
 * @cssprop --ce-color-surface-hover - Hovered buttons.
 * @cssprop --ce-color-border - Borders and ticks.
 * @cssprop --ce-color-text - Text.
 * @cssprop --ce-color-text-muted - Secondary text.
 * @cssprop --ce-color-focus - Focus ring, selected run.
 * @cssprop --ce-color-highlight - Background of text a page highlights in the element with the CSS Custom Highlight API under the name `ce-search-match`.
 * @cssprop --ce-color-highlight-current - The same for the name `ce-search-current`.
 * @cssprop --ce-color-live - Running runs and the now line.
 * @cssprop --ce-color-success - Completed runs.
 * @cssprop --ce-color-error - Failed runs and errors in the strip.
 * @cssprop --ce-color-warning - Stopped runs.
 * @cssprop --ce-color-accent-tool - Tools in the activity strip.
 * @cssprop --ce-color-accent-assistant - Messages in the activity strip.
 * @cssprop --ce-shadow - Shadow of the tooltip.
 * @cssprop --ce-font-family - UI font.
 * @cssprop --ce-font-size - Base font size (default 14px).
 * @cssprop --ce-font-size-small - Small text: ticks, pending labels (default 12px).
 * @cssprop --ce-radius - Corner radius (default 8px).
 * @cssprop --ce-radius-small - Corner radius of blocks and buttons (default 4px).
 * @cssprop --ce-border-width - Border width (default 1px).
 * @cssprop --ce-focus-ring-width - Width of focus rings (default 2px).
 * @cssprop --ce-space-2 - Spacing scale, step 2 (default 4px).
 * @cssprop --ce-space-3 - Spacing scale, step 3 (default 8px).
 * @cssprop --ce-color-scheme - `light`, `dark` or `light dark` (default: follow the OS); the `theme` attribute sets it.
 */
export class RunSwimlanes extends CeElement<RunSwimlanesEventMap> {
  static override styles = runSwimlanesStyles;

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

  /** The highlighted session's lane (e.g. the one picked in a `<session-list>`); set by the page or by picking a run. */
  @property({ attribute: 'selected-session', reflect: true }) selectedSession: string | null = null;

  /** Shows the runs as a table instead of lanes. */
  @property({ type: Boolean, reflect: true }) table = false;

  /** Accessible name of the grid (default "Runs of all sessions over time"). */
  @property() label: string | null = null;

  /** `dark` or `light` pins the colour scheme; absent follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'dark' | 'light' | undefined;

  /** Replaces some of the element's strings (merged over those of its language, see `lang`). */
  @property({ attribute: false }) strings: PartialStrings | null = null;

  protected override _ownStrings(): PartialStrings | null {
    return this.strings;
  }

  // Data

  private readonly _source = new CoordinatorSourceController(this, () => ({ ...connectionOf(this), retain: true }), {
    onConnection: (state, previous) => this._onConnection(state, previous),
    onClient: () => this.requestUpdate(),
  });
  private _dirty = true;

  // View

  private _view: TimeView = { start: Date.now() - INITIAL_SPAN_MS, msPerPx: INITIAL_SPAN_MS / 800 };
  private _width = 0;
  private _viewSet = false;
  @state() private _following = true;
  private _now = Date.now();
  /** Blocks are placed from this time at this scale; the view moves their layer (a pan touches one style per lane). */
  private _origin = 0;
  private _originScale = 0;
  @state() private _active: LaneItem | null = null;
  @state() private _selectedRun: LaneItem | null = null;
  /** The run under the pointer, and the run with the keyboard focus: the tooltip shows the first, else the second. */
  @state() private _hover: LaneItem | null = null;
  @state() private _focused: LaneItem | null = null;
  private _drag: { x: number; start: number; moved: boolean; id: number } | null = null;

  @query('.scroller') private _scroller!: HTMLElement;
  @query('.spacer') private _spacer!: HTMLElement;
  @query('.axis-cell') private _axisCell!: HTMLElement;

  private readonly _window: RowWindowController = new RowWindowController(this, {
    count: () => this._lanes.tree.rows.length,
    overscan: 4,
    estimate: 28,
    pinned: (): number[] => {
      const index = this._active ? (this._lanes.tree.index.get(this._active.lane) ?? -1) : -1;
      return index >= 0 ? [index] : [];
    },
    onVisible: () => this._lanes.scheduleWants(),
  });
  private readonly _lanes: LaneSource = new LaneSource(
    {
      changed: () => {
        this._dirty = true;
      },
      strings: () => this._strings,
    },
    this._window,
  );
  /** The page's events of the lanes out of view, folded when the page is idle. */
  private readonly _idle = new IdleWorkController(this, this._lanes);
  private readonly _announcer = new AnnouncerController(this);
  private readonly _countdown = new CountdownController(
    this,
    () => this._source.connection.status === 'reconnecting' && this._source.connection.nextAttemptAt !== undefined,
  );
  private _resize: ResizeObserver | null = null;

  // Public API

  /**
   * Without a client: the sessions to show (wire `Session` objects or normalized ones). Read back:
   * the sessions shown, normalized, from whichever source.
   */
  @property({ attribute: false, noAccessor: true })
  get sessions(): readonly Session[] {
    return this._lanes.data?.sessions ?? this._lanes.local.sessions;
  }
  set sessions(value: readonly unknown[] | null | undefined) {
    const old = this.sessions;
    this._lanes.setSessions(value);
    this.requestUpdate('sessions', old);
  }

  /** Without a client: all events of the sessions (wire or normalized); replaces those given before. Read back: what was given. */
  @property({ attribute: false, noAccessor: true })
  get events(): readonly unknown[] {
    return this._lanes.events;
  }
  set events(value: readonly unknown[] | null | undefined) {
    const old = this.events;
    this._lanes.setEvents(value);
    this._idle.start();
    this.requestUpdate('events', old);
  }

  /** Without a client: adds events (wire or normalized) of the sessions; each session's in time order. */
  appendEvents(events: readonly unknown[]): void {
    this._lanes.appendEvents(events);
    this._idle.start();
  }

  /** The current connection state (`idle` without a client). */
  get connection(): ConnectionState {
    return this._source.connection;
  }

  /** The time window shown (epoch ms). */
  get view(): { start: number; end: number } {
    return { start: this._view.start, end: endOf(this._view, this._width) };
  }

  /** Whether the view follows now (on until the user pans; `followNow()` turns it on again). */
  get following(): boolean {
    return this._following;
  }

  /** The ids of the lanes, in order (collapsed parents' children left out). */
  get laneIds(): string[] {
    return this._lanes.tree.rows.map((r) => r.id);
  }

  /** The runs of a session's lane as shown (from what is known of it). */
  runsOf(sessionId: string): LaneRun[] {
    return this._lanes.runs(sessionId).map((r) => ({ ...r }));
  }

  /** Shows `start`..`end` (epoch ms) across the lanes; following stops. */
  setView(start: number, end: number): void {
    this._following = false;
    this._setView(viewOf(start, end, this._width || 800));
  }

  /** Zooms by `factor` (2: twice as close) around `time` (default: the middle, or now while following). */
  zoom(factor: number, time?: number): void {
    const width = this._width || 800;
    const anchor = time ?? (this._following ? this._now : this._view.start + (width / 2) * this._view.msPerPx);
    this._setView(zoomAt(this._view, factor, xOf(this._view, anchor)));
  }

  /** Shows every known run. */
  fitAll(): void {
    let min = Infinity;
    let max = -Infinity;
    for (const row of this._lanes.tree.rows) {
      for (const run of this._lanes.runs(row.id)) {
        if (run.start === null) continue;
        min = Math.min(min, run.start);
        max = Math.max(max, run.end ?? this._now);
      }
    }
    if (min === Infinity) return;
    this._following = false;
    this._setView(fitRange(min, max, this._width || 800));
  }

  /** Follows now again: the view keeps now near its right edge as time passes. */
  followNow(): void {
    this._following = true;
    this._setView(followView(this._view, Date.now(), this._width || 800, FOLLOW_MARGIN));
  }

  // Lifecycle

  /** Also waits for the page's events to be folded (the activity strip counts them all). */
  protected override async getUpdateComplete(): Promise<boolean> {
    while (this._idle.done) await this._idle.done;
    return super.getUpdateComplete();
  }

  /** Renders in the frame's callbacks, once for everything that asked since the last frame. */
  protected override async scheduleUpdate(): Promise<void> {
    await this._loop.beforeUpdate();
    super.scheduleUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._lanes.unbind();
    this._resize?.disconnect();
    this._resize = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this._localize.overridesChanged();
    this._source.sync();
    const lanes = this._lanes;
    const client = this._source.client;
    const data: SessionsSource | null = client ?? (this.src ? null : lanes.local);
    if (data !== lanes.data) lanes.bind(data, client);
    if (lanes.stale) {
      lanes.rebuild();
      // The spacer takes its new height now, so that the view can stay on the lanes it showed.
      if (this._spacer) this._spacer.style.height = `${this._window.totalHeight}px`;
    }
    if (changed.has('selectedSession') && this.selectedSession) {
      const index = this._lanes.tree.index.get(this.selectedSession);
      if (index !== undefined) {
        const [first, last] = this._window.visible;
        if (index < first || index > last) this._window.scrollToIndex(index, 'center');
      }
    }
    this._now = Date.now();
    if (this._following) this._view = followView(this._view, this._now, this._width || 800, FOLLOW_MARGIN);
    if (this._originScale !== this._view.msPerPx || Math.abs(xOf(this._view, this._origin)) > 100_000) {
      this._origin = this._view.start;
      this._originScale = this._view.msPerPx;
    }
  }

  protected override firstUpdated(): void {
    this._window.attach(this._scroller);
    this._resize = new ResizeObserver(() => this._measure());
    // Its first report comes after layout, before the first paint: the axis is drawn in that frame.
    this._resize.observe(this._axisCell);
  }

  protected override updated(): void {
    this._window.observe(this._spacer?.querySelector('.lane'));
  }

  private _measure(): void {
    const width = this._axisCell?.clientWidth ?? 0;
    if (width === this._width || width === 0) return;
    const first = this._width === 0;
    const end = endOf(this._view, this._width || 800);
    this._width = width;
    // The same window in the new width; a first measure keeps the scale of the first view.
    if (first && !this._viewSet) this._view = { start: this._now - INITIAL_SPAN_MS, msPerPx: INITIAL_SPAN_MS / width };
    else if (!first) this._view = viewOf(this._view.start, end, width);
    this.requestUpdate();
  }

  private _setView(view: TimeView): void {
    this._viewSet = true;
    this._view = view;
    this._lanes.scheduleWants();
    this.requestUpdate();
  }

  /** A render in every frame while anything moves (now, a running block) or changed. */
  private readonly _loop = new FrameLoopController(this, {
    tick: () => {
      const moving = this._following || this._nowInView();
      if (!moving && !this._dirty && !this._lanes.structural) return false;
      this._dirty = false;
      return true;
    },
  });

  private _nowInView(): boolean {
    const x = xOf(this._view, Date.now());
    return x >= 0 && x <= this._width;
  }

  // Sources

  private _onConnection(state: ConnectionState, previous: ConnectionState): void {
    this.emit('ce-connection-change', state);
    if (isAnnounced(state, previous)) this._announcer.say(connectionText(state, this._strings, null));
  }

  // Interaction

  /** Moves the keyboard to `item`, bringing it into view. */
  private async _focusItem(item: LaneItem): Promise<void> {
    this._active = item;
    const index = this._lanes.tree.index.get(item.lane);
    if (index === undefined) return;
    this._window.scrollToIndex(index);
    if (item.run > 0) {
      const run = this._lanes.runs(item.lane).find((r) => r.index === item.run);
      if (run && run.start !== null) {
        const end = run.end ?? this._now;
        const view = this.view;
        if (run.start < view.start || end > view.end) {
          // Bring the run into view: its start a little in from the left (a long run shows its beginning).
          this._following = false;
          const span = view.end - view.start;
          const start =
            end - run.start < span * 0.8 ? run.start - (span - (end - run.start)) / 2 : run.start - span * 0.1;
          this._setView({ start, msPerPx: this._view.msPerPx });
        }
      }
    }
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(
      `[data-session="${CSS.escape(item.lane)}"][data-run="${item.run}"]`,
    );
    target?.focus({ preventScroll: true });
    // The run's tooltip, also where focus events wait for the window to have focus.
    if (target && this._active === item) this._focused = item.run > 0 ? item : null;
  }

  private _pick(item: LaneItem): void {
    if (item.run === 0) return;
    this._selectedRun = item;
    this._active = item;
    this.selectedSession = item.lane;
    this.emit('ce-run-select', { sessionId: item.lane, runIndex: item.run });
  }

  private _toggle(id: string): void {
    this._lanes.toggle(id);
    this.requestUpdate();
  }

  private _pan(dx: number): void {
    this._following = false;
    this._setView(panBy(this._view, dx));
  }

  private _zoomAtX(factor: number, x: number): void {
    this._setView(zoomAt(this._view, factor, this._following ? xOf(this._view, this._now) : x));
  }

  private _onKeyDown = (e: KeyboardEvent) => {
    const item = this._itemOf(e);
    if (!item) return;
    if (e.key === 'Escape' && (this._hover || this._focused)) {
      // A tooltip is dismissed without moving the focus or the pointer.
      e.preventDefault();
      this._hover = this._focused = null;
      return;
    }
    const action = laneKeyAction(
      {
        rows: this._lanes.tree.rows,
        index: this._lanes.tree.index,
        runs: (id) => this._lanes.runs(id),
        width: this._width,
        pageSize: Math.max(1, this._window.pageSize - 1),
      },
      item,
      e,
    );
    if (!action) return;
    e.preventDefault();
    this._loop.immediate();
    this._do(action, item);
  };

  private _onAxisKeyDown = (e: KeyboardEvent) => {
    const action = axisKeyAction(this._width, e);
    if (!action) return;
    e.preventDefault();
    this._loop.immediate();
    this._do(action, null);
  };

  /** Carries out a key's action; `item` is the lane or run that had the focus (zoom centres on its run). */
  private _do(action: LaneAction, item: LaneItem | null): void {
    switch (action.kind) {
      case 'focus':
        return void this._focusItem(action.item);
      case 'pick':
        return this._pick(action.item);
      case 'toggle':
        return this._toggle(action.lane);
      case 'zoom': {
        const run = item && item.run > 0 ? this._lanes.runs(item.lane).find((r) => r.index === item.run) : undefined;
        return this.zoom(action.factor, run?.start ?? undefined);
      }
      case 'pan':
        return this._pan(action.dx);
      case 'fit':
        return this.fitAll();
      case 'follow':
        return this.followNow();
    }
  }

  private _itemOf(e: Event): LaneItem | null {
    for (const node of e.composedPath()) {
      if (node === this._scroller) return null;
      if (node instanceof HTMLElement && node.dataset.session !== undefined && node.dataset.run !== undefined) {
        return { lane: node.dataset.session, run: Number(node.dataset.run) };
      }
    }
    return null;
  }

  private _onClick = (e: MouseEvent) => {
    if (this._drag?.moved) return;
    const item = this._itemOf(e);
    if (!item) return;
    this._loop.immediate();
    this._active = item;
    const toggle = e.composedPath().some((n) => n instanceof HTMLElement && n.dataset.toggle !== undefined);
    if (item.run === 0) {
      if (toggle) this._toggle(item.lane);
      this.selectedSession = item.lane;
      return;
    }
    this._pick(item);
  };

  private _onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !(e.composedPath()[0] as Element).closest?.('.track')) return;
    this._drag = { x: e.clientX, start: this._view.start, moved: false, id: e.pointerId };
  };

  private _onPointerMove = (e: PointerEvent) => {
    const drag = this._drag;
    if (drag && drag.id === e.pointerId && e.buttons & 1) {
      const dx = e.clientX - drag.x;
      if (!drag.moved && Math.abs(dx) < 3) return;
      if (!drag.moved) {
        try {
          this._scroller.setPointerCapture(e.pointerId);
        } catch {
          // Not an active pointer (a synthetic one): the drag works while over the lanes.
        }
      }
      drag.moved = true;
      this._following = false;
      this._hover = null;
      this._setView({ start: drag.start - dx * this._view.msPerPx, msPerPx: this._view.msPerPx });
      return;
    }
    const item = this._itemOf(e);
    const hover = item && item.run > 0 ? item : null;
    if (hover?.lane !== this._hover?.lane || hover?.run !== this._hover?.run) this._hover = hover;
  };

  private _onPointerUp = (e: PointerEvent) => {
    const drag = this._drag;
    if (!drag || drag.id !== e.pointerId) return;
    // A drag's click is not a pick (the click comes after this).
    setTimeout(() => {
      if (this._drag === drag) this._drag = null;
    });
  };

  /** Where the axis starts on screen, read once per wheel gesture (reading it per event forces a layout). */
  private _wheelAxis = { left: 0, at: -Infinity };

  private _onWheel = (e: WheelEvent) => {
    const t = performance.now();
    if (t - this._wheelAxis.at > 250) this._wheelAxis.left = this._axisCell.getBoundingClientRect().left;
    this._wheelAxis.at = t;
    const x = e.clientX - this._wheelAxis.left;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      this._zoomAtX(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), x);
      return;
    }
    const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
    if (dx && Math.abs(dx) >= Math.abs(e.deltaY) / 2) {
      e.preventDefault();
      this._pan(dx * (e.deltaMode === 1 ? 16 : 1));
    }
  };

  private _onFocusIn = (e: FocusEvent) => {
    const item = this._itemOf(e);
    if (item) {
      this._active = item;
      this._focused = item.run > 0 ? item : null;
    } else if (e.composedPath()[0] === this._scroller && this._lanes.tree.rows.length) {
      const [first] = this._window.visible;
      void this._focusItem({ lane: this._lanes.tree.rows[Math.max(0, first)].id, run: 0 });
    }
  };

  private _onFocusOut = () => {
    this._focused = null;
  };

  // Rendering

  override render() {
    const s = this._strings;
    const tree = this._lanes.tree;
    const connection = this._source.connection;
    const seconds =
      connection.nextAttemptAt !== undefined ? this._countdown.secondsUntil(connection.nextAttemptAt) : null;
    const fromCoordinator = this._lanes.data !== null && this._lanes.data !== this._lanes.local;
    const state = listStateOf({
      rows: tree.rows.length,
      total: this._lanes.byId.size,
      filtering: false,
      connection,
      fromCoordinator: fromCoordinator || (!!this.src && !this._lanes.hostData),
      received: this._lanes.received,
      hostData: this._lanes.hostData,
    });
    const view = this._view;
    const width = this._width;
    const now = this._now;
    const from = view.start;
    const to = endOf(view, width);
    const shift = (this._origin - view.start) / view.msPerPx;
    const origin = this._origin;
    const scale = view.msPerPx;
    const x = (t: number) => (t - origin) / scale;
    const nowX = xOf(view, now);
    const bucket = bucketStep(scale);
    const hist = this._lanes.lanes.activity.histogram(from, to, bucket);
    const active = this._active ?? (tree.rows.length ? { lane: tree.rows[0].id, run: 0 } : null);
    const hover = this._hover ?? this._focused;
    const hoverRun = hover ? this._lanes.runs(hover.lane).find((r) => r.index === hover.run) : undefined;
    const hoverIndex = hover ? tree.index.get(hover.lane) : undefined;
    return html`<div class="base" part="base">
      ${renderToolbar(
        {
          following: this._following,
          table: this.table,
          connection,
          seconds,
          onZoom: (f) => this.zoom(f),
          onFit: () => this.fitAll(),
          onFollow: () => this.followNow(),
          onTable: () => (this.table = !this.table),
          onRetry: () => this._source.reconnect(),
        },
        s,
      )}
      ${this.table ? this._renderTable(now) : nothing}
      <div class="gantt" ?hidden=${this.table}>
        <div class="header" part="header">
          <div class="label-head">${s.lanesSessionHeader}</div>
          <div class="axis-cell">
            ${renderAxis(
              {
                ticks: width ? makeTicks(view, width) : [],
                nowX: nowX >= 0 && nowX <= width ? nowX : null,
                strip: { counts: hist.counts, x0: xOf(view, hist.start), bucketPx: bucket / scale },
                width,
                range: { first: this._lanes.lanes.first, from, to, now },
                onKeyDown: this._onAxisKeyDown,
              },
              s,
            )}
          </div>
        </div>
        <div class="body">
          <div
            class="scroller"
            part="grid"
            role="grid"
            aria-label=${this.label ?? s.lanesLabel}
            aria-rowcount=${tree.rows.length}
            aria-colcount="2"
            aria-busy=${state === 'connecting' ? 'true' : 'false'}
            aria-describedby="hint"
            tabindex=${tree.rows.length ? '-1' : '0'}
            @keydown=${this._onKeyDown}
            @click=${this._onClick}
            @pointerdown=${this._onPointerDown}
            @pointermove=${this._onPointerMove}
            @pointerup=${this._onPointerUp}
            @pointerleave=${() => (this._hover = null)}
            @wheel=${this._onWheel}
            @focusin=${this._onFocusIn}
            @focusout=${this._onFocusOut}
          >
            <div class="spacer" role="rowgroup" style="height:${this._window.totalHeight}px">
              ${repeat(
                this._window.indices(),
                (i) => tree.rows[i].id,
                (i) => {
                  const row = tree.rows[i];
                  const lane = this._lanes.lanes.get(row.id);
                  return renderLane(
                    {
                      row,
                      rowIndex: i + 1,
                      title: this._lanes.title(row.id),
                      top: this._window.top(i),
                      selected: row.id === this.selectedSession,
                      history: lane?.history ?? 'none',
                      runs: this._lanes.runs(row.id),
                      now,
                      x,
                      from,
                      to,
                      shift,
                      active,
                      selectedRun: this._selectedRun,
                    },
                    s,
                  );
                },
              )}
            </div>
          </div>
          ${nowX >= 0 && nowX <= width ? html`<div class="now-line" part="now-line" style="transform:translateX(${nowX.toFixed(1)}px)"></div>` : nothing}
          ${
            hoverRun && hoverIndex !== undefined && !this._drag?.moved
              ? renderTooltip(
                  {
                    run: hoverRun,
                    title: this._lanes.title(hover!.lane),
                    now,
                    left: Math.min(Math.max(0, xOf(view, hoverRun.start ?? now)), Math.max(0, width - 240)),
                    top: this._window.top(hoverIndex) - (this._scroller?.scrollTop ?? 0) + this._window.rowHeight,
                  },
                  s,
                )
              : nothing
          }
          ${state ? renderState({ state, query: '', connection, seconds, onRetry: () => this._source.reconnect(), onClear: () => undefined }, s) : nothing}
        </div>
        <p id="hint" class="sr-only">${s.lanesKeyboardHint}</p>
      </div>
      ${this._announcer.render()}
    </div>`;
  }

  private _renderTable(now: number) {
    const rows: TableRow[] = [];
    let total = 0;
    for (const row of this._lanes.tree.rows) {
      const runs = this._lanes.runs(row.id);
      total += runs.length;
      if (rows.length >= TABLE_LIMIT) continue;
      const title = this._lanes.title(row.id);
      for (const run of runs) if (rows.length < TABLE_LIMIT) rows.push({ title, run });
    }
    return renderTable(rows, total, now, (run) => this._pick({ lane: run.sessionId, run: run.index }), this._strings);
  }
}
