/**
 * A page's own sessions, for a view of many sessions that is not connected to a coordinator (a
 * list's `sessions` property): the same session store and activity tracker a client keeps, fed by
 * the page instead of a stream. Events the page adds are counted (titles, runs, errors, events per
 * minute by their own time) and not kept. Listeners hear of changes synchronously; the element
 * batches.
 */
import type { CoordinatorEvent, Session } from '../types/model.js';
import type { WireSession } from '../types/wire.js';
import { isObject, nullableString, toCoordinatorEvents } from '../model/normalize.js';
import { SessionActivityTracker } from '../model/session-activity.js';
import { SessionStore } from '../model/session-store.js';
import { callSafely } from './notify.js';

export interface LocalSessionsEventMap {
  sessions: readonly Session[];
  activity: ReadonlySet<string>;
}

/** A wire session, or a normalized one turned back into its wire form; null for anything else. */
export function toWireSession(value: unknown): WireSession | null {
  if (!isObject(value)) return null;
  if (typeof value.session_id === 'string' && value.session_id) return value as unknown as WireSession;
  if (typeof value.sessionId !== 'string' || !value.sessionId) return null;
  const s = value as Partial<Session>;
  return {
    session_id: value.sessionId,
    status: nullableString(s.status) ?? 'unknown',
    created_at: s.createdAt ?? '',
    project_dir: s.projectDir ?? null,
    agent_name: s.agentName ?? null,
    last_resumed_at: s.lastResumedAt ?? null,
    parent_session_id: s.parentSessionId ?? null,
    executor_session_id: s.executorSessionId ?? null,
    executor_profile: s.executorProfile ?? null,
    hostname: s.hostname ?? null,
  };
}

export class LocalSessions {
  readonly activity = new SessionActivityTracker();
  #store = new SessionStore();
  #known = new Set<string>();
  #listeners: { [K in keyof LocalSessionsEventMap]: Set<(detail: LocalSessionsEventMap[K]) => void> } = {
    sessions: new Set(),
    activity: new Set(),
  };

  get sessions(): readonly Session[] {
    return this.#store.sessions;
  }

  on<K extends keyof LocalSessionsEventMap>(type: K, listener: (detail: LocalSessionsEventMap[K]) => void): () => void {
    const set = this.#listeners[type] as Set<typeof listener>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Replaces the sessions (wire or normalized, newest first as a coordinator lists them). */
  setSessions(list: readonly unknown[]): void {
    const wire = list.map(toWireSession).filter((s): s is WireSession => s !== null);
    this.#store.apply({ kind: 'init', sessions: wire });
    // What the page gives is all there is: its sessions are followed from their start.
    for (const s of wire) if (!this.#known.has(s.session_id)) this.activity.created(s.session_id);
    this.#known = new Set(wire.map((s) => s.session_id));
    this.#emit('sessions', this.sessions);
    this.#emit('activity', new Set(['*']));
  }

  /** Counts events (wire or normalized) of the sessions, by their own time; they are not kept. */
  appendEvents(events: readonly unknown[]): void {
    const now = Date.now();
    const changed = new Set<string>();
    for (const event of toCoordinatorEvents(events) as CoordinatorEvent[]) {
      this.activity.event(event, Number.isFinite(event.time) ? Math.min(event.time, now) : now);
      changed.add(event.sessionId);
    }
    if (changed.size) this.#emit('activity', changed);
  }

  #emit<K extends keyof LocalSessionsEventMap>(type: K, detail: LocalSessionsEventMap[K]): void {
    for (const listener of [...this.#listeners[type]] as ((d: LocalSessionsEventMap[K]) => void)[]) {
      callSafely(() => listener(detail));
    }
  }
}
