/** The typed error every REST call (and the stream's auth failure) reports. */
import { errorMessage, isFilledString, isObject, listOf, nullableString } from '../model/normalize.js';

export { errorMessage };

export interface CoordinatorErrorInit {
  status: number;
  detail: unknown;
  method?: string;
  url?: string;
  cause?: unknown;
  retryAfterMs?: number | null;
}

/**
 * A failed coordinator call. `status` is the HTTP status (0 = no answer: network, timeout, CORS).
 * `detail` is the body's `detail` as sent (string, object or list). For the later release's
 * `parameter_validation_failed` (and FastAPI's 422 lists) `fieldMessages` holds one line per field.
 */
export class CoordinatorError extends Error {
  override readonly name = 'CoordinatorError';
  readonly status: number;
  readonly detail: unknown;
  /** `detail.error` when the detail is an object, e.g. `parameter_validation_failed`. */
  readonly code: string | null;
  readonly fieldMessages: string[];
  readonly method: string | null;
  readonly url: string | null;
  /** The server's `Retry-After` on a 429/503, in ms from when the answer came; null without one. */
  readonly retryAfterMs: number | null;

  constructor({ status, detail, method, url, cause, retryAfterMs }: CoordinatorErrorInit) {
    super(describeDetail(status, detail));
    this.status = status;
    this.detail = detail;
    this.method = method ?? null;
    this.url = url ?? null;
    this.retryAfterMs = retryAfterMs ?? null;
    this.code = isObject(detail) ? nullableString(detail.error) : null;
    this.fieldMessages = fieldMessagesOf(detail);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** Longest error line shown: a server's detail is its data, not a page to print. */
const MAX_DETAIL = 500;

const bounded = (text: string) => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text);

/** One line for an error `detail`: the string itself, its `message`/`error`, the field messages, or the status. */
export function describeDetail(status: number, detail: unknown): string {
  if (isFilledString(detail)) return bounded(detail);
  const own = isObject(detail) && [detail.message, detail.error].find((v) => typeof v === 'string');
  if (own) return bounded(own as string);
  const fields = fieldMessagesOf(detail);
  if (fields.length) return bounded(fields.join('; '));
  return status ? `HTTP ${status}` : 'Network error';
}

/** The first of `keys` that holds a non-empty string. */
const stringAt = (item: Record<string, unknown>, keys: string[]) => keys.map((k) => item[k]).find(isFilledString);

function fieldMessage(item: unknown): string {
  if (typeof item === 'string') return item;
  const msg = isObject(item) && stringAt(item, ['msg', 'message']);
  if (!msg) return JSON.stringify(item);
  // FastAPI prefixes the location with where it was found ("body", "query").
  const field = Array.isArray(item.loc)
    ? item.loc.filter((p, i) => i || !['body', 'query', 'path'].includes(p)).join('.')
    : stringAt(item, ['field', 'param', 'parameter', 'name', 'path']);
  return field ? `${field}: ${msg}` : msg;
}

/** One readable line per invalid field, from either error shape. */
export function fieldMessagesOf(detail: unknown): string[] {
  return listOf(detail, 'validation_errors').map(fieldMessage);
}

/** An error body is read up to this many characters: the rest is not a message anyone reads. */
const ERROR_BODY_LIMIT = 65_536;

/** The first `limit` characters of a body, without reading the rest of it. */
async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < limit) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
    return text.slice(0, limit);
  } catch {
    return text;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads `{"detail": ...}` (or any text) from an error response without throwing. An HTML page (a
 * proxy's or a login page) is named, not quoted.
 */
export async function readErrorDetail(response: Response): Promise<unknown> {
  const text = await readStart(response, ERROR_BODY_LIMIT);
  if (!text) return response.statusText || null;
  try {
    const body = JSON.parse(text) as unknown;
    return isObject(body) && 'detail' in body ? body.detail : body;
  } catch {
    if (/^\s*</.test(text))
      return `${response.statusText || `HTTP ${response.status}`}: an HTML page, not the coordinator`;
    return bounded(text.trim());
  }
}
