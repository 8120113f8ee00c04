/**
 * The coordinator's REST calls a UI needs. Errors are `CoordinatorError`s. `POST /runs` body shape:
 * the later release wants `parameters.prompt`, the rename-era server a top-level `prompt` and answers
 * the other shape with 422; in `auto` mode a 422 is retried once with the other shape and the shape
 * that worked is remembered per REST base.
 */
import type { CoordinatorEvent, Session } from '../types/model.js';
import type {
  WireAgent,
  WireRunCreated,
  WireSession,
  WireSessionEvent,
  WireSessionResult,
  WireStopResponse,
} from '../types/wire.js';
import { CoordinatorError, errorMessage, readErrorDetail } from './errors.js';
import { RETRY_AFTER_STATUSES, parseRetryAfter } from './backoff.js';
import {
  aliasTable,
  isObject,
  isWireSessionEvent,
  listOf,
  normalizeEvent,
  normalizeSession,
  type AliasOption,
} from '../model/normalize.js';
import type { StartRunOptions, TokenProvider } from './types.js';
import { fetchWithToken } from './token.js';
import { parseJsonYielding } from './yield.js';

export type RunBodyShape = 'parameters' | 'prompt';

/** Shape that worked, per REST base (shared by every client on the page). */
const rememberedShapes = new Map<string, RunBodyShape>();

/** The `POST /runs` body shape detected for a REST base, if any. */
export function rememberedRunBodyShape(apiBase: string): RunBodyShape | null {
  return rememberedShapes.get(apiBase) ?? null;
}

export interface RestOptions {
  apiBase: string;
  token?: string | null;
  tokenProvider?: TokenProvider;
  authMode?: 'header' | 'query';
  runBodyShape?: 'auto' | RunBodyShape;
  aliases?: AliasOption;
  /** Per request; default 30000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Obj = Record<string, unknown>;

const sessionPath = (sessionId: string, rest = '') => `/sessions/${encodeURIComponent(sessionId)}${rest}`;

const is422 = (error: unknown): error is CoordinatorError => error instanceof CoordinatorError && error.status === 422;

/** A 422 saying `prompt` or `parameters` is missing: the body had the other shape. */
function isShapeError(error: unknown): boolean {
  return (
    is422(error) &&
    Array.isArray(error.detail) &&
    error.detail.some(
      (item: unknown) =>
        isObject(item) &&
        item.type === 'missing' &&
        Array.isArray(item.loc) &&
        ['prompt', 'parameters'].includes(item.loc.at(-1)),
    )
  );
}

export class RestClient {
  readonly apiBase: string;
  #options: RestOptions;

  constructor(options: RestOptions) {
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.#options = options;
  }

  /** One JSON request; on 401/403 a token provider that returns a different token gets one retry. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.apiBase + path;
    const fail = (status: number, detail: unknown, cause?: unknown, retryAfterMs?: number | null) =>
      new CoordinatorError({ status, detail, method, url, cause, retryAfterMs });
    const controller = new AbortController();
    const timeoutMs = this.#options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => controller.abort(new Error(`No answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      let response: Response;
      try {
        const headers: Record<string, string> = { Accept: 'application/json' };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        response = await fetchWithToken(this.#options, url, {
          method,
          headers,
          // undefined for no body, as JSON.stringify(undefined) is.
          body: JSON.stringify(body),
          signal: controller.signal,
        });
      } catch (error) {
        // A refused redirect (authMode 'query') is an answer, not a lost connection.
        if (error instanceof CoordinatorError) throw error;
        throw fail(0, errorMessage(controller.signal.aborted ? controller.signal.reason : error), error);
      }
      if (!response.ok) {
        const retryAfter = RETRY_AFTER_STATUSES.has(response.status)
          ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
          : null;
        throw fail(response.status, await readErrorDetail(response), undefined, retryAfter);
      }
      const text = await response.text();
      if (!text) return undefined as T;
      // A big answer (a history with huge outputs) is parsed in steps: no long task.
      const parsed = (await parseJsonYielding(text))!;
      if ('value' in parsed) return parsed.value as T;
      const html = /^\s*</.test(text);
      throw fail(response.status, html ? 'Answer is an HTML page, not JSON' : 'Answer is not JSON', parsed.error);
    } finally {
      clearTimeout(timer);
    }
  }

  async listSessionsRaw(): Promise<WireSession[]> {
    return listOf(await this.request('GET', '/sessions'), 'sessions').filter(
      (s): s is WireSession => isObject(s) && typeof s.session_id === 'string',
    );
  }

  async listSessions(): Promise<Session[]> {
    return (await this.listSessionsRaw()).map((s) => normalizeSession(s));
  }

  async getSession(sessionId: string): Promise<Session> {
    const body = await this.request('GET', sessionPath(sessionId));
    const wire = isObject(body) && isObject(body.session) ? body.session : body;
    if (!isObject(wire) || typeof wire.session_id !== 'string') {
      throw new CoordinatorError({ status: 200, detail: 'Answer has no session', method: 'GET' });
    }
    return normalizeSession(wire as unknown as WireSession);
  }

  /** The session's history; an answer without a list of events is an error, not an empty history. */
  async getHistoryRaw(sessionId: string): Promise<WireSessionEvent[]> {
    const body = await this.request('GET', sessionPath(sessionId, '/events'));
    if (!Array.isArray(body) && !(isObject(body) && Array.isArray(body.events))) {
      throw new CoordinatorError({
        status: 200,
        detail: 'Answer has no list of events',
        method: 'GET',
        url: this.apiBase + sessionPath(sessionId, '/events'),
      });
    }
    return listOf(body, 'events').filter(isWireSessionEvent);
  }

