import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { acquireClient, type ClientLease } from '../../client/shared.js';
import type { CoordinatorClientApi, SessionSnapshot, SessionWatch, TokenProvider } from '../../client/types.js';
import type { BusyState, ConnectionState } from '../../types/model.js';
import type { WireAgent } from '../../types/wire.js';
import { icon, type IconName } from '../../pieces/icons.js';
import { CeElement as LocalizedElement } from '../../pieces/base-element.js';
import { MarkerSweeper } from '../../pieces/marker-sweeper.js';
import { buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';
import { renderToolChip, toolChipStyles, toolDisplayName } from '../../pieces/tool-chip.js';
import '../../pieces/markdown.js';
import '../../pieces/payload-view.js';
import { chatStringsFor, type ChatStrings } from '../../i18n/chat-strings.js';
import { chatPanelStyles } from './chat-panel.styles.js';
import {
  buildConversation,
  describeSendError,
  isAnswered,
  isPending,
  lastRunIndex,
  nextSendKind,
  type AssistantBubble,
  type ChatBubble,
  type ChatSend,
  type Conversation,
  type SendError,
  type ToolChip,
  type UserBubble,
} from './conversation.js';
import type { ChatAnswerDetail, ChatErrorDetail } from './chat-panel.events.js';

const EMPTY_CONVERSATION: Conversation = { bubbles: [], waiting: false, echoed: new Set() };
const NEAR_BOTTOM_PX = 24;

/**
 * @summary A chat with an agent through an Agent Coordinator: optimistic prompts, live answers
 * (markdown, tool calls, run results), stop, retry and new chat.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`, `de-CH`). Absent: inherited from the nearest ancestor with `lang` (across shadow roots), e.g. `<html lang>`. Words come from the registered translations (English built in, `coordinator-elements/locales/de.js`), falling back to English.
 *
 * @fires {CustomEvent<ChatMessageSentDetail>} ce-message-sent - A prompt was accepted. `detail: { sessionId, runId, prompt }`.
 * @fires {CustomEvent<ChatAnswerDetail>} ce-answer - A run finished while the panel watched it. `detail: { sessionId, runIndex, text, resultText, resultData, prompt }`.
 * @fires {CustomEvent<ChatErrorDetail>} ce-error - A send, stop or agent list failed, or the stream refused the credentials. `detail: { kind, message, status, fields, error }`.
 * @fires {CustomEvent<ChatSessionChangeDetail>} ce-session-change - The panel switched session (a new one started, or "New chat"). `detail: { sessionId, previousSessionId, reason }`.
 * @fires {CustomEvent<CopyDetail>} ce-copy - A copy button in an answer (code block, tool input/output, result data) copied, or failed to; `detail: { ok, length }`.
 * @fires {CustomEvent<MarkdownExpandDetail>} ce-markdown-expand - The user asked for the rest of a long answer ("Show all"); `detail: { showAll }`.
 *
 * @csspart base - The panel's frame.
 * @csspart header - The bar with agent picker, connection state and "New chat".
 * @csspart agent-picker - The agent `<select>` (with `agent-picker`).
 * @csspart connection - The connection state.
 * @csspart new-chat-button - "New chat".
 * @csspart log - The scrolling message list (`role="log"`).
 * @csspart message - Every message row.
 * @csspart user-message - A prompt's row (this panel's and others').
 * @csspart other-message - A prompt not sent from this panel (a child agent's callback, another window).
 * @csspart assistant-message - An answer's row.
 * @csspart bubble - Every bubble.
 * @csspart user-bubble - A prompt's bubble.
 * @csspart assistant-bubble - An answer's bubble.
 * @csspart markdown - The answer text.
 * @csspart tools - The list of tool chips of an answer.
 * @csspart tool-button - A tool chip's toggle button.
 * @csspart tool-chip - The chip itself (shared look).
 * @csspart tool-chip-failed - A failed tool's chip (in addition to `tool-chip`).
 * @csspart tool-details - The input/output/error of an expanded tool.
 * @csspart result - The "Run result" block.
 * @csspart typing - The typing indicator.
 * @csspart note - Notes in an answer ("finished without a reply", "failed", "stopped").
 * @csspart error - A failed send, with `retry-button` and `edit-button`.
 * @csspart retry-button - Retries a failed send.
 * @csspart edit-button - Puts a failed prompt back into the input.
 * @csspart divider - Between an ended session and the next one.
 * @csspart session-ended - The hint that the next message starts a new session.
 * @csspart jump-button - "New messages — jump to latest".
 * @csspart composer - The input row.
 * @csspart input - The `<textarea>`.
 * @csspart send-button - Send.
 * @csspart stop-button - Stop (replaces Send while the agent works).
 * @csspart icon - Every icon (an `<svg>` sized and coloured by CSS).
 *
 * @cssprop --ce-chat-height - Height of the panel (default 32rem); or size the element itself.
 * @cssprop --ce-chat-user-bg - Background of the user's bubbles.
 * @cssprop --ce-chat-user-text - Text colour of the user's bubbles.
 * @cssprop --ce-chat-assistant-bg - Background of the agent's bubbles.
 * @cssprop --ce-chat-bubble-max-width - Widest a bubble gets (default 85%).
 * @cssprop --ce-chat-input-max-height - The input grows up to this (default 12em), then scrolls.
 * @cssprop --ce-chat-send-bg - Send button background.
 * @cssprop --ce-chat-send-text - Send button text colour.
 * @cssprop --ce-payload-max-height - Tallest a tool input/output or result data block gets before it scrolls (default 32em).
 * @cssprop --ce-json-max-height - Tallest a JSON view gets before it scrolls (default 32em).
 * @cssprop --ce-color-scheme - `light`, `dark` or `light dark` (default: follow the OS); the `theme` attribute sets it.
 * @cssprop --ce-font-family - UI font.
 * @cssprop --ce-font-family-mono - Code font (tool names, payloads, code).
 * @cssprop --ce-font-size - Base font size (default 14px).
 * @cssprop --ce-font-size-small - Small text: labels, notes, connection state (default 12px).
 * @cssprop --ce-font-size-code - Code, payloads and JSON (default 12.5px).
 * @cssprop --ce-line-height - Line height (default 1.45).
 * @cssprop --ce-space-1 - Spacing scale, step 1 (default 2px).
 * @cssprop --ce-space-2 - Spacing scale, step 2 (default 4px).
 * @cssprop --ce-space-3 - Spacing scale, step 3 (default 8px).
 * @cssprop --ce-space-4 - Spacing scale, step 4 (default 12px).
 * @cssprop --ce-radius - Corner radius of the frame and bubbles (default 8px).
 * @cssprop --ce-radius-small - Corner radius of buttons, inputs and blocks (default 4px).
 * @cssprop --ce-border-width - Border width (default 1px).
 * @cssprop --ce-accent-width - Width of the coloured accent borders (default 3px).
 * @cssprop --ce-focus-ring-width - Width of focus outlines (default 2px).
 * @cssprop --ce-color-bg - Background of the panel and the input.
 * @cssprop --ce-color-surface - Background of the header, composer and (by default) answers.
 * @cssprop --ce-color-surface-muted - Muted backgrounds: tool chips and details, prompts from elsewhere.
 * @cssprop --ce-color-surface-hover - Hovered buttons and chips.
 * @cssprop --ce-color-border - Borders.
 * @cssprop --ce-color-text - Text.
 * @cssprop --ce-color-text-muted - Secondary text.
 * @cssprop --ce-color-link - Links and link buttons.
 * @cssprop --ce-color-focus - Focus rings (and the default Send background).
 * @cssprop --ce-color-code-bg - Background of code, payloads and JSON.
 * @cssprop --ce-color-code-text - Text of code, payloads and JSON.
 * @cssprop --ce-color-json-key - JSON keys.
 * @cssprop --ce-color-json-string - JSON strings.
 * @cssprop --ce-color-json-number - JSON numbers.
 * @cssprop --ce-color-json-literal - JSON `true`, `false` and `null`.
 * @cssprop --ce-shadow - Shadow of answers and the jump button.
 * @cssprop --ce-color-error - Errors (text and borders).
 * @cssprop --ce-color-error-bg - Background of errors.
 * @cssprop --ce-color-success - Tools that finished.
 * @cssprop --ce-color-warning - Stopped runs, reconnecting.
 * @cssprop --ce-color-live - The connected indicator.
 * @cssprop --ce-color-accent-assistant - Accent border of the agent's answers.
 * @cssprop --ce-color-accent-result - Accent border of run results.
 * @cssprop --ce-color-accent-tool - Icon of tool chips.
 * @cssprop --ce-transition-duration - Transitions and the typing animation (0s under prefers-reduced-motion).
 */
export class ChatPanel extends LocalizedElement {
  static override styles = [tokens, buttonStyles, srOnly, toolChipStyles, chatPanelStyles];

  /** The coordinator's SSE URL (`https://host/sse/sessions`); the REST base is derived from it. */
  @property() src = '';

  /** REST base when it is not `src` without `/sse/sessions`. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Bearer token (sent as a header). Prefer `tokenProvider` for tokens that expire. */
  @property() token = '';

  /** Called before each request and reconnect for a fresh token. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** A client shared with other elements (then `src`, `token`… are not used). Not closed by the panel. */
  @property({ attribute: false }) client?: CoordinatorClientApi;

  /**
   * The session shown and continued. Empty: a new chat (the first message starts a session, whose
   * id then appears here and in the `session-id` attribute). Setting it opens that session's history.
   */
  @property({ attribute: 'session-id', reflect: true }) sessionId: string | null = null;

  /** Agent for new sessions (`agent_name`); the coordinator's default when empty. */
  @property() agent = '';

  /** Shows a picker of the coordinator's agents (`GET /agents`) for new sessions. */
  @property({ type: Boolean, attribute: 'agent-picker' }) agentPicker = false;

  /** Placeholder of the input (default from the strings). */
  @property() placeholder = '';

  /**
   * `POST /runs` body: `auto` (detects the rename-era top-level `prompt`; or what a given `client`
   * was configured with), `parameters` or `prompt`.
   */
  @property({ attribute: 'run-body' }) runBody: 'auto' | 'parameters' | 'prompt' = 'auto';

  /** Pins the colour scheme (`light`/`dark`); default follows the user's preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /**
   * Replaces some of this panel's strings (merged over those of its language, see `lang`). The
   * labels shared with the other elements (connection states, tool payloads) follow `lang`.
   */
  @property({ attribute: false }) strings: Partial<ChatStrings> = {};

  @state() private _snapshot: SessionSnapshot | null = null;
  @state() private _sends: ChatSend[] = [];
  @state() private _archived: ChatBubble[] = [];
  @state() private _connection: ConnectionState = { status: 'idle' };
  @state() private _draft = '';
  @state() private _inFlight = false;
  @state() private _stopping = false;
  @state() private _stopError: string | null = null;
  @state() private _agents: WireAgent[] | null = null;
  @state() private _agentsFailed = false;
  @state() private _expanded = new Set<string>();
  @state() private _unseen = false;
  @state() private _clientError: string | null = null;
  @state() private _activeClient: CoordinatorClientApi | null = null;

  @query('textarea') private _textarea?: HTMLTextAreaElement;
  @query('.log') private _log?: HTMLElement;
  @query('.log-content') private _logContent?: HTMLElement;

  private _conversation: Conversation = EMPTY_CONVERSATION;
  private _lease: ClientLease | null = null;
  private _leaseKey = '';
  private _leaseProvider: TokenProvider | undefined;
  private _offConnection: (() => void) | null = null;
  private _unretain: (() => void) | null = null;
  private _watch: SessionWatch | null = null;
  private _watchToken: object | null = null;
  /** The session the panel shows; `sessionId` differing from it means the host asked for another. */
  private _watchedId: string | null = null;
  private _sendCounter = 0;
  private _dividerCounter = 0;
  /** Bumped when the conversation is reset: answers to older requests are dropped. */
  private _generation = 0;
  /** Answers already reported (`ce-answer`) or present when a session was opened. */
  private _announced = new Set<string>();
  private _baselinePending = false;
  private _answersToFire: ChatAnswerDetail[] = [];
  private _pinned = true;
  private _contentSignature = '';
  private _resizeObserver?: ResizeObserver;
  private _countdownTimer: ReturnType<typeof setInterval> | undefined;
  private _agentsRequest = 0;
  /** The session before the panel archived it to start a new one (for `ce-session-change`). */
  private _replacedSessionId: string | null = null;
  private _focusAfterStop = false;

  // ------------------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    this._syncClient();
    if (this.hasUpdated) this._observeContent();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._bindClient(null);
    this._lease?.release();
    this._lease = null;
    this._leaseKey = '';
    this._resizeObserver?.disconnect();
    this._setCountdown(false);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (
      changed.has('client') ||
      changed.has('src') ||
      changed.has('apiBase') ||
      changed.has('token') ||
      changed.has('tokenProvider')
    ) {
      this._syncClient();
    }
    if (changed.has('sessionId') && (this.sessionId || null) !== this._watchedId)
      this._openSession(this.sessionId || null);
    if (changed.has('agentPicker') && this.agentPicker && this._agents === null) this._loadAgents();
    if (changed.has('_snapshot') || changed.has('_sends')) this._recompute();
  }

  protected override firstUpdated(): void {
    this._observeContent();
    if (this._logContent) this._markerSweeper = new MarkerSweeper(this._logContent);
  }

  /** Removes the markers lit-html leaves behind as bubbles are replaced (a session switch, New chat). */
  private _markerSweeper: MarkerSweeper | null = null;

  protected override updated(changed: PropertyValues): void {
    this._markerSweeper?.sweep();
    // A cleared draft (just sent) is sized in the next frame: measuring now would force a layout
    // of the log with the new bubble in it, before send has even shown it.
    if (changed.has('_draft')) {
      if (this._draft) this._autoGrow();
      else requestAnimationFrame(() => this._autoGrow());
    }
    if (this._pinned) {
      this._scrollToBottom();
      void this._followNested();
    }
    if (this._focusAfterStop && !this._showStop) {
      this._focusAfterStop = false;
      this._textarea?.focus();
    }
    const answers = this._answersToFire;
    this._answersToFire = [];
    for (const detail of answers) this._emit('ce-answer', detail);
  }

  /** Focuses the message input. */
  override focus(options?: FocusOptions): void {
    this._textarea?.focus(options);
  }

  // ------------------------------------------------------------------------------ public API

  /** Whether a reply is outstanding (a send in flight, or the agent working). */
  get busy(): boolean {
    return this._inFlight || this._conversation.waiting;
  }

  /**
   * Sends a prompt as if typed (the input keeps its text); without an argument sends the input.
   * Resolves when the coordinator answered the request (the agent's reply comes later).
   */
  async send(prompt?: string): Promise<void> {
    const fromInput = prompt === undefined;
    const text = fromInput ? this._draft : prompt;
    if (!this._canSend(text)) return;
    await this._submit(text, fromInput);
  }

  /** Asks the coordinator to stop the session's current run. */
  async stop(): Promise<void> {
    const client = this._activeClient;
    const id = this._watchedId;
    if (!client || !id || this._stopping) return;
    // The Stop button goes away when the run ends: the focus then moves to the input.
    this._focusAfterStop = this.shadowRoot?.activeElement?.matches('[part~="stop-button"]') ?? false;
    this._stopping = true;
    this._stopError = null;
    try {
      await client.stopSession(id);
    } catch (error) {
      if (this._watchedId !== id) return;
      this._stopping = false;
      this._focusAfterStop = false;
      const info = describeSendError(error);
      this._stopError = this._s.stopFailed(info.message);
      this._emitError('stop', info, error);
    }
  }

  /** Leaves the current session: the next message starts a fresh one. The typed text stays. */
  newChat(): void {
    const previous = this._watchedId ?? this._replacedSessionId;
    this._resetConversation();
    this._setWatched(null);
    this.sessionId = null;
    if (previous) this._emit('ce-session-change', { sessionId: null, previousSessionId: previous, reason: 'new-chat' });
    this._textarea?.focus();
  }

  // ------------------------------------------------------------------------------ client and session

  private _merged: { base: ChatStrings; own: Partial<ChatStrings>; strings: ChatStrings } | undefined;

  /** The chat strings in effect: those of the panel's language, then its `strings` property. */
  private get _s(): ChatStrings {
    const base = chatStringsFor(this._strings.locale);
    if (this._merged?.base !== base || this._merged.own !== this.strings) {
      this._merged = { base, own: this.strings, strings: { ...base, ...this.strings } };
    }
    return this._merged.strings;
  }

  /** Uses the host's `client`, or a shared client for `src` + credentials. */
  private _syncClient(): void {
    if (!this.isConnected) return;
    let client: CoordinatorClientApi | null = null;
    if (this.client) {
      this._releaseLease();
      client = this.client;
    } else if (this.src) {
      const key = JSON.stringify([this.src, this.apiBase, this.token]);
      if (!this._lease || this._leaseKey !== key || this._leaseProvider !== this.tokenProvider) {
        const previous = this._lease;
        try {
          this._lease = acquireClient({
            url: this.src,
            apiBase: this.apiBase || undefined,
            token: this.token || null,
            tokenProvider: this.tokenProvider,
          });
          this._leaseKey = key;
          this._leaseProvider = this.tokenProvider;
          this._clientError = null;
        } catch (error) {
          this._lease = null;
          this._leaseKey = '';
          const info = describeSendError(error);
          this._clientError = info.message;
          this._emitError('client', info, error);
        }
        // Released after acquiring, so an unchanged shared client is not closed and reopened.
        previous?.release();
      }
      client = this._lease?.client ?? null;
    } else {
      this._releaseLease();
    }
    if (client !== this._activeClient || (client && !this._offConnection)) this._bindClient(client);
  }

  private _releaseLease(): void {
    this._lease?.release();
    this._lease = null;
    this._leaseKey = '';
  }

  private _bindClient(client: CoordinatorClientApi | null): void {
    this._offConnection?.();
    this._offConnection = null;
    this._unretain?.();
    this._unretain = null;
    this._watch?.close();
    this._watch = null;
    this._activeClient = client;
    if (!client) {
      this._connection = { status: 'idle' };
      this._setCountdown(false);
      return;
    }
    this._offConnection = client.on('connection', (state) => this._onConnection(state));
    this._connection = client.connection;
    // Keeps the stream open while the panel is on the page, so a new session's first events
    // are already flowing when its `POST /runs` answers.
    this._unretain = client.retain();
    if (this._watchedId) this._startWatch(this._watchedId);
    if (this.agentPicker) this._loadAgents();
  }

  private _onConnection(state: ConnectionState): void {
    const previous = this._connection.status;
    this._connection = state;
    this._setCountdown(state.status === 'reconnecting' && state.nextAttemptAt !== undefined);
    if (state.status === 'auth-error' && previous !== 'auth-error') {
      this._emitError(
        'connection',
        { message: state.message ?? 'Not authorized', status: state.httpStatus ?? null, code: null, fields: [] },
        null,
      );
    }
  }

  /** Re-renders every second while a reconnect countdown is shown. */
  private _setCountdown(on: boolean): void {
    if (on && this._countdownTimer === undefined) this._countdownTimer = setInterval(() => this.requestUpdate(), 1000);
    if (!on && this._countdownTimer !== undefined) {
      clearInterval(this._countdownTimer);
      this._countdownTimer = undefined;
    }
  }

  /** The host set `session-id`: show that session (its history becomes the conversation). */
  private _openSession(id: string | null): void {
    this._resetConversation();
    this._baselinePending = id !== null;
    this._setWatched(id);
  }

  private _resetConversation(): void {
    this._generation++;
    this._sends = [];
    this._archived = [];
    this._announced = new Set();
    this._baselinePending = false;
    this._inFlight = false;
    this._stopping = false;
    this._stopError = null;
    this._expanded = new Set();
    this._replacedSessionId = null;
    this._pinned = true;
    this._unseen = false;
  }

  private _setWatched(id: string | null): void {
    this._watch?.close();
    this._watch = null;
    this._watchToken = null;
    this._watchedId = id;
    this._snapshot = null;
    if (id) this._startWatch(id);
  }

  private _startWatch(id: string): void {
    const client = this._activeClient;
    if (!client) return;
    this._watch?.close();
    const token = {};
    this._watchToken = token;
    let lastHistoryError: string | null = null;
    this._watch = client.watchSession(id, {
      onChange: (snapshot) => {
        if (this._watchToken !== token) return;
        const historyError = snapshot.historyError ?? null;
        if (historyError && historyError !== lastHistoryError) {
          this._emitError('history', { message: historyError, status: null, code: null, fields: [] }, null);
        }
        lastHistoryError = historyError;
        this._snapshot = snapshot;
      },
    });
    this._snapshot = this._watch.snapshot;
  }

  private _loadAgents(): void {
    const client = this._activeClient;
    if (!client) return;
    const request = ++this._agentsRequest;
    client.listAgents().then(
      (agents) => {
        if (request !== this._agentsRequest) return;
        this._agents = Array.isArray(agents) ? agents.filter((a) => a && typeof a.name === 'string') : [];
        this._agentsFailed = false;
      },
      (error: unknown) => {
        if (request !== this._agentsRequest) return;
        this._agents = [];
        this._agentsFailed = true;
        this._emitError('agents', describeSendError(error), error);
      },
    );
  }

  // ------------------------------------------------------------------------------ conversation

  /** Busy state for deciding start vs resume; `null` while the session's state is not known yet. */
  private get _busy(): BusyState | null {
    if (!this._watchedId) return null;
    const snapshot = this._snapshot;
    if (!snapshot) return null;
    // A session the coordinator does not know (deleted, wrong id) cannot be resumed: start anew.
    if (!snapshot.session) return snapshot.loaded ? 'ended' : null;
    return snapshot.busy;
  }

  private _recompute(): void {
    const snapshot = this._snapshot;
    const conversation = buildConversation({
      sessionId: this._watchedId,
      session: snapshot?.session ?? null,
      busy: snapshot ? snapshot.busy : null,
      events: snapshot?.events ?? [],
      runs: snapshot?.runs ?? [],
      sends: this._sends,
    });
    this._conversation = conversation;
    if (!conversation.waiting) this._stopping = false;

    const answered = conversation.bubbles.filter(
      (b): b is AssistantBubble => b.kind === 'assistant' && isAnswered(b.state),
    );
    if (this._baselinePending) {
      // An opened session's earlier answers are history, not news.
      if (snapshot?.loaded) {
        for (const b of answered) this._announced.add(answerId(b));
        this._baselinePending = false;
      }
    } else {
      for (const b of answered) {
        const id = answerId(b);
        if (this._announced.has(id)) continue;
        const send = b.sendId ? this._sends.find((s) => s.id === b.sendId) : undefined;
        // A fast run can finish before its `POST /runs` answer is read: report the answer after
        // `ce-message-sent`, not before.
        if (send?.status === 'sending') continue;
        this._announced.add(id);
        this._answersToFire.push({
          sessionId: b.sessionId ?? this._watchedId ?? '',
          runIndex: b.runIndex,
          text: b.text,
          resultText: b.resultText,
          resultData: b.resultData,
          prompt: send?.prompt ?? null,
        });
      }
    }

    const last = conversation.bubbles[conversation.bubbles.length - 1];
    const signature = last
      ? `${conversation.bubbles.length}|${last.key}|${last.kind === 'assistant' ? `${last.state}|${last.text?.length ?? 0}|${last.tools.length}` : ''}`
      : '';
    if (signature !== this._contentSignature) {
      this._contentSignature = signature;
      if (!this._pinned && this.hasUpdated) this._unseen = true;
    }
  }

  /** Stop replaces Send while the session works (our run, or one started elsewhere). */
  private get _showStop(): boolean {
    return !!this._watchedId && (this._conversation.waiting || this._busy === 'busy');
  }

  private _canSend(text: string): boolean {
    if (!this._activeClient || this._inFlight || this._conversation.waiting) return false;
    if (text.trim() === '') return false;
    return nextSendKind(this._watchedId, this._busy) !== null;
  }

  private async _submit(prompt: string, fromInput: boolean): Promise<void> {
    const kind = nextSendKind(this._watchedId, this._busy);
    if (!kind) return;
    if (kind === 'start' && this._watchedId) this._archiveCurrent(null);
    const send: ChatSend = {
      id: `m${++this._sendCounter}`,
      prompt,
      kind,
      sessionId: kind === 'resume' ? this._watchedId : null,
      afterRunIndex: kind === 'resume' ? lastRunIndex(this._snapshot?.runs ?? []) : 0,
      status: 'sending',
      runId: null,
      error: null,
    };
    this._sends = [...this._sends, send];
    if (fromInput) this._draft = '';
    this._pinned = true;
    this._unseen = false;
    await this._deliver(send.id);
  }

  /** Sends (or re-sends) one prompt and records the outcome on it. */
  private async _deliver(sendId: string): Promise<void> {
    const client = this._activeClient;
    const send = this._sends.find((s) => s.id === sendId);
    if (!client || !send) return;
    const generation = this._generation;
    const refocus = this._focusInside();
    this._inFlight = true;
    this._updateSend(sendId, { status: 'sending', error: null });
    // Per call, so panels sharing one client can differ; `auto` leaves the client's own setting.
    const bodyShape = this.runBody === 'auto' ? undefined : this.runBody;
    try {
      const created =
        send.kind === 'start'
          ? await client.startRun({ prompt: send.prompt, agentName: this.agent || null, bodyShape })
          : await client.resumeRun(send.sessionId ?? '', send.prompt, { bodyShape });
      if (generation !== this._generation) return;
      const sessionId = created.session_id || send.sessionId || '';
      this._updateSend(sendId, { status: 'sent', runId: created.run_id ?? null, sessionId });
      if (send.kind === 'start') this._adoptSession(sessionId);
      this._emit('ce-message-sent', { sessionId, runId: created.run_id ?? '', prompt: send.prompt });
    } catch (error) {
      if (generation !== this._generation) return;
      const info = describeSendError(error);
      this._updateSend(sendId, { status: 'error', error: info });
      this._emitError('send', info, error);
    } finally {
      if (generation === this._generation) this._inFlight = false;
    }
    if (refocus && generation === this._generation) {
      // The input was disabled during the request; give the focus back once it is enabled again.
      await this.updateComplete;
      this._textarea?.focus();
    }
  }

  /** The session our `start_session` created becomes the panel's session. */
  private _adoptSession(sessionId: string): void {
    if (!sessionId) return;
    const previous = this._replacedSessionId;
    this._replacedSessionId = null;
    this._baselinePending = false;
    this._setWatched(sessionId);
    this.sessionId = sessionId;
    this._emit('ce-session-change', { sessionId, previousSessionId: previous, reason: 'start' });
  }

  /** Keeps an ended session's bubbles above a divider; the next send starts a new session. */
  private _archiveCurrent(keepSendId: string | null): void {
    const keep = (b: ChatBubble) =>
      keepSendId !== null && (b.key === `send:${keepSendId}` || b.key === `answer:${keepSendId}`);
    const bubbles = this._conversation.bubbles.filter((b) => !keep(b));
    this._archived = [
      ...this._archived,
      ...bubbles,
      { kind: 'divider', key: `divider:${++this._dividerCounter}`, reason: 'new-session', sessionId: null },
    ];
    this._sends = this._sends.filter((s) => s.id === keepSendId);
    this._replacedSessionId = this._watchedId;
    this._setWatched(null);
    this.sessionId = null;
  }

  private _updateSend(id: string, patch: Partial<ChatSend>): void {
    this._sends = this._sends.map((s) => (s.id === id ? { ...s, ...patch } : s));
  }

  private _retry(sendId: string): void {
    const send = this._sends.find((s) => s.id === sendId);
    if (!send || send.status !== 'error' || this._inFlight) return;
    const kind = nextSendKind(this._watchedId, this._busy);
    if (!kind) return;
    if (kind === 'start' && this._watchedId) this._archiveCurrent(sendId);
    this._updateSend(sendId, {
      kind,
      sessionId: kind === 'resume' ? this._watchedId : null,
      afterRunIndex: kind === 'resume' ? lastRunIndex(this._snapshot?.runs ?? []) : 0,
    });
    this._pinned = true;
    void this._deliver(sendId);
  }

  /** Takes a failed prompt back into the input to change it. */
  private _edit(sendId: string): void {
    const send = this._sends.find((s) => s.id === sendId);
    if (!send || send.status !== 'error') return;
    this._sends = this._sends.filter((s) => s.id !== sendId);
    this._draft = this._draft.trim() ? `${send.prompt}\n${this._draft}` : send.prompt;
    void this.updateComplete.then(() => this._textarea?.focus());
  }

  private _focusInside(): boolean {
    const active = this.shadowRoot?.activeElement;
    return !!active || document.activeElement === this;
  }

  // ------------------------------------------------------------------------------ events

  private _emit<T>(type: string, detail: T): void {
    emit(this, type, detail);
  }

  private _emitError(kind: ChatErrorDetail['kind'], info: SendError, error: unknown): void {
    this._emit<ChatErrorDetail>('ce-error', {
      kind,
      message: info.message,
      status: info.status,
      fields: info.fields,
      error,
    });
  }

  // ------------------------------------------------------------------------------ input

  private _onInput(e: Event): void {
    this._draft = (e.target as HTMLTextAreaElement).value;
    this._autoGrow();
  }

  private _onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey) return;
    // An IME composing text uses Enter to confirm a candidate, not to send.
    if (e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void this.send();
  }

  private _onSubmit(e: Event): void {
    e.preventDefault();
    void this.send();
  }

  private _autoGrow(): void {
    const area = this._textarea;
    if (!area) return;
    area.style.height = 'auto';
    const borders = area.offsetHeight - area.clientHeight;
    area.style.height = `${area.scrollHeight + borders}px`;
  }

  private _onAgentChange(e: Event): void {
    this.agent = (e.target as HTMLSelectElement).value;
  }

  // ------------------------------------------------------------------------------ scrolling

  private _observeContent(): void {
    const content = this._logContent;
    if (!content) return;
    // Answers render markdown after our own update: keep following while the content grows.
    this._resizeObserver ??= new ResizeObserver(() => {
      if (this._pinned) this._scrollToBottom();
    });
    this._resizeObserver.observe(content);
  }

  /**
   * Answers render their markdown in their own update, after ours: follow them down once they
   * did. (The ResizeObserver also catches it, but only when the page renders frames.)
   */
  private async _followNested(): Promise<void> {
    const pending = [...(this._log?.querySelectorAll('ce-markdown, ce-payload') ?? [])].filter(
      (n) => (n as LitElement).isUpdatePending,
    ) as LitElement[];
    if (pending.length === 0) return;
    await Promise.all(pending.map((n) => n.updateComplete));
    if (this._pinned) this._scrollToBottom();
  }

  private _onScroll(): void {
    const log = this._log;
    if (!log) return;
    this._pinned = log.scrollHeight - log.scrollTop - log.clientHeight <= NEAR_BOTTOM_PX;
    if (this._pinned && this._unseen) this._unseen = false;
  }

  /** Upward intent unpins at once, before the scroll event, so an arriving answer cannot win the race. */
  private _onWheel(e: WheelEvent): void {
    if (e.deltaY < 0) this._pinned = false;
  }

  private _onLogKeyDown(e: KeyboardEvent): void {
    if (e.key === 'PageUp' || e.key === 'Home' || e.key === 'ArrowUp') this._pinned = false;
  }

  private _scrollToBottom(): void {
    const log = this._log;
    if (log) log.scrollTop = log.scrollHeight;
  }

  private _jumpToLatest(): void {
    this._pinned = true;
    this._unseen = false;
    this._scrollToBottom();
    this._log?.focus({ preventScroll: true });
  }

  private _toggleTool(tool: ToolChip, isLast: boolean): void {
    const next = new Set(this._expanded);
    if (next.has(tool.key)) next.delete(tool.key);
    else next.add(tool.key);
    // Opening details in an older answer must not pull the view down to the bottom.
    if (!isLast) this._pinned = false;
    this._expanded = next;
  }

  // ------------------------------------------------------------------------------ render

  override render(): TemplateResult {
    const s = this._s;
    const conversation = this._conversation;
    const bubbles = this._archived.length ? [...this._archived, ...conversation.bubbles] : conversation.bubbles;
    const lastKey = bubbles.length ? bubbles[bubbles.length - 1].key : '';
    const snapshot = this._snapshot;
    const loading = !!this._watchedId && (!snapshot || !snapshot.loaded) && !snapshot?.historyError;
    const working = this._inFlight || conversation.waiting;
    const showStop = this._showStop;
    const canSend = this._canSend(this._draft);
    const ended = !!this._watchedId && this._busy === 'ended' && !working;
    return html`<div class="base" part="base">
      <div class="header" part="header">
        ${this.agentPicker ? this._renderAgentPicker(s) : nothing} ${this._renderConnection(s)}
        <span class="spacer"></span>
        <button
          type="button"
          class="ce-button"
          part="new-chat-button"
          ?disabled=${!this._watchedId && this._sends.length === 0 && this._archived.length === 0}
          @click=${() => this.newChat()}
        >
          ${icon('message')}${s.newChat}
        </button>
      </div>
      <div class="log-wrap">
        <div
          class="log"
          part="log"
          role="log"
          aria-label=${s.logLabel}
          aria-live="polite"
          aria-busy=${loading ? 'true' : 'false'}
          tabindex="0"
          @scroll=${this._onScroll}
          @wheel=${this._onWheel}
          @keydown=${this._onLogKeyDown}
        >
          <div class="log-content">
            ${
              snapshot?.truncated.historyMayBeIncomplete
                ? html`<p class="info">${this._strings.historyMayBeIncomplete}</p>`
                : nothing
            }
            ${
              snapshot && snapshot.truncated.droppedByCap > 0
                ? html`<p class="info">${this._strings.truncatedHistory(snapshot.truncated.droppedByCap)}</p>`
                : nothing
            }
            ${snapshot?.historyError ? html`<p class="info error">${s.historyError(snapshot.historyError)}</p>` : nothing}
            ${loading && bubbles.length === 0 ? html`<p class="info">${s.loadingHistory}</p>` : nothing}
            ${!loading && bubbles.length === 0 ? html`<p class="info">${s.empty}</p>` : nothing}
            ${repeat(
              bubbles,
              (b) => b.key,
              (b) => this._renderBubble(b, s, b.key === lastKey),
            )}
          </div>
        </div>
        ${
          this._unseen && !this._pinned
            ? html`<button type="button" class="ce-button jump" part="jump-button" @click=${this._jumpToLatest}>
                ${icon('arrowDown')}${s.jumpToLatest}
              </button>`
            : nothing
        }
      </div>
      ${ended ? html`<p class="ended" part="session-ended">${s.sessionEnded}</p>` : nothing}
      ${this._stopError ? html`<p class="stop-error" role="alert">${this._stopError}</p>` : nothing}
      <form class="composer" part="composer" @submit=${this._onSubmit}>
        <textarea
          part="input"
          rows="1"
          aria-label=${s.inputLabel}
          aria-describedby="keyboard-hint"
          placeholder=${this.placeholder || (working ? s.placeholderBusy : s.placeholder)}
          .value=${live(this._draft)}
          ?disabled=${this._inFlight}
          @input=${this._onInput}
          @keydown=${this._onKeyDown}
        ></textarea>
        <span id="keyboard-hint" class="sr-only">${s.keyboardHint}</span>
        ${
          showStop
            ? html`<button
                type="button"
                class="primary stop"
                part="stop-button"
                ?disabled=${this._stopping}
                @click=${() => void this.stop()}
              >
                ${icon('stop')}${this._stopping ? s.stopping : s.stop}
              </button>`
            : html`<button type="submit" class="primary" part="send-button" ?disabled=${!canSend}>
                ${icon('play')}${this._inFlight ? s.sending : s.send}
              </button>`
        }
      </form>
    </div>`;
  }

  private _renderAgentPicker(s: ChatStrings): TemplateResult {
    const agents = this._agents ?? [];
    const startsNew = nextSendKind(this._watchedId, this._busy) === 'start';
    const known = agents.some((a) => a.name === this.agent);
    return html`<label class="agent">
        <span>${s.agentLabel}</span>
        <select part="agent-picker" ?disabled=${!startsNew || this._inFlight} @change=${this._onAgentChange}>
          <option value="" ?selected=${!this.agent}>${s.defaultAgent}</option>
          ${this.agent && !known ? html`<option value=${this.agent} selected>${this.agent}</option>` : nothing}
          ${agents.map(
            (a) =>
              html`<option value=${a.name} ?selected=${a.name === this.agent} title=${a.description ?? ''}>
                ${a.name}
              </option>`,
          )}
        </select>
      </label>
      ${this._agentsFailed ? html`<span class="warn">${s.agentsUnavailable}</span>` : nothing}`;
  }

  private _renderConnection(s: ChatStrings): TemplateResult {
    if (!this._activeClient) {
      return html`<span class="connection idle" part="connection">${this._clientError ?? s.noCoordinator}</span>`;
    }
    const c = this._connection;
    const map: Record<ConnectionState['status'], [IconName, string]> = {
      idle: ['offline', this._strings.connection.idle],
      connecting: ['refresh', this._strings.connection.connecting],
      open: ['live', this._strings.connection.open],
      reconnecting: [
        'refresh',
        this._strings.connection.reconnecting(
          c.nextAttemptAt !== undefined ? Math.max(0, Math.ceil((c.nextAttemptAt - Date.now()) / 1000)) : null,
          c.attempt ?? null,
        ),
      ],
      'auth-error': ['lock', this._strings.connection.authError(c.httpStatus ?? null, c.message ?? null)],
      offline: ['offline', this._strings.connection.offline],
      closed: ['offline', this._strings.connection.closed],
    };
    const [name, text] = map[c.status] ?? ['offline', c.status];
    return html`<span class="connection ${c.status}" part="connection" role="status">${icon(name)}${text}</span>`;
  }

  private _renderBubble(b: ChatBubble, s: ChatStrings, isLast: boolean): TemplateResult {
    if (b.kind === 'divider') {
      return html`<div class="divider" part="divider" role="separator">${s.newSessionDivider}</div>`;
    }
    if (b.kind === 'user') return this._renderUser(b, s);
    return this._renderAssistant(b, s, isLast);
  }

  private _renderUser(b: UserBubble, s: ChatStrings): TemplateResult {
    const other = b.origin === 'other';
    return html`<div
      class="msg user ${other ? 'other' : 'self'}"
      part=${other ? 'message user-message other-message' : 'message user-message'}
      data-key=${b.key}
      data-status=${b.status ?? 'other'}
    >
      ${other ? html`<span class="who" title=${s.otherPromptTitle}>${s.otherPrompt}</span>` : html`<span class="sr-only">${s.you}</span>`}
      <div class="bubble" part="bubble user-bubble">${b.text}</div>
      ${
        b.status === 'sending'
          ? html`<span class="meta">${s.sending}</span>`
          : b.status === 'error'
            ? html`<span class="meta error">${s.notSent}</span>`
            : nothing
      }
    </div>`;
  }

  private _renderAssistant(b: AssistantBubble, s: ChatStrings, isLast: boolean): TemplateResult {
    const pending = isPending(b.state);
    const open = b.tools.filter((t) => this._expanded.has(t.key));
    return html`<div
      class="msg assistant ${b.state}"
      part="message assistant-message"
      data-key=${b.key}
      data-state=${b.state}
      aria-busy=${pending ? 'true' : 'false'}
    >
      <span class="sr-only">${s.assistant}</span>
      <div class="bubble" part="bubble assistant-bubble">
        ${
          b.tools.length
            ? html`<ul class="tools" part="tools" aria-label=${s.toolCalls(b.tools.length)}>
                ${repeat(
                  b.tools,
                  (t) => t.key,
                  (t) => html`<li>${this._renderChip(t, s, isLast)}</li>`,
                )}
              </ul>`
            : nothing
        }
        ${open.map((t) => this._renderToolDetails(t))}
        ${b.text ? html`<ce-markdown class="answer" part="markdown" .text=${b.text}></ce-markdown>` : nothing}
        ${
          b.resultText !== null || b.resultData !== null
            ? html`<div class="result" part="result">
                <span class="result-label">${icon('result')}${s.runResult}</span>
                ${b.resultText !== null ? html`<ce-markdown .text=${b.resultText}></ce-markdown>` : nothing}
                ${
                  b.resultData !== null
                    ? html`<ce-payload .label=${this._strings.resultData} .value=${b.resultData}></ce-payload>`
                    : nothing
                }
              </div>`
            : nothing
        }
        ${
          pending
            ? html`<div class="typing" part="typing">
                <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
                <span
                  >${b.state === 'working' ? s.working : b.state === 'sending' ? s.sending : s.waitingForAgent}</span
                >
              </div>`
            : nothing
        }
        ${b.state === 'empty' ? html`<p class="note" part="note">${s.noReply}</p>` : nothing}
        ${
          b.state === 'failed'
            ? html`<p class="note failed" part="note">${icon('alert')}${s.runFailed(b.failure)}</p>`
            : nothing
        }
        ${b.state === 'stopped' ? html`<p class="note" part="note">${icon('stop')}${s.runStopped}</p>` : nothing}
        ${b.state === 'error' && b.sendError ? this._renderSendError(b, b.sendError, s) : nothing}
      </div>
    </div>`;
  }

  private _renderChip(t: ToolChip, s: ChatStrings, isLast: boolean): TemplateResult {
    const expanded = this._expanded.has(t.key);
    const status =
      t.status === 'failed'
        ? this._strings.statusFailed
        : t.status === 'running'
          ? this._strings.statusRunning
          : t.status === 'ok'
            ? this._strings.statusOk
            : '';
    const name = toolDisplayName(t.name, this._strings);
    return html`<button
      type="button"
      class="chip-button"
      part="tool-button"
      aria-expanded=${expanded ? 'true' : 'false'}
      aria-controls=${toolDetailsId(t)}
      aria-label=${status ? s.toolDetails(name, status) : name}
      @click=${() => this._toggleTool(t, isLast)}
    >
      ${renderToolChip(
        this._strings,
        { toolName: t.name, failed: t.status === 'failed', error: t.error },
        { running: t.status === 'running', status: t.status !== 'unknown' },
      )}${icon(expanded ? 'chevronDown' : 'chevronRight', 'toggle-icon')}
    </button>`;
  }

  private _renderToolDetails(t: ToolChip): TemplateResult {
    const hasOutput = t.output !== null && t.output !== undefined;
    return html`<div class="tool-details" part="tool-details" id=${toolDetailsId(t)}>
      <span class="tool-details-title">${toolDisplayName(t.name, this._strings)}</span>
      ${t.input ? html`<ce-payload .label=${this._strings.input} .value=${t.input}></ce-payload>` : nothing}
      ${hasOutput ? html`<ce-payload .label=${this._strings.output} .value=${t.output}></ce-payload>` : nothing}
      ${t.error ? html`<ce-payload variant="error" .label=${this._strings.error} .value=${t.error}></ce-payload>` : nothing}
      ${!t.input && !hasOutput && !t.error ? html`<span class="meta">${this._strings.noOutput}</span>` : nothing}
    </div>`;
  }

  private _renderSendError(b: AssistantBubble, error: SendError, s: ChatStrings): TemplateResult {
    const sendId = b.sendId ?? '';
    const message =
      error.status === null
        ? error.message && error.message !== 'Network error'
          ? `${s.networkError} (${error.message})`
          : s.networkError
        : error.message;
    // Bubbles of an earlier (archived) session keep their message but can no longer be retried.
    const current = this._sends.some((x) => x.id === sendId);
    const canRetry =
      current && !this._inFlight && !this._conversation.waiting && nextSendKind(this._watchedId, this._busy) !== null;
    return html`<div class="send-error" part="error" role="alert">
      <span class="line">${icon('alert')}<span>${s.sendFailed(message, error.status)}</span></span>
      ${
        error.fields.length
          ? html`<ul>
              ${error.fields.map((f) => html`<li>${f}</li>`)}
            </ul>`
          : nothing
      }
      <span class="actions">
        <button
          type="button"
          class="ce-button"
          part="retry-button"
          ?disabled=${!canRetry}
          @click=${() => this._retry(sendId)}
        >
          ${icon('refresh')}${s.retry}
        </button>
        <button
          type="button"
          class="ce-button"
          part="edit-button"
          ?disabled=${!current}
          @click=${() => this._edit(sendId)}
        >
          ${s.edit}
        </button>
      </span>
    </div>`;
  }
}

function answerId(b: AssistantBubble): string {
  return b.runIndex !== null ? `${b.sessionId ?? ''}#${b.runIndex}` : b.key;
}

function toolDetailsId(t: ToolChip): string {
  return `tool-${t.key.replace(/[^\w-]/g, '_')}`;
}

/** Dispatches a bubbling, composed `CustomEvent` (the events are documented on the class). */
function emit<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
