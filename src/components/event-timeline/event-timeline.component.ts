import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { ConnectionState, CoordinatorEvent, EventCategory, Run } from '../../types/model.js';
import type { CoordinatorClientApi, SessionSnapshot, SessionWatch, TokenProvider } from '../../client/types.js';
import { isCoordinatorEvent, toCoordinatorEvents } from '../../model/normalize.js';
import { deriveRuns } from '../../model/runs.js';
import { acquireClient, type ClientLease } from '../../client/shared.js';
import { icon } from '../../pieces/icons.js';
import { summarizeEvent } from '../../pieces/event-meta.js';
import { formatAbsoluteTime, formatClockTime, formatCount, formatDuration } from '../../i18n/format.js';
import type { PartialStrings } from '../../i18n/translations.js';
import type { Strings } from '../../i18n/strings.js';
import { CeElement as LocalizedElement } from '../../pieces/base-element.js';
import { MarkerSweeper } from '../../pieces/marker-sweeper.js';
import { CATEGORIES, buildRows, isRunRow, rowKey, type Row } from './timeline-model.js';
import { eventTimelineStyles } from './event-timeline.styles.js';
import { TimelineLayout, type TimelineLayoutConfig } from './timeline-layout.js';
import { forgetRemovedRows, positionChildrenInOneWalk } from './virtualizer-patches.js';
import { type EventCard } from '../event-card/event-card.component.js';

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
  'tool-chip',
  'markdown',
  'input',
  'output',
  'error-block',
  'json',
].join(', ');

/** Distance from the bottom (px) that still counts as "at the bottom". */
const BOTTOM_SLACK = 48;
/** Announcements of bursts are summarized over this window. */
const ANNOUNCE_WINDOW_MS = 1000;
const SEARCH_DEBOUNCE_MS = 150;
const FRAME_MS = 1000 / 60;
/**
 * A first load of more events than this normalizes only the newest ones before it renders (the
 * timeline opens at the end); the older ones follow in background slices of LOAD_SLICE_MS.
 */
const FIRST_LOAD_SYNC = 200;
const LOAD_SLICE_MS = 8;
/** The first background slice waits for an idle moment after the first frame, at most this long. */
const LOAD_IDLE_TIMEOUT_MS = 100;
const MAX_FLUSH_BACKOFF_MS = 250;
/**
 * A live burst (events arriving faster than BURST_RATE per second while following) replaces every
 * visible row each frame, unreadably: the list then moves every BURST_FLUSH_MS instead, and the
 * frames in between stay free for the page. Slower streams still render every frame.
 */
const BURST_RATE = 300;
/** …and more of them than a screenful of rows (a chunk of a slower stream is no burst). */
const BURST_MIN = 12;
const BURST_FLUSH_MS = 100;

/** The same wire object always maps to the same normalized event (stable keys, no re-render). */
const normalizedByWire = new WeakMap<object, CoordinatorEvent>();

function normalizeList(input: readonly unknown[]): CoordinatorEvent[] {
  const out: CoordinatorEvent[] = [];
  for (const item of input) {
    if (!item || typeof item !== 'object') continue;
    if (isCoordinatorEvent(item)) {
      out.push(item);
      continue;
    }
    let normalized = normalizedByWire.get(item);
    if (!normalized) {
      normalized = toCoordinatorEvents([item])[0];
      if (!normalized) continue;
      normalizedByWire.set(item, normalized);
    }
    out.push(normalized);
  }
  return out;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The words of a run header. */
interface RunHeaderTexts {
  label: string;
  kind: string;
  duration: string;
  start: { title: string; clock: string } | null;
  tools: string;
  errors: string | null;
  events: string;
}

type IdleScheduler = {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/** Calls `fn` once the page is idle (within `timeout` ms), or in a task without idle callbacks; returns a cancel. */
function whenIdle(fn: () => void, timeout: number): () => void {
  const { requestIdleCallback, cancelIdleCallback } = globalThis as IdleScheduler;
  if (requestIdleCallback && cancelIdleCallback) {
    const handle = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(fn);
  return () => clearTimeout(timer);
}

interface VirtualizerLike {
  element(index: number): { scrollIntoView(options?: ScrollIntoViewOptions): void } | undefined;
  layoutComplete: Promise<void>;
}

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
 * Keyboard: in the list, ArrowDown/`j` and ArrowUp/`k` move between runs and cards, Home/End go to
 * the first/last, Enter/Space expand a card or collapse a run, ArrowLeft/ArrowRight collapse/expand
 * a run.
 *
 * @summary Live timeline of an agent session's events, grouped by run.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`, `de-CH`). Absent: inherited from the nearest ancestor with `lang` (across shadow roots), e.g. `<html lang>`. Words come from the registered translations (English built in, `coordinator-elements/locales/de.js`), falling back to English.
 *
 * @fires {CustomEvent<ConnectionState>} ce-connection-change - The connection state changed; `detail` is the `ConnectionState` (`status`: idle, connecting, open, reconnecting, auth-error, offline, closed).
 * @fires {CustomEvent<EventArrivalDetail>} ce-event - An event arrived after the initial load (one per event); `detail: { event: CoordinatorEvent }`.
 * @fires {CustomEvent<EventSelectDetail>} ce-event-select - The user selected an event (click, or moving to it with the keyboard); `detail: { event: CoordinatorEvent }`.
 * @fires {CustomEvent<EventToggleDetail>} ce-toggle - The user expanded or collapsed a card (from the card); `detail: { expanded: boolean, event: CoordinatorEvent }`.
 * @fires {CustomEvent<CopyDetail>} ce-copy - A copy button in a card (tool input/output, JSON, code block) copied, or failed to; `detail: { ok: boolean, length: number }`.
 * @fires {CustomEvent<MarkdownExpandDetail>} ce-markdown-expand - The user asked for more of a long message or result in a card ("Show more", or "Show all" with `detail.showAll`).
 *
 * @csspart toolbar - The bar with filters, search, actions, count and connection state.
 * @csspart filters - The group of filter chips.
 * @csspart filter-chip - One filter chip (label and count).
 * @csspart search - The search box.
 * @csspart search-input - The search input.
 * @csspart expand-all - The "Expand all" button.
 * @csspart collapse-all - The "Collapse all" button.
 * @csspart count - The "N of M events" text.
 * @csspart connection - The connection indicator.
 * @csspart notice - Notices (history incomplete, older events dropped).
 * @csspart list - The scrolling feed.
 * @csspart run-header - A run's header.
 * @csspart run-toggle - The collapse/expand button of a run.
 * @csspart live-badge - The "live" marker of the current run.
 * @csspart outcome - A run's outcome (completed, failed, stopped).
 * @csspart empty - The empty state.
 * @csspart jump - The "N new events — jump to latest" button.
 * @csspart icon - Icons of the timeline itself (toolbar, run headers, notices).
 * @csspart card - An event card's box (the parts below are the cards' own, forwarded by the timeline).
 * @csspart card-header - A card's first line (the card's `header`).
 * @csspart card-type - A card's icon and type label (the card's `type`).
 * @csspart card-time - A card's relative time (the card's `time`).
 * @csspart card-body - A card's content below the header (the card's `body`).
 * @csspart card-detail - A card's type-specific header text (the card's `detail`).
 * @csspart error-badge - A card's error marker.
 * @csspart legacy-badge - A card's "legacy name" hint on events sent with an old type name.
 * @csspart tool-chip - A card's tool name and status.
 * @csspart markdown - Markdown of messages and results in cards.
 * @csspart input - A card's tool input block.
 * @csspart output - A card's tool output block.
 * @csspart error-block - A card's tool error block.
 * @csspart json - JSON views in cards (result data, raw event).
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
export class EventTimeline extends LocalizedElement {
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

