// @web/dev-server plugin: one simulated coordinator for the whole test run. Browser tests find it
// through `GET /__sim/config.json` on the test server and create isolated instances over HTTP
// (see test/support/sim.ts), since they cannot import Node modules.
import { startSimServer } from './coordinator.mjs';

/** Where a page served by the test (or dev) server finds the coordinator's origin. */
export const CONFIG_PATH = '/__sim/config.json';

/**
 * @param {{ root?: import('./instance.mjs').InstanceOptions }} [options] options of the root instance
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function simulatedCoordinatorPlugin(options = {}) {
  /** @type {Awaited<ReturnType<typeof startSimServer>> | undefined} */
  let sim;
  return {
    name: 'simulated-coordinator',
    async serverStart() {
      sim = await startSimServer({ port: 0, root: options.root });
    },
    async serverStop() {
      await sim?.close();
      sim = undefined;
    },
    serve(context) {
      if (context.path !== CONFIG_PATH) return undefined;
      if (!sim)
        return {
          body: JSON.stringify({ detail: 'simulated coordinator not running' }),
          type: 'json',
          headers: { 'cache-control': 'no-store' },
        };
      return { body: JSON.stringify({ origin: sim.origin }), type: 'json', headers: { 'cache-control': 'no-store' } };
    },
  };
}
