import { html, nothing, type LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CoordinatorClientApi, SessionSnapshot, TokenProvider } from '../../client/types.js';
import type { BusyState, ConnectionState } from '../../types/model.js';
import { AnnouncerController } from '../../controllers/announcer.js';
import { CoordinatorSourceController, connectionOf } from '../../controllers/coordinator-source.js';
import { CountdownController } from '../../controllers/countdown.js';
import { FollowBottomController } from '../../controllers/follow-bottom.js';
import { chatStringsFor, type ChatStrings } from '../../i18n/chat-strings.js';
import { connectionStatusStyles, connectionText, isAnnounced } from '../../pieces/connection-status.js';
import { emptyKindOf, emptyStateStyles, emptyText, renderEmptyState } from '../../pieces/empty-state.js';
import { icon } from '../../pieces/icons.js';
import { CeElement } from '../../pieces/base-element.js';
import { MarkerSweeper } from '../../pieces/marker-sweeper.js';
import { buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';
import { toolChipStyles } from '../../pieces/tool-chip.js';
import { CeMarkdown } from '../../pieces/markdown.js';
import { CePayload } from '../../pieces/payload-view.js';
import { renderBubble, renderNotices, type BubbleContext } from './chat-bubbles.js';
import { autoGrow, renderComposer, renderHeader } from './chat-controls.js';
import { chatPanelStyles } from './chat-panel.styles.js';
import { AgentList } from './chat-agents.js';
import { ChatThread } from './chat-thread.js';
import {
  AnswerLog,
  buildConversation,
  describeSendError,
  type Conversation,
  type SendError,
  type ToolChip,
} from './conversation.js';
import type { ChatAnswerDetail, ChatErrorDetail, ChatPanelEventMap } from './chat-panel.events.js';

const EMPTY_CONVERSATION: Conversation = { bubbles: [], waiting: false, echoed: new Set() };

/**
 * @summary A chat with an agent through an Agent Coordinator: optimistic prompts, live answers
 * (markdown, tool calls, run results), stop, retry and new chat.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`, `de-CH`). Absent: inherited from the nearest ancestor with `lang` (across shadow roots), e.g. `<html lang>`. Words come from the registered translations (English built in, `coordinator-elements/locales/de.js`), falling back to English.
 *
 * @fires {CustomEvent<ChatMessageSentDetail>} ce-message-sent - A prompt was accepted. `detail: { sessionId, runId, prompt }`.
 * @fires {CustomEvent<ChatAnswerDetail>} ce-answer - A run finished while the panel watched it. `detail: { sessionId, runIndex, text, resultText, resultData, prompt }`.
 * @fires {CustomEvent<ChatErrorDetail>} ce-error - A send, stop or agent list failed, or the stream refused the credentials. `detail: { kind, message, status, fields, error }`.
 * @fires {CustomEvent<ChatSessionChangeDetail>} ce-session-change - The panel moved to another session on its own: its message started a new session (also one continuing a session that had ended: `previousSessionId` is that one), or "New chat". `detail: { sessionId, previousSessionId, reason }`. A host that owns `session-id` follows it.
 * @fires {CustomEvent<CopyDetail>} ce-copy - A copy button in an answer (code block, tool input/output, result data) copied, or failed to; `detail: { ok, length }`.
 * @fires {CustomEvent<MarkdownExpandDetail>} ce-markdown-expand - The user asked for the rest of a long answer ("Show all"); `detail: { showAll }`.
 *
 * @csspart base - The panel's frame.
 * @csspart header - The bar with agent picker, connection state and "New chat".
 * @csspart agent-picker - The agent `<select>` (with `agent-picker`).
 * @csspart connection - The connection state.
 * @csspart connection-retry - "Retry now", shown while waiting to reconnect.
 * @csspart connection-details - "Details" of a long or HTML message from the coordinator (its whole text, on demand).
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
 * @csspart divider - "Continued in a new session": between a session that had ended and the one its next message started (`data-session-id`).
 * @csspart gap - Where events may be missing (the server's capped history could not give them back), with its time span and the final result when it was fetched again.
 * @csspart session-ended - The hint that the next message starts a new session (`data-reason`: `ended`, or `not-found` for a session the coordinator does not know).
 * @csspart empty - Why an empty conversation is empty (`data-kind`: `not-found`, `unauthorized`, `unreachable`).
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
 * @cssprop --ce-space-5 - Spacing scale, step 5 (default 16px).
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
 * @cssprop --ce-color-highlight - Background of text a page highlights in the panel with the CSS Custom Highlight API under the name `ce-search-match`.
 * @cssprop --ce-color-highlight-current - The same for the name `ce-search-current`.
 * @cssprop --ce-color-success - Tools that finished.
 * @cssprop --ce-color-warning - Stopped runs, reconnecting.
 * @cssprop --ce-color-live - The connected indicator.
 * @cssprop --ce-color-accent-assistant - Accent border of the agent's answers.
 * @cssprop --ce-color-accent-result - Accent border of run results.
 * @cssprop --ce-color-accent-tool - Icon of tool chips.
 * @cssprop --ce-transition-duration - Transitions and the typing animation (0s under prefers-reduced-motion).
 */
export class ChatPanel extends CeElement<ChatPanelEventMap> {
  static override dependencies = { 'ce-markdown': CeMarkdown, 'ce-payload': CePayload };
  static override styles = [
    tokens,
    buttonStyles,
    srOnly,
    toolChipStyles,
    connectionStatusStyles,
    emptyStateStyles,
    chatPanelStyles,
  ];

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
   * id then appears here and in the `session-id` attribute). Setting it opens that session's history;
   * setting the session the panel is on (or, while a message to an ended session starts a new one,
   * the ended one) changes nothing. The panel changes it itself when it moves to a session it started
   * (`ce-session-change`).
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

  /**
   * The text in the input, as the user types it. Set it to put text there (e.g. a prompt to edit
   * before sending, or what was typed before a reload); sending clears it.
   */
  @property({ attribute: false }) draft = '';

  @state() private _snapshot: SessionSnapshot | null = null;
  @state() private _stopping = false;
  @state() private _stopError: string | null = null;
  @state() private _expanded = new Set<string>();

  @query('textarea') private _textarea?: HTMLTextAreaElement;
  @query('.log') private _log?: HTMLElement;
  @query('.log-content') private _logContent?: HTMLElement;

  private _lastHistoryError: string | null = null;
  private readonly _thread: ChatThread = new ChatThread(this, {
    client: () => this._source.client,
    busy: () => this._busy,
    runs: () => this._snapshot?.runs ?? [],
    bubbles: () => this._conversation.bubbles,
    waiting: () => this._conversation.waiting,
    agent: () => this.agent,
    // Per call, so panels sharing one client can differ; `auto` leaves the client's own setting.
    bodyShape: () => (this.runBody === 'auto' ? undefined : this.runBody),
    onWatch: () => {
      this._lastHistoryError = null;
      this._snapshot = null;
      this._source.sync();
    },
    onSessionChange: (detail) => {
      // A session this panel started: every prompt in it is known, every answer news.
      this._answers.startFresh();
      this._knownFrom = 0;
      this.sessionId = detail.sessionId;
      this.emit('ce-session-change', detail);
    },
    onSent: (detail) => this.emit('ce-message-sent', detail),
    onSendError: (info, error) => this._emitError('send', info, error),
    focusInside: () => !!this.shadowRoot?.activeElement || document.activeElement === this,
    focusInput: () => this._textarea?.focus(),
  });
  private readonly _source = new CoordinatorSourceController(
    this,
    () => ({
      ...connectionOf(this),
      sessionId: this._thread.watchedId,
      // The stream stays open while the panel is on the page, so that a new session's first events
      // are already flowing when its `POST /runs` answers.
      retain: true,
    }),
    {
      onChange: () => this._onSnapshot(),
      onConnection: (state, previous) => this._onConnection(state, previous),
      onClient: (client) => {
        if (this.agentPicker) this._agents.load(client);
      },
    },
  );
  private readonly _follow = new FollowBottomController(this, {
    pinByScrolling: true,
    // Answers render their markdown in their own update, after ours (and after the parser loaded,
    // the first time): follow them down once they did.
    settle: () => {
      const selector = `${this.tagNameFor('ce-markdown')}, ${this.tagNameFor('ce-payload')}`;
      const nested = this._logContent?.querySelectorAll<LitElement>(selector) ?? [];
      return Promise.all([...nested].map((n) => n.updateComplete));
    },
  });
  private readonly _announcer = new AnnouncerController(this);
  private readonly _countdown = new CountdownController(
    this,
    () =>
      (this._source.connection.status === 'reconnecting' && this._source.connection.nextAttemptAt !== undefined) ||
      (this._snapshot?.historyRetryAt ?? null) !== null,
  );

  private _conversation: Conversation = EMPTY_CONVERSATION;
  /** The conversation was built from this snapshot and this version of the thread's sends. */
  private _builtFrom: [SessionSnapshot | null, number] = [null, -1];
  private readonly _agents = new AgentList(this, (error) => this._emitError('agents', describeSendError(error), error));
  /** Which answers are news (`ce-answer`). */
  private readonly _answers = new AnswerLog();
  /**
   * Events of the session with a higher `seq` arrived while the panel watched it: a prompt among
   * them that is not one of its sends came from elsewhere. Earlier ones (history) may be anyone's.
   */
  private _knownFrom = Infinity;
  private _answersToFire: ChatAnswerDetail[] = [];
  private _contentSignature = '';
  private _focusAfterStop = false;
  /** Removes the markers lit-html leaves behind as bubbles are replaced (a session switch, New chat). */
  private _markerSweeper: MarkerSweeper | null = null;

  // ------------------------------------------------------------------------------ lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('sessionId') && (this.sessionId || null) !== this._thread.currentId) {
      this._openSession(this.sessionId || null);
    }
    this._source.sync();
    if (changed.has('agentPicker') && this.agentPicker && this._agents.agents === null) {
      this._agents.load(this._source.client);
    }
    if (this._builtFrom[0] !== this._snapshot || this._builtFrom[1] !== this._thread.version) this._recompute();
  }

  protected override firstUpdated(): void {
    if (this._log) this._follow.attach(this._log, this._logContent);
    if (this._logContent) this._markerSweeper = new MarkerSweeper(this._logContent);
  }

  protected override updated(changed: PropertyValues): void {
    this._markerSweeper?.sweep();
    // A cleared draft (just sent) is sized in the next frame: measuring now would force a layout
    // of the log with the new bubble in it, before send has even shown it.
    if (changed.has('draft')) {
      if (this.draft) autoGrow(this._textarea);
      else requestAnimationFrame(() => autoGrow(this._textarea));
    }
    if (this._focusAfterStop && !this._showStop) {
      this._focusAfterStop = false;
      this._textarea?.focus();
    }
    const answers = this._answersToFire;
    this._answersToFire = [];
    for (const detail of answers) this.emit('ce-answer', detail);
  }

  /** Focuses the message input. */
  override focus(options?: FocusOptions): void {
    this._textarea?.focus(options);
  }

  // ------------------------------------------------------------------------------ public API

  /** Whether a reply is outstanding (a send in flight, or the agent working). */
  get busy(): boolean {
    return this._thread.inFlight || this._conversation.waiting;
  }

  /**
   * Focuses the message input, with the caret after its text (e.g. after setting `draft`). Resolves
   * once it has the focus (after a pending render).
   */
  async focusComposer(): Promise<void> {
    await this.updateComplete;
    const area = this._textarea;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }

  /**
   * Sends a prompt as if typed (the input keeps its text); without an argument sends the input.
   * Resolves when the coordinator answered the request (the agent's reply comes later).
   */
  async send(prompt?: string): Promise<void> {
    const fromInput = prompt === undefined;
    const text = fromInput ? this.draft : prompt;
    if (!this._thread.canSend(text)) return;
    if (fromInput) this.draft = '';
    this._follow.followLatest();
    await this._thread.submit(text);
  }

  /** Asks the coordinator to stop the session's current run. */
  async stop(): Promise<void> {
    const client = this._source.client;
    const id = this._thread.watchedId;
    if (!client || !id || this._stopping) return;
    // The Stop button goes away when the run ends: the focus then moves to the input.
    this._focusAfterStop = this.shadowRoot?.activeElement?.matches('[part~="stop-button"]') ?? false;
    this._stopping = true;
    this._stopError = null;
    try {
      await client.stopSession(id);
    } catch (error) {
      if (this._thread.watchedId !== id) return;
      this._stopping = false;
      this._focusAfterStop = false;
      const info = describeSendError(error);
      this._stopError = this._s.stopFailed(info.message);
      this._emitError('stop', info, error);
    }
  }

  /** Leaves the current session: the next message starts a fresh one. The typed text stays. */
  newChat(): void {
    this._resetView();
    const previous = this._thread.leave();
    this.sessionId = null;
    if (previous) this.emit('ce-session-change', { sessionId: null, previousSessionId: previous, reason: 'new-chat' });
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

  private _onSnapshot(): void {
    const snapshot = this._source.snapshot;
    const historyError = snapshot?.historyError ?? null;
    if (historyError && historyError !== this._lastHistoryError) {
      this._emitError('history', { message: historyError, status: null, code: null, fields: [] }, null);
    }
    this._lastHistoryError = historyError;
    this._snapshot = snapshot;
  }

  private _onConnection(state: ConnectionState, previous: ConnectionState): void {
    if (state.status === 'auth-error' && previous.status !== 'auth-error') {
      const info = { message: state.message ?? 'Not authorized', status: state.httpStatus ?? null, code: null };
      this._emitError('connection', { ...info, fields: [] }, null);
    }
    if (state.status === 'closed' && !this._source.client && state.message) {
      this._emitError('client', { message: state.message, status: null, code: null, fields: [] }, null);
    }
    if (isAnnounced(state, previous)) this._announcer.say(connectionText(state, this._strings, null));
  }

  /** The host set `session-id`: show that session (its history becomes the conversation). */
  private _openSession(id: string | null): void {
    this._resetView();
    this._answers.reset(id !== null);
    this._knownFrom = id === null ? 0 : Infinity;
    this._thread.open(id);
  }

  /** Forgets what was shown of a conversation (another session, or none). */
  private _resetView(): void {
    this._answers.reset(false);
    this._stopping = false;
    this._stopError = null;
    this._expanded = new Set();
    this._follow.followLatest();
  }

  // ------------------------------------------------------------------------------ conversation

  /** Busy state for deciding start vs resume; `null` while the session's state is not known yet. */
  private get _busy(): BusyState | null {
    if (!this._thread.watchedId) return null;
    const snapshot = this._snapshot;
    if (!snapshot) return null;
    // A session the coordinator does not know (deleted, wrong id) cannot be resumed: start anew.
    if (!snapshot.session) return snapshot.loaded ? 'ended' : null;
    return snapshot.busy;
  }

  private _recompute(): void {
    const snapshot = this._snapshot;
    const sends = this._thread.sends;
    this._builtFrom = [snapshot, this._thread.version];
    // An opened session's events up to its first load are its history: who sent its prompts is not known.
    if (this._answers.opening && snapshot?.loaded) {
      this._knownFrom = snapshot.events.reduce((max, e) => Math.max(max, e.seq), 0);
    }
    const conversation = buildConversation({
      sessionId: this._thread.watchedId,
      session: snapshot?.session ?? null,
      busy: snapshot ? snapshot.busy : null,
      events: snapshot?.events ?? [],
      runs: snapshot?.runs ?? [],
      sends,
      knownFrom: this._knownFrom,
      gaps: snapshot?.gaps,
    });
    this._conversation = conversation;
    if (!conversation.waiting) this._stopping = false;
    for (const { bubble: b, send } of this._answers.news(conversation, sends, !!snapshot?.loaded)) {
      this._answersToFire.push({
        sessionId: b.sessionId ?? this._thread.watchedId ?? '',
        runIndex: b.runIndex,
        text: b.text,
        resultText: b.resultText,
        resultData: b.resultData,
        prompt: send?.prompt ?? null,
      });
    }

    const last = conversation.bubbles[conversation.bubbles.length - 1];
    const signature = last
      ? `${conversation.bubbles.length}|${last.key}|${last.kind === 'assistant' ? `${last.state}|${last.text?.length ?? 0}|${last.tools.length}` : ''}`
      : '';
    if (signature !== this._contentSignature) {
      this._contentSignature = signature;
      if (this.hasUpdated) this._follow.arrived(1);
    }
  }

  /** Stop replaces Send while the session works (our run, or one started elsewhere). */
  private get _showStop(): boolean {
    return !!this._thread.watchedId && (this._conversation.waiting || this._busy === 'busy');
  }

  /** Takes a failed prompt back into the input to change it. */
  private _edit(sendId: string): void {
    const prompt = this._thread.take(sendId);
    if (prompt === null) return;
    this.draft = this.draft.trim() ? `${prompt}\n${this.draft}` : prompt;
    void this.updateComplete.then(() => this._textarea?.focus());
  }

  private _emitError(kind: ChatErrorDetail['kind'], info: SendError, error: unknown): void {
    this.emit('ce-error', {
      kind,
      message: info.message,
      status: info.status,
      fields: info.fields,
      error,
    });
  }

  // ------------------------------------------------------------------------------ render

  private _jumpToLatest(): void {
    this._follow.followLatest();
    this._log?.focus({ preventScroll: true });
  }

  private _bubbleContext(): BubbleContext {
    return {
      s: this._s,
      strings: this._strings,
      tagFor: this.tagFor.bind(this),
      expanded: this._expanded,
      toggleTool: (tool: ToolChip, isLast: boolean) => {
        const next = new Set(this._expanded);
        if (next.has(tool.key)) next.delete(tool.key);
        else next.add(tool.key);
        // Opening details in an older answer must not pull the view down to the bottom.
        if (!isLast) this._follow.setFollowing(false);
        this._expanded = next;
      },
      isCurrentSend: (sendId) => this._thread.sends.some((x) => x.id === sendId),
      canRetry: (sendId) => this._thread.canRetry(sendId),
      retry: (sendId) => {
        this._follow.followLatest();
        this._thread.retry(sendId);
      },
      edit: (sendId) => this._edit(sendId),
    };
  }

  /** What the log says while it has no bubbles: why, in the panel's words where it has its own. */
  private _renderEmpty(loading: boolean) {
    const s = this._s;
    const presence = this._source.presence;
    if (!this._source.client) return html`<p class="info">${s.empty}</p>`;
    const kind = emptyKindOf({ mode: 'client', connection: this._source.connection, presence });
    if (kind === 'no-session' || kind === 'waiting') return html`<p class="info">${s.empty}</p>`;
    if (kind === 'loading' || (loading && kind !== 'unauthorized' && kind !== 'unreachable')) {
      return html`<p class="info">${s.loadingHistory}</p>`;
    }
    const [title, hint] = emptyText(kind, this._strings, this._thread.watchedId);
    return renderEmptyState(kind, title, kind === 'not-found' ? s.notFoundHint : hint);
  }

  override render(): TemplateResult {
    const s = this._s;
    const thread = this._thread;
    const conversation = this._conversation;
    const bubbles = thread.archived.length ? [...thread.archived, ...conversation.bubbles] : conversation.bubbles;
    const lastKey = bubbles.length ? bubbles[bubbles.length - 1].key : '';
    const snapshot = this._snapshot;
    const loading = !!thread.watchedId && (!snapshot || !snapshot.loaded) && !snapshot?.historyError;
    const working = thread.inFlight || conversation.waiting;
    const ended = !!thread.watchedId && this._busy === 'ended' && !working;
    const missing = this._source.presence === 'missing';
    const connection = this._source.connection;
    const context = this._bubbleContext();
    return html`<div class="base" part="base">
      ${renderHeader(
        {
          picker: this.agentPicker
            ? {
                agents: this._agents.agents ?? [],
                agent: this.agent,
                failed: this._agents.failed,
                disabled: thread.nextKind !== 'start' || thread.inFlight,
                onChange: (agent) => (this.agent = agent),
              }
            : null,
          connection,
          seconds:
            connection.nextAttemptAt !== undefined ? this._countdown.secondsUntil(connection.nextAttemptAt) : null,
          presence: this._source.presence,
          onRetry: () => this._source.reconnect(),
          newChatDisabled: !thread.currentId && thread.sends.length === 0 && thread.archived.length === 0,
          onNewChat: () => this.newChat(),
        },
        s,
        this._strings,
      )}
      <div class="log-wrap">
        <div
          class="log"
          part="log"
          role="log"
          aria-label=${s.logLabel}
          aria-live="polite"
          aria-busy=${loading ? 'true' : 'false'}
          tabindex="0"
        >
          <div class="log-content">
            ${renderNotices(snapshot, s, this._strings, (at) => this._countdown.secondsUntil(at))}
            ${bubbles.length === 0 ? this._renderEmpty(loading) : nothing}
            ${repeat(
              bubbles,
              (b) => b.key,
              (b) => renderBubble(b, context, b.key === lastKey),
            )}
          </div>
        </div>
        ${
          this._follow.unseen > 0 && !this._follow.following
            ? html`<button type="button" class="ce-button jump" part="jump-button" @click=${this._jumpToLatest}>
                ${icon('arrowDown')}${s.jumpToLatest}
              </button>`
            : nothing
        }
      </div>
      ${
        ended
          ? html`<p class="ended" part="session-ended" data-reason=${missing ? 'not-found' : 'ended'}>
              ${missing ? s.sessionNotFound : s.sessionEnded}
            </p>`
          : nothing
      }
      ${this._stopError ? html`<p class="stop-error" role="alert">${this._stopError}</p>` : nothing}
      ${renderComposer(
        {
          draft: this.draft,
          placeholder: this.placeholder || (working ? s.placeholderBusy : s.placeholder),
          sending: thread.inFlight,
          canSend: thread.canSend(this.draft),
          showStop: this._showStop,
          stopping: this._stopping,
          onDraft: (text) => (this.draft = text),
          onSend: () => void this.send(),
          onStop: () => void this.stop(),
        },
        s,
      )}
      ${this._announcer.render()}
    </div>`;
  }
}
