// A minimal SSE consumer for Node (tests, benchmark): keeps every frame and comment it receives,
// and lets a caller await a frame by predicate. Deliberately independent of src/client so the
// simulator's tests do not depend on the code they exist to test.

/**
 * @typedef {{ id: string | null, event: string, data: string, json?: any, comment?: undefined }} SseFrame
 * @typedef {{ comment: string }} SseComment
 */

export class SseReader {
  /** @type {SseFrame[]} */
  frames = [];
  /** @type {SseComment[]} */
  comments = [];
  /** Resolves when the body ends: `{ error }` is set when the connection broke. */
  ended;
  /** @type {Set<() => void>} */
  #waiters = new Set();
  #done = false;
  #controller = new AbortController();
  /** @type {Response | undefined} */
  response;

  /**
   * Opens the stream; resolves once the response headers are in (any status).
   * @param {string} url
   * @param {{ headers?: Record<string, string> }} [init]
   */
  static async open(url, init = {}) {
    const reader = new SseReader();
    const response = await fetch(url, { headers: init.headers, signal: reader.#controller.signal });
    reader.response = response;
    reader.ended = reader.#pump(response);
    return reader;
  }

  get status() {
    return this.response?.status ?? 0;
  }

  /** @param {Response} response */
  async #pump(response) {
    /** @type {{ error?: unknown }} */
    let result = {};
    try {
      if (!response.body) return result;
      const decoder = new TextDecoder();
      /** Pieces of the line still being received: joined once complete, so a 5 MB line stays linear. */
      let partial = [];
      /** @type {{ id: string | null, event: string, data: string[] }} */
      let current = { id: null, event: '', data: [] };
      const body = response.body.getReader();
      for (;;) {
        const { value, done } = await body.read();
        if (done) break;
        const pieces = decoder.decode(value, { stream: true }).split('\n');
        partial.push(pieces[0]);
        for (let i = 1; i < pieces.length; i++) {
          current = this.#line(partial.join('').replace(/\r$/, ''), current);
          partial = [pieces[i]];
        }
      }
    } catch (error) {
      if (!this.#controller.signal.aborted) result = { error };
    } finally {
      this.#done = true;
      this.#notify();
    }
    return result;
  }

  /**
   * Applies one line to the frame being built; a blank line dispatches it.
   * @param {string} line @param {{ id: string | null, event: string, data: string[] }} current
   */
  #line(line, current) {
    if (line === '') {
      if (current.data.length || current.event) this.#push(current);
      return { id: null, event: '', data: [] };
    }
    if (line.startsWith(':')) {
      this.comments.push({ comment: line.slice(1).trim() });
      this.#notify();
      return current;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') current.id = value;
    else if (field === 'event') current.event = value;
    else if (field === 'data') current.data.push(value);
    return current;
  }

  /** @param {{ id: string | null, event: string, data: string[] }} raw */
  #push(raw) {
    const data = raw.data.join('\n');
    /** @type {SseFrame} */
    const frame = { id: raw.id, event: raw.event || 'message', data };
    try {
      frame.json = JSON.parse(data);
    } catch {
      // Left undefined: malformed frames are part of what tests look at.
    }
    this.frames.push(frame);
    this.#notify();
  }

  #notify() {
    for (const w of [...this.#waiters]) w();
  }

  /**
   * Resolves with a value once `check()` returns one (not undefined); rejects after timeoutMs or
   * when the stream ends first.
   * @template T
   * @param {() => T | undefined} check
   * @param {number} timeoutMs
   * @param {string} what
   * @returns {Promise<T>}
   */
  until(check, timeoutMs = 5000, what = 'condition') {
    return new Promise((resolve, reject) => {
      const finish = (fn) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        fn();
      };
      const waiter = () => {
        const v = check();
        if (v !== undefined) finish(() => resolve(v));
        else if (this.#done) finish(() => reject(new Error(`stream ended before ${what}; got: ${this.#summary()}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out waiting for ${what}; got: ${this.#summary()}`))),
        timeoutMs,
      );
      this.#waiters.add(waiter);
      waiter();
    });
  }

  /**
   * The first frame (at index >= from) matching the predicate.
   * @param {(f: SseFrame) => boolean} predicate @param {{ timeoutMs?: number, from?: number, what?: string }} [opts]
   */
  waitFor(predicate, { timeoutMs = 5000, from = 0, what = 'frame' } = {}) {
    return this.until(() => this.frames.slice(from).find(predicate), timeoutMs, what);
  }

  /** Shorthand: the first `event` frame whose session event has this type (and session). */
  waitForEvent(eventType, sessionId, opts = {}) {
    return this.waitFor(
      (f) =>
        f.event === 'event' &&
        f.json?.data?.event_type === eventType &&
        (!sessionId || f.json.data.session_id === sessionId),
      { what: `event ${eventType}`, ...opts },
    );
  }

  /** Shorthand: the first `session_updated` with this status. */
  waitForStatus(status, sessionId, opts = {}) {
    return this.waitFor(
      (f) =>
        f.event === 'session_updated' &&
        f.json?.session?.status === status &&
        (!sessionId || f.json.session.session_id === sessionId),
      { what: `status ${status}`, ...opts },
    );
  }

  #summary() {
    const kinds = this.frames.map((f) =>
      f.event === 'event'
        ? (f.json?.data?.event_type ?? 'event?')
        : f.event === 'session_updated'
          ? `sup:${f.json?.session?.status}`
          : f.event,
    );
    return `[${kinds.join(', ')}] +${this.comments.length} comments`;
  }

  close() {
    this.#controller.abort();
  }
}
