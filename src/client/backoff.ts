/**
 * Reconnect delays: exponential from `initialDelayMs`, capped, with a random share to spread storms;
 * and a server's `Retry-After`, which may ask for longer.
 */
import type { ReconnectOptions } from './types.js';

export type ResolvedReconnectOptions = Required<ReconnectOptions>;

export function resolveReconnectOptions(options: ReconnectOptions = {}): ResolvedReconnectOptions {
  // NaN is not >= 0.
  const num = (v: number | undefined, d: number) => (typeof v === 'number' && v >= 0 ? v : d);
  return {
    initialDelayMs: num(options.initialDelayMs, 1000),
    maxDelayMs: num(options.maxDelayMs, 30_000),
    maxAttempts: num(options.maxAttempts, Infinity),
    jitter: Math.min(1, num(options.jitter, 0.3)),
    healthyAfterMs: num(options.healthyAfterMs, 10_000),
    maxRetryAfterMs: num(options.maxRetryAfterMs, 600_000),
  };
}

/**
 * Delay before reconnect attempt `attempt` (1-based). The jitter only shortens the delay, so the cap
 * is never exceeded: the result lies in `[base * (1 - jitter), base]`.
 */
export function reconnectDelay(
  attempt: number,
  options: ResolvedReconnectOptions,
  random: () => number = Math.random,
): number {
  const exp = options.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const base = Math.min(options.maxDelayMs, exp);
  return Math.max(0, Math.round(base * (1 - options.jitter * random())));
}

/** Statuses whose `Retry-After` says when the server expects to take requests again. */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * A `Retry-After` value in milliseconds from `now`: delta-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`); null when absent or neither. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP-dates name a weekday and a month; Date.parse reads them (and, loosely, more than them).
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** The wait before the next try: the backoff, or the server's `Retry-After` when longer (up to a cap). */
export function delayWithRetryAfter(
  backoffMs: number,
  retryAfterMs: number | null | undefined,
  options: Pick<ResolvedReconnectOptions, 'maxRetryAfterMs'>,
): number {
  if (retryAfterMs == null) return backoffMs;
  return Math.max(backoffMs, Math.min(retryAfterMs, options.maxRetryAfterMs));
}
