// The simulator's hostile mode: what a broken, misconfigured or malicious coordinator (or a proxy in
// front of one) does that the real one does not. Each is a fault key of an instance (see
// instance.mjs `fault`), so a test can combine a hostile stream or answer with a real coordinator's
// sessions and history, and compare what the client shows with what the server sent.
import { CORS_HEADERS, isObject } from './http.mjs';

/**
 * @typedef {object} Respond the next `count` requests (to `path` when given) get this answer instead
 *   of the coordinator's: any status, headers and body; or a redirect.
 * @property {string} [path] relative to the instance base, e.g. `/sse/sessions`
 * @property {string} [method] only requests with this method (any when absent)
 * @property {number} [count] default 1
 * @property {number} [status] default 200 (302 with `redirectTo`)
 * @property {Record<string, string>} [headers] e.g. `{ 'content-type': 'text/html', 'retry-after': '20' }`
 * @property {string} [body] sent as is, then the response ends (a 200 SSE answer thus "accepts and closes")
 * @property {string} [redirectTo] a base URL: `Location` is it plus the request's path and query (as
 *   a proxy that redirects to another host keeps the query, `api_key` included)
 *
 * @typedef {object} Framing how streams opened from now on write their frames
 * @property {'lf' | 'crlf' | 'cr'} [lineEnding] default `lf`
 * @property {boolean} [bom] a byte-order mark before the first byte
 *
 * @typedef {object} HugeEvent events of `bytes` characters of tool output, stored and broadcast
 * @property {string} sessionId
 * @property {number} bytes
 * @property {number} [count] default 1
 * @property {string} [filler] what the output repeats (default `x`); quotes, line breaks and non-ASCII
 *   characters make a frame that is slower to parse (each is an escape sequence in the JSON)
 *
 * @typedef {object} HostileFault
 * @property {Respond} [respond]
 * @property {string} [raw] written to every open stream as it is (not framed, not stored)
 * @property {Framing} [framing]
 * @property {HugeEvent} [hugeEvent]
 * @property {boolean} [closeStreams] end every open stream cleanly (unlike `dropStreams`)
 * @property {boolean} [clear] forget the answers still scripted by `respond` and `failRequests`
 */

export const HOSTILE_FAULT_KEYS = ['respond', 'raw', 'framing', 'hugeEvent', 'closeStreams', 'clear'];

/** A coordinator that sends `Retry-After` has to let the page read it across origins. */
const EXPOSE = { 'access-control-expose-headers': 'Retry-After, Location' };

export class HostileConfigError extends Error {}

/**
 * @param {unknown} r
 * @returns {{ path: string | null, method: string | null, count: number, status: number,
 *   headers: Record<string, string>, body: string, redirectTo: string | null }}
 */
export function checkRespond(r) {
  if (!isObject(r)) throw new HostileConfigError('respond must be an object');
  const { path = null, method = null, count = 1, status, headers = {}, body = '', redirectTo = null } = r;
  if (path !== null && typeof path !== 'string') throw new HostileConfigError('respond.path must be a string');
  if (method !== null && typeof method !== 'string') throw new HostileConfigError('respond.method must be a string');
  if (!Number.isInteger(count) || /** @type {number} */ (count) < 1)
    throw new HostileConfigError('respond.count must be a positive integer');
  const code = status ?? (redirectTo ? 302 : 200);
  if (!Number.isInteger(code) || code < 200 || code > 599)
    throw new HostileConfigError('respond.status must be an HTTP status');
  if (!isObject(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
    throw new HostileConfigError('respond.headers must map names to strings');
  if (typeof body !== 'string') throw new HostileConfigError('respond.body must be a string');
  if (redirectTo !== null && typeof redirectTo !== 'string')
    throw new HostileConfigError('respond.redirectTo must be a URL');
  return {
    path: /** @type {string | null} */ (path),
    method: method === null ? null : /** @type {string} */ (method).toUpperCase(),
    count: /** @type {number} */ (count),
    status: /** @type {number} */ (code),
    headers: /** @type {Record<string, string>} */ (headers),
    body,
    redirectTo: /** @type {string | null} */ (redirectTo),
  };
}

/**
 * Writes a scripted answer.
 * @param {ReturnType<typeof checkRespond>} rule
 * @param {import('node:http').ServerResponse} res
 * @param {string} path @param {URLSearchParams} query
 */
export function writeRespond(rule, res, path, query) {
  /** @type {Record<string, string>} */
  const headers = { ...CORS_HEADERS, ...EXPOSE };
  for (const [k, v] of Object.entries(rule.headers)) headers[k.toLowerCase()] = v;
  if (rule.redirectTo) {
    const search = query.toString();
    headers.location = `${rule.redirectTo.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
  }
  headers['content-length'] = String(Buffer.byteLength(rule.body));
  res.writeHead(rule.status, headers);
  res.end(rule.body);
}

/** @param {unknown} f @returns {Required<Framing>} */
export function checkFraming(f) {
  if (!isObject(f)) throw new HostileConfigError('framing must be an object');
  const { lineEnding = 'lf', bom = false } = f;
  if (!['lf', 'crlf', 'cr'].includes(/** @type {string} */ (lineEnding)))
    throw new HostileConfigError("framing.lineEnding must be 'lf', 'crlf' or 'cr'");
  return { lineEnding: /** @type {'lf' | 'crlf' | 'cr'} */ (lineEnding), bom: Boolean(bom) };
}

const EOL = { lf: '\n', crlf: '\r\n', cr: '\r' };

/**
 * The text a stream with `framing` writes for `chunk` (frames and heartbeats; JSON in `data:` lines
 * has its line breaks escaped, so every `\n` is a line end).
 * @param {string} chunk @param {Required<Framing> | null} framing
 */
export function frameText(chunk, framing) {
  if (!framing || framing.lineEnding === 'lf') return chunk;
  return chunk.replace(/\n/g, EOL[framing.lineEnding]);
}

export const BOM = '\uFEFF';

/** @param {unknown} h @returns {Required<HugeEvent>} */
export function checkHugeEvent(h) {
  if (!isObject(h) || typeof h.sessionId !== 'string')
    throw new HostileConfigError('hugeEvent needs { sessionId, bytes }');
  const { bytes, count = 1, filler = 'x' } = h;
  if (typeof filler !== 'string' || !filler)
    throw new HostileConfigError('hugeEvent.filler must be a non-empty string');
  if (!Number.isInteger(bytes) || /** @type {number} */ (bytes) < 1 || /** @type {number} */ (bytes) > 256 * 2 ** 20)
    throw new HostileConfigError('hugeEvent.bytes must be an integer from 1 to 256 MiB');
  if (!Number.isInteger(count) || /** @type {number} */ (count) < 1 || /** @type {number} */ (count) > 100)
    throw new HostileConfigError('hugeEvent.count must be an integer from 1 to 100');
  return {
    sessionId: h.sessionId,
    bytes: /** @type {number} */ (bytes),
    count: /** @type {number} */ (count),
    filler,
  };
}

/**
 * The fields of the `index`th huge event: a `post_tool` whose output is `bytes` characters (a
 * line of its index, then filler), so every one is different and its size is exact.
 * @param {number} bytes @param {number} index @param {string} [filler]
 */
export function hugeEventFields(bytes, index, filler = 'x') {
  const head = `huge output ${index}\n`;
  const rest = Math.max(0, bytes - head.length);
  return {
    event_type: 'post_tool',
    tool_name: 'Bash',
    tool_input: { command: `cat huge-${index}.log` },
    tool_output: (head + filler.repeat(Math.ceil(rest / filler.length))).slice(0, bytes),
  };
}
