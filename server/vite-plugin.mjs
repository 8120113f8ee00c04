// Vite plugin (Storybook's dev server and the story tests): one simulated coordinator for the dev
// server, started when a page first asks for it and closed with the server. Pages find it as in the
// browser tests: `GET /__sim/config.json` → `{origin}` (test/support/sim.ts). Not applied to builds:
// a static Storybook has no coordinator, and its live stories say so.
import { startSimServer } from './coordinator.mjs';
import { CONFIG_PATH } from './wtr-plugin.mjs';

/**
 * @param {{ root?: import('./instance.mjs').InstanceOptions }} [options] options of the root instance
 * @returns {import('vite').Plugin}
 */
export function simulatedCoordinatorVitePlugin(options = {}) {
  /** @type {ReturnType<typeof startSimServer> | undefined} */
  let sim;
  const send = (/** @type {import('node:http').ServerResponse} */ res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return {
    name: 'simulated-coordinator',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(CONFIG_PATH, (req, res, next) => {
        if (req.method !== 'GET') return next();
        // Started on first use: the story tests' runner creates more than one dev server.
        sim ??= startSimServer({ port: 0, root: options.root });
        sim.then(
          (s) => send(res, 200, { origin: s.origin }),
          (err) => send(res, 500, { detail: `simulated coordinator: ${err instanceof Error ? err.message : err}` }),
        );
      });
    },
    // Vite calls it when the dev server closes.
    async closeBundle() {
      const closing = sim;
      sim = undefined;
      await (await closing)?.close();
    },
  };
}
