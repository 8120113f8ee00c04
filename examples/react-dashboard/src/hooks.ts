/**
 * The coordinator client as React state: one shared client per coordinator (the elements get it as
 * their `client` property, so the whole page uses one SSE stream), its session list and its
 * connection state, with live updates.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { acquireClient, type CoordinatorClientApi, type ConnectionState, type Session } from 'coordinator-elements';

export function useCoordinatorClient(src: string): CoordinatorClientApi | null {
  const [client, setClient] = useState<CoordinatorClientApi | null>(null);
  useEffect(() => {
    const lease = acquireClient({ url: src });
    // The page reads the sessions (the detail header) even while no element watches one.
    const unretain = lease.client.retain();
    setClient(lease.client);
    return () => {
      unretain();
      lease.release();
    };
  }, [src]);
  return client;
}

const NO_SESSIONS: readonly Session[] = [];
const IDLE: ConnectionState = { status: 'idle' };
const nothingToUnsubscribe = () => undefined;

/** The live session list (newest first; a new array after each change). */
export function useSessions(client: CoordinatorClientApi | null): readonly Session[] {
  const subscribe = useCallback(
    (onChange: () => void) => (client ? client.on('sessions', onChange) : nothingToUnsubscribe),
    [client],
  );
  return useSyncExternalStore(subscribe, () => client?.sessions ?? NO_SESSIONS);
}

export function useConnection(client: CoordinatorClientApi | null): ConnectionState {
  const subscribe = useCallback(
    (onChange: () => void) => (client ? client.on('connection', onChange) : nothingToUnsubscribe),
    [client],
  );
  return useSyncExternalStore(subscribe, () => client?.connection ?? IDLE);
}

/** A session's title as `<session-list>` shows it (its first prompt, else its agent), kept current. */
export function useTitle(client: CoordinatorClientApi | null, session: Session | null): string {
  const subscribe = useCallback(
    (onChange: () => void) => (client ? client.on('activity', onChange) : nothingToUnsubscribe),
    [client],
  );
  const prompt = useSyncExternalStore(subscribe, () =>
    session ? (client?.activity?.get(session.sessionId)?.title ?? null) : null,
  );
  return prompt ?? session?.agentName ?? 'Default agent';
}
