/**
 * Where the coordinator is: `?coordinator=` in the page address wins over `VITE_COORDINATOR_URL`
 * (set when starting Vite). Either the base (`http://host:8765`) or the SSE URL
 * (`http://host:8765/sse/sessions`) is accepted.
 */
export interface CoordinatorConfig {
  /** REST base, e.g. `http://127.0.0.1:8765`. */
  base: string;
  /** The SSE URL the client and the elements connect to. */
  src: string;
}

export function coordinatorConfig(search = location.search): CoordinatorConfig | { error: string } {
  const raw = (new URLSearchParams(search).get('coordinator') ?? import.meta.env.VITE_COORDINATOR_URL ?? '').trim();
  if (!raw) {
    return {
      error: 'No coordinator URL: add ?coordinator=http://host:port to the address, or set VITE_COORDINATOR_URL.',
    };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `The coordinator URL is not a URL: ${raw}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `The coordinator URL must be http(s): ${raw}` };
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/sse\/sessions$/, '');
  return { base, src: `${base}/sse/sessions` };
}
