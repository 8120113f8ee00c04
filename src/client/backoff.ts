/** Reconnect delays: exponential from `initialDelayMs`, capped, with a random share to spread storms. */
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
