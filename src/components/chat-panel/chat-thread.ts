/**
 * Which session a `<chat-panel>` is on, and what it sent there: the session it watches, its sends
 * and their delivery (`POST /runs`), and the continuation when a message to a session that has ended
 * starts a new one. A continuation keeps the old thread above a divider and the panel on the old
 * session (`currentId`) until the coordinator has made the new one; then the panel moves to it and
 * tells the host (`onSessionChange`).
 *
 * A host that owns `session-id` (writes it back on every render) may write it at any time: writing
 * the session the panel is on, or continues from, changes nothing, so a message on its way is never
 * dropped. Writing another session moves the panel there (the host's choice); a message already on
 * its way is still reported once the coordinator took it (`onSent`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CoordinatorClientApi } from '../../client/types.js';
import type { BusyState, Run } from '../../types/model.js';
import type { ChatMessageSentDetail, ChatSessionChangeDetail } from './chat-panel.events.js';
import {
  describeSendError,
  lastRunIndex,
  nextSendKind,
  type ChatBubble,
  type ChatSend,
  type SendError,
} from './conversation.js';

export interface ChatThreadOptions {
  client(): CoordinatorClientApi | null;
  /** Busy state of the watched session; null while not known. */
  busy(): BusyState | null;
  /** Runs of the watched session. */
  runs(): readonly Run[];
  /** The bubbles shown for the watched session (kept above the divider of a continuation). */
  bubbles(): readonly ChatBubble[];
  /** A reply is outstanding (no second message until it came). */
  waiting(): boolean;
  /** Agent for new sessions ('' = the coordinator's default). */
  agent(): string;
  /** `POST /runs` body shape of this panel, when not the client's own. */
  bodyShape(): 'parameters' | 'prompt' | undefined;
  /** The panel watches another session now (null: none). */
  onWatch(sessionId: string | null): void;
  /** The panel moved to another session on its own (a new session started). */
  onSessionChange(detail: ChatSessionChangeDetail): void;
  onSent(detail: ChatMessageSentDetail): void;
  onSendError(info: SendError, error: unknown): void;
  /** Whether the focus is in the panel (to give it back to the input after a send). */
  focusInside(): boolean;
  focusInput(): void;
}

