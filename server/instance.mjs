// One simulated coordinator: its sessions, events, open streams, options, auth, faults and stats.
// Several live in one HTTP server (root at `/`, others under `/i/<id>`) so parallel tests are isolated.
import { randomBytes, randomUUID } from 'node:crypto';
import { FrameIds, SseStream, formatFrame } from './sse.mjs';
import { planRun, runSteps, scriptedPlan, turnProblem } from './script.mjs';
import {
  BOM,
  HOSTILE_FAULT_KEYS,
  HostileConfigError,
  checkFraming,
  checkHugeEvent,
  checkRespond,
  hugeEventFields,
  writeRespond,
} from './hostile.mjs';
import {
  HttpError,
  isObject,
  objectBody,
  queryBool,
  readJson,
  sendError,
  sendJson,
  validationError,
  CORS_HEADERS,
} from './http.mjs';

/**
 * @typedef {object} InstanceOptions
 * @property {string | null} [token] auth on when set: `Authorization: Bearer <token>` or `?api_key=<token>`
 * @property {string[]} [tokens] more accepted tokens (e.g. a refreshed one)
 * @property {'current' | 'rename'} [era] `rename` = the server at the rename commit (no idle/failed/result)
 * @property {'parameters' | 'prompt'} [runBody] accepted `POST /runs` shape; default by era
 * @property {boolean} [legacyNames] emit `session_start`/`session_stop` instead of `run_start`/`run_completed`
 * @property {number} [stepMs] delay between scripted agent steps (default 40)
 * @property {number} [heartbeatMs] silence before a `: heartbeat` comment (default 30000)
 * @property {{ name: string, description?: string | null, status?: string | null }[]} [agents] for `GET /agents`
 * @property {number} [historyCap] `GET /sessions/{id}/events` returns at most this many oldest events (default 100)
 * @property {string | null} [projectDir] `project_dir` of new sessions
 * @property {import('./script.mjs').ScriptedTurn | null} [turn] every run plays this turn instead of the
 *   prompt's plan (scripted tool calls, reply, result, outcome)
 *
 * @typedef {object} Fault
 * @property {boolean} [dropStreams] destroy every open SSE socket now
 * @property {{ status: number, count?: number, path?: string, detail?: string }} [failRequests] next `count` (default 1)
 *   matching requests answer `status` (with `detail` as the error body's detail when given)
 * @property {boolean} [malformedFrame] write one unparsable and one wrongly shaped `event` frame to every open stream
 * @property {boolean} [stall] true: hold all output (no heartbeats) on open streams; false: release it
 * @property {boolean} [emitUnknown] record and broadcast a `telemetry_sample` event for every session
 * @property {{ kind: string, data: unknown }} [emit] broadcast any raw stream message
 * @property {boolean} [hugeOutput] the next run includes a ~5 MB tool output
 * And the hostile faults of hostile.mjs: respond, raw, framing, hugeEvent, closeStreams.
 * The InstanceOptions keys token, tokens, legacyNames, runBody, stepMs, heartbeatMs, historyCap, agents, turn change options at runtime.
 *
 * @typedef {object} SessionSeed a session with its past, as `addSession` takes it
 * @property {Record<string, unknown> & { session_id: string }} session its fields (the others null; status default `idle`, rename era `finished`)
 * @property {(Record<string, unknown> & { event_type: string })[]} [events] its events in live form, oldest first
 *
 * @typedef {{ method: string, path: string, query: Record<string, string>, authorization: string | null,
 *   lastEventId: string | null, status: number, at: number }} RequestRecord `at`: epoch ms it came in
 * @typedef {{ sseRequests: number, openStreams: number, sessions: number, requests: RequestRecord[] }} Stats
 */

const DEFAULT_AGENTS = [
  { name: 'researcher', description: 'Reads the code base and answers questions about it', status: 'active' },
  { name: 'coder', description: 'Edits files and runs the tests', status: 'active' },
];

const SESSION_KEYS = [
  'session_id',
  'status',
  'created_at',
  'project_dir',
  'agent_name',
  'last_resumed_at',
  'parent_session_id',
  'executor_session_id',
  'executor_profile',
  'hostname',
];
const EVENT_BODY_KEYS = ['tool_name', 'tool_input', 'tool_output', 'error', 'exit_code', 'reason', 'role', 'content'];
const RESULT_KEYS = ['result_text', 'result_data'];
const OPTION_KEYS = [
  'token',
  'tokens',
  'legacyNames',
  'runBody',
  'stepMs',
  'heartbeatMs',
  'historyCap',
  'agents',
  'turn',
];
const FAULT_KEYS = [
  'dropStreams',
  'failRequests',
  'malformedFrame',
  'stall',
  'emitUnknown',
  'emit',
  'hugeOutput',
  ...HOSTILE_FAULT_KEYS,
];
const REQUEST_LOG = 1000;
const DEFAULT_PROMPT = 'List the files and summarize the project';

