/**
 * An in-browser Agent Coordinator for stories only: a `fetch`-compatible function that answers the
 * protocol's SSE stream and REST calls from memory, so the chat and timeline stories run without a
 * server. It follows the wire contract (test/fixtures, coordinator-protocol.md): the same frame
 * format, message kinds, status sequence, history form and error bodies as a real coordinator.
 *
 * Hand `coordinator.fetch` to the client through `ClientOptions.fetch` and `coordinator.url` as the
 * SSE URL.
 */
import type {
  WireAgent,
  WireContentBlock,
  WireSession,
  WireSessionEvent,
  WireStreamKind,
} from '../../src/types/wire.js';
import { historyForm, liveFormEvent } from '../../test/support/wire-events.mjs';

/** A tool call the scripted agent makes during a run. */
export interface ScriptedTool {
  tool_name: string;
  tool_input: Record<string, unknown>;
  tool_output?: unknown;
  error?: string | null;
  exit_code?: number | null;
}

/** What the scripted agent does with one prompt. */
export interface ScriptedTurn {
  tools?: ScriptedTool[];
  /** Assistant reply (markdown); omitted: no assistant message. */
  reply?: string;
  result_text?: string | null;
  result_data?: unknown;
  /**
   * `completed` (default): idle + run_completed. `failed`: run_failed + status failed, no
   * run_completed. `hang`: stays running after the tools (the agent is still "typing").
   */
  outcome?: 'completed' | 'failed' | 'hang';
  /** Error text of a failed run (`run_failed.error`). */
  failure?: string | null;
}

export interface FakeSessionSeed {
  session: Partial<WireSession> & { session_id: string };
  /** Events in live form; history answers them in the history form. */
  events?: WireSessionEvent[];
}

export interface FakeCoordinatorOptions {
  /** Where the stream lives; the REST base is the same minus `/sse/sessions`. */
  baseUrl?: string;
  sessions?: FakeSessionSeed[];
  agents?: WireAgent[];
  /** The agent's behaviour per prompt. Default: one `Read` tool and a short markdown reply. */
  respond?: (prompt: string, turn: number) => ScriptedTurn;
  /** Delay between the scripted steps of a run (ms). */
  stepDelayMs?: number;
  /** When set, requests must carry this token (header or `api_key`): none → 401, wrong → 403. */
  token?: string;
  /** The next N `POST /runs` answer 503 with a `detail` (a transient failure a user can retry). */
  failRunRequests?: number;
  /** The stream answers 503 every time (the client keeps reconnecting). */
  streamUnavailable?: boolean;
  /** Rename-era server: old event names, `finished` for resumable, top-level `prompt` in POST /runs. */
  renameEra?: boolean;
}

interface Subscriber {
  sessionId: string | null;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

interface StoredSession {
  session: WireSession;
  events: WireSessionEvent[];
  runs: number;
  timers: ReturnType<typeof setTimeout>[];
  result: { result_text: string | null; result_data: unknown };
}

const encoder = new TextEncoder();
let instances = 0;
const KIND_CODE: Record<WireStreamKind, string> = {
  init: 'ini',
  session_created: 'scr',
  session_updated: 'sup',
  session_deleted: 'sdl',
  event: 'evt',
  run_failed: 'rfl',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
  });
}

function hexId(n: number): string {
  return n.toString(16).padStart(12, '0').slice(-12);
}

function defaultTurn(prompt: string): ScriptedTurn {
  return {
    tools: [
      {
        tool_name: 'Read',
        tool_input: { file_path: '/srv/projects/demo/README.md' },
        tool_output: '# Demo\n\nA small demo project.',
      },
    ],
    reply: `You asked: _${prompt}_\n\nThe project has a **README.md** describing a small demo.`,
    result_text: 'Answered from README.md',
  };
}

export class FakeCoordinator {
  readonly baseUrl: string;
  readonly url: string;
  /** Every request made, for assertions (`method path`). */
  readonly requests: string[] = [];
  private readonly sessions = new Map<string, StoredSession>();
  private readonly subscribers = new Set<Subscriber>();
  private readonly options: FakeCoordinatorOptions;
  private failRunRequests: number;
  private streamUnavailable: boolean;
  private frameSeq = 0;
  private idSeq = 0x1a308bde7d00;
  private closed = false;

