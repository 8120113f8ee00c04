/**
 * One fetch-based SSE connection with reconnects. fetch rather than `EventSource` so the token can go
 * in a header and a 401/403 can be told apart from a network error. Frames are parsed by
 * `eventsource-parser`; what they mean is not this module's business (`onFrame` gets kind + text).
 *
 * - Reconnects after any failure with exponential backoff and jitter (`reconnect` options). The
 *   backoff starts over only after a stream stayed healthy (`healthyAfterMs`), so a server that
 *   accepts and closes gets ever longer waits; a 429/503's `Retry-After` is honoured when longer.
 * - A 200 that is not `text/event-stream` (a login page, a proxy's error page) is a failure.
 * - Sends `Last-Event-ID` (the real coordinator does not replay; the client resyncs on `onOpen`).
 * - Watchdog: no bytes (heartbeats included) for `watchdogMs` → drop and reconnect.
 * - 401/403 → `auth-error` with the server's `detail`, no more retries; unless `tokenProvider`
 *   then returns a different token, which gets one retry. The provider is asked before every attempt.
 * - Pauses while the browser reports offline and resumes on `online` (no-op outside browsers).
 */
import { createParser } from 'eventsource-parser';
import type { ConnectionState } from '../types/model.js';
import {
  RETRY_AFTER_STATUSES,
  delayWithRetryAfter,
  parseRetryAfter,
  reconnectDelay,
  resolveReconnectOptions,
  type ResolvedReconnectOptions,
} from './backoff.js';
import { describeDetail, errorMessage, readErrorDetail } from './errors.js';
import { callSafely } from './notify.js';
import type { ReconnectOptions, TokenProvider } from './types.js';
import { fetchWithToken } from './token.js';
import { JSON_AT_ONCE, isHidden, parseJsonYielding, yieldToPage, type ParsedJson } from './yield.js';

export interface SseFrame {
  /** The `event:` line (`undefined` when absent). */
  kind: string | undefined;
  data: string;
  id: string | undefined;
  /** A big frame's `data`, parsed already (in steps, between which the page could paint). */
  parsed?: ParsedJson;
}

export interface SseConnectionOptions {
  url: string;
  token?: string | null;
  tokenProvider?: TokenProvider;
  authMode?: 'header' | 'query';
  reconnect?: ReconnectOptions;
  watchdogMs?: number;
  fetch?: typeof fetch;
  /** For tests: the jitter's random source. */
  random?: () => number;
}

export interface SseConnectionHandlers {
  onFrame(frame: SseFrame): void;
  /** The server accepted the stream (HTTP 200). `reconnect` is false only for the very first open. */
  onOpen?(info: { reconnect: boolean }): void;
  onState?(state: ConnectionState): void;
}

/** Text of one network chunk fed to the parser at a time; the reader yields between slices. */
const SLICE = 32_768;

function isOffline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine === false;
}

export class SseConnection {
  readonly url: string;
  #options: SseConnectionOptions;
  #handlers: SseConnectionHandlers;
  #reconnect: ResolvedReconnectOptions;
  #watchdogMs: number;
  #state: ConnectionState = { status: 'idle' };
  /**
   * The current attempt's. Abandoning an attempt aborts it: late callbacks of older attempts find
   * their signal aborted and bail.
   */
  #abort: AbortController | null = null;
  /** The watchdog while an attempt runs, the backoff wait between attempts: never both at once. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When bytes last arrived (or the attempt began): the watchdog compares, so chunks set no timers. */
  #lastData = 0;
  /** When the current stream was accepted (0: none is open). */
  #openedAt = 0;
  /** Bytes came on the current stream. */
  #gotData = false;
  #attempt = 0;
  #everOpened = false;
  #running = false;
  /** Stopped by an auth error or exhausted attempts until `restart()`. */
  #halted = false;
  #lastEventId: string | null = null;

  constructor(options: SseConnectionOptions, handlers: SseConnectionHandlers) {
    this.url = options.url;
    this.#options = options;
    this.#handlers = handlers;
    this.#reconnect = resolveReconnectOptions(options.reconnect);
    this.#watchdogMs = options.watchdogMs ?? 45_000;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Opens the stream (no-op when already running). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#listen('addEventListener');
    this.#begin();
  }

