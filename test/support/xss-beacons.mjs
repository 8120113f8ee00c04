// The web-test-runner server's part of the XSS corpus (test/support/xss-corpus.ts): it records every
// request a payload makes to `/__xss-beacon/<id>` (answering 204), and `GET /__xss-beacons` returns
// the ids recorded since the last such call.

/** A web-test-runner middleware (koa). */
export function xssBeacons() {
  const hits = [];
  return async (ctx, next) => {
    if (ctx.path.startsWith('/__xss-beacon/')) {
      hits.push(decodeURIComponent(ctx.path.slice('/__xss-beacon/'.length)));
      ctx.status = 204;
      return;
    }
    if (ctx.path === '/__xss-beacons') {
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(hits.splice(0));
      return;
    }
    await next();
  };
}
