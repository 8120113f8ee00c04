/** The typed error every REST call (and the stream's auth failure) reports. */

export interface CoordinatorErrorInit {
  status: number;
  detail: unknown;
  method?: string;
  url?: string;
  cause?: unknown;
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

  constructor(init: CoordinatorErrorInit) {
    super(describeDetail(init.status, init.detail));
    this.status = init.status;
    this.detail = init.detail;
    this.method = init.method ?? null;
    this.url = init.url ?? null;
    this.code = isObject(init.detail) && typeof init.detail.error === 'string' ? init.detail.error : null;
    this.fieldMessages = fieldMessagesOf(init.detail);
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function describeDetail(status: number, detail: unknown): string {
  if (typeof detail === 'string' && detail !== '') return detail;
  if (isObject(detail)) {
    if (typeof detail.message === 'string') return detail.message;
    if (typeof detail.error === 'string') return detail.error;
  }
  const fields = fieldMessagesOf(detail);
  if (fields.length) return fields.join('; ');
  return status ? `HTTP ${status}` : 'Network error';
}

function fieldName(item: Record<string, unknown>): string | null {
  if (Array.isArray(item.loc)) {
    // FastAPI prefixes the location with where it was found ("body", "query").
    const parts = item.loc.filter((p, i) => !(i === 0 && (p === 'body' || p === 'query' || p === 'path')));
    return parts.length ? parts.join('.') : null;
  }
  for (const k of ['field', 'param', 'parameter', 'name', 'path']) {
    if (typeof item[k] === 'string' && item[k] !== '') return item[k] as string;
  }
  return null;
}

function fieldMessage(item: unknown): string {
  if (typeof item === 'string') return item;
  if (isObject(item)) {
    const msg = typeof item.msg === 'string' ? item.msg : typeof item.message === 'string' ? item.message : null;
    const field = fieldName(item);
    if (msg) return field ? `${field}: ${msg}` : msg;
  }
  return JSON.stringify(item);
}

/** One readable line per invalid field, from either error shape. */
export function fieldMessagesOf(detail: unknown): string[] {
  if (Array.isArray(detail)) return detail.map(fieldMessage);
  if (isObject(detail) && Array.isArray(detail.validation_errors)) return detail.validation_errors.map(fieldMessage);
  return [];
}

/** Reads `{"detail": ...}` (or any text) from an error response without throwing. */
export async function readErrorDetail(response: Response): Promise<unknown> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    return response.statusText || null;
  }
  if (!text) return response.statusText || null;
  try {
    const body = JSON.parse(text) as unknown;
    return isObject(body) && 'detail' in body ? body.detail : body;
  } catch {
    return text;
  }
}