  /** Closes the stream for good (until `start()`). */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#abandon();
    this.#listen('removeEventListener');
    this.#setState({ status: 'closed' });
  }

  /** Reconnects now: after an auth error (new credentials), or to skip a backoff wait. */
  restart(): void {
    if (!this.#running) return this.start();
    this.#begin();
  }

  /** A fresh series of attempts (`#connect` drops whatever is in progress). */
  #begin(): void {
    this.#halted = false;
    this.#attempt = 0;
    this.#setState({ status: 'connecting' });
    void this.#connect();
  }

  /** Browser-only online/offline signals; absent in Node. */
  #listen(method: 'addEventListener' | 'removeEventListener'): void {
    const win = globalThis as Partial<Pick<Window, typeof method>>;
    win[method]?.('online', this.#onOnline);
    win[method]?.('offline', this.#onOffline);
  }

  #onOnline = (): void => {
    if (this.#running && !this.#halted && this.#state.status === 'offline') this.#begin();
  };

  #onOffline = (): void => {
    if (!this.#running || this.#halted) return;
    this.#abandon();
    this.#setState({ status: 'offline' });
  };

  #setState(state: ConnectionState): void {
    this.#state = state;
    callSafely(() => this.#handlers.onState?.(state));
  }

  /** Drops the current attempt (request, reader, timers) without scheduling anything. */
  #abandon(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = null;
    this.#openedAt = 0;
  }

  /** One timer per attempt: when it fires early (data came meanwhile) it waits for the rest. */
  #armWatchdog(signal: AbortSignal): void {
    const ms = this.#watchdogMs;
    this.#lastData = Date.now();
    if (!(ms > 0 && ms < Infinity)) return;
    const check = () => {
      if (signal.aborted) return;
      const idle = Date.now() - this.#lastData;
      if (idle >= ms) this.#fail(`No data for ${ms} ms`);
      else this.#timer = setTimeout(check, ms - idle);
    };
    this.#timer = setTimeout(check, ms);
  }

  async #connect(): Promise<void> {
    this.#abandon();
    if (isOffline()) {
      this.#setState({ status: 'offline' });
      return;
    }
    const controller = new AbortController();
    this.#abort = controller;
    const { signal } = controller;
    // Also covers a server that accepts the connection and never answers.
    this.#armWatchdog(signal);

    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (this.#lastEventId) headers['Last-Event-ID'] = this.#lastEventId;
    try {
      const response = await fetchWithToken(this.#options, this.url, {
        headers,
        signal,
        cache: 'no-store',
      });
      if (signal.aborted) {
        void response.body?.cancel().catch(() => undefined);
        return;
      }
      if (!response.ok || !response.body) {
        const { status } = response;
        const message = describeDetail(status, response.ok ? 'Response has no body' : await readErrorDetail(response));
        if (signal.aborted) return;
        if (status !== 401 && status !== 403) {
          const retryAfter = RETRY_AFTER_STATUSES.has(status)
            ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
            : null;
          return this.#fail(message, status, retryAfter);
        }
        this.#abandon();
        this.#halted = true;
        this.#setState({ status: 'auth-error', httpStatus: status, message });
        return;
      }
      const type = response.headers.get('content-type');
      if (!isEventStream(type)) {
        void response.body.cancel().catch(() => undefined);
        return this.#fail(
          `Not an event stream: the server answered HTTP ${response.status} with ${type ? `"${type.slice(0, 80)}"` : 'no content type'}`,
          response.status,
        );
      }

      const reconnect = this.#everOpened;
      this.#everOpened = true;
      this.#lastData = Date.now();
      this.#openedAt = this.#lastData;
      this.#gotData = false;
      this.#setState({ status: 'open' });
      callSafely(() => this.#handlers.onOpen?.({ reconnect }));
      await this.#read(response.body, signal);
    } catch (error) {
      if (!signal.aborted) this.#fail(errorMessage(error));
    }
  }

  /**
   * Reads the stream until it ends or fails (then retries) or the attempt is dropped. Frames are
   * handed on in order; a big one's JSON is parsed in steps first, the next frames waiting for it.
   */
  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const frames: SseFrame[] = [];
    const parser = createParser({
      onEvent: (message) => frames.push({ kind: message.event, data: message.data, id: message.id }),
    });
    const deliver = async (): Promise<boolean> => {
      while (frames.length) {
        const frame = frames.shift()!;
        if (frame.data.length > JSON_AT_ONCE) {
          const parsed = await parseJsonYielding(frame.data, signal);
          if (!parsed) return false;
          frame.parsed = parsed;
        }
        if (signal.aborted) return false;
        // An empty `id:` resets the last id (SSE rules).
        if (frame.id !== undefined) this.#lastEventId = frame.id || null;
        callSafely(() => this.#handlers.onFrame(frame));
      }
      return !signal.aborted;
    };
    const lines = new LineEnds();
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) break;
        this.#lastData = Date.now();
        this.#gotData = true;
        const text = lines.normalize(decoder.decode(value, { stream: true }));
        // A big chunk (a burst after a stall) in slices with a task break between them, so the page
        // can paint; `onFrame` handlers coalesce their own work. A hidden page paints nothing and
        // its timers are throttled: no breaks there.
        for (let at = 0; at < text.length; at += SLICE) {
          if (at && !isHidden()) {
            await yieldToPage();
            if (signal.aborted) return;
          }
          parser.feed(text.slice(at, at + SLICE));
          if (!(await deliver())) return;
        }
      }
      parser.feed(lines.normalize(decoder.decode()));
      if (!(await deliver())) return;
      if (!signal.aborted) this.#fail('Stream ended');
    } catch (error) {
      if (!signal.aborted) this.#fail(errorMessage(error));
    } finally {
      if (signal.aborted) void reader.cancel().catch(() => undefined);
    }
  }

  /**
   * The attempt failed: wait (backoff, or the server's `Retry-After` when longer) and try again, or
   * give up after `maxAttempts` failures in a row. A stream that stayed healthy for
   * `healthyAfterMs` ends the row.
   */
  #fail(message: string, httpStatus?: number, retryAfterMs: number | null = null): void {
    const healthy =
      this.#openedAt > 0 && this.#gotData && Date.now() - this.#openedAt >= this.#reconnect.healthyAfterMs;
    this.#abandon();
    if (!this.#running || this.#halted) return;
    if (healthy) this.#attempt = 0;
    if (isOffline()) {
      this.#setState({ status: 'offline', httpStatus, message });
      return;
    }
    if (++this.#attempt > this.#reconnect.maxAttempts) {
      this.#halted = true;
      this.#setState({
        status: 'closed',
        httpStatus,
        message: `Gave up after ${this.#attempt - 1} attempts: ${message}`,
      });
      return;
    }
    const backoff = reconnectDelay(this.#attempt, this.#reconnect, this.#options.random);
    const delay = delayWithRetryAfter(backoff, retryAfterMs, this.#reconnect);
    // `#abandon` (which drops an attempt) clears this timer.
    this.#timer = setTimeout(() => void this.#connect(), delay);
    this.#setState({
      status: 'reconnecting',
      attempt: this.#attempt,
      nextDelayMs: delay,
      nextAttemptAt: Date.now() + delay,
      httpStatus,
      message,
      ...(retryAfterMs !== null ? { retryAfterMs } : {}),
    });
  }
}

/** `text/event-stream`, with or without parameters (`; charset=utf-8`). */
function isEventStream(contentType: string | null): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'text/event-stream';
}

/**
 * Line ends as LF only. A CR alone ends a line too (SSE rules), but the parser holds a CR that ends
 * a chunk until it sees whether an LF follows, and with CR-only line ends that would hold every
 * frame until the next bytes came (a heartbeat, 30 s later).
 */
class LineEnds {
  #afterCR = false;

  normalize(text: string): string {
    if (this.#afterCR && text.charCodeAt(0) === 10) text = text.slice(1);
    if (text === '') return text;
    this.#afterCR = text.charCodeAt(text.length - 1) === 13;
    return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
  }
}