  // Data

  /** Events given by the host (used when there is no client). */
  private _hostEvents: CoordinatorEvent[] = [];
  /** Every event the host gave (`_hostEvents` is the `session-id` part of it). */
  private _allHostEvents: CoordinatorEvent[] = [];
  /** The last `events` input (a copy) and its normalized form, to normalize only what is new. */
  private _lastInput: readonly unknown[] = [];
  private _lastNormalized: CoordinatorEvent[] = [];
  /** Events shown (host events or the client snapshot's). */
  private _events: readonly CoordinatorEvent[] = [];
  private _runs: readonly Run[] = [];
  private _rows: Row[] = [];
  private _rowIndex: Map<string, number> | null = null;
  private _counts: Record<EventCategory, number> = { tool: 0, message: 0, result: 0, lifecycle: 0, other: 0 };
  private _matched = 0;
  private _initialLoadDone = false;
  /** A first load in progress: what the host gave, and how far normalization got (see `_startLoad`). */
  private _load: {
    input: readonly unknown[];
    /** Items before it are normalized in the background, into `parts`; from it on, into `tail`. */
    split: number;
    next: number;
    parts: CoordinatorEvent[][];
    tail: CoordinatorEvent[];
    /** Cancels the next background slice. */
    cancel: (() => void) | undefined;
    done: Promise<void>;
    resolve: () => void;
  } | null = null;
  private _snapshot: SessionSnapshot | null = null;

  private _runsDirty = false;
  /** Events were only appended since the last derivation (runs can be extended, not rebuilt). */
  private _appendedOnly = false;
  private _derivedLength = 0;
  private _rowsDirty = false;
  private _flushHandle = 0;
  private _flushPromise: Promise<void> | null = null;
  private _flushResolve: (() => void) | null = null;

  // Source

  private _mode: 'host' | 'client' = 'host';
  private _lease: ClientLease | null = null;
  private _activeClient: CoordinatorClientApi | null = null;
  private _watch: SessionWatch | null = null;
  private _offConnection: (() => void) | null = null;
  private _sourceDirty = true;
  /** The session the view state (collapsed runs, expansions, selection) belongs to. */
  private _viewSession: string | null | undefined = undefined;

  // View state

  @state() private _categories = new Set<EventCategory>(CATEGORIES);
  @state() private _queryInput = '';
  private _query = '';
  private _searchTimer: ReturnType<typeof setTimeout> | undefined;
  @state() private _collapsedRuns = new Set<number>();
  @state() private _expandAll = false;
  @state() private _expandExceptions = new Set<string>();
  @state() private _selectedKey: string | null = null;
  @state() private _activeKey: string | null = null;
  @state() private _connection: ConnectionState = { status: 'idle' };
  @state() private _following = true;
  @state() private _newCount = 0;
  @state() private _announcement = '';
  @state() private _now = Date.now();