/** Thrown for bad options or faults; the control API answers it with 400. */
export class SimConfigError extends Error {}

const newId = (prefix) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** @param {number} micros */
function isoMicros(micros) {
  const base = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  return `${base}.${String(micros % 1_000_000).padStart(6, '0')}+00:00`;
}

/** The history form turns "", 0, false, {} and [] into null (SQLite round trip). */
function emptyToNull(v) {
  if (v === '' || v === 0 || v === false || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? v : null;
  if (isObject(v)) return Object.keys(v).length ? v : null;
  return v;
}

/** @param {Partial<InstanceOptions>} o @param {InstanceOptions} [prev] @returns {Required<InstanceOptions>} */
export function normalizeOptions(o = {}, prev) {
  if (!isObject(o)) throw new SimConfigError('options must be an object');
  const era = o.era ?? prev?.era ?? 'current';
  if (era !== 'current' && era !== 'rename')
    throw new SimConfigError(`era must be 'current' or 'rename', not ${JSON.stringify(era)}`);
  const runBody = o.runBody ?? prev?.runBody ?? (era === 'rename' ? 'prompt' : 'parameters');
  if (runBody !== 'parameters' && runBody !== 'prompt')
    throw new SimConfigError(`runBody must be 'parameters' or 'prompt'`);
  const num = (key, fallback) => {
    const v = o[key] ?? prev?.[key] ?? fallback;
    if (typeof v !== 'number' || !(v >= 0)) throw new SimConfigError(`${key} must be a number >= 0`);
    return v;
  };
  const tokens = o.tokens ?? prev?.tokens ?? [];
  if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string'))
    throw new SimConfigError('tokens must be an array of strings');
  const token = o.token !== undefined ? o.token : (prev?.token ?? null);
  if (token !== null && typeof token !== 'string') throw new SimConfigError('token must be a string or null');
  const agents = o.agents ?? prev?.agents ?? DEFAULT_AGENTS;
  if (!Array.isArray(agents)) throw new SimConfigError('agents must be an array');
  const turn = o.turn !== undefined ? o.turn : (prev?.turn ?? null);
  const problem = turn === null ? null : turnProblem(turn);
  if (problem) throw new SimConfigError(problem);
  return {
    token,
    tokens,
    era,
    runBody,
    legacyNames: Boolean(o.legacyNames ?? prev?.legacyNames ?? false),
    stepMs: num('stepMs', 40),
    heartbeatMs: num('heartbeatMs', 30_000),
    historyCap: num('historyCap', 100),
    agents,
    projectDir: o.projectDir !== undefined ? o.projectDir : (prev?.projectDir ?? '/srv/projects/demo'),
    turn,
  };
}

/**
 * @typedef {{ run_id: string, cancelled: boolean }} RunCtl
 * @typedef {{ session: Record<string, unknown>, events: { id: number, event: Record<string, unknown> }[],
 *   runs: number, active: RunCtl | null, legacyNames: boolean | undefined, scriptPrompt: string }} SessionRecord
 *   `scriptPrompt` is the first prompt; automatic follow-ups (`runs` > 1) are derived from it.
 */

export class Instance {
  /** @type {Map<string, SessionRecord>} insertion order = creation order */
  #sessions = new Map();
  /** @type {Set<SseStream>} */
  #streams = new Set();
  #frameIds = new FrameIds();
  #rowId = 0;
  #lastMicros = 0;
  /** @type {{ status: number, count: number, path: string | null, detail: string | null }[]} */
  #failRules = [];
  /** @type {ReturnType<typeof checkRespond>[]} */
  #responds = [];
  /** @type {ReturnType<typeof checkFraming> | null} */
  #framing = null;
  #hugeNext = false;
  #sseRequests = 0;
  /** @type {RequestRecord[]} */
  #requests = [];
  /** @type {Set<{ timer: ReturnType<typeof setTimeout>, resolve: () => void }>} */
  #sleeps = new Set();
  #onClose;
  closed = false;

  /**
   * @param {{ id: string, base: string, options?: InstanceOptions, onClose?: (i: Instance) => void }} init
   */
  constructor({ id, base, options = {}, onClose = () => {} }) {
    this.id = id;
    this.base = base;
    this.sseUrl = `${base}/sse/sessions`;
    /** @type {Required<InstanceOptions>} */
    this.options = normalizeOptions(options);
    this.#onClose = onClose;
  }

  // ---------------------------------------------------------------- public JS API

  /**
   * Applies a fault or a runtime option change (see `Fault`). Throws SimConfigError on unknown keys.
   * @param {Fault & Partial<InstanceOptions>} f
   */
  fault(f) {
    if (!isObject(f)) throw new SimConfigError('fault must be an object');
    const unknown = Object.keys(f).filter((k) => !OPTION_KEYS.includes(k) && !FAULT_KEYS.includes(k));
    if (unknown.length) throw new SimConfigError(`unknown fault key(s): ${unknown.join(', ')}`);
    const optionChange = Object.fromEntries(Object.entries(f).filter(([k]) => OPTION_KEYS.includes(k)));
    if (Object.keys(optionChange).length) this.options = normalizeOptions(optionChange, this.options);

    // First, so that a fault can clear and script anew in one go.
    if (f.clear) {
      this.#failRules = [];
      this.#responds = [];
    }
    if (f.failRequests !== undefined) {
      const {
        status,
        count = 1,
        path = null,
        detail = null,
      } = /** @type {{ status?: unknown, count?: unknown, path?: unknown, detail?: unknown }} */ (
        isObject(f.failRequests) ? f.failRequests : {}
      );
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
        throw new SimConfigError('failRequests.status must be an HTTP error status');
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
        throw new SimConfigError('failRequests.count must be a positive integer');
      if (path !== null && typeof path !== 'string') throw new SimConfigError('failRequests.path must be a string');
      if (detail !== null && typeof detail !== 'string')
        throw new SimConfigError('failRequests.detail must be a string');
      this.#failRules.push({ status, count, path, detail });
    }
    try {
      if (f.respond !== undefined) this.#responds.push(checkRespond(f.respond));
      if (f.framing !== undefined) this.#framing = f.framing === null ? null : checkFraming(f.framing);
      if (f.raw !== undefined && typeof f.raw !== 'string') throw new HostileConfigError('raw must be a string');
      if (f.hugeEvent !== undefined) {
        const { sessionId, bytes, count, filler } = checkHugeEvent(f.hugeEvent);
        const rec = this.#sessions.get(sessionId);
        if (!rec) throw new HostileConfigError(`unknown session ${sessionId}`);
        for (let i = 0; i < count; i++) this.#record(rec, hugeEventFields(bytes, i, filler));
      }
    } catch (err) {
      if (err instanceof HostileConfigError) throw new SimConfigError(err.message);
      throw err;
    }
    if (typeof f.raw === 'string') for (const s of this.#streams) s.write(f.raw, { raw: true });
    if (f.hugeOutput) this.#hugeNext = true;
    if (f.stall === false) for (const s of this.#streams) s.resume();
    if (f.malformedFrame) {
      for (const s of this.#streams) {
        s.write(formatFrame(this.#frameIds.next('event'), 'event', '{"data": {oops'));
        s.write(formatFrame(this.#frameIds.next('event'), 'event', '{"nope": 1}'));
      }
    }
    if (f.emitUnknown) {
      for (const rec of this.#sessions.values()) {
        this.#record(rec, { event_type: 'telemetry_sample', tool_input: { metric: 'queue_depth', value: 3 } });
      }
    }
    if (f.emit !== undefined) {
      if (!isObject(f.emit) || typeof f.emit.kind !== 'string' || !f.emit.kind)
        throw new SimConfigError('emit needs { kind, data }');
      this.emit(f.emit.kind, f.emit.data);
    }
    if (f.stall === true) for (const s of this.#streams) s.stall();
    if (f.dropStreams) for (const s of [...this.#streams]) s.destroy();
    if (f.closeStreams) for (const s of [...this.#streams]) s.end();
  }

  /** @returns {Stats} */
  stats() {
    return {
      sseRequests: this.#sseRequests,
      openStreams: this.#streams.size,
      sessions: this.#sessions.size,
      requests: this.#requests.map((r) => ({ ...r, query: { ...r.query } })),
    };
  }

  /**
   * Starts a session as if by `POST /runs` (no auth, any body shape). `runs` > 1 resumes it
   * automatically after each run completes.
   * @param {{ prompt?: string, legacyNames?: boolean, runs?: number, agentName?: string | null, agent_name?: string | null }} [opts]
   * @returns {{ session_id: string, run_id: string }}
   */
  startScriptedSession(opts = {}) {
    if (this.closed) throw new SimConfigError('instance is closed');
    if (!isObject(opts)) throw new SimConfigError('session options must be an object');
    const prompt = typeof opts.prompt === 'string' && opts.prompt.trim() ? opts.prompt : DEFAULT_PROMPT;
    const runs = opts.runs ?? 1;
    if (!Number.isInteger(runs) || runs < 1) throw new SimConfigError('runs must be a positive integer');
    return this.#start(prompt, {
      agentName: [opts.agentName, opts.agent_name].find((n) => typeof n === 'string') ?? null,
      legacyNames: typeof opts.legacyNames === 'boolean' ? opts.legacyNames : undefined,
      runs,
    });
  }

  /**
   * Resumes an idle (rename era: finished) session as if by `POST /runs`.
   * @param {string} sessionId @param {string} prompt
   */
  resumeSession(sessionId, prompt) {
    const rec = this.#resumable(sessionId);
    return this.#launch(rec, prompt, true, 1);
  }

  /**
   * Broadcasts a raw stream message (not stored). The session filter uses the session id found in
   * `data.session_id`, `data.session.session_id` or `data.data.session_id`; none reaches every stream.
   * @param {string} kind @param {unknown} data
   */
  emit(kind, data) {
    const d = /** @type {any} */ (data);
    const sid = d?.session_id ?? d?.session?.session_id ?? d?.data?.session_id ?? null;
    this.#broadcast(kind, data ?? null, typeof sid === 'string' ? sid : null);
  }

  /**
   * Adds a session that has a past (e.g. a captured one), as if it had run here: broadcasts
   * `session_created`, then stores and broadcasts its events. It keeps its id and fields.
   * @param {SessionSeed} seed
   * @returns {{ session_id: string }}
   */
  addSession(seed) {
    if (this.closed) throw new SimConfigError('instance is closed');
    const given = isObject(seed) && isObject(seed.session) ? seed.session : null;
    const events = isObject(seed) ? (seed.events ?? []) : null;
    if (!given || typeof given.session_id !== 'string' || !given.session_id)
      throw new SimConfigError('addSession needs { session: { session_id, ... }, events? }');
    if (!Array.isArray(events) || events.some((e) => !isObject(e) || typeof e.event_type !== 'string'))
      throw new SimConfigError('events must be an array of { event_type, ... }');
    if (this.#sessions.has(given.session_id)) throw new SimConfigError(`session ${given.session_id} exists`);
    /** @type {Record<string, unknown>} */
    const session = Object.fromEntries(SESSION_KEYS.map((k) => [k, null]));
    const status = this.options.era === 'rename' ? 'finished' : 'idle';
    Object.assign(session, { status, created_at: events[0]?.timestamp ?? this.#now() }, given);
    const runs = events.filter((e) => e.event_type === 'run_start' || e.event_type === 'session_start').length;
    /** @type {SessionRecord} */
    const rec = { session, events: [], runs, active: null, legacyNames: undefined, scriptPrompt: DEFAULT_PROMPT };
    this.#sessions.set(given.session_id, rec);
    this.#broadcast('session_created', { session: { ...session } }, given.session_id);
    for (const event of events) this.#record(rec, /** @type {any} */ (event));
    return { session_id: given.session_id };
  }

  /**
   * Stores and broadcasts a session event, exactly as `POST /sessions/{id}/events` does.
   * @param {string} sessionId @param {Record<string, unknown> & { event_type: string }} fields
   */
  injectEvent(sessionId, fields) {
    const rec = this.#sessions.get(sessionId);
    if (!rec) throw new SimConfigError(`unknown session ${sessionId}`);
    return this.#record(rec, fields);
  }

  /** Closes every stream, stops every run; further requests get 404. */
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const rec of this.#sessions.values()) if (rec.active) rec.active.cancelled = true;
    for (const s of this.#sleeps) {
      clearTimeout(s.timer);
      s.resolve();
    }
    this.#sleeps.clear();
    for (const s of [...this.#streams]) s.destroy();
    this.#onClose(this);
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path relative to the instance base
   * @param {URLSearchParams} query
   */
  async handle(req, res, path, query) {
    if (path === '/__sim' || path.startsWith('/__sim/')) return this.#control(req, res, path);
    /** @type {RequestRecord} */
    const record = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(query),
      authorization: req.headers.authorization ?? null,
      lastEventId: /** @type {string | undefined} */ (req.headers['last-event-id']) ?? null,
      status: 0,
      at: Date.now(),
    };
    this.#requests.push(record);
    if (this.#requests.length > REQUEST_LOG) this.#requests.shift();
    try {
      const scripted = this.#responds.find(
        (r) => r.count > 0 && (r.path === null || r.path === path) && (r.method === null || r.method === req.method),
      );
      if (scripted) {
        scripted.count--;
        this.#responds = this.#responds.filter((r) => r.count > 0);
        return writeRespond(scripted, res, path, query);
      }
      const rule = this.#failRules.find((r) => r.count > 0 && (r.path === null || r.path === path));
      if (rule) {
        rule.count--;
        this.#failRules = this.#failRules.filter((r) => r.count > 0);
        throw new HttpError(
          rule.status,
          rule.detail ??
            (rule.status === 503 ? 'Service Unavailable (simulated)' : 'Internal Server Error (simulated)'),
        );
      }
      this.#authorize(req, query);
      await this.#route(req, res, path, query);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      if (!res.headersSent) sendError(res, err);
    } finally {
      record.status = res.statusCode;
    }
  }

  /** @param {import('node:http').IncomingMessage} req @param {URLSearchParams} query */
  #authorize(req, query) {
    const accepted = [this.options.token, ...this.options.tokens].filter(Boolean);
    if (!accepted.length) return;
    const header = req.headers.authorization;
    const bearer = header && /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '').trim() : '';
    const given = bearer || query.get('api_key') || '';
    if (!given) throw new HttpError(401, 'Not authenticated', { 'www-authenticate': 'Bearer' });
    if (!accepted.includes(given)) throw new HttpError(403, 'Invalid or expired token');
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {string} path @param {URLSearchParams} query
   */
  async #route(req, res, path, query) {
    const method = req.method;
    const allow = (...methods) => {
      if (!methods.includes(method ?? ''))
        throw new HttpError(405, 'Method Not Allowed', { allow: methods.join(', ') });
    };
    if (path === '/sse/sessions') {
      allow('GET');
      return this.#openStream(req, res, query);
    }
    if (path === '/sessions') {
      allow('GET');
      return sendJson(res, 200, { sessions: this.#sessionList(null) });
    }
    if (path === '/runs') {
      allow('POST');
      return this.#postRuns(req, res);
    }
    if (path === '/agents') {
      allow('GET');
      return sendJson(res, 200, this.options.agents);
    }
    const m = /^\/sessions\/([^/]+)(\/events|\/result|\/stop)?$/.exec(path);
    if (!m) throw new HttpError(404, 'Not Found');
    const id = decodeURIComponent(m[1]);
    switch (m[2]) {
      case undefined:
        allow('GET', 'DELETE');
        return sendJson(
          res,
          200,
          method === 'GET' ? { session: { ...this.#get(id).session } } : this.deleteSession(id),
        );
      case '/events':
        allow('GET', 'POST');
        return method === 'GET' ? this.#history(res, id) : this.#postEvent(req, res, id);
      case '/result':
        allow('GET');
        return this.#result(res, id);
      default:
        allow('POST');
        return sendJson(res, 200, this.stopSession(id));
    }
  }

  /** @param {string} id */
  #get(id) {
    const rec = this.#sessions.get(id);
    if (!rec) throw new HttpError(404, `Session ${id} not found`);
    return rec;
  }

  /** Newest first; only one session when filtered. @param {string | null} sessionId */
  #sessionList(sessionId) {
    const all = [...this.#sessions.values()].reverse();
    return all.filter((r) => !sessionId || r.session.session_id === sessionId).map((r) => ({ ...r.session }));
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {URLSearchParams} query
   */
  #openStream(req, res, query) {
    const includeInit = queryBool(query.get('include_init'), true, 'include_init');
    const sessionId = query.get('session_id') || null;
    res.writeHead(200, {
      ...CORS_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    const framing = this.#framing;
    if (framing?.bom) res.write(BOM);
    const stream = new SseStream(res, {
      sessionId,
      heartbeatMs: () => this.options.heartbeatMs,
      onClose: (s) => this.#streams.delete(s),
      framing,
    });
    this.#streams.add(stream);
    this.#sseRequests++;
    // Like the real server: Last-Event-ID is not replayed, it only suppresses init.
    if (includeInit && !req.headers['last-event-id']) {
      stream.write(formatFrame(this.#frameIds.next('init'), 'init', { sessions: this.#sessionList(sessionId) }));
    }
  }

  /** @param {import('node:http').ServerResponse} res @param {string} id */
  #history(res, id) {
    const rec = this.#get(id);
    const keys = this.options.era === 'rename' ? EVENT_BODY_KEYS : [...EVENT_BODY_KEYS, ...RESULT_KEYS];
    const events = rec.events.slice(0, this.options.historyCap).map(({ id: rowId, event }) => {
      /** @type {Record<string, unknown>} */
      const row = {
        id: rowId,
        session_id: emptyToNull(event.session_id),
        event_type: emptyToNull(event.event_type),
        timestamp: emptyToNull(event.timestamp),
      };
      for (const k of keys) row[k] = emptyToNull(event[k]);
      return row;
    });
    sendJson(res, 200, { events });
  }

  /** @param {import('node:http').ServerResponse} res @param {string} id */
  #result(res, id) {
    const rec = this.#get(id);
    if (this.options.era === 'rename') {
      const last = rec.events.findLast((e) => e.event.event_type === 'message' && e.event.role === 'assistant');
      const content = /** @type {any} */ (last?.event.content);
      const text = Array.isArray(content) ? content.map((b) => b?.text ?? '').join('') : (content ?? null);
      return sendJson(res, 200, { result: text });
    }
    const last = rec.events.findLast((e) => e.event.event_type === 'result');
    sendJson(res, 200, { result_text: last?.event.result_text ?? null, result_data: last?.event.result_data ?? null });
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} id */
  async #postEvent(req, res, id) {
    const json = await readJson(req);
    const rec = this.#get(id);
    const body = objectBody(json);
    if (typeof body.event_type !== 'string') {
      throw new HttpError(422, [
        validationError(
          body.event_type === undefined ? 'missing' : 'string_type',
          ['body', 'event_type'],
          body.event_type === undefined ? 'Field required' : 'Input should be a valid string',
          body,
        ),
      ]);
    }
    this.#record(rec, /** @type {any} */ (body));
    sendJson(res, 200, { ok: true });
  }

  /**
   * Stops a session like `POST /sessions/{id}/stop`: a running run emits nothing more (no
   * run_completed); the status goes `stopping`, then `stopped`. Throws HttpError 404/409.
   * @param {string} id
   * @returns {{ ok: true, session_id: string, status: string }}
   */
  stopSession(id) {
    const rec = this.#get(id);
    const status = String(rec.session.status);
    if (status === 'stopping') return { ok: true, session_id: id, status };
    const stoppable = ['pending', 'running', 'idle', ...(this.options.era === 'rename' ? ['finished'] : [])];
    if (!stoppable.includes(status)) throw new HttpError(409, `Session ${id} is ${status} and cannot be stopped`);
    if (rec.active) rec.active.cancelled = true;
    rec.active = null;
    this.#setStatus(rec, 'stopping');
    this.#sleep(Math.max(5, this.options.stepMs / 2)).then(() => {
      if (!this.closed && this.#sessions.get(id) === rec && rec.session.status === 'stopping')
        this.#setStatus(rec, 'stopped');
    });
    return { ok: true, session_id: id, status: 'stopping' };
  }

  /**
   * Deletes a session like `DELETE /sessions/{id}` and broadcasts `session_deleted`.
   * Throws HttpError 404, or 409 while it is pending, running, idle or stopping.
   * @param {string} id
   */
  deleteSession(id) {
    const rec = this.#get(id);
    const status = String(rec.session.status);
    if (rec.active || ['pending', 'running', 'idle', 'stopping'].includes(status)) {
      throw new HttpError(409, `Cannot delete session ${id} while it is ${status}; stop it first`);
    }
    this.#sessions.delete(id);
    this.#broadcast('session_deleted', { session_id: id, runs_deleted: rec.runs }, id);
    return { ok: true, session_id: id, runs_deleted: rec.runs };
  }

  /** Sessions newest first (copies), as `GET /sessions` lists them. */
  listSessions() {
    return this.#sessionList(null);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async #postRuns(req, res) {
    const body = objectBody(await readJson(req));
    const { era, runBody } = this.options;
    if (body.type !== 'start_session' && body.type !== 'resume_session') {
      throw new HttpError(422, [
        body.type === undefined
          ? validationError('missing', ['body', 'type'], 'Field required', body)
          : {
              ...validationError(
                'enum',
                ['body', 'type'],
                "Input should be 'start_session' or 'resume_session'",
                body.type,
              ),
              ctx: { expected: "'start_session' or 'resume_session'" },
            },
      ]);
    }
    /** @type {unknown} */
    let prompt;
    if (runBody === 'parameters') {
      if (!isObject(body.parameters)) {
        throw new HttpError(422, [
          body.parameters === undefined
            ? validationError('missing', ['body', 'parameters'], 'Field required', body)
            : validationError(
                'dict_type',
                ['body', 'parameters'],
                'Input should be a valid dictionary',
                body.parameters,
              ),
        ]);
      }
      prompt = body.parameters.prompt;
    } else {
      if (body.prompt === undefined)
        throw new HttpError(422, [validationError('missing', ['body', 'prompt'], 'Field required', body)]);
      if (typeof body.prompt !== 'string')
        throw new HttpError(422, [
          validationError('string_type', ['body', 'prompt'], 'Input should be a valid string', body.prompt),
        ]);
      prompt = body.prompt;
    }
    if (typeof prompt !== 'string' || !prompt.trim()) {
      if (era === 'rename') {
        const loc = runBody === 'parameters' ? ['body', 'parameters', 'prompt'] : ['body', 'prompt'];
        throw new HttpError(422, [
          {
            ...validationError('string_too_short', loc, 'String should have at least 1 character', prompt ?? null),
            ctx: { min_length: 1 },
          },
        ]);
      }
      throw new HttpError(400, {
        error: 'parameter_validation_failed',
        message: 'Parameter validation failed',
        validation_errors: [{ field: 'prompt', message: 'prompt is required and must be a non-empty string' }],
      });
    }
    const agentName = body.agent_name ?? null;
    if (agentName !== null && typeof agentName !== 'string')
      throw new HttpError(422, [
        validationError('string_type', ['body', 'agent_name'], 'Input should be a valid string', agentName),
      ]);

    let started;
    if (body.type === 'start_session') {
      started = this.#start(prompt, {
        agentName: typeof agentName === 'string' ? agentName : null,
        legacyNames: undefined,
        runs: 1,
      });
    } else {
      if (typeof body.session_id !== 'string' || !body.session_id)
        throw new HttpError(400, 'session_id is required for resume_session');
      started = this.#launch(this.#resumable(body.session_id), prompt, true, 1);
    }
    sendJson(res, 201, { run_id: started.run_id, session_id: started.session_id, status: 'pending' });
  }

  /** @param {string} id */
  #resumable(id) {
    const rec = this.#get(id);
    const want = this.options.era === 'rename' ? 'finished' : 'idle';
    if (rec.active || rec.session.status !== want) {
      const status = rec.active ? 'busy with a run' : `'${rec.session.status}'`;
      throw new HttpError(
        409,
        `Session ${id} cannot be resumed: it is ${status}; only '${want}' sessions can be resumed`,
      );
    }
    return rec;
  }

  // ---------------------------------------------------------------- control API (never under auth)

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} path */
  async #control(req, res, path) {
    try {
      const route = `${req.method} ${path}`;
      if (route === 'POST /__sim/fault') {
        this.fault(/** @type {any} */ ((await readJson(req)) ?? {}));
        return sendJson(res, 200, { ok: true });
      }
      if (route === 'GET /__sim/stats') return sendJson(res, 200, this.stats());
      if (route === 'POST /__sim/session')
        return sendJson(res, 201, this.startScriptedSession(/** @type {any} */ ((await readJson(req)) ?? {})));
      if (route === 'POST /__sim/sessions')
        return sendJson(res, 201, this.addSession(/** @type {any} */ ((await readJson(req)) ?? {})));
      if (route === 'DELETE /__sim') {
        if (this.id === 'root') throw new SimConfigError('the root instance lives as long as the server');
        sendJson(res, 200, { ok: true });
        return this.close();
      }
      throw new HttpError(404, 'Not Found');
    } catch (err) {
      if (err instanceof SimConfigError) return sendJson(res, 400, { detail: err.message });
      if (err instanceof HttpError) return sendError(res, err);
      throw err;
    }
  }

  // ---------------------------------------------------------------- state, runs, broadcast

  /** Executor clock: ISO with microseconds and `+00:00`, strictly increasing. */
  #now() {
    const micros = Math.max(Math.floor((performance.timeOrigin + performance.now()) * 1000), this.#lastMicros + 1);
    this.#lastMicros = micros;
    return isoMicros(micros);
  }

  /**
   * @param {string} kind @param {unknown} data @param {string | null} sessionId
   */
  #broadcast(kind, data, sessionId) {
    if (!this.#streams.size) return;
    const frame = formatFrame(this.#frameIds.next(kind), kind, data);
    for (const s of this.#streams) if (s.wants(sessionId)) s.write(frame);
  }

  /**
   * Stores an event in the live form (every key, unused null) and broadcasts it.
   * @param {SessionRecord} rec @param {Record<string, unknown> & { event_type: string }} fields
   */
  #record(rec, fields) {
    const sessionId = String(rec.session.session_id);
    /** @type {Record<string, unknown>} */
    const event = {
      event_type: fields.event_type,
      session_id: sessionId,
      timestamp: typeof fields.timestamp === 'string' ? fields.timestamp : this.#now(),
    };
    for (const k of EVENT_BODY_KEYS) event[k] = fields[k] ?? null;
    if (this.options.era !== 'rename') for (const k of RESULT_KEYS) event[k] = fields[k] ?? null;
    rec.events.push({ id: ++this.#rowId, event });
    this.#broadcast('event', { data: event }, sessionId);
    return event;
  }

  /** Broadcasts the full session with a new status. @param {SessionRecord} rec @param {string} status */
  #setStatus(rec, status, patch = {}) {
    Object.assign(rec.session, patch, { status });
    this.#broadcast('session_updated', { session: { ...rec.session } }, String(rec.session.session_id));
  }

  /** @param {number} ms @returns {Promise<void>} */
  #sleep(ms) {
    return new Promise((/** @type {() => void} */ resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.#sleeps.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.#sleeps.add(entry);
    });
  }

  /**
   * @param {string} prompt
   * @param {{ agentName: string | null, legacyNames: boolean | undefined, runs: number }} opts
   */
  #start(prompt, { agentName, legacyNames, runs }) {
    const session_id = newId('ses');
    /** @type {Record<string, unknown>} */
    const session = Object.fromEntries(SESSION_KEYS.map((k) => [k, null]));
    Object.assign(session, {
      session_id,
      status: 'pending',
      created_at: this.#now(),
      project_dir: this.options.projectDir,
      agent_name: agentName,
    });
    /** @type {SessionRecord} */
    const rec = { session, events: [], runs: 0, active: null, legacyNames, scriptPrompt: prompt };
    this.#sessions.set(session_id, rec);
    // Broadcast before the POST /runs answer goes out, as the real server may.
    this.#broadcast('session_created', { session: { ...session } }, session_id);
    return this.#launch(rec, prompt, false, runs);
  }

  /** @param {SessionRecord} rec @param {string} prompt @param {boolean} resume @param {number} runsLeft */
  #launch(rec, prompt, resume, runsLeft) {
    const run = { run_id: newId('run'), cancelled: false };
    rec.active = run;
    rec.runs++;
    const huge = this.#hugeNext;
    this.#hugeNext = false;
    const agentName = /** @type {string | null} */ (rec.session.agent_name);
    const plan = this.options.turn
      ? scriptedPlan(this.options.turn, prompt, { agentName })
      : planRun(prompt, { huge, agentName });
    void this.#execute(rec, run, plan, resume, runsLeft);
    return { run_id: run.run_id, session_id: String(rec.session.session_id) };
  }

  /**
   * @param {SessionRecord} rec @param {RunCtl} run @param {import('./script.mjs').RunPlan} plan
   * @param {boolean} resume @param {number} runsLeft
   */
  async #execute(rec, run, plan, resume, runsLeft) {
    const { era } = this.options;
    const legacyNames = rec.legacyNames ?? this.options.legacyNames;
    const live = () => !run.cancelled && !this.closed && this.#sessions.get(String(rec.session.session_id)) === rec;
    if (!resume) {
      rec.session.executor_session_id = randomUUID();
      rec.session.executor_profile = 'sim';
      rec.session.hostname = 'sim-host';
    }
    for (const step of runSteps(plan, { era, resume, legacyNames })) {
      if (!live()) return;
      if ('wait' in step) {
        // Read stepMs per step so a runtime option change applies to running sessions.
        await this.#sleep(step.wait * this.options.stepMs * (plan.slow ? 10 : 1));
      } else if ('event' in step) {
        this.#record(rec, step.event);
      } else if ('status' in step) {
        this.#setStatus(rec, step.status, step.resumedAt ? { last_resumed_at: this.#now() } : {});
      } else {
        rec.active = null;
        this.#setStatus(rec, era === 'rename' ? 'finished' : 'failed');
        this.#broadcast(
          'run_failed',
          { run_id: run.run_id, session_id: rec.session.session_id, error: step.fail },
          String(rec.session.session_id),
        );
        return;
      }
    }
    // A hanging run stays active (and the session running) until it is stopped.
    if (!live() || plan.hang) return;
    rec.active = null;
    if (runsLeft > 1) {
      await this.#sleep(2 * this.options.stepMs);
      if (!live() || rec.active || rec.session.status !== (era === 'rename' ? 'finished' : 'idle')) return;
      this.#launch(rec, `${rec.scriptPrompt} (run ${rec.runs + 1})`, true, runsLeft - 1);
    }
  }
}
