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
import { CoordinatorError, readErrorDetail } from './errors.js';
import { isWireSessionEvent, normalizeEvent, normalizeSession } from './normalize.js';
import type { TokenProvider } from './types.js';
import { joinUrl, setQueryParam } from './urls.js';
import { resolveToken } from './token.js';

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
  aliases?: Record<string, string> | (() => Record<string, string> | undefined);
  /** Per request; default 30000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A 422 saying `prompt` or `parameters` is missing: the body had the other shape. */
function isShapeError(error: unknown): boolean {
  if (!(error instanceof CoordinatorError) || error.status !== 422 || !Array.isArray(error.detail)) return false;
  return error.detail.some((item: unknown) => {
    if (!isObject(item) || !Array.isArray(item.loc)) return false;
    const field = item.loc[item.loc.length - 1];
    return item.type === 'missing' && (field === 'prompt' || field === 'parameters');
  });
}

export class RestClient {
  readonly apiBase: string;
  #options: RestOptions;

  constructor(options: RestOptions) {
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.#options = options;
  }

  #token(): Promise<string | null> {
    return resolveToken(this.#options);
  }

  /** One JSON request; on 401/403 a token provider that returns a different token gets one retry. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await this.#token();
    try {
      return await this.#send<T>(method, path, body, token);
    } catch (error) {
      if (
        error instanceof CoordinatorError &&
        (error.status === 401 || error.status === 403) &&
        this.#options.tokenProvider
      ) {
        const fresh = await this.#token();
        if (fresh && fresh !== token) return this.#send<T>(method, path, body, fresh);
      }
      throw error;
    }
  }

  async #send<T>(method: string, path: string, body: unknown, token: string | null): Promise<T> {
    const authMode = this.#options.authMode ?? 'header';
    let url = joinUrl(this.apiBase, path);
    if (token && authMode === 'query') url = setQueryParam(url, 'api_key', token);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token && authMode === 'header') headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timeoutMs = this.#options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => controller.abort(new Error(`No answer within ${timeoutMs} ms`)), timeoutMs);
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    try {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
      } catch (error) {
        const reason = controller.signal.aborted ? controller.signal.reason : error;
        throw new CoordinatorError({ status: 0, detail: errorMessage(reason), method, url, cause: error });
      }
      if (!response.ok) {
        throw new CoordinatorError({ status: response.status, detail: await readErrorDetail(response), method, url });
      }
      const text = await response.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new CoordinatorError({
          status: response.status,
          detail: 'Answer is not JSON',
          method,
          url,
          cause: error,
        });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async listSessionsRaw(): Promise<WireSession[]> {
    const body = await this.request<unknown>('GET', '/sessions');
    const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.sessions) ? body.sessions : [];
    return list.filter((s): s is WireSession => isObject(s) && typeof s.session_id === 'string');
  }

  async listSessions(): Promise<Session[]> {
    return (await this.listSessionsRaw()).map((s) => normalizeSession(s));
  }

  async getSession(sessionId: string): Promise<Session> {
    const body = await this.request<unknown>('GET', `/sessions/${encodeURIComponent(sessionId)}`);
    const wire = isObject(body) && isObject(body.session) ? body.session : body;
    if (!isObject(wire) || typeof wire.session_id !== 'string') {
      throw new CoordinatorError({ status: 200, detail: 'Answer has no session', method: 'GET' });
    }
    return normalizeSession(wire as unknown as WireSession);
  }

  async getHistoryRaw(sessionId: string): Promise<WireSessionEvent[]> {
    const body = await this.request<unknown>('GET', `/sessions/${encodeURIComponent(sessionId)}/events`);
    const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.events) ? body.events : [];
    return list.filter(isWireSessionEvent);
  }

  async getHistory(sessionId: string): Promise<CoordinatorEvent[]> {
    const option = this.#options.aliases;
    const aliases = typeof option === 'function' ? option() : option;
    return (await this.getHistoryRaw(sessionId)).map((wire) => normalizeEvent(wire, { aliases }));
  }

  getResult(sessionId: string): Promise<WireSessionResult> {
    return this.request<WireSessionResult>('GET', `/sessions/${encodeURIComponent(sessionId)}/result`);
  }

  startRun(prompt: string, agentName?: string | null): Promise<WireRunCreated> {
    const base: Obj = { type: 'start_session' };
    if (agentName) base.agent_name = agentName;
    return this.#postRun(base, prompt);
  }

  resumeRun(sessionId: string, prompt: string): Promise<WireRunCreated> {
    return this.#postRun({ type: 'resume_session', session_id: sessionId }, prompt);
  }

  async #postRun(base: Obj, prompt: string): Promise<WireRunCreated> {
    const configured = this.#options.runBodyShape ?? 'auto';
    const first: RunBodyShape =
      configured === 'auto' ? (rememberedShapes.get(this.apiBase) ?? 'parameters') : configured;
    const body = (shape: RunBodyShape) =>
      shape === 'parameters' ? { ...base, parameters: { prompt } } : { ...base, prompt };
    try {
      return await this.request<WireRunCreated>('POST', '/runs', body(first));
    } catch (error) {
      if (configured !== 'auto' || !(error instanceof CoordinatorError) || error.status !== 422) throw error;
      const other: RunBodyShape = first === 'parameters' ? 'prompt' : 'parameters';
      let created: WireRunCreated;
      try {
        created = await this.request<WireRunCreated>('POST', '/runs', body(other));
      } catch (second) {
        // Both refused. If only the first was about the shape, the server takes the other shape and
        // the second answer is about the content (e.g. an empty prompt): report that one.
        if (isShapeError(error) && !isShapeError(second)) {
          rememberedShapes.set(this.apiBase, other);
          throw second;
        }
        throw error;
      }
      rememberedShapes.set(this.apiBase, other);
      return created;
    }
  }

  stopSession(sessionId: string): Promise<WireStopResponse> {
    return this.request<WireStopResponse>('POST', `/sessions/${encodeURIComponent(sessionId)}/stop`);
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.request<unknown>('DELETE', `/sessions/${encodeURIComponent(sessionId)}`);
  }

  async listAgents(): Promise<WireAgent[]> {
    const body = await this.request<unknown>('GET', '/agents');
    const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.agents) ? body.agents : [];
    return list.filter((a): a is WireAgent => isObject(a) && typeof a.name === 'string');
  }
}
