/** URL helpers: REST base from the SSE URL, query parameters on absolute or relative URLs. */

const SSE_SUFFIX = /\/sse\/sessions\/?$/;

function splitUrl(url: string): { path: string; query: string; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const rest = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = rest.indexOf('?');
  return {
    path: queryAt >= 0 ? rest.slice(0, queryAt) : rest,
    query: queryAt >= 0 ? rest.slice(queryAt + 1) : '',
    hash,
  };
}

/**
 * `https://host/api/sse/sessions?x=1` → `https://host/api`. Works on relative URLs too (`/sse/sessions`
 * → ``, i.e. same origin). A URL without the suffix is taken as the base itself, minus its query.
 */
export function deriveApiBase(sseUrl: string): string {
  const { path } = splitUrl(sseUrl.trim());
  return path.replace(SSE_SUFFIX, '').replace(/\/+$/, '');
}

/** Joins a REST base and a path that starts with `/`. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

/** Sets (or replaces, or with `null` removes) one query parameter, keeping the others and the hash. */
export function setQueryParam(url: string, name: string, value: string | null): string {
  const { path, query, hash } = splitUrl(url);
  const params = new URLSearchParams(query);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const q = params.toString();
  return path + (q ? '?' + q : '') + hash;
}
