/**
 * One client per coordinator and credentials on a page: every element that asks for the same
 * URL + credentials gets the same `CoordinatorClient`, hence one HTTP stream. The client closes when
 * the last holder releases it. Options other than the identity (reconnect, caps, fetch...) come from
 * the first caller.
 */
import { CoordinatorClient } from './client.js';
import type { ClientOptions } from './types.js';
import { deriveApiBase } from './urls.js';

export interface ClientLease {
  client: CoordinatorClient;
  /** Gives the client back; idempotent. */
  release(): void;
}

interface Entry {
  client: CoordinatorClient;
  holders: number;
}

const entries = new Map<string, Entry>();
const providerIds = new WeakMap<object, number>();
let nextProviderId = 0;

function providerId(provider: ClientOptions['tokenProvider']): number | null {
  if (!provider) return null;
  if (!providerIds.has(provider)) providerIds.set(provider, ++nextProviderId);
  return providerIds.get(provider)!;
}

/** The identity that decides sharing: URL, REST base, token, auth mode, token provider (by identity). */
export function clientKey(options: ClientOptions): string {
  const url = options.url.trim();
  return JSON.stringify([
    url,
    (options.apiBase ?? deriveApiBase(url)).replace(/\/+$/, ''),
    options.token ?? null,
    options.authMode ?? 'header',
    providerId(options.tokenProvider),
  ]);
}

export function acquireClient(options: ClientOptions): ClientLease {
  const key = clientKey(options);
  let entry = entries.get(key);
  if (!entry || entry.client.closed) {
    entry = { client: new CoordinatorClient(options), holders: 0 };
    entries.set(key, entry);
  }
  entry.holders++;
  const held = entry;
  let released = false;
  return {
    client: held.client,
    release() {
      if (released) return;
      released = true;
      if (--held.holders > 0) return;
      held.client.close();
      if (entries.get(key) === held) entries.delete(key);
    },
  };
}

/** How many shared clients are alive (for tests and diagnostics). */
export function sharedClientCount(): number {
  return entries.size;
}
