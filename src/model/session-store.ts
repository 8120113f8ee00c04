/**
 * The session list, kept from stream messages: `init` replaces, `session_created` adds,
 * `session_updated` merges (it may be partial), `session_deleted` removes, `run_failed` is recorded
 * on its session. A REST resync (after a reconnect the server may send no `init`) replaces the list
 * and then replays the messages that arrived while it was loading, so none is lost.
 */
import type { Session } from '../types/model.js';
import type { WireSession } from '../types/wire.js';
import { mergeSessionPatch, normalizeSession } from './normalize.js';
import type { StreamMessage } from './stream-messages.js';

type SessionMessage = Exclude<StreamMessage, { kind: 'event' } | { kind: 'unknown' }>;

export class SessionStore {
  /** Oldest first (the list is newest first as the server lists them): new sessions go to the end. */
  #byId = new Map<string, Session>();
  #list: readonly Session[] | null = [];
  /** Failures for sessions not (yet) known, applied when the session appears. */
  #pendingFailures = new Map<string, Session['lastRunFailure']>();
  #deleted = new Set<string>();
  #resyncToken = 0;
  #log: SessionMessage[] | null = null;
  #listed = false;

  /** Current list (a new array after each change). */
  get sessions(): readonly Session[] {
    if (!this.#list) this.#list = [...this.#byId.values()].reverse();
    return this.#list;
  }

  get(sessionId: string): Session | null {
    return this.#byId.get(sessionId) ?? null;
  }

  /**
   * True once the coordinator's whole list arrived (an `init` or a resync): a session not in it (nor
   * created since) is one the coordinator does not know.
   */
  get listed(): boolean {
    return this.#listed;
  }

  /** True once a `session_deleted` was seen for the id (and it did not come back). */
  wasDeleted(sessionId: string): boolean {
    return this.#deleted.has(sessionId);
  }

  /** Applies one message; returns the ids whose session changed (`'*'` for all). */
  apply(message: StreamMessage): string[] {
    if (message.kind === 'event' || message.kind === 'unknown') return [];
    this.#log?.push(message);
    return this.#apply(message);
  }

  /** Starts a REST resync: messages applied from now on are kept and replayed by `finishResync`. */
  beginResync(): number {
    this.#log = [];
    return ++this.#resyncToken;
  }

  /** Replaces the list with `sessions` and replays what arrived meanwhile. False if superseded. */
  finishResync(token: number, sessions: readonly WireSession[]): boolean {
    if (token !== this.#resyncToken || !this.#log) return false;
    const log = this.#log;
    this.#log = null;
    this.#replaceAll(sessions);
    for (const message of log) this.#apply(message);
    return true;
  }

  /** A resync that failed: stop logging (the live state stays as it is). */
  abortResync(token: number): void {
    if (token === this.#resyncToken) this.#log = null;
  }

  #apply(message: SessionMessage): string[] {
    switch (message.kind) {
      case 'init':
        this.#replaceAll(message.sessions);
        return ['*'];
      case 'session_created':
      case 'session_updated': {
        const id = message.session.session_id;
        const existing = this.#byId.get(id);
        // A repeated create (a replaying server, a resync overlap) is older than what we hold.
        if (existing && message.kind === 'session_created') return [];
        this.#set(
          existing
            ? mergeSessionPatch(existing, message.session)
            : normalizeSession(message.session, this.#takeFailure(id)),
        );
        return [id];
      }
      case 'session_deleted': {
        const id = message.sessionId;
        this.#deleted.add(id);
        this.#pendingFailures.delete(id);
        if (this.#byId.delete(id)) this.#list = null;
        return [id];
      }
      case 'run_failed': {
        const failure = { runId: message.runId ?? '', error: message.error };
        const existing = this.#byId.get(message.sessionId);
        if (existing) this.#set({ ...existing, lastRunFailure: failure });
        else this.#pendingFailures.set(message.sessionId, failure);
        return [message.sessionId];
      }
    }
  }

  #replaceAll(sessions: readonly WireSession[]): void {
    this.#listed = true;
    const previous = this.#byId;
    this.#byId = new Map();
    // Oldest first; of an id listed twice, the first listing wins (it is set last, at its place).
    for (const wire of [...sessions].reverse()) {
      const id = wire.session_id;
      // A failure seen earlier is not part of the server's list: keep it.
      const failure = previous.get(id)?.lastRunFailure ?? this.#pendingFailures.get(id) ?? null;
      this.#byId.delete(id);
      this.#byId.set(id, normalizeSession(wire, failure));
      this.#deleted.delete(id);
    }
    for (const id of this.#byId.keys()) this.#pendingFailures.delete(id);
    for (const id of previous.keys()) if (!this.#byId.has(id)) this.#deleted.add(id);
    this.#list = null;
  }

  /** Updates keep their place; new sessions go to the front of the list. */
  #set(session: Session): void {
    this.#byId.set(session.sessionId, session);
    this.#deleted.delete(session.sessionId);
    this.#list = null;
  }

  #takeFailure(id: string): Session['lastRunFailure'] {
    const failure = this.#pendingFailures.get(id) ?? null;
    this.#pendingFailures.delete(id);
    return failure;
  }
}