  constructor(options: FakeCoordinatorOptions = {}) {
    this.options = options;
    // A fresh origin per instance: the library shares one client per URL and keeps the first
    // caller's `fetch`, so two stories must never meet on the same URL.
    this.baseUrl = (options.baseUrl ?? `https://fake-${++instances}.coordinator.test`).replace(/\/+$/, '');
    this.url = `${this.baseUrl}/sse/sessions`;
    this.failRunRequests = options.failRunRequests ?? 0;
    this.streamUnavailable = options.streamUnavailable ?? false;
    for (const seed of options.sessions ?? []) {
      const session: WireSession = {
        status: 'idle',
        created_at: seed.events?.[0]?.timestamp ?? new Date().toISOString(),
        project_dir: null,
        agent_name: null,
        last_resumed_at: null,
        parent_session_id: null,
        executor_session_id: null,
        executor_profile: null,
        hostname: null,
        ...seed.session,
      };
      const events = [...(seed.events ?? [])];
      const runs = events.filter((e) => e.event_type === 'run_start' || e.event_type === 'session_start').length;
      this.sessions.set(session.session_id, {
        session,
        events,
        runs,
        timers: [],
        result: { result_text: null, result_data: null },
      });
    }
  }

  /** `fetch`-compatible: pass as `ClientOptions.fetch`. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const path = url.pathname.replace(new URL(this.baseUrl).pathname.replace(/\/+$/, ''), '') || '/';
    this.requests.push(`${method} ${path}`);
    if (this.closed) throw new TypeError('Failed to fetch (fake coordinator closed)');

    const auth = this.checkAuth(request, url);
    if (auth) return auth;

    if (method === 'GET' && path === '/sse/sessions') return this.openStream(request, url);
    if (method === 'GET' && path === '/sessions') return json(200, { sessions: this.sessionList() });
    if (method === 'GET' && path === '/agents') return json(200, this.options.agents ?? []);
    if (method === 'POST' && path === '/runs') return this.postRun(await request.text());

    const match = /^\/sessions\/([^/]+)(\/events|\/result|\/stop)?$/.exec(path);
    if (match) {
      const stored = this.sessions.get(decodeURIComponent(match[1]));
      if (!stored) return json(404, { detail: 'Session not found' });
      const sub = match[2] ?? '';
      if (method === 'GET' && sub === '') return json(200, { session: stored.session });
      if (method === 'GET' && sub === '/events') {
        return json(200, { events: stored.events.slice(0, 100).map((e, i) => historyForm(e, i + 1)) });
      }
      if (method === 'GET' && sub === '/result') return json(200, stored.result);
      if (method === 'POST' && sub === '/stop') return this.stop(stored);
      if (method === 'DELETE' && sub === '') return this.remove(stored);
    }
    return json(404, { detail: 'Not Found' });
  };

  /** Ends every open stream and pending timer (call when the story unmounts). */
  close(): void {
    this.closed = true;
    for (const stored of this.sessions.values()) this.clearTimers(stored);
    for (const sub of this.subscribers) {
      try {
        sub.controller.close();
      } catch {
        // already closed by the reader
      }
    }
    this.subscribers.clear();
  }

  /** Number of open streams (for stories that show reconnects). */
  get openStreams(): number {
    return this.subscribers.size;
  }

  /** Injects an event into a session's stream, as `POST /sessions/{id}/events` would. */
  emitEvent(event: WireSessionEvent): void {
    const stored = this.sessions.get(event.session_id);
    stored?.events.push(event);
    this.broadcast('event', { data: event }, event.session_id);
  }

  /** Changes a session as the coordinator would (`session_updated` with the whole session). */
  updateSession(sessionId: string, patch: Partial<WireSession>): void {
    const stored = this.sessions.get(sessionId);
    if (stored) this.update(stored, patch);
  }

  /** Makes the stream answer 503 (unavailable) or 200 again from the next connection on. */
  setStreamAvailable(available: boolean): void {
    this.streamUnavailable = !available;
  }

  /** Ends every open stream as a dropped connection would (the client must reconnect and resync). */
  dropConnections(): void {
    for (const sub of this.subscribers) {
      try {
        sub.controller.error(new TypeError('network error'));
      } catch {
        // already closed
      }
    }
    this.subscribers.clear();
  }

  private checkAuth(request: Request, url: URL): Response | null {
    const expected = this.options.token;
    if (!expected) return null;
    const header = request.headers.get('authorization');
    const token = header?.replace(/^Bearer\s+/i, '') ?? url.searchParams.get('api_key');
    if (!token) return json(401, { detail: 'Not authenticated' });
    if (token !== expected) return json(403, { detail: 'Invalid token' });
    return null;
  }

