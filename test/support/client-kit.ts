/**
 * Test-only helpers for the client tests (not part of the library build): fixture bytes from the test server, a fetch that streams bytes in chunks of
 * odd sizes, a condition waiter.
 */
import type { WireSessionEvent } from '../../src/types/wire.js';
import { SseConnection } from '../../src/client/sse-connection.js';
import { parseStreamMessage, type StreamMessage } from '../../src/model/stream-messages.js';

export const FIXTURES = ['current-two-runs.sse', 'edge-cases.sse', 'pre-rename-run.sse'] as const;

/** The fixture's exact bytes, as served from test/fixtures by the test server. */
export async function fixtureBytes(name: string): Promise<Uint8Array> {
  const response = await fetch(`/test/fixtures/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function fixtureText(name: string): Promise<string> {
  return new TextDecoder().decode(await fixtureBytes(name));
}

/** Splits bytes into chunks cycling through `sizes` (odd sizes cut lines and UTF-8 sequences). */
export function chunk(bytes: Uint8Array, sizes: readonly number[] = [1, 3, 7, 13, 31, 97, 5, 211]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    out.push(bytes.slice(at, at + size));
    at += size;
  }
  return out;
}

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
 * The stream messages of a fixture, replayed byte-for-byte in odd chunks through the client's own
 * transport (`SseConnection`) and message parser, followed by a heartbeat.
 */
export async function fixtureMessages(name: string, sizes?: number[]): Promise<StreamMessage[]> {
  const messages: StreamMessage[] = [];
  const source = replayFetch([...chunk(await fixtureBytes(name), sizes), HEARTBEAT]);
  const connection = new SseConnection(
    { url: 'http://coordinator.test/sse/sessions', fetch: source.fetch },
    {
      onFrame: (frame) => {
        const { message, malformed } = parseStreamMessage(frame.kind, frame.data);
        if (malformed.length) throw new Error(`malformed fixture frame: ${malformed[0].reason}`);
        if (message) messages.push(message);
      },
    },
  );
  connection.start();
  await source.delivered;
  connection.stop();
  return messages;
}

/** The wire session events of a fixture, in stream order. */
export async function fixtureEvents(name: string, sessionId?: string): Promise<WireSessionEvent[]> {
  return (await fixtureMessages(name)).flatMap((m) =>
    m.kind === 'event' && (!sessionId || m.event.session_id === sessionId) ? [m.event] : [],
  );
}

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
