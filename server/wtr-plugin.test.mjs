import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulatedCoordinatorPlugin } from './wtr-plugin.mjs';

test('the plugin starts a coordinator, serves its origin, and stops it', async () => {
  const plugin = simulatedCoordinatorPlugin();
  assert.equal(plugin.serve({ path: '/__sim/config.json' }).type, 'json');
  await plugin.serverStart({});
  try {
    assert.equal(plugin.serve({ path: '/other.js' }), undefined);
    const served = plugin.serve({ path: '/__sim/config.json' });
    const { origin } = JSON.parse(served.body);
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${origin}/__sim/instances`, { method: 'POST', body: '{"stepMs": 1}' });
    assert.equal(created.status, 201);
    const { base } = await created.json();
    assert.deepEqual(await (await fetch(`${base}/sessions`)).json(), { sessions: [] });
    await plugin.serverStop();
    await assert.rejects(fetch(`${origin}/sessions`));
  } finally {
    await plugin.serverStop();
  }
});
