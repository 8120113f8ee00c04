import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertServesAt } from './testkit.mjs';
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
    await assertServesAt(origin);
    await plugin.serverStop();
    await assert.rejects(fetch(`${origin}/sessions`));
  } finally {
    await plugin.serverStop();
  }
});