  private _countdownTimer: ReturnType<typeof setInterval> | undefined;
  private _announceTimer: ReturnType<typeof setTimeout> | undefined;
  private _announceCount = 0;
  private _announceLast: CoordinatorEvent | null = null;
  private _lastScrollTop = 0;
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
    return this._events;
  }
  set events(value: readonly unknown[] | null | undefined) {
    const old = this._events;
    this._setEvents(Array.isArray(value) ? value : []);
    this.requestUpdate('events', old, undefined, true, this._events);
  }

  private _setEvents(input: readonly unknown[]): void {
    this._finishLoad();
    if (this._mode === 'host' && this._events.length === 0 && input.length > FIRST_LOAD_SYNC) {
      this._startLoad(input);
      return;
    }
    // A host that re-sets a growing array (React state) pays only for the new tail: the items of
    // the previous array, if they are the same objects at the same places, are already normalized.
    const prevInput = this._lastInput;
    let same = 0;
    if (input.length >= prevInput.length) {
      while (same < prevInput.length && input[same] === prevInput[same]) same++;
    }
    const list =
      same > 0 && same === prevInput.length
        ? this._lastNormalized.concat(normalizeList(input.slice(same)))
        : normalizeList(input);
    this._lastInput = input.slice();
    this._setHostList(list);
  }

  /**
   * A first load into an empty timeline shows its newest events first: only the last
   * FIRST_LOAD_SYNC are normalized now; the rest follow in background slices, and the whole list
   * replaces them when done (`updateComplete` waits for it; reading `events` finishes it at once).
   * Normalizing 100,000 events takes a few hundred milliseconds: the first frame does not wait.
   */
  private _startLoad(input: readonly unknown[]): void {
    // A copy: the host may change its array while the load is in progress.
    const items = input.slice();
    const split = items.length - FIRST_LOAD_SYNC;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const tail = normalizeList(items.slice(split));
    this._load = { input: items, split, next: 0, parts: [], tail, cancel: undefined, done, resolve };
    this._lastInput = items;
    this._setHostList(tail);
    // After the first frame is painted, once the page is idle: a slice before that frame would
    // delay it, and one right after it whatever the page queued for then (input, its own work).
    const load = this._load;
    const frame = requestAnimationFrame(() => {
      if (this._load === load) load.cancel = whenIdle(this._continueLoad, LOAD_IDLE_TIMEOUT_MS);
    });
    load.cancel = () => cancelAnimationFrame(frame);
  }

  private _continueLoad = () => {
    const load = this._load;
    if (!load) return;
    const stop = performance.now() + LOAD_SLICE_MS;
    while (load.next < load.split && performance.now() < stop) {
      const end = Math.min(load.split, load.next + 500);
      load.parts.push(normalizeList(load.input.slice(load.next, end)));
      load.next = end;
    }
    if (load.next < load.split) {
      const timer = setTimeout(this._continueLoad);
      load.cancel = () => clearTimeout(timer);
    } else this._finishLoad();
  };

  /** Completes a first load in progress (at once, if needed). */
  private _finishLoad(): void {
    const load = this._load;
    if (!load) return;
    this._load = null;
    load.cancel?.();
    if (load.next < load.split) load.parts.push(normalizeList(load.input.slice(load.next, load.split)));
    this._setHostList(([] as CoordinatorEvent[]).concat(...load.parts, load.tail));
    load.resolve();
  }

  /** The normalized form of the last `events` input. */
  private _setHostList(list: CoordinatorEvent[]): void {
    this._lastNormalized = list;
    this._allHostEvents = list;
    const previous = this._hostEvents;
    this._hostEvents = this._ofSession(list);
    if (this._mode === 'host') this._applyHostEvents(previous);
  }

  /** Adds events (wire or normalized) after the current ones, as if they just arrived. */
  appendEvents(events: readonly unknown[]): void {
    this._finishLoad();
    const added = normalizeList(events);
    if (!added.length) return;
    this._allHostEvents = this._allHostEvents.concat(added);
    const shown = this._ofSession(added);
    if (!shown.length) return;
    const previous = this._hostEvents;
    this._hostEvents = previous.concat(shown);
    if (this._mode === 'host') this._applyHostEvents(previous);
  }

  private _ofSession(events: CoordinatorEvent[]): CoordinatorEvent[] {
    const id = this.sessionId;
    return id ? events.filter((e) => e.sessionId === id) : events;
  }

  /** Events matching the current filter and search, in order (collapsed runs included). */
  get visibleEvents(): CoordinatorEvent[] {
    const out: CoordinatorEvent[] = [];
    const { rows } = buildRows({
      runs: this._runs,
      categories: this._categories,
      query: this._query,
      collapsedRuns: new Set(),
    });
    for (const row of rows) if (!isRunRow(row)) out.push(row);
    return out;
  }

  /** The derived runs, in order. */
  get runs(): readonly Run[] {
    return this._runs;
  }

  /** The selected event, if any. */
  get selectedEvent(): CoordinatorEvent | null {
    return this._events.find((e) => e.key === this._selectedKey) ?? null;
  }

  /** The current connection state (`idle` without a client). */
  get connection(): ConnectionState {
    return this._connection;
  }

  /** Scrolls to the newest event and follows new ones again. */
  scrollToLatest(): void {
    this._newCount = 0;
    this._scrollToBottom();
  }

  // Lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    this._sourceDirty = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._disconnectSource();
    cancelAnimationFrame(this._flushHandle);
    this._flushHandle = 0;
    clearTimeout(this._flushTimer);
    this._flushTimer = undefined;
    this._resolveFlush();
    clearTimeout(this._announceTimer);
    this._announceTimer = undefined;
    clearTimeout(this._searchTimer);
    clearInterval(this._countdownTimer);
    this._countdownTimer = undefined;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // A pending frame-batched flush is part of "updated": wait for it, then for Lit.
    while (this._flushPromise || this._load) await (this._load?.done ?? this._flushPromise);
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('strings')) this._localize.overridesChanged();
    if (
      changed.has('src') ||
      changed.has('apiBase') ||
      changed.has('token') ||
      changed.has('tokenProvider') ||
      changed.has('client') ||
      changed.has('sessionId')
    ) {
      this._sourceDirty = true;
    }
    if (changed.has('sessionId')) this._hostEvents = this._ofSession(this._allHostEvents);
    if (changed.has('sessionStatus') && this._mode === 'host') {
      this._runsDirty = true;
      this._appendedOnly = false;
      this._scheduleFlush();
    }
    // Connected here rather than in updated(): state set now joins this update instead of forcing another.
    if (this._sourceDirty && this.isConnected) {
      this._sourceDirty = false;
      this._connectSource();
    }
    this._syncCountdown();
  }

  // Source handling

  private _connectSource(): void {
    const previousClient = this._activeClient;
    const previousSession = this._watch ? this._snapshot?.sessionId : null;
    this._disconnectSource();
    let client = this.client;
    if (!client && this.src) {
      try {
        this._lease = acquireClient({
          url: this.src,
          apiBase: this.apiBase ?? undefined,
          token: this.token,
          tokenProvider: this.tokenProvider,
        });
        client = this._lease.client;
      } catch (error) {
        this._setConnection({ status: 'closed', message: error instanceof Error ? error.message : String(error) });
      }
    }
    const sessionChanged = this._viewSession !== this.sessionId;
    this._viewSession = this.sessionId;
    if (!client) {
      const wasClient = this._mode === 'client';
      this._mode = 'host';
      if (wasClient || sessionChanged) this._resetView();
      // A `src` the client refused keeps its `closed` state and message.
      if (!this.src) this._setConnection({ status: 'idle' });
      this._applyHostEvents(null);
      return;
    }
    this._mode = 'client';
    this._activeClient = client;
    if (client !== previousClient || previousSession !== this.sessionId || sessionChanged) this._resetView();
    this._offConnection = client.on('connection', (state) => this._setConnection(state));
    this._setConnection(client.connection);
    if (this.sessionId) {
      this._watch = client.watchSession(this.sessionId, {
        onChange: (snapshot) => this._applySnapshot(snapshot),
        onEvents: (events) => this._onArrivals(events),
      });
      this._applySnapshot(this._watch.snapshot);
    } else {
      this._snapshot = null;
      this._setData([], [], false);
    }
  }

  private _disconnectSource(): void {
    this._watch?.close();
    this._watch = null;
    this._offConnection?.();
    this._offConnection = null;
    this._lease?.release();
    this._lease = null;
    this._activeClient = null;
  }

  /** Forgets per-session view state (a different session or source). */
  private _resetView(): void {
    this._collapsedRuns = new Set();
    this._expandExceptions = new Set();
    this._selectedKey = null;
    this._activeKey = null;
    this._setFollowing(true);
    this._newCount = 0;
    this._initialLoadDone = false;
  }

  private _applySnapshot(snapshot: SessionSnapshot): void {
    if (this._mode !== 'client') return;
    this._snapshot = snapshot;
    const first = this._events.length === 0;
    this._events = snapshot.events;
    this._runs = snapshot.runs;
    this._runsDirty = false;
    this._rowsDirty = true;
    // The client reports arrivals through onEvents.
    this._scheduleFlush(first, true);
  }

  private _applyHostEvents(previous: readonly CoordinatorEvent[] | null): void {
    if (this._mode !== 'host') return;
    const list = this._hostEvents;
    const prev = this._events;
    const appended =
      previous !== null &&
      prev.length > 0 &&
      list.length >= prev.length &&
      list[0] === prev[0] &&
      list[prev.length - 1] === prev[prev.length - 1];
    this._setData(list, null, appended);
    // The first batch is the initial load, not an arrival (nor is a first load still in progress).
    if (!this._initialLoadDone) {
      if (list.length && !this._load) this._initialLoadDone = true;
      return;
    }
    // Arrivals: what the shown list did not hold (a set of its keys only when not a plain append).
    let arrivals: CoordinatorEvent[];
    if (appended) arrivals = list.slice(prev.length);
    else {
      const known = new Set(prev.map((e) => e.key));
      arrivals = list.filter((e) => !known.has(e.key));
    }
    if (arrivals.length) this._onArrivals(arrivals);
  }

  /** Sets the shown events; `runs` null = derive them (host mode). */
  private _setData(events: readonly CoordinatorEvent[], runs: readonly Run[] | null, appendedOnly: boolean): void {
    const first = this._events.length === 0;
    this._events = events;
    if (runs) {
      this._runs = runs;
      this._runsDirty = false;
    } else {
      // Several appends within a frame stay append-only; anything else forces a full derivation.
      this._appendedOnly = this._runsDirty ? this._appendedOnly && appendedOnly : appendedOnly;
      this._runsDirty = true;
    }
    this._rowsDirty = true;
    this._scheduleFlush(first);
  }

  private _onArrivals(events: readonly CoordinatorEvent[]): void {
    if (!events.length) return;
    if (this._mode === 'client' && !this._initialLoadDone) {
      // History merged at load is not "arrival"; live events after it are.
      if (!this._snapshot?.loaded) return;
    }
    this._initialLoadDone = true;
    this._arrivedSinceFlush += events.length;
    for (const event of events) {
      this.dispatchEvent(new CustomEvent('ce-event', { bubbles: true, composed: true, detail: { event } }));
    }
    if (!this._following) this._newCount += events.length;
    this._announceCount += events.length;
    this._announceLast = events[events.length - 1];
    if (this._announceTimer === undefined) {
      this._announceTimer = setTimeout(() => this._flushAnnouncement(), ANNOUNCE_WINDOW_MS);
    }
  }

  private _flushAnnouncement(): void {
    this._announceTimer = undefined;
    const count = this._announceCount;
    const last = this._announceLast;
    this._announceCount = 0;
    this._announceLast = null;
    if (!count || !last) return;
    this._say(
      count === 1 ? this._strings.announceOne(summarizeEvent(last, this._strings)) : this._strings.announceMany(count),
    );
  }

  private _say(text: string): void {
    // The same text twice in a row would not be re-announced: vary it invisibly.
    this._announcement = this._announcement === text ? `${text}\u00a0` : text;
  }

  private _setConnection(state: ConnectionState): void {
    const previous = this._connection;
    this._connection = state;
    if (
      previous.status === state.status &&
      previous.attempt === state.attempt &&
      previous.message === state.message &&
      previous.httpStatus === state.httpStatus
    ) {
      return;
    }
    this.dispatchEvent(new CustomEvent('ce-connection-change', { bubbles: true, composed: true, detail: state }));
    if (state.status !== previous.status && state.status !== 'idle' && state.status !== 'connecting') {
      if (state.status !== 'open' || previous.status !== 'connecting') this._say(this._connectionText(state));
    }
  }

  private _syncCountdown(): void {
    const reconnecting = this._connection.status === 'reconnecting' && this._connection.nextAttemptAt !== undefined;
    if (reconnecting && this._countdownTimer === undefined) {
      this._now = Date.now();
      this._countdownTimer = setInterval(() => (this._now = Date.now()), 1000);
    } else if (!reconnecting && this._countdownTimer !== undefined) {
      clearInterval(this._countdownTimer);
      this._countdownTimer = undefined;
    }
  }

  // Frame-batched derivation

  /**
   * Derivation and render happen at most once per frame. When the last one made its frame long
   * (a burst into a huge list on a slow machine), the next waits twice that overrun, so the page
   * keeps most of its time for input and timers; rows that scrolled past in between are then
   * never rendered at all. `first` (nothing was shown): at the end of this task instead, so that
   * the coming frame shows the events rather than the one after it.
   *
   * Following a burst (or more than a screenful of new events), every row in view is new: the
   * flush then runs in a task of its own before the frame instead of in the frame's callbacks, so
   * that building the rows and their style, layout and paint are two tasks rather than one long one.
   *
   * `batched`: the change comes from the client, which tells at most once per frame and does so
   * from a frame callback: a frame asked for now would be the next one, so the flush follows at
   * the end of this task instead (the row is in the frame that is being made).
   */
  private _scheduleFlush(first = false, batched = false): void {
    if (!this._flushPromise) {
      this._flushPromise = new Promise((resolve) => (this._flushResolve = resolve));
    }
    if (this._flushHandle || this._flushTimer !== undefined || this._flushSoon) return;
    const soon = () => {
      this._flushSoon = true;
      queueMicrotask(() => {
        this._flushSoon = false;
        this._flush();
      });
    };
    if (first) return soon();
    const burst = this._burst && this._following;
    const wait =
      Math.max(this._lastFlushEnd + this._flushOverrun, burst ? this._lastFlushAt + BURST_FLUSH_MS : 0) -
      performance.now();
    const inTask = () => {
      this._flushTimer = setTimeout(() => {
        this._flushTimer = undefined;
        this._flush(true);
      });
    };
    const inFrame = () => {
      this._flushHandle = requestAnimationFrame(() => {
        this._flushHandle = 0;
        // More arrived meanwhile (a burst beginning): in a task after this frame after all.
        if (this._newRowsOnly()) inTask();
        else this._flush();
      });
    };
    if (wait > 1) {
      this._flushTimer = setTimeout(() => {
        this._flushTimer = undefined;
        if (this._newRowsOnly()) this._flush(true);
        else inFrame();
      }, wait);
    } else if (this._newRowsOnly()) inTask();
    else if (batched) soon();
    else inFrame();
  }

  /** Following, with more new events than a screenful of rows (or in a burst): every row in view is new. */
  private _newRowsOnly(): boolean {
    // Arrivals are counted after the flush is asked for; a capped list keeps its length.
    const added = Math.max(this._arrivedSinceFlush, this._events.length - this._flushedLength);
    return this._following && (this._burst || added >= BURST_MIN);
  }

  private _flushTimer: ReturnType<typeof setTimeout> | undefined;
  private _flushSoon = false;
  /** Pause before the next flush: twice the last flush frame's overrun of a 60 Hz frame (ms, capped). */
  private _flushOverrun = 0;
  private _lastFlushEnd = 0;
  /** When the last flush ran, events that arrived since (`_onArrivals`), and whether in a burst. */
  private _lastFlushAt = 0;
  private _arrivedSinceFlush = 0;
  private _burst = false;
  /** How many events the last flush derived its rows from. */
  private _flushedLength = 0;

  /** Whether events arrived faster than BURST_RATE since the last flush, while following. */
  private _measureBurst(now: number): void {
    const elapsed = Math.max(FRAME_MS, now - this._lastFlushAt);
    const arrived = this._arrivedSinceFlush;
    this._burst = this._following && arrived >= BURST_MIN && (arrived * 1000) / elapsed > BURST_RATE;
    this._lastFlushAt = now;
    this._arrivedSinceFlush = 0;
  }

  /** `inTask`: the flush ran in a task before its frame; that frame's rendering counts too. */
  private _measureFlushFrame(start: number, inTask: boolean): void {
    // The end is the next frame's start time, when the flush's own frame was done: not the time this
    // callback runs, which counts the frame callbacks before it (the next flush among them) and
    // made a 100 events/s stream back off now and then.
    const measure = (end: number) => {
      // Twice the overrun: at most about a third of the time goes to rendering bursts.
      const budget = inTask ? 2 * FRAME_MS : FRAME_MS;
      this._flushOverrun = Math.min(MAX_FLUSH_BACKOFF_MS, Math.max(0, 2 * (end - start - budget)));
      this._lastFlushEnd = end;
    };
    requestAnimationFrame(inTask ? () => requestAnimationFrame(measure) : measure);
  }

  private _resolveFlush(): void {
    const resolve = this._flushResolve;
    this._flushPromise = null;
    this._flushResolve = null;
    resolve?.();
  }

  private _flush(inTask = false): void {
    const now = performance.now();
    this._measureFlushFrame(now, inTask);
    this._measureBurst(now);
    this._flushedLength = this._events.length;
    if (this._runsDirty) {
      this._runs = this._deriveHostRuns();
      this._runsDirty = false;
      this._appendedOnly = false;
      this._derivedLength = this._events.length;
      this._rowsDirty = true;
    }
    if (this._rowsDirty) {
      this._rowsDirty = false;
      const out = buildRows({
        runs: this._runs,
        categories: this._categories,
        query: this._query,
        collapsedRuns: this._collapsedRuns,
      });
      this._rows = out.rows;
      this._rowIndex = null;
      this._counts = out.counts;
      this._matched = out.matched;
      this.requestUpdate();
    }
    this._resolveFlush();
  }

  private _deriveHostRuns(): Run[] {
    const events = this._events;
    const session = this.sessionStatus ? { status: this.sessionStatus, lastRunFailure: null } : undefined;
    const previous = this._runs;
    if (this._appendedOnly && previous.length > 0 && this._derivedLength > 0) {
      // Appends can only change the last run (and open new ones): re-derive from its first event.
      const last = previous[previous.length - 1];
      const start = this._derivedLength - last.events.length;
      if (start >= 0 && events[start] === last.events[0]) {
        const tail = deriveRuns(events.slice(start), session);
        const offset = previous.length - 1;
        for (const run of tail) {
          run.index += offset;
          run.kind = run.index === 1 ? 'start' : 'resume';
        }
        return previous.slice(0, -1).concat(tail);
      }
    }
    return deriveRuns(events, session);
  }

  // Scrolling

  /** The virtualizer of the list (made by the `virtualize` directive on its first render). */
  private get _virtualizer(): VirtualizerLike | undefined {
    return (this._scroller as unknown as Record<symbol, VirtualizerLike | undefined>)[virtualizerRef];
  }

  protected override firstUpdated(): void {
    const virtualizer = () => this._virtualizer;
    positionChildrenInOneWalk(virtualizer());
    // Rows leave the range when the virtualizer re-renders it (its listener runs before this one)
    // or when this element renders: tidy up after both, before the virtualizer walks the rows.
    this._rowSweeper = new MarkerSweeper(this._scroller, forgetRemovedRows(virtualizer));
    this._scroller.addEventListener('rangeChanged', () => {
      this._rowSweeper?.sweep();
      this._renderRowsNow();
    });
    this._watchScrollTopWrites(this._scroller);
    this._scroller.addEventListener('visibilityChanged', (e: Event) => {
      const { first, last } = e as Event & { first: number; last: number };
      this._firstVisible = first;
      this._lastVisible = last;
    });
    // The virtualizer unpins on any scroll it did not make itself. The user's scrolls stop
    // following (see _onScroll, _onWheel); after any other (the list shrank, a host's scrollTo)
    // following pins again. After unpin() returns: it clears the pin after telling.
    this._scroller.addEventListener('unpinned', () =>
      queueMicrotask(() => {
        if (this._following) this._setFollowing(true);
      }),
    );
  }

  protected override updated(): void {
    this._rowSweeper?.sweep();
  }

  /**
   * The rows the virtualizer just placed render now rather than at the end of the task: right
   * after placing them it reads the layout (a forced layout), which then has their content, and
   * the frame that shows them only their positions to do (the first frame of a mount came ~2 ms
   * sooner). Cards already rendered have no update pending and are not touched. (Asked, not
   * assumed: with two copies of the library on a page the cards may be the other copy's.)
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
      if (this._following) layout.follow(true);
    },
    busy: () => this._flushHandle !== 0 || this._flushTimer !== undefined || this._flushSoon,
    active: () => this.isConnected,
  };

  /** Starts or stops following the newest row (pins the layout to the end, or unpins it). */
  private _setFollowing(on: boolean): void {
    this._following = on;
    this._layout?.follow(on);
  }

  private _scrollToBottom(): void {
    this._userInputUntil = 0;
    this._setFollowing(true);
  }

  private _distanceFromBottom(): number {
    const s = this._scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight;
  }

  /** Until when scroll movement counts as the user's (set by wheel, touch, pointer and keys). */
  private _userInputUntil = 0;

  private _markUserInput = () => {
    this._userInputUntil = performance.now() + 1000;
  };

  /**
   * Whether an upward move of the scroll position is the user's: only right after user input
   * (wheel up, touch, dragging the scrollbar, navigation keys, or code setting the list's
   * `scrollTop`). The virtualizer moves the position too, without any input, while it re-anchors
   * rows whose estimated heights it just measured: that must not stop following.
   */
  private _userMayHaveScrolled(): boolean {
    return performance.now() < this._userInputUntil;
  }

  /**
   * Marks `scrollTop` assignments by anyone but this element (a host, a test, an extension) as
   * user input. The virtualizer scrolls with `scrollTo`, and this element's own assignments are
   * flagged, so neither counts.
   */
  private _watchScrollTopWrites(scroller: HTMLElement): void {
    const native = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');
    if (!native?.get || !native.set) return;
    const setNative = native.set;
    const getNative = native.get;
    Object.defineProperty(scroller, 'scrollTop', {
      configurable: true,
      get(this: Element) {
        return getNative.call(this);
      },
      set: (value: number) => {
        if (!this._ownScroll) this._markUserInput();
        setNative.call(scroller, value);
      },
    });
  }
  private _ownScroll = false;

  private _onScroll = () => {
    const s = this._scroller;
    const top = s.scrollTop;
    const atBottom = this._distanceFromBottom() <= BOTTOM_SLACK;
    if (atBottom) {
      if (!this._following) {
        this._setFollowing(true);
        this._newCount = 0;
        // The user's way up is over: later upward moves need new input to count as theirs.
        this._userInputUntil = 0;
      }
    } else if (top < this._lastScrollTop - 1 && this._userMayHaveScrolled()) {
      // Moving up is the user's doing (content growth and the virtualizer's corrections only
      // move down while following).
      this._setFollowing(false);
    }
    this._lastScrollTop = top;
  };

  private _onPointerDown = (e: PointerEvent) => {
    // On the list itself (not a row): the scrollbar.
    if (e.composedPath()[0] === this._scroller) this._markUserInput();
  };

  private _onWheel = (e: WheelEvent) => {
    if (e.deltaY < 0 && this._scroller.scrollHeight > this._scroller.clientHeight) {
      this._markUserInput();
      this._setFollowing(false);
    }
  };

  private _onJump() {
    this.scrollToLatest();
    const lastIndex = this._rows.length - 1;
    if (lastIndex >= 0) this._activeKey = rowKey(this._rows[lastIndex]);
  }

  // Interaction

  private _indexOfKey(key: string): number {
    if (!this._rowIndex) {
      this._rowIndex = new Map();
      this._rows.forEach((row, i) => this._rowIndex!.set(rowKey(row), i));
    }
    return this._rowIndex.get(key) ?? -1;
  }

  private _rowElement(path: EventTarget[]): HTMLElement | null {
    for (const node of path) {
      if (node === this._scroller) return null;
      if (node instanceof HTMLElement && node.parentElement === this._scroller && node.dataset.key !== undefined) {
        return node;
      }
    }
    return null;
  }

  private _onListKeyDown = (e: KeyboardEvent) => {
    if (['ArrowUp', 'PageUp', 'Home', 'k'].includes(e.key)) this._markUserInput();
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const path = e.composedPath();
    const origin = path[0];
    const row = this._rowElement(path);
    const onRow = row !== null && origin === row;
    const onList = origin === this._scroller;
    if (!onRow && !onList) return;
    const index = row ? this._indexOfKey(row.dataset.key!) : -1;
    const last = this._rows.length - 1;
    let target = -1;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        target = onList ? Math.max(0, this._firstVisible) : Math.min(last, index + 1);
        break;
      case 'ArrowUp':
      case 'k':
        target = onList ? Math.max(0, Math.min(last, this._lastVisible)) : Math.max(0, index - 1);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = last;
        break;
      case 'Enter':
      case ' ':
      case 'ArrowLeft':
      case 'ArrowRight': {
        const item = index >= 0 ? this._rows[index] : null;
        if (item && isRunRow(item)) {
          e.preventDefault();
          const collapsed = this._collapsedRuns.has(item.index);
          const want = e.key === 'ArrowLeft' ? true : e.key === 'ArrowRight' ? false : !collapsed;
          if (want !== collapsed) this._toggleRun(item.index);
        } else if (item && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && row) {
          e.preventDefault();
          (row as HTMLElement & { toggle?: (force?: boolean) => void }).toggle?.(e.key === 'ArrowRight');
        }
        return;
      }
      default:
        return;
    }
    if (target < 0 || last < 0) return;
    e.preventDefault();
    void this._focusRow(target);
  };

  private async _focusRow(index: number): Promise<void> {
    const item = this._rows[index];
    if (!item) return;
    const key = rowKey(item);
    this._activeKey = key;
    if (!isRunRow(item)) this._select(item);
    // Reading a row is not following: auto-scroll would pull the list away from it. Reaching the
    // bottom again (by scrolling or End) resumes following.
    if (index < this._rows.length - 1) this._setFollowing(false);
    await this.updateComplete;
    const virtualizer = this._virtualizer;
    const find = () =>
      Array.from(this._scroller.children).find((c) => (c as HTMLElement).dataset.key === key) as
        HTMLElement | undefined;
    let el = find();
    if (!el && virtualizer) {
      virtualizer.element(index)?.scrollIntoView({ block: 'center' });
      for (let i = 0; i < 60 && !el; i++) {
        await nextFrame();
        el = find();
      }
    }
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  }

  private _select(event: CoordinatorEvent): void {
    if (this._selectedKey === event.key) return;
    this._selectedKey = event.key;
    this.dispatchEvent(new CustomEvent('ce-event-select', { bubbles: true, composed: true, detail: { event } }));
  }

  private _onListClick = (e: MouseEvent) => {
    const row = this._rowElement(e.composedPath());
    if (!row) return;
    const index = this._indexOfKey(row.dataset.key!);
    const item = this._rows[index];
    if (!item) return;
    this._activeKey = rowKey(item);
    if (!isRunRow(item)) this._select(item);
  };

  private _onListFocusIn = (e: FocusEvent) => {
    const row = this._rowElement(e.composedPath());
    if (row && row.dataset.key !== this._activeKey) this._activeKey = row.dataset.key!;
  };

  private _onCardToggle = (e: Event) => {
    const { expanded, event } = (e as CustomEvent<{ expanded: boolean; event: CoordinatorEvent }>).detail;
    const next = new Set(this._expandExceptions);
    if (expanded !== this._expandAll) next.add(event.key);
    else next.delete(event.key);
    this._expandExceptions = next;
  };

  private _toggleRun(index: number): void {
    const next = new Set(this._collapsedRuns);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    this._collapsedRuns = next;
    this._rowsDirty = true;
    this._scheduleFlush();
  }

  private _toggleCategory(category: EventCategory): void {
    const next = new Set(this._categories);
    if (next.has(category)) next.delete(category);
    else next.add(category);
    this._categories = next;
    this._rowsDirty = true;
    this._scheduleFlush();
  }

  private _onSearchInput(e: Event): void {
    this._queryInput = (e.target as HTMLInputElement).value;
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => this._applySearch(), SEARCH_DEBOUNCE_MS);
  }

  private _applySearch(): void {
    const next = this._queryInput.trim().toLowerCase();
    if (next === this._query) return;
    this._query = next;
    this._rowsDirty = true;
    this._scheduleFlush();
  }

  private _onSearchKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      clearTimeout(this._searchTimer);
      this._applySearch();
    } else if (e.key === 'Escape' && this._queryInput) {
      e.preventDefault();
      this._queryInput = '';
      clearTimeout(this._searchTimer);
      this._applySearch();
    }
  }

  private _clearFilters(): void {
    this._categories = new Set(CATEGORIES);
    this._queryInput = '';
    this._query = '';
    clearTimeout(this._searchTimer);
    this._rowsDirty = true;
    this._scheduleFlush();
  }

  private _setAllExpanded(expanded: boolean): void {
    this._expandAll = expanded;
    this._expandExceptions = new Set();
    if (expanded && this._collapsedRuns.size) {
      this._collapsedRuns = new Set();
      this._rowsDirty = true;
      this._scheduleFlush();
    }
  }

  // Rendering

  private _isExpanded(key: string): boolean {
    return this._expandAll !== this._expandExceptions.has(key);
  }

  /** The run a row belongs to: the nearest run header above it. */
  private _runAbove(index: number): Run | null {
    for (let i = index; i >= 0; i--) {
      const row = this._rows[i];
      if (isRunRow(row)) return row;
    }
    return null;
  }

  private _tabKey(): string | null {
    const key = this._activeKey;
    return key !== null && this._indexOfKey(key) >= 0 ? key : null;
  }

  /**
   * The virtualize directive can re-render its previous range against a shorter new items array
   * before the virtualizer has caught up (a second host render in between): tolerate the holes.
   */
  private _keyOf = (row: Row | undefined, index: number): string => (row ? rowKey(row) : `missing-${index}`);

  private _renderRow = (row: Row | undefined, index: number): TemplateResult => {
    if (!row) return html``;
    const tabKey = this._tabKey();
    const size = this._rows.length;
    if (isRunRow(row)) return this._renderRunHeader(row, index, size, tabKey);
    const run = row.type === 'run_start' ? this._runAbove(index) : null;
    return html`<event-card
      data-key=${row.key}
      .event=${row}
      .runIndex=${run ? run.index : null}
      .resumed=${run ? run.kind === 'resume' : null}
      .expanded=${this._isExpanded(row.key)}
      .selected=${this._selectedKey === row.key}
      tabindex=${tabKey === row.key ? '0' : '-1'}
      aria-posinset=${index + 1}
      aria-setsize=${size}
      exportparts=${CARD_PARTS}
    ></event-card>`;
  };

  private _isLive(run: Run): boolean {
    return run.outcome === 'running' && run === this._runs[this._runs.length - 1];
  }

  /**
   * A run's header words, kept per run object and language: the virtualizer renders its whole
   * range again on every pass (a first frame has three), and a closed run keeps its object.
   */
  private _runHeaderTexts(run: Run, live: boolean): RunHeaderTexts {
    const strings = this._strings;
    const kept = this._headerTexts.get(run);
    if (kept && kept.strings === strings && kept.live === live) return kept.texts;
    const kind = run.kind === 'resume' ? strings.runKindResume : strings.runKindStart;
    const duration = formatDuration(run.durationMs, strings.locale);
    const label = [
      strings.runHeaderLabel(run.index),
      kind,
      live ? strings.runLive : strings.runOutcome[run.outcome],
      strings.runEvents(run.events.length),
      run.toolCount ? strings.runTools(run.toolCount) : null,
      run.errorCount ? strings.runErrors(run.errorCount) : null,
      duration || null,
    ]
      .filter(Boolean)
      .join(', ');
    const texts: RunHeaderTexts = {
      label,
      kind,
      duration,
      start:
        run.startTime !== null
          ? {
              title: formatAbsoluteTime(run.startTime, strings),
              clock: formatClockTime(run.startTime, strings.locale),
            }
          : null,
      tools: strings.runTools(run.toolCount),
      errors: run.errorCount ? strings.runErrors(run.errorCount) : null,
      events: strings.runEvents(run.events.length),
    };
    this._headerTexts.set(run, { strings, live, texts });
    return texts;
  }

  private _headerTexts = new WeakMap<Run, { strings: Strings; live: boolean; texts: RunHeaderTexts }>();

  private _renderRunHeader(run: Run, index: number, size: number, tabKey: string | null): TemplateResult {
    const key = rowKey(run);
    const collapsed = this._collapsedRuns.has(run.index);
    const live = this._isLive(run);
    const outcomeIcon =
      run.outcome === 'completed'
        ? 'check'
        : run.outcome === 'failed'
          ? 'alert'
          : run.outcome === 'stopped'
            ? 'stop'
            : 'clock';
    const { label, kind, duration, start, tools, errors, events } = this._runHeaderTexts(run, live);
    return html`<div
      class="run-header"
      data-key=${key}
      data-outcome=${run.outcome}
      ?data-live=${live}
      role="article"
      aria-label=${label}
      aria-posinset=${index + 1}
      aria-setsize=${size}
      tabindex=${tabKey === key ? '0' : '-1'}
    >
      <div class="run-header-box" part="run-header">
        <button
          type="button"
          class="run-toggle"
          part="run-toggle"
          aria-expanded=${collapsed ? 'false' : 'true'}
          title=${collapsed ? this._strings.runExpand : this._strings.runCollapse}
          @click=${() => this._toggleRun(run.index)}
        >
          ${icon('chevronDown', 'chev')}<span>${this._strings.runHeaderLabel(run.index)}</span>
        </button>
        <span class="run-meta kind">${icon(run.kind === 'resume' ? 'resume' : 'play')}${kind}</span>
        ${
          start
            ? html`<span class="run-meta start" title=${start.title}>${icon('clock')}${start.clock}</span>`
            : nothing
        }
        ${duration ? html`<span class="run-meta duration">${duration}</span>` : nothing}
        <span class="run-meta tools">${icon('tool')}${tools}</span>
        ${errors ? html`<span class="run-meta errors">${icon('alert')}${errors}</span>` : nothing}
        ${
          live
            ? html`<span class="live-badge" part="live-badge"
                ><span class="live-dot"></span>${this._strings.runLive}</span
              >`
            : html`<span class="outcome" part="outcome" data-outcome=${run.outcome}
                >${icon(outcomeIcon)}${this._strings.runOutcome[run.outcome]}${
                  run.exitCode !== null && run.exitCode !== 0 ? ` (exit ${run.exitCode})` : ''
                }</span
              >`
        }
        ${collapsed ? html`<span class="run-meta hidden-count">${events}</span>` : nothing}
      </div>
    </div>`;
  }

  private _connectionText(state: ConnectionState): string {
    const c = this._strings.connection;
    switch (state.status) {
      case 'open':
        return c.open;
      case 'connecting':
        return c.connecting;
      case 'reconnecting': {
        const seconds =
          state.nextAttemptAt !== undefined ? Math.max(0, Math.ceil((state.nextAttemptAt - this._now) / 1000)) : null;
        return c.reconnecting(seconds, state.attempt ?? null);
      }
      case 'auth-error':
        return c.authError(state.httpStatus ?? null, state.message ?? null);
      case 'offline':
        return c.offline;
      case 'closed':
        return state.message ? `${c.closed}: ${state.message}` : c.closed;
      default:
        return c.idle;
    }
  }

  private _renderConnection() {
    const state = this._connection;
    if (this._mode === 'host' && state.status === 'idle') return nothing;
    const iconName =
      state.status === 'open'
        ? 'live'
        : state.status === 'auth-error'
          ? 'lock'
          : state.status === 'offline' || state.status === 'closed'
            ? 'offline'
            : 'refresh';
    const text = this._connectionText(state);
    return html`<span class="connection" part="connection" data-status=${state.status} title=${text}
      >${icon(iconName)}<span class="text">${text}</span></span
    >`;
  }

  private _renderNotices() {
    const t = this._snapshot?.truncated;
    if (this._mode !== 'client' || !t) return nothing;
    const notes: string[] = [];
    if (t.droppedByCap > 0) notes.push(this._strings.truncatedHistory(t.droppedByCap));
    if (t.historyMayBeIncomplete) notes.push(this._strings.historyMayBeIncomplete);
    if (!notes.length) return nothing;
    return html`<div class="notice" part="notice">${icon('history')}<span>${notes.join(' ')}</span></div>`;
  }

  override render() {
    const total = this._events.length;
    const rows = this._rows;
    const loading = this._mode === 'client' && !!this.sessionId && !(this._snapshot?.loaded ?? false);
    const filtering = this._query !== '' || this._categories.size !== CATEGORIES.length;
    return html`
      <div class="toolbar" part="toolbar">
        <div class="chips" role="group" aria-label=${this._strings.filterLabel} part="filters">
          ${CATEGORIES.map((category) => {
            const on = this._categories.has(category);
            return html`<button
              type="button"
              class="ce-button chip"
              part="filter-chip"
              data-category=${category}
              aria-pressed=${on ? 'true' : 'false'}
              @click=${() => this._toggleCategory(category)}
            >
              ${on ? icon('check', 'check') : nothing}<span class="name"
                >${this._strings.filterCategories[category]}</span
              >
              <span class="count">${formatCount(this._counts[category], this._strings.locale)}</span>
            </button>`;
          })}
        </div>
        <label class="search" part="search">
          ${icon('search')}
          <input
            type="search"
            part="search-input"
            .value=${this._queryInput}
            placeholder=${this._strings.searchPlaceholder}
            aria-label=${this._strings.searchLabel}
            @input=${this._onSearchInput}
            @keydown=${this._onSearchKeyDown}
          />
        </label>
        <div class="actions">
          <button type="button" class="ce-button" part="expand-all" @click=${() => this._setAllExpanded(true)}>
            ${icon('expandAll')}${this._strings.expandAll}
          </button>
          <button type="button" class="ce-button" part="collapse-all" @click=${() => this._setAllExpanded(false)}>
            ${icon('collapseAll')}${this._strings.collapseAll}
          </button>
        </div>
        <span class="count-text" part="count">${this._strings.eventCount(this._matched, total)}</span>
        ${this._renderConnection()}
      </div>
      ${this._renderNotices()}
      <div class="body">
        <!-- A feed must contain articles: while empty the list is a plain labelled region. -->
        <div
          class="scroller"
          part="list"
          role=${rows.length ? 'feed' : 'region'}
          tabindex="0"
          aria-label=${this.label ?? this._strings.timelineLabel}
          aria-busy=${loading ? 'true' : 'false'}
          @scroll=${this._onScroll}
          @wheel=${this._onWheel}
          @touchstart=${this._markUserInput}
          @touchmove=${this._markUserInput}
          @pointerdown=${this._onPointerDown}
          @keydown=${this._onListKeyDown}
          @click=${this._onListClick}
          @focusin=${this._onListFocusIn}
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
          total === 0
            ? html`<div class="empty" part="empty">${this._strings.waitingForEvents}</div>`
            : rows.length === 0 && filtering
              ? html`<div class="empty" part="empty">
                  <span>${this._strings.nothingMatches}</span>
                  <button type="button" class="ce-button" @click=${this._clearFilters}>
                    ${this._strings.clearFilters}
                  </button>
                </div>`
              : nothing
        }
        ${
          !this._following && rows.length
            ? html`<button type="button" class="jump" part="jump" @click=${this._onJump}>
                ${icon('arrowDown')}${this._newCount > 0 ? this._strings.newEvents(this._newCount) : this._strings.jumpToLatest}
              </button>`
            : nothing
        }
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
    `;
  }
}
