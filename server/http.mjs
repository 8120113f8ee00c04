// Small HTTP helpers shaped like FastAPI + Starlette's CORSMiddleware(allow_origins=["*"],
// allow_methods=["*"], allow_headers=["*"]), which is what the real coordinator runs.

export const CORS_HEADERS = { 'access-control-allow-origin': '*' };

/** A client mistake the handler reports with a status and FastAPI's `{"detail": ...}` body. */
export class HttpError extends Error {
  /** @param {number} status @param {unknown} detail @param {Record<string, string>} [headers] */
  constructor(status, detail, headers = {}) {
    super(typeof detail === 'string' ? detail : `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

/**
 * Writes a JSON answer the way FastAPI's JSONResponse does (compact separators, UTF-8).
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {HttpError} err */
export function sendError(res, err) {
  sendJson(res, err.status, { detail: err.detail }, err.headers);
}

/**
 * Answers a CORS preflight like Starlette: any method, and echoes the requested headers.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function sendPreflight(req, res) {
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(200, {
    ...CORS_HEADERS,
    'access-control-allow-methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
    'access-control-allow-headers':
      requested || 'Accept, Accept-Language, Authorization, Content-Language, Content-Type, Last-Event-ID',
    'access-control-max-age': '600',
    vary: 'Origin',
    'content-type': 'text/plain; charset=utf-8',
    'content-length': '2',
  });
  res.end('OK');
}

/** One Pydantic v2 validation error, as FastAPI lists them in a 422. */
export function validationError(type, loc, msg, input) {
  return { type, loc, msg, input };
}

const BODY_LIMIT = 64 * 1024 * 1024;

/**
 * Reads a JSON body. Invalid JSON is FastAPI's 422 `json_invalid`; an empty body is `undefined`.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<unknown>}
 */
export async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(422, [
      {
        type: 'json_invalid',
        loc: ['body', 0],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: err instanceof Error ? err.message : String(err) },
      },
    ]);
  }
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
export function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The body of a route that takes a JSON object; anything else is FastAPI's 422 for a model body.
 * @param {unknown} body @returns {Record<string, unknown>}
 */
export function objectBody(body) {
  if (isObject(body)) return body;
  throw new HttpError(422, [
    validationError(
      'model_attributes_type',
      ['body'],
      'Input should be a valid dictionary or object to extract fields from',
      body ?? null,
    ),
  ]);
}

/**
 * FastAPI's bool query parsing (true/false, 1/0, yes/no, on/off, t/f, y/n); anything else is a 422.
 * @param {string | null} value @param {boolean} fallback @param {string} name
 */
export function queryBool(value, fallback, name) {
  if (value === null) return fallback;
  const v = value.toLowerCase();
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(v)) return true;
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(v)) return false;
  throw new HttpError(422, [
    validationError(
      'bool_parsing',
      ['query', name],
      'Input should be a valid boolean, unable to interpret input',
      value,
    ),
  ]);
}
