/**
 * Test-only helpers for the client tests (not part of the library build): `fetch`es that stream given
 * bytes (replayed captures, hand-written frames), a condition waiter and a frame waiter. Fixtures:
 * fixtures.ts; the coordinator itself: sim.ts.
 */
import type { CoordinatorClientApi } from '../../src/client/types.js';

export interface ByteSourceRequest {
  url: string;
  headers: Record<string, string>;
}

/**
 * A `fetch` for the client whose SSE answer is the given chunks, one per read; `delivered` resolves
 * a task after the reader asked for more after the last one (all were consumed and handled). The
 * stream then stays open (like a quiet server) until aborted. Other URLs answer `rest(url)`.
 * This is a byte source for replaying captures, not a coordinator: REST tests use the simulator.
 */
export function replayFetch(
  chunks: readonly Uint8Array[],
  rest: (url: string) => unknown = (url) => (url.includes('/events') ? { events: [] } : { sessions: [] }),
): { fetch: typeof fetch; requests: ByteSourceRequest[]; delivered: Promise<void> } {
  const requests: ByteSourceRequest[] = [];
  let markDelivered: () => void = () => undefined;
  const delivered = new Promise<void>((resolve) => (markDelivered = resolve));
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push({ url, headers: { ...((init?.headers as Record<string, string>) ?? {}) } });
    if (!url.includes('/sse/sessions')) {
      return new Response(JSON.stringify(rest(url)), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener('abort', () => {
          try {
            controller.error(new DOMException('aborted', 'AbortError'));
          } catch {
            // already closed
          }
        });
      },
      async pull(controller) {
        if (i < chunks.length) {
          // One chunk per read, so the reader sees every cut.
          controller.enqueue(chunks[i++]);
          return;
        }
        // The stream asks for the next chunk as soon as the last one is taken: give the reader a
        // task to handle it before saying all was delivered.
        setTimeout(markDelivered);
        // Quiet but open: resolve only when aborted.
        await new Promise<void>((resolve) => init?.signal?.addEventListener('abort', () => resolve()));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch: impl as typeof fetch, requests, delivered };
}

/** Resolves when `condition()` is truthy (checked every 10 ms), rejects after `timeoutMs`. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  message = 'condition',
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A heartbeat, the server's next write: completes a capture that ends mid-frame. */
export const HEARTBEAT = new TextEncoder().encode(': heartbeat\n\n');

/**
 * A `fetch` whose SSE answer the test writes into by hand (`push`), for checking what the client does
 * with exact byte sequences at exact moments. REST URLs answer `rest(url)`.
 */
export function pushFetch(
  rest: (url: string) => unknown = (url) => (url.includes('/events') ? { events: [] } : { sessions: [] }),
): {
  fetch: typeof fetch;
  push(bytes: Uint8Array | string): void;
  opened: Promise<void>;
} {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let markOpened: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (markOpened = resolve));
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('/sse/sessions')) {
      return new Response(JSON.stringify(rest(url)), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        init?.signal?.addEventListener('abort', () => {
          try {
            c.error(new DOMException('aborted', 'AbortError'));
          } catch {
            // already closed
          }
        });
        markOpened();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return {
    fetch: impl as typeof fetch,
    push(bytes) {
      if (!controller) throw new Error('stream not open yet');
      controller.enqueue(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
    },
    opened,
  };
}

/** Resolves once batched notifications have run (watchers hear at most once per frame). */
export const tick = () =>
  new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));

/** A host-provided client delegating to a real one (the `client` property takes any implementation). */
export function delegate(
  real: CoordinatorClientApi,
  overrides: Partial<CoordinatorClientApi> = {},
): CoordinatorClientApi {
  return {
    get connection() {
      return real.connection;
    },
    get sessions() {
      return real.sessions;
    },
    on: (type, listener) => real.on(type, listener),
    watchSession: (id, handlers) => real.watchSession(id, handlers),
    retain: () => real.retain(),
    listSessions: () => real.listSessions(),
    getSession: (id) => real.getSession(id),
    getHistory: (id) => real.getHistory(id),
    getResult: (id) => real.getResult(id),
    startRun: (o) => real.startRun(o),
    resumeRun: (id, p, o) => real.resumeRun(id, p, o),
    stopSession: (id) => real.stopSession(id),
    deleteSession: (id) => real.deleteSession(id),
    listAgents: () => real.listAgents(),
    close: () => real.close(),
    ...overrides,
  };
}
