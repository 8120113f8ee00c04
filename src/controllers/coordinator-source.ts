/**
 * Where an element's data comes from, as one Lit reactive controller: a `client` the host gives,
 * else a shared client for `src` + credentials (one stream per coordinator on the page), else a
 * `LocalSession` the host fills (`events`). It watches the element's session, follows the
 * connection state, and tells the element through three callbacks, whichever the source:
 * `onChange` (the session changed: read `snapshot`), `onEvents` (events arrived) and `onConnection`.
 *
 * The element calls `sync()` from `willUpdate` (cheap when nothing changed); connecting and
 * disconnecting the element acquires and releases everything.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { acquireClient, type ClientLease } from '../client/shared.js';
import type { LocalSession } from '../client/local-session.js';
import type { CoordinatorClientApi, SessionSnapshot, SessionWatch, TokenProvider } from '../client/types.js';
import type { ConnectionState, CoordinatorEvent } from '../types/model.js';

export interface SourceOptions {
  /** A client shared with other elements; takes precedence over `src`. */
  client?: CoordinatorClientApi | null;
  /** The coordinator's SSE URL. */
  src?: string | null;
  apiBase?: string | null;
  token?: string | null;
  tokenProvider?: TokenProvider;
  /** The session to watch; null: none (a client's connection is still followed). */
  sessionId?: string | null;
  /** Keep the stream open while connected even without a watched session. */
  retain?: boolean;
  /** Without a client: the host's own session. */
  local?: LocalSession | null;
}

/** The connection properties every coordinator element has (`src`, `token`, …). */
export type ConnectionProperties = Pick<SourceOptions, 'client' | 'src' | 'apiBase' | 'token' | 'tokenProvider'>;

/** An element's connection properties as source options (empty strings count as absent). */
export function connectionOf(host: ConnectionProperties): ConnectionProperties {
  return {
    client: host.client,
    src: host.src,
    apiBase: host.apiBase,
    token: host.token,
    tokenProvider: host.tokenProvider,
  };
}

export interface SourceCallbacks {
  /** The watched session changed, or another one (or none) is watched now: read `snapshot`. */
  onChange?(): void;
  onEvents?(events: readonly CoordinatorEvent[]): void;
  onConnection?(state: ConnectionState, previous: ConnectionState): void;
  /** The client changed (null: none), e.g. to reload what depends on it. */
  onClient?(client: CoordinatorClientApi | null): void;
}

const IDLE: ConnectionState = { status: 'idle' };

/**
 * What is known of the watched session: `none` (no session watched), `loading` (not known yet),
 * `found` (the coordinator has it, or the host gave events), `missing` (the coordinator does not
 * know it).
 */
export type SessionPresence = 'none' | 'loading' | 'found' | 'missing';

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  return (
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.message === b.message &&
    a.httpStatus === b.httpStatus &&
    a.nextAttemptAt === b.nextAttemptAt
  );
}

