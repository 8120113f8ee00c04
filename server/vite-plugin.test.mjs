import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertServesAt } from './testkit.mjs';
import { createServer } from 'vite';
import { simulatedCoordinatorVitePlugin } from './vite-plugin.mjs';

test('the Vite plugin starts a coordinator on first use, serves its origin, and stops it with the server', async () => {
  const server = await createServer({
    configFile: false,
    logLevel: 'silent',
    root: import.meta.dirname,
    server: { port: 0, host: '127.0.0.1' },
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [simulatedCoordinatorVitePlugin({ root: { stepMs: 1 } })],
  });
  await server.listen();
  try {
    const page = server.resolvedUrls.local[0];
    const config = await fetch(new URL('__sim/config.json', page));
    assert.equal(config.status, 200);
    assert.equal(config.headers.get('cache-control'), 'no-store');
    const { origin } = await config.json();
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Once per server: a second page gets the same coordinator.
    assert.equal((await (await fetch(new URL('__sim/config.json', page))).json()).origin, origin);
    await assertServesAt(origin);
    await server.close();
    await assert.rejects(fetch(`${origin}/sessions`));
  } finally {
    await server.close();
  }
});

test('the Vite plugin is for dev servers only', () => {
  assert.equal(simulatedCoordinatorVitePlugin().apply, 'serve');
});
