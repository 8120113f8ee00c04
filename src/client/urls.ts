/** URL helpers: REST base from the SSE URL, a query parameter on absolute or relative URLs. */

/** `[url, path, query, #hash]` of an absolute or relative URL. */
const parts = (url: string) => /^([^?#]*)(?:\?([^#]*))?(.*)$/.exec(url)!;

/**
 * `https://host/api/sse/sessions?x=1` → `https://host/api`. Works on relative URLs too (`/sse/sessions`
 * → ``, i.e. same origin). A URL without the suffix is taken as the base itself, minus its query.
 */
export function deriveApiBase(sseUrl: string): string {
  return parts(sseUrl.trim())[1]
    .replace(/\/sse\/sessions\/?$/, '')
    .replace(/\/+$/, '');
}

/** Sets (or replaces) one query parameter, keeping the others and the hash. */
export function setQueryParam(url: string, name: string, value: string): string {
  const [, path, query, hash] = parts(url);
  const params = new URLSearchParams(query);
  params.set(name, value);
  return `${path}?${params}${hash}`;
}
