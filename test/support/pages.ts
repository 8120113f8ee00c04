/**
 * Hostile text a coordinator (or a proxy in front of it) may send where a message is expected (not
 * part of the library build).
 */

/** An auth proxy's error page of about 17 KB: what a 401 from nginx in front of a coordinator can be. */
export function proxyErrorPage(): string {
  const filler = Array.from({ length: 400 }, (_, i) => `<li class="x">Line ${i} of the help text &amp; more</li>`);
  return `<!DOCTYPE html>
<html><head><title>401 Authorization Required</title><style>body{font:14px sans-serif}</style>
<script>window.__pwned = 1</script></head>
<body><h1>Authorization Required</h1><p>This server could not verify that you are authorized.</p>
<ul>${filler.join('\n')}</ul><hr><address>nginx/1.25.3</address></body></html>`;
}
