import { CoordinatorError } from './errors.js';
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

/** What a refused redirect says (exported for tests and docs). */
export const REDIRECT_REFUSED =
  "Redirect not followed: with authMode 'query' the token is part of the URL, and a redirect could carry it to another server. Use the coordinator's final URL.";

/** A redirect answer: opaque in browsers (`redirect: 'manual'`), a 3xx elsewhere. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/**
 * `fetch` with the token where `authMode` says. A 401/403 is retried once when the token provider,
 * asked again, gives a different token (the one that failed may have just expired).
 *
 * In `query` mode no redirect is followed: a browser does not show where a redirect leads
 * (`redirect: 'manual'` gives an opaque answer), and one that keeps the query would hand the token
 * to whatever server it names; any redirect throws a `CoordinatorError` instead. In `header` mode
 * redirects are followed: the Fetch standard drops `Authorization` when one leaves the origin.
 */
export async function fetchWithToken(
  options: TokenOptions,
  url: string,
  init: RequestInit & { headers: Record<string, string> },
): Promise<Response> {
  const queryMode = options.authMode === 'query';
  const send = async (token: string | null) => {
    const headers = { ...init.headers };
    const query = token && queryMode;
    if (token && !query) headers.Authorization = `Bearer ${token}`;
    const response = await (options.fetch ?? globalThis.fetch)(query ? setQueryParam(url, 'api_key', token) : url, {
      ...init,
      headers,
      ...(queryMode ? { redirect: 'manual' as const } : {}),
    });
    if (queryMode && isRedirect(response)) {
      void response.body?.cancel().catch(() => undefined);
      throw new CoordinatorError({
        status: response.status,
        detail: REDIRECT_REFUSED,
        method: init.method ?? 'GET',
        url,
      });
    }
    return response;
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
