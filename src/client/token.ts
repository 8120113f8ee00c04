import type { TokenProvider } from './types.js';
import { setQueryParam } from './urls.js';

export interface TokenOptions {
  token?: string | null;
  tokenProvider?: TokenProvider;
  /** `header` (Authorization: Bearer, default) or `query` (`?api_key=`). */
  authMode?: 'header' | 'query';
  fetch?: typeof fetch;
}

/**
 * The token to send now: the provider's answer when it gives one, else the static token.
 * A failing provider falls back to the static token; the server answers 401/403 if that is wrong.
 */
export async function resolveToken(options: TokenOptions): Promise<string | null> {
  if (options.tokenProvider) {
    try {
      const fresh = await options.tokenProvider();
      if (fresh) return fresh;
    } catch {
      // Fall through to the static token.
    }
  }
  return options.token ?? null;
}

/**
 * `fetch` with the token where `authMode` says. A 401/403 is retried once when the token provider,
 * asked again, gives a different token (the one that failed may have just expired).
 */
export async function fetchWithToken(
  options: TokenOptions,
  url: string,
  init: RequestInit & { headers: Record<string, string> },
): Promise<Response> {
  const send = (token: string | null) => {
    const headers = { ...init.headers };
    const query = token && options.authMode === 'query';
    if (token && !query) headers.Authorization = `Bearer ${token}`;
    return (options.fetch ?? globalThis.fetch)(query ? setQueryParam(url, 'api_key', token) : url, {
      ...init,
      headers,
    });
  };
  const token = await resolveToken(options);
  const response = await send(token);
  if ((response.status === 401 || response.status === 403) && options.tokenProvider) {
    const fresh = await resolveToken(options);
    if (fresh && fresh !== token) {
      void response.body?.cancel().catch(() => undefined);
      return send(fresh);
    }
  }
  return response;
}
