import type { TokenProvider } from './types.js';

/**
 * The token to send now: the provider's answer when it gives one, else the static token.
 * A failing provider falls back to the static token; the server answers 401/403 if that is wrong.
 */
export async function resolveToken(options: {
  token?: string | null;
  tokenProvider?: TokenProvider;
}): Promise<string | null> {
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
