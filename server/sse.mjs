// Server-Sent Events output exactly as the FastAPI coordinator writes it: Python `json.dumps` style
// JSON, `<ms>-<kind>-<seq>` ids, LF line endings, `: heartbeat` comments after silence (other line
// endings only in hostile mode, hostile.mjs).
import { frameText } from './hostile.mjs';

const NON_ASCII = /[\u007f-\uffff]/g;

/** Python's `json.dumps` escapes everything outside printable ASCII (ensure_ascii=True, lowercase hex). */
function pyString(s) {
  return JSON.stringify(s).replace(NON_ASCII, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * Serializes like Python's `json.dumps(value)`: `", "` and `": "` separators, ASCII only.
 * The coordinator's SSE `data:` lines are produced that way, so clients see the same bytes.
 * @param {unknown} value
 * @returns {string}
 */
export function pyJson(value) {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return pyString(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return '[' + value.map(pyJson).join(', ') + ']';
      const parts = [];
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined || typeof v === 'function') continue;
        parts.push(pyString(k) + ': ' + pyJson(v));
      }
      return '{' + parts.join(', ') + '}';
    }
    default:
      return 'null';
  }
}

/** Stream message kind → the three letters the coordinator puts in frame ids. */
export const KIND_CODES = {
  init: 'ini',
  session_created: 'scr',
  session_updated: 'sup',
  session_deleted: 'sdl',
  event: 'evt',
  run_failed: 'rfl',
};

/**
 * Frame ids `<ms since epoch>-<code>-<3-digit seq>`; the sequence counts frames of one kind within
 * one millisecond, so ids repeat across streams and are not unique (as on the real server).
 */
export class FrameIds {
  #ms = 0;
  /** @type {Map<string, number>} */
  #counts = new Map();

  /** @param {string} kind */
  next(kind) {
    const now = Date.now();
    if (now !== this.#ms) {
      this.#ms = now;
      this.#counts.clear();
    }
    const code = KIND_CODES[/** @type {keyof typeof KIND_CODES} */ (kind)] ?? 'evt';
    const seq = (this.#counts.get(code) ?? 0) + 1;
    this.#counts.set(code, seq);
    return `${now}-${code}-${String(seq).padStart(3, '0')}`;
  }
}

/**
 * One SSE frame. `data` may be a ready string (used for deliberately malformed frames).
 * @param {string} id
 * @param {string} kind
 * @param {unknown} data
 */
export function formatFrame(id, kind, data) {
  const json = typeof data === 'string' ? data : pyJson(data);
  return `id: ${id}\nevent: ${kind}\ndata: ${json}\n\n`;
}

export const HEARTBEAT = ': heartbeat\n\n';

/**
 * One open `GET /sse/sessions` response: heartbeats after silence, and a stall switch that holds
 * output (in order) without closing the socket.
 */
export class SseStream {
  /** @type {string[] | null} output held while stalled */
  #held = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #heartbeat;
  #closed = false;

  /** @type {import('./hostile.mjs').Framing | null} */
  #framing;

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {{ sessionId: string | null, heartbeatMs: () => number, onClose: (s: SseStream) => void,
   *   framing?: Required<import('./hostile.mjs').Framing> | null }} opts
   */
  constructor(res, { sessionId, heartbeatMs, onClose, framing = null }) {
    this.res = res;
    this.#framing = framing;
    /** Only this session's messages, when set. */
    this.sessionId = sessionId;
    this.heartbeatMs = heartbeatMs;
    res.on('close', () => {
      this.#closed = true;
      clearTimeout(this.#heartbeat);
      onClose(this);
    });
    this.#armHeartbeat();
  }

  get closed() {
    return this.#closed;
  }

  get stalled() {
    return this.#held !== null;
  }

  /** @param {string | null | undefined} sessionId the message's session; none = every stream */
  wants(sessionId) {
    return !this.sessionId || !sessionId || this.sessionId === sessionId;
  }

  /**
   * @param {string} chunk a frame or heartbeat (written in the stream's framing)
   * @param {{ raw?: boolean }} [opts] `raw`: bytes written as they are
   */
  write(chunk, { raw = false } = {}) {
    if (this.#closed) return;
    const text = raw ? chunk : frameText(chunk, /** @type {any} */ (this.#framing));
    if (this.#held) {
      this.#held.push(text);
      return;
    }
    this.res.write(text);
    this.#armHeartbeat();
  }

  /** Stops all output (heartbeats too) until `resume()`; the socket stays open. */
  stall() {
    if (this.#held) return;
    this.#held = [];
    clearTimeout(this.#heartbeat);
  }

  resume() {
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    for (const chunk of held) this.write(chunk, { raw: true });
    this.#armHeartbeat();
  }

  /** Ends the response cleanly, as a server that closes the stream on purpose. */
  end() {
    clearTimeout(this.#heartbeat);
    this.res.end();
  }

  /** Kills the TCP connection without a clean end, like a dropped proxy. */
  destroy() {
    clearTimeout(this.#heartbeat);
    this.res.destroy();
  }

  #armHeartbeat() {
    clearTimeout(this.#heartbeat);
    if (this.#closed || this.#held) return;
    const ms = this.heartbeatMs();
    if (!(ms > 0) || !Number.isFinite(ms)) return;
    this.#heartbeat = setTimeout(() => this.write(HEARTBEAT), ms);
  }
}