export class CoordinatorSourceController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: () => SourceOptions;
  readonly #callbacks: SourceCallbacks;
  #lease: ClientLease | null = null;
  #leaseKey = '';
  #leaseProvider: TokenProvider | undefined;
  #client: CoordinatorClientApi | null = null;
  #offConnection: (() => void) | null = null;
  #unretain: (() => void) | null = null;
  #watch: SessionWatch | null = null;
  /** Identifies the current watch: callbacks of an earlier one are dropped. */
  #token: object | null = null;
  /** What the watch was made for: a change of any of them makes a new one. */
  #watchOf: { source: object | null; sessionId: string | null } = { source: null, sessionId: null };
  #connection: ConnectionState = IDLE;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: () => SourceOptions, callbacks: SourceCallbacks = {}) {
    this.#host = host;
    this.#options = options;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** The client in use (the host's or the shared one), or null. */
  get client(): CoordinatorClientApi | null {
    return this.#client;
  }

  /** The connection state: `idle` without a client, `closed` when `src` could not make one. */
  get connection(): ConnectionState {
    return this.#connection;
  }

  /** The watched session as it is now, or null when none is watched. */
  get snapshot(): SessionSnapshot | null {
    return this.#watch?.snapshot ?? null;
  }

  /** What is known of the watched session (see `SessionPresence`). */
  get presence(): SessionPresence {
    const snapshot = this.snapshot;
    if (!this.#client) return snapshot?.events.length ? 'found' : 'none';
    if (!this.#watchOf.sessionId || !snapshot) return this.#watchOf.sessionId ? 'loading' : 'none';
    if (snapshot.session || snapshot.events.length) return 'found';
    return snapshot.missing ? 'missing' : 'loading';
  }

  /** Whether the data comes from a coordinator (else from the host, or nowhere). */
  get mode(): 'client' | 'host' {
    return this.#client ? 'client' : 'host';
  }

  /** Reconnects now instead of waiting for the next attempt (a "Retry now" button). */
  reconnect(): void {
    this.#client?.reconnect?.();
  }

  hostConnected(): void {
    this.#connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#closeWatch();
    this.#bind(null);
    this.#releaseLease();
  }

  /** Applies the current options: acquires or releases the client and (re)watches the session. */
  sync(): void {
    if (!this.#connected) return;
    const options = this.#options();
    let client = options.client ?? null;
    if (client) this.#releaseLease();
    else if (options.src) client = this.#acquire(options);
    else this.#releaseLease();
    if (client !== this.#client) this.#bind(client);
    else if (client && !options.retain && this.#unretain) this.#retain(false);
    else if (client && options.retain && !this.#unretain) this.#retain(true);
    if (!client && !options.src) this.#setConnection(IDLE);

    const source: object | null = client ?? options.local ?? null;
    const sessionId = (client ? options.sessionId : (options.local?.sessionId ?? options.sessionId)) || null;
    if (source !== this.#watchOf.source || sessionId !== this.#watchOf.sessionId) {
      this.#closeWatch();
      this.#watchOf = { source, sessionId };
      const token = {};
      this.#token = token;
      const handlers = {
        onChange: () => {
          if (this.#token === token) this.#callbacks.onChange?.();
        },
        onEvents: (events: readonly CoordinatorEvent[]) => {
          if (this.#token === token) this.#callbacks.onEvents?.(events);
        },
      };
      if (client && sessionId) this.#watch = client.watchSession(sessionId, handlers);
      else if (!client && options.local) {
        const local = options.local;
        const unsubscribe = local.subscribe(handlers);
        this.#watch = {
          get snapshot() {
            return local.snapshot;
          },
          close: unsubscribe,
        };
      }
      this.#callbacks.onChange?.();
    }
  }

  /** The shared client for `src` + credentials; the previous lease goes after the new one is held. */
  #acquire(options: SourceOptions): CoordinatorClientApi | null {
    const key = JSON.stringify([options.src, options.apiBase ?? '', options.token ?? '']);
    if (this.#lease && this.#leaseKey === key && this.#leaseProvider === options.tokenProvider) {
      return this.#lease.client;
    }
    const previous = this.#lease;
    try {
      this.#lease = acquireClient({
        url: options.src!,
        apiBase: options.apiBase || undefined,
        token: options.token || null,
        tokenProvider: options.tokenProvider,
      });
      this.#leaseKey = key;
      this.#leaseProvider = options.tokenProvider;
    } catch (error) {
      this.#lease = null;
      this.#leaseKey = '';
      this.#setConnection({ status: 'closed', message: error instanceof Error ? error.message : String(error) });
    }
    // Released after acquiring, so that an unchanged shared client is not closed and reopened.
    previous?.release();
    return this.#lease?.client ?? null;
  }

  #releaseLease(): void {
    this.#lease?.release();
    this.#lease = null;
    this.#leaseKey = '';
  }

  #bind(client: CoordinatorClientApi | null): void {
    this.#offConnection?.();
    this.#offConnection = null;
    this.#retain(false);
    this.#client = client;
    if (client) {
      this.#offConnection = client.on('connection', (state) => this.#setConnection(state));
      if (this.#options().retain) this.#retain(true);
      this.#setConnection(client.connection);
    }
    this.#callbacks.onClient?.(client);
  }

  #retain(on: boolean): void {
    if (on && this.#client && !this.#unretain) this.#unretain = this.#client.retain();
    if (!on) {
      this.#unretain?.();
      this.#unretain = null;
    }
  }

  #closeWatch(): void {
    this.#watch?.close();
    this.#watch = null;
    this.#token = null;
    this.#watchOf = { source: null, sessionId: null };
  }

  #setConnection(state: ConnectionState): void {
    const previous = this.#connection;
    this.#connection = state;
    if (sameState(previous, state)) return;
    this.#callbacks.onConnection?.(state, previous);
    this.#host.requestUpdate();
  }
}
