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
    // The session list needs the stream even while no element watches a session.
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

/** The current time, refreshed every `intervalMs`, so relative times age. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