export class ChatThread implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ChatThreadOptions;
  #sends: ChatSend[] = [];
  #archived: ChatBubble[] = [];
  #inFlight = false;
  #watched: string | null = null;
  /** The session left to continue in a new one, until the new one exists. */
  #continuingFrom: string | null = null;
  #sendCounter = 0;
  #dividerCounter = 0;
  /** Bumped when the thread is reset: outcomes of older sends no longer change it. */
  #generation = 0;
  /** Bumped on every change of the sends (the conversation is built again). */
  #version = 0;

  constructor(host: ReactiveControllerHost, options: ChatThreadOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** This panel's sends in the current session, oldest first. */
  get sends(): readonly ChatSend[] {
    return this.#sends;
  }

  /** Bubbles of earlier sessions of this thread, each followed by a divider. */
  get archived(): readonly ChatBubble[] {
    return this.#archived;
  }

  /** A `POST /runs` is on its way. */
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** The watched session (null: none, e.g. a new chat or a continuation not created yet). */
  get watchedId(): string | null {
    return this.#watched;
  }

  /** The session the panel is on, as its host sees it: the watched one, or the one it continues from. */
  get currentId(): string | null {
    return this.#watched ?? this.#continuingFrom;
  }

  /** Changes whenever the sends change. */
  get version(): number {
    return this.#version;
  }

  /** What the next send does: start a session, resume the watched one, or nothing (busy). */
  get nextKind(): 'start' | 'resume' | null {
    return nextSendKind(this.#watched, this.#options.busy());
  }

  /** Whether `text` can be sent now. */
  canSend(text: string): boolean {
    if (!this.#options.client() || this.#inFlight || this.#options.waiting()) return false;
    return text.trim() !== '' && this.nextKind !== null;
  }

  /**
   * The host set `session-id`: shows that session (its history becomes the conversation). The
   * session the panel is on, or continues from, is no change. Returns whether it changed.
   */
  open(sessionId: string | null): boolean {
    if (sessionId === this.currentId) return false;
    this.reset();
    this.#watch(sessionId);
    return true;
  }

  /** Leaves the current session ("New chat"); returns the session it was on. */
  leave(): string | null {
    const previous = this.currentId;
    this.reset();
    this.#watch(null);
    return previous;
  }

  /** Forgets the sends and the earlier sessions (a send on its way is not waited for). */
  reset(): void {
    this.#generation++;
    this.#sends = [];
    this.#archived = [];
    this.#continuingFrom = null;
    this.#inFlight = false;
    this.#changed();
  }

  /** Sends a prompt: resumes the watched session, or starts a new one (continuing an ended one). */
  async submit(prompt: string): Promise<void> {
    const kind = this.nextKind;
    if (!kind) return;
    if (kind === 'start' && this.#watched) this.#archive(null);
    const send: ChatSend = {
      id: `m${++this.#sendCounter}`,
      prompt,
      kind,
      sessionId: kind === 'resume' ? this.#watched : null,
      afterRunIndex: kind === 'resume' ? lastRunIndex(this.#options.runs()) : 0,
      status: 'sending',
      runId: null,
      error: null,
    };
    this.#sends = [...this.#sends, send];
    this.#changed();
    await this.#deliver(send.id);
  }

  /** Whether a failed send can be sent again now. */
  canRetry(sendId: string): boolean {
    return (
      this.#sends.some((s) => s.id === sendId) && !this.#inFlight && !this.#options.waiting() && this.nextKind !== null
    );
  }

  /** Sends a failed prompt again. */
  retry(sendId: string): void {
    const send = this.#sends.find((s) => s.id === sendId);
    if (!send || send.status !== 'error' || this.#inFlight) return;
    const kind = this.nextKind;
    if (!kind) return;
    if (kind === 'start' && this.#watched) this.#archive(sendId);
    this.#update(sendId, {
      kind,
      sessionId: kind === 'resume' ? this.#watched : null,
      afterRunIndex: kind === 'resume' ? lastRunIndex(this.#options.runs()) : 0,
    });
    void this.#deliver(sendId);
  }

  /** Takes a failed prompt out of the thread (to edit it); returns its text. */
  take(sendId: string): string | null {
    const send = this.#sends.find((s) => s.id === sendId);
    if (!send || send.status !== 'error') return null;
    this.#sends = this.#sends.filter((s) => s.id !== sendId);
    this.#changed();
    return send.prompt;
  }

  #watch(sessionId: string | null): void {
    this.#watched = sessionId;
    this.#options.onWatch(sessionId);
  }

  #changed(): void {
    this.#version++;
    this.#host.requestUpdate();
  }

  #update(id: string, patch: Partial<ChatSend>): void {
    this.#sends = this.#sends.map((s) => (s.id === id ? { ...s, ...patch } : s));
    this.#changed();
  }

  /** Sends (or re-sends) one prompt and records the outcome on it. */
  async #deliver(sendId: string): Promise<void> {
    const o = this.#options;
    const client = o.client();
    const send = this.#sends.find((s) => s.id === sendId);
    if (!client || !send) return;
    const generation = this.#generation;
    const refocus = o.focusInside();
    this.#inFlight = true;
    this.#update(sendId, { status: 'sending', error: null });
    const bodyShape = o.bodyShape();
    try {
      const created =
        send.kind === 'start'
          ? await client.startRun({ prompt: send.prompt, agentName: o.agent() || null, bodyShape })
          : await client.resumeRun(send.sessionId ?? '', send.prompt, { bodyShape });
      const sessionId = created.session_id || send.sessionId || '';
      const detail = { sessionId, runId: created.run_id ?? '', prompt: send.prompt };
      if (generation !== this.#generation) {
        // The host moved the panel elsewhere meanwhile: the coordinator took the message all the same.
        o.onSent(detail);
        return;
      }
      this.#update(sendId, { status: 'sent', runId: created.run_id ?? null, sessionId });
      if (send.kind === 'start') this.#adopt(sessionId);
      o.onSent(detail);
    } catch (error) {
      if (generation !== this.#generation) return;
      const info = describeSendError(error);
      this.#update(sendId, { status: 'error', error: info });
      o.onSendError(info, error);
    } finally {
      if (generation === this.#generation) {
        this.#inFlight = false;
        this.#host.requestUpdate();
      }
    }
    if (refocus && generation === this.#generation) {
      // The input was disabled during the request; give the focus back once it is enabled again.
      await this.#host.updateComplete;
      o.focusInput();
    }
  }

  /** The session a `start_session` created becomes the panel's: the host hears of it. */
  #adopt(sessionId: string): void {
    if (!sessionId) return;
    const previous = this.#continuingFrom;
    this.#continuingFrom = null;
    this.#archived = this.#archived.map((b) =>
      b.kind === 'divider' && b.sessionId === null ? { ...b, sessionId } : b,
    );
    this.#watch(sessionId);
    this.#options.onSessionChange({ sessionId, previousSessionId: previous, reason: 'start' });
  }

  /** Keeps an ended session's bubbles above a divider; the next send starts a new session. */
  #archive(keepSendId: string | null): void {
    const keep = (b: ChatBubble) =>
      keepSendId !== null && (b.key === `send:${keepSendId}` || b.key === `answer:${keepSendId}`);
    const bubbles = this.#options.bubbles().filter((b) => !keep(b));
    // Nothing shown of it (an unknown session): nothing to set apart.
    if (bubbles.length) {
      this.#archived = [
        ...this.#archived,
        ...bubbles,
        { kind: 'divider', key: `divider:${++this.#dividerCounter}`, reason: 'new-session', sessionId: null },
      ];
    }
    this.#sends = this.#sends.filter((s) => s.id === keepSendId);
    this.#continuingFrom = this.#watched;
    this.#watch(null);
    this.#changed();
  }
}
