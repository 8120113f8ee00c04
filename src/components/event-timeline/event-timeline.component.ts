import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { property, query, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { ConnectionState, CoordinatorEvent, EventCategory, Run } from '../../types/model.js';
import type { CoordinatorClientApi, TokenProvider } from '../../client/types.js';
import { LocalSession } from '../../client/local-session.js';
import { AnnouncerController } from '../../controllers/announcer.js';
import { CoordinatorSourceController, connectionOf } from '../../controllers/coordinator-source.js';
import { CountdownController } from '../../controllers/countdown.js';
import { FlushScheduler } from '../../controllers/flush-scheduler.js';
import { FollowBottomController } from '../../controllers/follow-bottom.js';
import { IdleWorkController, type SlicedWork } from '../../controllers/idle-work.js';
import { RovingFocusController } from '../../controllers/roving-focus.js';
import type { PartialStrings } from '../../i18n/translations.js';
import { connectionText, isAnnounced } from '../../pieces/connection-status.js';
import { emptyKindOf, emptyText, renderEmptyState } from '../../pieces/empty-state.js';
import { runFailureReason } from '../../model/run-failure.js';
import { eventAnchor } from '../../model/anchor.js';
import { summarizeEvent } from '../../pieces/event-meta.js';
import { icon } from '../../pieces/icons.js';
import { CeElement } from '../../pieces/base-element.js';
import { MarkerSweeper } from '../../pieces/marker-sweeper.js';
import { buildRows, isEventRow, isRunRow, rowKey, type Row } from './timeline-model.js';
import { eventTimelineStyles } from './event-timeline.styles.js';
import { renderRunHeader } from './run-header.js';
import { renderGapRow, renderPrintList } from './timeline-rows.js';
import { TimelineFilter } from './timeline-filter.js';
import { renderNoMatch, renderNotices, renderToolbar } from './timeline-toolbar.js';
import { TimelineLayout, type TimelineLayoutConfig } from './timeline-layout.js';
import { forgetRemovedRows, positionChildrenInOneWalk } from './virtualizer-patches.js';
import { EventCard, hasDetails } from '../event-card/event-card.component.js';
import { SearchHighlighter } from './search-highlight.js';
import { EventLookup, TimelineNavigator, type VirtualizerLike } from './timeline-navigation.js';
import { TimelineView, listInput } from './timeline-view.js';
import { transcriptJson, transcriptMarkdown } from '../../model/transcript.js';
import { transcriptWords } from './transcript-words.js';
import type { EventTimelineEventMap } from './event-timeline.events.js';

/** Card parts re-exported from the timeline: `event-timeline::part(card)` etc. */
const CARD_PARTS = [
  'card',
  'header: card-header',
  'type: card-type',
  'time: card-time',
  'body: card-body',
  'detail: card-detail',
  'error-badge',
  'legacy-badge',
  'dropped: card-dropped',
  'tool-chip',
  'markdown',
  'input',
  'output',
  'error-block',
  'json',
  'duration',
  'terminal',
  'diff',
].join(', ');

/**
 * A live, virtualized timeline of one Agent Coordinator session: runs with headers, a card per
 * event, filters, search, auto-scroll that never fights the user, connection state.
 *
 * Two ways to feed it:
 * - `src` (+ `session-id`, `token` or `tokenProvider`, optional `api-base`), or a shared `client`:
 *   it connects, loads history and follows the stream, reconnecting and resyncing by itself.
 * - no `src`/`client`: the host sets `events` (wire or normalized events) and optionally
 *   `session-status`, which closes the last run (`failed`, `stopped`, `idle`, …).
 *
 * Where events may be missing (after an outage in a session of more than 100 events, the server's
 * history cannot give them back) a gap row says so, with its time span.
 *
 * Keyboard: in the list, ArrowDown/`j` and ArrowUp/`k` move between runs, cards and gap rows, Home/End go to
 * the first/last, Enter/Space expand a card or collapse a run, ArrowLeft/ArrowRight collapse/expand
 * a run, `n`/`N` go to the next/previous search match, `e`/`E` to the next/previous error. In the
 * search box, Enter goes to the next match, Shift+Enter to the previous one.
 *
 * Pointing at events: `selectedKey` (attribute `selected-key`), `scrollToEvent()`, `scrollToRun()`,
 * by an event's `key` or its anchor (`eventAnchor()`, the same after a reload: for links). A row is
 * brought into view whether or not it is rendered; doing so holds following off. Search matches are
 * highlighted in the cards where the browser has the CSS Custom Highlight API.
 *
 * @summary Live timeline of an agent session's events, grouped by run.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`, `de-CH`). Absent: inherited from the nearest ancestor with `lang` (across shadow roots), e.g. `<html lang>`. Words come from the registered translations (English built in, `coordinator-elements/locales/de.js`), falling back to English.
 *
 * @fires {CustomEvent<ConnectionState>} ce-connection-change - The connection state changed; `detail` is the `ConnectionState` (`status`: idle, connecting, open, reconnecting, auth-error, offline, closed).
 * @fires {CustomEvent<EventArrivalDetail>} ce-event - An event arrived after the initial load (one per event); `detail: { event: CoordinatorEvent }`.
 * @fires {CustomEvent<LoadDetail>} ce-load - Everything given (`events`) or the session's history from the coordinator is in and shown: counts and runs final, rows in view rendered (their markdown too); `detail: { count }`. `updateComplete` resolves at the same point. Once per `events` assignment and per session.
 * @fires {CustomEvent<EventSelectDetail>} ce-event-select - The user selected an event (click, the keyboard, next/previous match or error; not `selectedKey` set by the page); `detail: { event: CoordinatorEvent, anchor: string }`.
 * @fires {CustomEvent<EventToggleDetail>} ce-toggle - The user expanded or collapsed a card (from the card); `detail: { expanded: boolean, event: CoordinatorEvent }`.
 * @fires {CustomEvent<CopyDetail>} ce-copy - A copy button in a card (tool input/output, JSON, code block) copied, or failed to; `detail: { ok: boolean, length: number }`.
 * @fires {CustomEvent<MarkdownExpandDetail>} ce-markdown-expand - The user asked for more of a long message or result in a card ("Show more", or "Show all" with `detail.showAll`).
 *
 * @csspart base - The element's frame: its toolbar and content, laid out whatever `display` the page gives the element.
 * @csspart toolbar - The bar with filters, search, actions, count and connection state.
 * @csspart filters - The group of filter chips (a menu on narrow timelines).
 * @csspart filters-toggle - The "Filters" button that opens the chips on narrow timelines.
 * @csspart export-button - The "Export" button.
 * @csspart export-menu - Its menu (transcript as Markdown, as JSON).
 * @csspart print-list - Every event, rendered only while printing.
 * @csspart filter-chip - One filter chip (label and count).
 * @csspart search - The search box.
 * @csspart search-input - The search input.
 * @csspart search-count - While searching: which match is selected, of how many ("2 of 5").
 * @csspart previous-match - Goes to the previous search match.
 * @csspart next-match - Goes to the next search match.
 * @csspart errors-only - The "Errors only" toggle (with the number of errors shown).
 * @csspart previous-error - Goes to the previous error.
 * @csspart next-error - Goes to the next error.
 * @csspart expand-all - The "Expand all" button.
 * @csspart collapse-all - The "Collapse all" button.
 * @csspart count - The "N of M events" text.
 * @csspart connection - The connection indicator.
 * @csspart connection-retry - "Retry now", shown while waiting to reconnect.
 * @csspart connection-details - "Details" of a long or HTML message from the coordinator (its whole text, on demand).
 * @csspart notice - Notices (history could not be loaded, history incomplete, older events dropped, large bodies shortened).
 * @csspart list - The scrolling feed.
 * @csspart run-header - A run's header.
 * @csspart run-toggle - The collapse/expand button of a run.
 * @csspart live-badge - The "live" marker of the current run.
 * @csspart gap - A row where events may be missing (the server's capped history could not give them back), with its time span.
 * @csspart gap-result - In a gap row: the session's final result, fetched again.
 * @csspart outcome - A run's outcome (completed, failed, stopped).
 * @csspart failure-reason - Why a failed run failed (run_failed, the session's last error, or the run's last tool error).
 * @csspart empty - The empty state; `data-kind` says why it is empty: `no-session`, `loading`, `not-found`, `unauthorized`, `unreachable`, `waiting`, `no-match` (the filter or search hides every event).
 * @csspart jump - The "N new events — jump to latest" button.
 * @csspart icon - Icons of the timeline itself (toolbar, run headers, notices).
 * @csspart card - An event card's box (the parts below are the cards' own, forwarded by the timeline).
 * @csspart card-header - A card's first line (the card's `header`).
 * @csspart card-type - A card's icon and type label (the card's `type`).
 * @csspart card-time - A card's relative time (the card's `time`).
 * @csspart card-body - A card's content below the header (the card's `body`).
 * @csspart card-detail - A card's type-specific header text (the card's `detail`).
 * @csspart error-badge - A card's error marker.
 * @csspart card-dropped - A card's note that the byte budget cut its bodies to a preview (the card's `dropped`).
 * @csspart legacy-badge - A card's "legacy name" hint on events sent with an old type name.
 * @csspart tool-chip - A card's tool name and status.
 * @csspart markdown - Markdown of messages and results in cards.
 * @csspart input - A card's tool input block.
 * @csspart output - A card's tool output block.
 * @csspart error-block - A card's tool error block.
 * @csspart json - JSON views in cards (result data, raw event).
 * @csspart duration - A card's tool call duration.
 * @csspart terminal - A card's tool output shown as a terminal.
 * @csspart diff - A card's edit shown as a diff.
 *
 * @cssprop --ce-timeline-height - Default height (32rem); setting `height` on the element works too.
 * @cssprop --ce-color-bg - Background.
 * @cssprop --ce-color-surface - Toolbar and card background.
 * @cssprop --ce-color-surface-muted - Run header and chip background.
 * @cssprop --ce-color-surface-hover - Hovered buttons and chips.
 * @cssprop --ce-color-border - Borders.
 * @cssprop --ce-color-text - Text.
 * @cssprop --ce-color-text-muted - Secondary text.
 * @cssprop --ce-color-focus - Focus ring and the jump button.
 * @cssprop --ce-color-live - Live indicator.
 * @cssprop --ce-color-link - Links and link buttons.
 * @cssprop --ce-color-error - Errors.
 * @cssprop --ce-color-error-bg - Background of errors (failed runs, failed cards).
 * @cssprop --ce-color-highlight - Background of search matches in cards.
 * @cssprop --ce-color-highlight-current - Background of the selected match's occurrences.
 * @cssprop --ce-color-success - Completed runs, ok tools.
 * @cssprop --ce-color-warning - Stopped runs, reconnecting.
 * @cssprop --ce-color-accent-run - Accent of run headers and run start/completed cards.
 * @cssprop --ce-color-accent-tool - Accent of tool cards.
 * @cssprop --ce-color-accent-user - Accent of user message cards.
 * @cssprop --ce-color-accent-assistant - Accent of assistant message cards.
 * @cssprop --ce-color-accent-result - Accent of result cards.
 * @cssprop --ce-color-accent-hook - Accent of hook cards.
 * @cssprop --ce-color-accent-other - Accent of unknown events' cards.
 * @cssprop --ce-color-code-bg - Background of code, payloads and JSON in cards.
 * @cssprop --ce-color-code-text - Text of code, payloads and JSON in cards.
 * @cssprop --ce-shadow - Shadow of cards and the jump button.
 * @cssprop --ce-font-family - UI font.
 * @cssprop --ce-font-family-mono - Code font (in cards).
 * @cssprop --ce-font-size - Base font size (default 14px).
 * @cssprop --ce-font-size-small - Small text: chips, count, run details (default 12px).
 * @cssprop --ce-line-height - Line height (default 1.45).
 * @cssprop --ce-radius - Corner radius (default 8px).
 * @cssprop --ce-radius-small - Corner radius of the search box, chips and buttons (default 4px).
 * @cssprop --ce-border-width - Border width (default 1px).
 * @cssprop --ce-accent-width - Width of the accent borders (default 3px).
 * @cssprop --ce-focus-ring-width - Width of focus rings (default 2px).
 * @cssprop --ce-space-1 - Spacing scale, step 1 (default 2px).
 * @cssprop --ce-space-2 - Spacing scale, step 2 (default 4px).
 * @cssprop --ce-space-3 - Spacing scale, step 3 (default 8px).
 * @cssprop --ce-space-4 - Spacing scale, step 4 (default 12px); the horizontal padding.
 * @cssprop --ce-space-5 - Spacing scale, step 5 (default 16px).
 * @cssprop --ce-transition-duration - Animations (0s under prefers-reduced-motion).
 * @cssprop --ce-card-clamp-height - Height at which long messages in cards are clamped (default 10em).
 * @cssprop --ce-color-scheme - `light`, `dark` or `light dark` (default: follow the OS); the `theme` attribute sets it.
 */
export class EventTimeline extends CeElement<EventTimelineEventMap> {
  static override dependencies = { 'event-card': EventCard };
  static override styles = eventTimelineStyles;

  /** The coordinator's SSE URL (`https://host/sse/sessions`). */
  @property() src: string | null = null;

  /** REST base; derived from `src` when absent. */
  @property({ attribute: 'api-base' }) apiBase: string | null = null;

  /** The session to show. */
  @property({ attribute: 'session-id' }) sessionId: string | null = null;

  /** Auth token (sent as `Authorization: Bearer`). Prefer `tokenProvider` for expiring tokens. */
  @property() token: string | null = null;

  /** Called for a token before each connection/request. */
  @property({ attribute: false }) tokenProvider: TokenProvider | undefined;

  /** A client shared with other elements; takes precedence over `src`. */
  @property({ attribute: false }) client: CoordinatorClientApi | null = null;

  /** Without a client: the session status, used to close the last run (e.g. `failed`, `stopped`, `idle`). */
  @property({ attribute: 'session-status' }) sessionStatus: string | null = null;

  /** Accessible name of the feed (default "Agent events"). */
  @property() label: string | null = null;

  /** `dark` or `light` pins the colour scheme; absent follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'dark' | 'light' | undefined;

  /**
   * Replaces some strings of the timeline and the cards in it (merged over those of its language,
   * see `lang`), e.g. `{ expandAll: 'Alles auf', eventTypes: { message: 'Nachricht' } }`.
   */
  @property({ attribute: false }) strings: PartialStrings | null = null;

  protected override _ownStrings(): PartialStrings | null {
    return this.strings;
  }

  // Data: the host's events go through a local session, a coordinator's through the client; the
  // source controller hands either over the same way.

  private readonly _local = new LocalSession();

  private readonly _source = new CoordinatorSourceController(
    this,
    () => ({
      ...connectionOf(this),
      sessionId: this.sessionId,
      local: this._local,
    }),
    {
      onChange: () => this._dataChanged(),
      onEvents: (events) => this._onArrivals(events),
      onConnection: (state, previous) => this._onConnection(state, previous),
      onClient: () => this._resetView(),
    },
  );
  /** What is shown: the events and runs of the last flush, and the rows built from them. */
  private _events: readonly CoordinatorEvent[] = [];
  private _runs: readonly Run[] = [];
  private _rows: Row[] = [];
  private _rowIndex: Map<string, number> | null = null;
  private _counts: Record<EventCategory, number> = { tool: 0, message: 0, result: 0, lifecycle: 0, other: 0 };
  private _matched = 0;
  /** What the last render knew of the session (an empty state says why it is empty). */
  private _shownState = '';
  private _echoes: ReadonlySet<string> = new Set();
  private _rowsDirty = false;
  private _initialLoadDone = false;
  /** A load (the host's `events`, a session's history) whose end `ce-load` is to tell. */
  private _loadToTell = true;
  private _announcedHistoryError: string | null = null;
  /** A big first load of host events shows its newest part at once, the rest in idle slices. */
  private readonly _idle = new IdleWorkController(this, sliced(this._local));

  private readonly _scheduler = new FlushScheduler(this, {
    flush: () => this._flush(),
    following: () => this._follow.following,
    size: () => this._source.snapshot?.events.length ?? 0,
  });
  private readonly _follow = new FollowBottomController(this, {
    // The virtualizer keeps the list at the end while its layout is pinned.
    onFollowChange: (on) => this._layout?.follow(on),
  });
  private readonly _roving = new RovingFocusController(this, {
    count: () => this._rows.length,
    keyAt: (index) => rowKey(this._rows[index]),
    indexOf: (key) => this._indexOfKey(key),
    focus: (index) => this._nav.focusRow(index),
    visible: () => [this._firstVisible, this._lastVisible],
  });
  private readonly _announcer = new AnnouncerController(this);
  private readonly _countdown = new CountdownController(
    this,
    () =>
      (this._source.connection.status === 'reconnecting' && this._source.connection.nextAttemptAt !== undefined) ||
      (this._source.snapshot?.historyRetryAt ?? null) !== null,
  );

  // View state

  private readonly _filter = new TimelineFilter(
    this,
    () => this._rebuildRows(),
    (direction) => void this._step('match', direction, false),
  );
  private readonly _nav: TimelineNavigator = new TimelineNavigator(this, {
    rows: () => this._rows,
    indexOf: (key) => this._indexOfKey(key),
    scroller: () => this._scroller ?? null,
    virtualizer: () => this._virtualizer,
    follow: this._follow,
    roving: this._roving,
    find: (keyOrAnchor) => this._lookup().find(keyOrAnchor),
    reveal: (target) => this._reveal(target),
    settled: () => this.updateComplete,
    onUserSelect: (event) => this.emit('ce-event-select', { event, anchor: eventAnchor(event) }),
  });
  private readonly _highlighter = new SearchHighlighter();
  /** While searching, the events that match; always, the failed events shown (for next/previous). */
  private _matches: readonly CoordinatorEvent[] = [];
  private _failures: readonly CoordinatorEvent[] = [];
  private readonly _view = new TimelineView(this, () => this._rebuildRows());
  private readonly _list = listInput({
    scroller: () => this._scroller,
    rows: () => this._rows,
    indexOf: (key) => this._indexOfKey(key),
    view: this._view,
    roving: this._roving,
    select: (event) => this._nav.userSelect(event),
    step: (what, direction) => void this._step(what, direction, true),
  });
  /** The toolbar's open menu (filters on narrow timelines, export). */
  @state() private _menu: 'filters' | 'export' | null = null;
  /** Printing: every event is rendered, not the virtualized window. */
  @state() private _printing = false;
  private _firstVisible = 0;
  private _lastVisible = -1;

  @query('.scroller') private _scroller!: HTMLElement;

  // Public API

  /**
   * Without a client: the events to show, wire (`SessionEvent`, `{data: SessionEvent}`) or
   * normalized. Read back: the normalized events the timeline holds, in order (all of them,
   * regardless of filter and search; see `visibleEvents`).
   */
  // Own accessor: Lit's would read the getter back after each set, finishing a first load at once.
  @property({ attribute: false, noAccessor: true })
  get events(): readonly CoordinatorEvent[] {
    this._finishLoad();
    return this._source.snapshot?.events ?? this._events;
  }
  set events(value: readonly unknown[] | null | undefined) {
    const old = this._events;
    this._loadToTell = true;
    this._local.setEvents(Array.isArray(value) ? value : []);
    this._idle.start();
    this.requestUpdate('events', old, undefined, true, this._events);
  }

  /** Adds events (wire or normalized) after the current ones, as if they just arrived. */
  appendEvents(events: readonly unknown[]): void {
    this._finishLoad();
    this._local.appendEvents(events);
  }

  /** Events matching the current filter and search, in order (collapsed runs included). */
  get visibleEvents(): CoordinatorEvent[] {
    const { rows } = buildRows({
      runs: this.runs,
      categories: this._filter.categories,
      query: this._filter.query,
      errorsOnly: this._filter.errorsOnly,
      collapsedRuns: new Set(),
    });
    return rows.filter(isEventRow);
  }

  /** The derived runs, in order. */
  get runs(): readonly Run[] {
    return this._source.snapshot?.runs ?? this._runs;
  }

  /** The selected event, if any. */
  get selectedEvent(): CoordinatorEvent | null {
    return this._nav.key !== null ? this._lookup().find(this._nav.key) : null;
  }

  /**
   * The selected event: its `key`, or its anchor (`eventAnchor(event)`, the same after a reload: for
   * links). Setting it selects that event, brings it into view (rendered or not, its run expanded, a
   * filter that hides it cleared) and holds following off, so that arriving events do not move it
   * away; an event the timeline does not hold yet is selected when it arrives. Reading it gives the
   * selected event's key (or, while waiting for it, what was set). Setting it fires no event.
   */
  @property({ attribute: 'selected-key', noAccessor: true })
  get selectedKey(): string | null {
    return this._nav.requested;
  }
  set selectedKey(value: string | null | undefined) {
    const old = this._nav.requested;
    this._finishLoad();
    this._nav.request(value || null);
    this.requestUpdate('selectedKey', old);
  }

  /**
   * Brings an event (by `key` or anchor) into view without selecting it, holding following off.
   * Resolves true once it is in view, false when the timeline holds no such event.
   */
  async scrollToEvent(keyOrAnchor: string): Promise<boolean> {
    this._finishLoad();
    await this.updateComplete;
    const event = this._lookup().find(keyOrAnchor);
    return event ? this._nav.show(event) : false;
  }

  /** Brings run `index`'s header (1 = the first run) into view, holding following off. False: no such run. */
  async scrollToRun(index: number): Promise<boolean> {
    this._finishLoad();
    await this.updateComplete;
    return this.runs.some((r) => r.index === index) ? this._nav.show(index) : false;
  }

  /** The current connection state (`idle` without a client). */
  get connection(): ConnectionState {
    return this._source.connection;
  }

  /**
   * The session's transcript, whatever the filter and search: `markdown` to read (a section per run,
   * tool input and output in fences, in the element's language) or `json` to process (the runs with
   * their facts and every event as the coordinator sent it).
   */
  exportTranscript(format: 'markdown' | 'json' = 'markdown'): string {
    const runs = this.runs;
    const sessionId = this.sessionId ?? runs[0]?.sessionId ?? '';
    return format === 'json'
      ? transcriptJson(sessionId, runs)
      : transcriptMarkdown(sessionId, runs, transcriptWords(this._strings));
  }

  /** Saves the transcript as a file (`session-<id>.md` or `.json`): what the toolbar's "Export" does. */
  downloadTranscript(format: 'markdown' | 'json' = 'markdown'): void {
    const text = this.exportTranscript(format);
    const id = (this.sessionId ?? this.runs[0]?.sessionId ?? 'session').replace(/[^\w.-]+/g, '_').slice(0, 80);
    const url = URL.createObjectURL(
      new Blob([text], { type: format === 'json' ? 'application/json' : 'text/markdown' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `session-${id}.${format === 'json' ? 'json' : 'md'}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** Scrolls to the newest event and follows new ones again. */
  scrollToLatest(): void {
    this._follow.followLatest();
  }

  // Lifecycle

  private _printMedia: MediaQueryList | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Printing shows every event: the list only renders the rows in view.
    addEventListener('beforeprint', this._onBeforePrint);
    addEventListener('afterprint', this._onAfterPrint);
    this._printMedia ??= matchMedia('print');
    this._printMedia.addEventListener('change', this._onPrintMedia);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('beforeprint', this._onBeforePrint);
    removeEventListener('afterprint', this._onAfterPrint);
    this._printMedia?.removeEventListener('change', this._onPrintMedia);
    this._highlighter.clear();
  }

  private _onBeforePrint = () => this._setPrinting(true);
  private _onAfterPrint = () => this._setPrinting(false);
  private _onPrintMedia = (e: MediaQueryListEvent) => this._setPrinting(e.matches);

  /**
   * Renders (or drops) the print list now, cards included: the browser lays out the page for
   * printing right after `beforeprint`, before any frame or microtask of ours.
   */
  private _setPrinting(on: boolean): void {
    if (on === this._printing) return;
    this._printing = on;
    if (on) {
      this._finishLoad();
      // The list keeps its screen size while the print list takes the page (see the print styles).
      const body = this.renderRoot.querySelector<HTMLElement>('.body');
      if (body) {
        this.style.setProperty('--_screen-body-width', `${body.offsetWidth}px`);
        this.style.setProperty('--_screen-body-height', `${body.offsetHeight}px`);
      }
    }
    this.performUpdate();
    if (!on) return;
    for (const card of this.renderRoot.querySelectorAll('.print-list > [data-key]'))
      (card as Partial<EventCard>).renderNow?.();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // A first load and a flush to come are part of "updated": wait for them, then for Lit, then for
    // the rows it rendered (a card waits for its markdown).
    let result = true;
    do {
      while (this._idle.done || this._scheduler.done) await (this._idle.done ?? this._scheduler.done);
      result = await super.getUpdateComplete();
      const rows = Array.from(this._scroller?.children ?? [], (row) => (row as Partial<EventCard>).updateComplete);
      await Promise.all(rows);
    } while (this._idle.done || this._scheduler.done || this.isUpdatePending);
    return result;
  }

  private _viewKey: string | null | undefined = undefined;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('strings')) this._localize.overridesChanged();
    this._local.sessionId = this.sessionId;
    this._local.status = this.sessionStatus;
    // Another session: its own view (collapsed runs, expansions, selection).
    if (this._viewKey !== this.sessionId) {
      if (this._viewKey !== undefined) this._resetView();
      this._viewKey = this.sessionId;
    }
    this._source.sync();
  }

  /** Forgets per-session view state (a different session or source). */
  private _resetView(): void {
    this._view.reset();
    this._nav.reset();
    this._roving.setActive(null);
    this._follow.setFollowing(true);
    this._initialLoadDone = false;
    this._loadToTell = true;
  }

  /** Completes a big first load at once (reading `events`). */
  private _finishLoad(): void {
    this._local.finishLoad();
    this._idle.settle();
  }

  // Data changes

  private _dataChanged(): void {
    // Said once, not with every tick of the retry countdown.
    const failed = this._source.snapshot?.historyError ?? null;
    if (failed && failed !== this._announcedHistoryError) this._announcer.say(this._strings.historyFailed(failed));
    this._announcedHistoryError = failed;
    this._rowsDirty = true;
    this._scheduler.schedule({ first: this._events.length === 0, batched: this._source.mode === 'client' });
  }

  private _onArrivals(events: readonly CoordinatorEvent[]): void {
    // The initial load is not news: a client's history (until the session is loaded), the host's
    // first events (until they were shown, a big first load all of them).
    if (this._source.mode === 'client' ? !this._source.snapshot?.loaded : !this._initialLoadDone) return;
    this._scheduler.arrived(events.length);
    this._follow.arrived(events.length);
    for (const event of events) this.emit('ce-event', { event });
    this._announcer.tally(events, (count, last) =>
      count === 1 ? this._strings.announceOne(summarizeEvent(last, this._strings)) : this._strings.announceMany(count),
    );
  }

  private _onConnection(state: ConnectionState, previous: ConnectionState): void {
    this.emit('ce-connection-change', state);
    if (isAnnounced(state, previous)) this._announcer.say(connectionText(state, this._strings, null));
  }

  private _flush(): void {
    const snapshot = this._source.snapshot;
    const events = snapshot?.events ?? [];
    const runs = snapshot?.runs ?? [];
    if (events.length && snapshot?.loaded) this._initialLoadDone = true;
    this._events = events;
    if (this._loadToTell && snapshot?.loaded && (this._source.mode !== 'client' || this.sessionId)) {
      this._loadToTell = false;
      void this._tellLoaded();
    }
    if (runs !== this._runs || this._rowsDirty) {
      this._runs = runs;
      this._rowsDirty = false;
      const out = buildRows({
        runs,
        categories: this._filter.categories,
        query: this._filter.query,
        errorsOnly: this._filter.errorsOnly,
        collapsedRuns: this._view.collapsed,
        gaps: snapshot?.gaps,
      });
      this._rows = out.rows;
      this._rowIndex = null;
      this._counts = out.counts;
      this._matched = out.matched;
      this._matches = out.matches;
      this._failures = out.failures;
      this._echoes = out.echoes;
      this.requestUpdate();
    }
    this._nav.flushed();
    const state = `${this._source.presence}|${snapshot?.loaded ?? false}`;
    if (state !== this._shownState) {
      this._shownState = state;
      this.requestUpdate();
    }
  }

  /** `ce-load` once what was loaded is shown (a later load or session first: that one tells). */
  private async _tellLoaded(): Promise<void> {
    await this.updateComplete;
    if (this._loadToTell || !this.isConnected) return;
    this.emit('ce-load', { count: this.events.length });
  }

  /** Rows must be built again (filter, search or collapsed runs changed). */
  private _rebuildRows(): void {
    this._rowsDirty = true;
    this._scheduler.schedule();
  }

  // The list and its virtualizer

  /** The events by key and anchor, for the events now held. */
  private _lookup(): EventLookup {
    const events = this._source.snapshot?.events ?? this._events;
    if (this._lookupCache?.events !== events) this._lookupCache = new EventLookup(events);
    return this._lookupCache;
  }

  private _lookupCache: EventLookup | null = null;

  /** Makes a row for `target` (an event, or a run's index): expands its run, clears a filter hiding it. */
  private _reveal(target: CoordinatorEvent | number): boolean {
    const run = this.runs.find((r) => (typeof target === 'number' ? r.index === target : r.events.includes(target)));
    if (!run) return false;
    if (typeof target !== 'number') this._view.setCollapsed(run.index, false);
    if (this._filter.active) this._filter.clear();
    this._rebuildRows();
    return true;
  }

  /**
   * Goes to the next (1) or previous (-1) search match or failed event, after the selection; a
   * match's card opens, so that the match shows.
   */
  private async _step(what: 'match' | 'error', direction: 1 | -1, focus: boolean): Promise<void> {
    await this.updateComplete;
    const lookup = this._lookup();
    const list = what === 'match' ? this._matches : this._failures;
    const event = await this._nav.step(list, direction, (e) => lookup.orderOf(e), { focus });
    if (event && what === 'match' && hasDetails(event)) this._view.setExpanded(event.key, true);
  }

  /** Highlights the search in the rendered rows (after they render), the selected match apart. */
  private _highlight(): void {
    const scroller = this._scroller;
    if (!scroller) return;
    this._highlighter.schedule(
      () => scroller.children as unknown as Iterable<HTMLElement>,
      this._filter.query,
      this._nav.key,
    );
  }

  /** The virtualizer of the list (made by the `virtualize` directive on its first render). */
  private get _virtualizer(): VirtualizerLike | undefined {
    return (this._scroller as unknown as Record<symbol, VirtualizerLike | undefined>)[virtualizerRef];
  }

  protected override firstUpdated(): void {
    const scroller = this._scroller;
    const virtualizer = () => this._virtualizer;
    positionChildrenInOneWalk(virtualizer() as Parameters<typeof positionChildrenInOneWalk>[0]);
    // Rows leave the range when the virtualizer re-renders it (its listener runs before this one)
    // or when this element renders: tidy up after both, before the virtualizer walks the rows.
    this._rowSweeper = new MarkerSweeper(scroller, forgetRemovedRows(virtualizer));
    scroller.addEventListener('rangeChanged', () => {
      this._rowSweeper?.sweep();
      this._renderRowsNow();
      if (this._filter.query) this._highlight();
    });
    scroller.addEventListener('visibilityChanged', (e: Event) => {
      const { first, last } = e as Event & { first: number; last: number };
      this._firstVisible = first;
      this._lastVisible = last;
    });
    // The virtualizer unpins on any scroll it did not make itself. The user's scrolls stop
    // following (FollowBottomController); after any other (the list shrank, a host's scrollTo)
    // following pins again. After unpin() returns: it clears the pin after telling.
    scroller.addEventListener('unpinned', () =>
      queueMicrotask(() => {
        if (this._follow.following) this._layout?.follow(true);
      }),
    );
    this._follow.attach(scroller);
  }

  protected override updated(): void {
    this._rowSweeper?.sweep();
    if (this._filter.query || this._highlighted) this._highlight();
    this._highlighted = this._filter.query !== '';
  }

  /** The last update highlighted a search (so an emptied search clears it). */
  private _highlighted = false;

  /**
   * The rows the virtualizer just placed render now rather than at the end of the task: right
   * after placing them it reads the layout (a forced layout), which then has their content, and
   * the frame that shows them only their positions to do. Cards already rendered have no update
   * pending and are not touched. (Asked, not assumed: with two copies of the library on a page the
   * cards may be the other copy's.)
   */
  private _renderRowsNow(): void {
    for (const row of this._scroller.children) (row as Partial<EventCard>).renderNow?.();
  }

  private _rowSweeper: MarkerSweeper | null = null;

  /**
   * The virtualizer's layout, told to the timeline when created. While following, it is pinned to
   * the end: every layout pass (new rows, rows measured, a resize) keeps the last row at the
   * bottom, in the same pass, without a scroll loop of our own.
   */
  private _layout: TimelineLayout | null = null;
  private readonly _layoutConfig: { type: typeof TimelineLayout } & TimelineLayoutConfig = {
    type: TimelineLayout,
    onCreate: (layout) => {
      this._layout = layout;
      if (this._follow.following) layout.follow(true);
    },
    busy: () => this._scheduler.scheduled,
    active: () => this.isConnected,
  };

  // Interaction

  private _indexOfKey(key: string): number {
    if (!this._rowIndex) {
      this._rowIndex = new Map();
      this._rows.forEach((row, i) => this._rowIndex!.set(rowKey(row), i));
    }
    return this._rowIndex.get(key) ?? -1;
  }

  private _onCardToggle = (e: Event) => {
    const { expanded, event } = (e as CustomEvent<{ expanded: boolean; event: CoordinatorEvent }>).detail;
    this._view.setExpanded(event.key, expanded);
  };

  private _onJump(): void {
    this.scrollToLatest();
    if (this._rows.length) this._roving.setActive(rowKey(this._rows[this._rows.length - 1]));
  }

  // Rendering

  /** The run a row belongs to: the nearest run header above it. */
  private _runAbove(index: number): Run | null {
    for (let i = index; i >= 0; i--) {
      const row = this._rows[i];
      if (isRunRow(row)) return row;
    }
    return null;
  }

  /** A tool call's duration, from the run that holds it (the last runs first: they change). */
  private _timingOf(key: string): Run['toolTimings'] extends ReadonlyMap<string, infer T> ? T | null : never {
    for (let i = this._runs.length - 1; i >= 0; i--) {
      const timing = this._runs[i].toolTimings.get(key);
      if (timing) return timing;
    }
    return null;
  }

  /**
   * The virtualize directive can re-render its previous range against a shorter new items array
   * before the virtualizer has caught up (a second host render in between): tolerate the holes.
   */
  private _keyOf = (row: Row | undefined, index: number): string => (row ? rowKey(row) : `missing-${index}`);

  private _renderRow = (row: Row | undefined, index: number): TemplateResult => {
    if (!row) return html``;
    const size = this._rows.length;
    if (isRunRow(row)) {
      const key = rowKey(row);
      return renderRunHeader(
        row,
        {
          key,
          position: index + 1,
          size,
          tabIndex: this._roving.tabIndexOf(key),
          collapsed: this._view.collapsed.has(row.index),
          live: row.outcome === 'running' && row === this._runs[this._runs.length - 1],
          reason: runFailureReason(row, this._source.snapshot?.session, {
            last: row === this._runs[this._runs.length - 1],
          }),
          onToggle: () => this._view.setCollapsed(row.index),
        },
        this._strings,
      );
    }
    if (!isEventRow(row)) return renderGapRow(row, index, size, this._roving.tabIndexOf(row.key), this._strings);
    const run = row.type === 'run_start' ? this._runAbove(index) : null;
    const card = this.tagFor('event-card');
    return staticHtml`<${card}
      data-key=${row.key}
      .event=${row}
      .runIndex=${run ? run.index : null}
      .resumed=${run ? run.kind === 'resume' : null}
      .expanded=${this._view.isExpanded(row.key)}
      .selected=${this._nav.key === row.key}
      .timing=${row.type === 'pre_tool' || row.type === 'post_tool' ? this._timingOf(row.key) : null}
      .echo=${this._echoes.has(row.key)}
      tabindex=${this._roving.tabIndexOf(row.key)}
      aria-posinset=${index + 1}
      aria-setsize=${size}
      exportparts=${CARD_PARTS}
    ></${card}>`;
  };

  /** Nothing to show, and why (no session, unknown session, unreachable, refused, or no events yet). */
  private _renderEmpty() {
    const kind = emptyKindOf({
      mode: this._source.mode,
      connection: this._source.connection,
      presence: this._source.presence,
    });
    const [title, hint] = emptyText(kind, this._strings, this.sessionId);
    return renderEmptyState(kind, title, hint);
  }

  override render() {
    const rows = this._rows;
    const snapshot = this._source.snapshot;
    const loading = this._source.mode === 'client' && !!this.sessionId && !(snapshot?.loaded ?? false);
    const connection = this._source.connection;
    const toolbar = renderToolbar(
      {
        filter: this._filter,
        counts: this._counts,
        matched: this._matched,
        total: this._events.length,
        search: this._filter.query
          ? {
              count: this._matches.length,
              position: this._nav.key !== null ? this._matches.findIndex((e) => e.key === this._nav.key) + 1 : 0,
            }
          : null,
        errors: this._failures.length,
        onStepMatch: (direction) => void this._step('match', direction, false),
        onStepError: (direction) => void this._step('error', direction, false),
        connection,
        seconds: connection.nextAttemptAt !== undefined ? this._countdown.secondsUntil(connection.nextAttemptAt) : null,
        presence: this._source.presence,
        onRetry: () => this._source.reconnect(),
        onExpandAll: (expanded) => this._view.setAllExpanded(expanded),
        menu: this._menu,
        onMenu: (menu) => (this._menu = menu),
        onExport: (format) => {
          this._menu = null;
          this.downloadTranscript(format);
        },
      },
      this._strings,
    );
    return html`<div class="base" part="base">
      ${toolbar} ${renderNotices(snapshot, this._strings, (at) => this._countdown.secondsUntil(at))}
      <div class="body">
        <!-- A feed must contain articles: while empty the list is a plain labelled region. -->
        <div
          class="scroller"
          part="list"
          role=${rows.length ? 'feed' : 'region'}
          tabindex="0"
          aria-label=${this.label ?? this._strings.timelineLabel}
          aria-busy=${loading ? 'true' : 'false'}
          @keydown=${this._list.onKeyDown}
          @click=${this._list.onClick}
          @focusin=${this._list.onFocusIn}
          @ce-toggle=${this._onCardToggle}
        >
          ${virtualize({
            items: rows,
            renderItem: this._renderRow,
            keyFunction: this._keyOf,
            scroller: true,
            layout: this._layoutConfig,
          })}
        </div>
        ${
          this._events.length === 0
            ? this._renderEmpty()
            : rows.length === 0 && this._filter.active
              ? renderNoMatch(this._filter, this._strings)
              : nothing
        }
        ${
          !this._follow.following && rows.length
            ? html`<button type="button" class="jump" part="jump" @click=${this._onJump}>
                ${icon('arrowDown')}${
                  this._follow.unseen > 0 ? this._strings.newEvents(this._follow.unseen) : this._strings.jumpToLatest
                }
              </button>`
            : nothing
        }
      </div>
      ${this._printing ? renderPrintList(this.runs, this.tagFor('event-card'), this._strings) : nothing}
      ${this._announcer.render()}
    </div>`;
  }
}

/** A local session's big first load, as work in slices. */
function sliced(local: LocalSession): SlicedWork {
  return {
    get pending() {
      return local.loading;
    },
    step: (hasTime) => local.continueLoad(hasTime),
  };
}