  async getHistory(sessionId: string): Promise<CoordinatorEvent[]> {
    const aliases = aliasTable(this.#options.aliases);
    const events = await this.getHistoryRaw(sessionId);
    const arrival = Date.now();
    return events.map((wire) => normalizeEvent(wire, { aliases, arrival }));
  }

  getResult(sessionId: string): Promise<WireSessionResult> {
    return this.request('GET', sessionPath(sessionId, '/result'));
  }

  /** Starts a session: `startRun({ prompt, agentName })`, or `startRun(prompt, agentName)`. */
  startRun(prompt: string | StartRunOptions, agentName?: string | null): Promise<WireRunCreated> {
    let bodyShape: StartRunOptions['bodyShape'];
    if (typeof prompt !== 'string') ({ prompt, agentName, bodyShape } = prompt);
    const base: Obj = { type: 'start_session' };
    if (agentName) base.agent_name = agentName;
    return this.#postRun(base, prompt, bodyShape);
  }

  resumeRun(
    sessionId: string,
    prompt: string,
    options: Pick<StartRunOptions, 'bodyShape'> = {},
  ): Promise<WireRunCreated> {
    return this.#postRun({ type: 'resume_session', session_id: sessionId }, prompt, options.bodyShape);
  }

  async #postRun(base: Obj, prompt: string, bodyShape?: StartRunOptions['bodyShape']): Promise<WireRunCreated> {
    const configured = bodyShape ?? this.#options.runBodyShape ?? 'auto';
    let shape = configured === 'auto' ? (rememberedShapes.get(this.apiBase) ?? 'parameters') : configured;
    const post = () =>
      this.request<WireRunCreated>(
        'POST',
        '/runs',
        shape === 'parameters' ? { ...base, parameters: { prompt } } : { ...base, prompt },
      );
    try {
      return await post();
    } catch (error) {
      if (configured !== 'auto' || !is422(error)) throw error;
      shape = shape === 'parameters' ? 'prompt' : 'parameters';
      try {
        const created = await post();
        rememberedShapes.set(this.apiBase, shape);
        return created;
      } catch (second) {
        // Both refused. If only the first was about the shape, the server takes the other shape and
        // the second answer is about the content (e.g. an empty prompt): report that one.
        if (!isShapeError(error) || isShapeError(second)) throw error;
        rememberedShapes.set(this.apiBase, shape);
        throw second;
      }
    }
  }

  stopSession(sessionId: string): Promise<WireStopResponse> {
    return this.request('POST', sessionPath(sessionId, '/stop'));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.request('DELETE', sessionPath(sessionId));
  }

  async listAgents(): Promise<WireAgent[]> {
    return listOf(await this.request('GET', '/agents'), 'agents').filter(
      (a): a is WireAgent => isObject(a) && typeof a.name === 'string',
    );
  }
}