  private sessionList(): WireSession[] {
    return [...this.sessions.values()].map((s) => s.session).sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  private openStream(request: Request, url: URL): Response {
    if (this.streamUnavailable) return json(503, { detail: 'Service Unavailable' });
    const sessionId = url.searchParams.get('session_id');
    const includeInit = url.searchParams.get('include_init') !== 'false' && !request.headers.get('last-event-id');
    let subscriber: Subscriber | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        subscriber = { sessionId, controller };
        this.subscribers.add(subscriber);
        if (includeInit) {
          const sessions = this.sessionList().filter((s) => !sessionId || s.session_id === sessionId);
          controller.enqueue(this.frame('init', { sessions }));
        }
      },
      cancel: () => {
        if (subscriber) this.subscribers.delete(subscriber);
      },
    });
    request.signal?.addEventListener('abort', () => {
      if (!subscriber || !this.subscribers.has(subscriber)) return;
      this.subscribers.delete(subscriber);
      try {
        subscriber.controller.error(new DOMException('The user aborted a request.', 'AbortError'));
      } catch {
        // already closed
      }
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        'access-control-allow-origin': '*',
      },
    });
  }

  private frame(kind: WireStreamKind, data: unknown): Uint8Array {
    this.frameSeq += 1;
    const id = `${Date.now()}-${KIND_CODE[kind]}-${String(this.frameSeq % 1000).padStart(3, '0')}`;
    return encoder.encode(`id: ${id}\nevent: ${kind}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private broadcast(kind: WireStreamKind, data: unknown, sessionId: string): void {
    if (this.closed) return;
    const bytes = this.frame(kind, data);
    for (const sub of this.subscribers) {
      if (sub.sessionId && sub.sessionId !== sessionId) continue;
      try {
        sub.controller.enqueue(bytes);
      } catch {
        this.subscribers.delete(sub);
      }
    }
  }

  private update(stored: StoredSession, patch: Partial<WireSession>): void {
    Object.assign(stored.session, patch);
    this.broadcast('session_updated', { session: { ...stored.session } }, stored.session.session_id);
  }

  private event(stored: StoredSession, fields: Partial<WireSessionEvent> & { event_type: string }): void {
    this.emitEvent(
      liveFormEvent({
        session_id: stored.session.session_id,
        timestamp: new Date().toISOString().replace('Z', '+00:00'),
        ...fields,
      }),
    );
  }

  private async postRun(bodyText: string): Promise<Response> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(bodyText) as Record<string, unknown>;
    } catch {
      return json(422, { detail: [{ loc: ['body'], msg: 'Invalid JSON', type: 'value_error.jsondecode' }] });
    }
    const parameters = (body.parameters ?? {}) as Record<string, unknown>;
    if (this.options.renameEra && body.parameters !== undefined) {
      return json(422, { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] });
    }
    const prompt = this.options.renameEra ? body.prompt : parameters.prompt;
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      return json(400, {
        detail: {
          error: 'parameter_validation_failed',
          message: "Parameter validation failed: 'prompt' is a required property",
          validation_errors: [{ path: [], message: "'prompt' is a required property" }],
        },
      });
    }
    if (this.failRunRequests > 0) {
      this.failRunRequests -= 1;
      return json(503, { detail: 'Coordinator is starting up, try again' });
    }
    const runId = `run_${hexId(++this.idSeq)}`;
    let stored: StoredSession;
    if (body.type === 'resume_session') {
      const existing = this.sessions.get(String(body.session_id));
      if (!existing) return json(404, { detail: 'Session not found' });
      const resumable = this.options.renameEra ? ['finished'] : ['idle'];
      if (!resumable.includes(existing.session.status)) {
        return json(409, { detail: `Session is ${existing.session.status}, cannot resume` });
      }
      stored = existing;
      stored.session.last_resumed_at = new Date().toISOString().replace('Z', '+00:00');
    } else if (body.type === 'start_session') {
      const sessionId = `ses_${hexId(++this.idSeq)}`;
      stored = {
        session: {
          session_id: sessionId,
          status: 'pending',
          created_at: new Date().toISOString().replace('Z', '+00:00'),
          project_dir: '/srv/projects/demo',
          agent_name: typeof body.agent_name === 'string' ? body.agent_name : null,
          last_resumed_at: null,
          parent_session_id: null,
          executor_session_id: null,
          executor_profile: null,
          hostname: null,
        },
        events: [],
        runs: 0,
        timers: [],
        result: { result_text: null, result_data: null },
      };
      this.sessions.set(sessionId, stored);
      // Like the real server, the stream may announce the session before POST /runs answers.
      this.broadcast('session_created', { session: { ...stored.session } }, sessionId);
    } else {
      return json(422, { detail: [{ loc: ['body', 'type'], msg: 'unexpected value', type: 'value_error' }] });
    }
    stored.runs += 1;
    this.playRun(stored, runId, prompt, stored.runs);
    return json(201, { run_id: runId, session_id: stored.session.session_id, status: 'pending' });
  }

  private playRun(stored: StoredSession, runId: string, prompt: string, turn: number): void {
    const script = (this.options.respond ?? defaultTurn)(prompt, turn);
    const rename = !!this.options.renameEra;
    const steps: (() => void)[] = [
      () => this.event(stored, { event_type: rename ? 'session_start' : 'run_start' }),
      () =>
        this.update(stored, {
          status: 'running',
          executor_session_id: stored.session.executor_session_id ?? `exec-${stored.session.session_id.slice(4)}`,
          executor_profile: 'story',
          hostname: 'storybook',
        }),
      () => this.event(stored, { event_type: 'message', role: 'user', content: [{ type: 'text', text: prompt }] }),
    ];
    if (script.outcome === 'failed') {
      steps.push(() => {
        this.broadcast(
          'run_failed',
          { run_id: runId, session_id: stored.session.session_id, error: script.failure ?? null },
          stored.session.session_id,
        );
        this.update(stored, { status: 'failed' });
      });
    } else {
      for (const tool of script.tools ?? []) {
        steps.push(() =>
          this.event(stored, {
            event_type: 'post_tool',
            tool_name: tool.tool_name,
            tool_input: tool.tool_input,
            tool_output: tool.tool_output ?? '',
            error: tool.error ?? null,
            exit_code: tool.exit_code ?? null,
          }),
        );
      }
      if (script.outcome !== 'hang') {
        if (script.reply !== undefined) {
          const content: WireContentBlock[] = [{ type: 'text', text: script.reply }];
          steps.push(() => this.event(stored, { event_type: 'message', role: 'assistant', content }));
        }
        if (!rename && (script.result_text != null || script.result_data != null)) {
          steps.push(() => {
            stored.result = { result_text: script.result_text ?? null, result_data: script.result_data ?? null };
            this.event(stored, {
              event_type: 'result',
              result_text: script.result_text ?? null,
              result_data: script.result_data ?? null,
            });
          });
        }
        steps.push(() => this.update(stored, { status: rename ? 'finished' : 'idle' }));
        steps.push(() =>
          this.event(stored, {
            event_type: rename ? 'session_stop' : 'run_completed',
            exit_code: 0,
            reason: 'completed',
          }),
        );
      }
    }
    const delay = this.options.stepDelayMs ?? 150;
    steps.forEach((step, i) => {
      const timer = setTimeout(step, delay * (i + 1));
      stored.timers.push(timer);
    });
  }

  private clearTimers(stored: StoredSession): void {
    for (const timer of stored.timers) clearTimeout(timer);
    stored.timers = [];
  }

  private stop(stored: StoredSession): Response {
    const status = stored.session.status;
    if (!['pending', 'running', 'idle', 'finished'].includes(status)) {
      return json(200, { ok: true, session_id: stored.session.session_id, status });
    }
    this.clearTimers(stored);
    this.update(stored, { status: 'stopping' });
    const timer = setTimeout(() => this.update(stored, { status: 'stopped' }), this.options.stepDelayMs ?? 150);
    stored.timers.push(timer);
    return json(200, { ok: true, session_id: stored.session.session_id, status: 'stopping' });
  }

  private remove(stored: StoredSession): Response {
    if (['running', 'idle', 'pending'].includes(stored.session.status)) {
      return json(409, { detail: `Cannot delete a ${stored.session.status} session; stop it first` });
    }
    this.clearTimers(stored);
    this.sessions.delete(stored.session.session_id);
    this.broadcast(
      'session_deleted',
      { session_id: stored.session.session_id, runs_deleted: stored.runs },
      stored.session.session_id,
    );
    return new Response(null, { status: 204 });
  }
}
