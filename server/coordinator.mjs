// The simulated Agent Coordinator: a real HTTP server speaking the wire protocol of
// test/fixtures (docs/protocol.md), used by browser tests, the demo and the benchmark.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Instance, SimConfigError, normalizeOptions } from './instance.mjs';
import { HttpError, readJson, sendError, sendJson, sendPreflight } from './http.mjs';

export { Instance } from './instance.mjs';
export { startAutoplay } from './autoplay.mjs';

/**
 * @typedef {import('./instance.mjs').InstanceOptions} InstanceOptions
 * @typedef {import('./instance.mjs').Fault} Fault
 * @typedef {import('./instance.mjs').Stats} Stats
 *
 * @typedef {object} SimServer
 * @property {string} origin `http://127.0.0.1:PORT`
 * @property {string} url the root instance's base (= origin)
 * @property {Instance} root the instance serving at `/`
 * @property {(options?: InstanceOptions) => Instance} createInstance an isolated instance under `/i/<id>`
 * @property {() => Promise<void>} close
 */

/**
 * Starts the simulated coordinator.
 *
 * Routes: the root instance at `/…`; other instances at `/i/<id>/…`; `POST /__sim/instances`
 * creates one (201 `{id, base, sseUrl}`). Every response carries `Access-Control-Allow-Origin: *`
 * and OPTIONS preflights are answered, as by the real server's CORS middleware.
 *
 * @param {{ port?: number, host?: string, root?: InstanceOptions }} [opts]
 * @returns {Promise<SimServer>}
 */
export async function startSimServer({ port = 0, host = '127.0.0.1', root: rootOptions = {} } = {}) {
  normalizeOptions(rootOptions); // fail before listening, not after
  /** @type {Map<string, Instance>} */
  const instances = new Map();
  let origin = '';

  const server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { detail: 'Internal Server Error' });
      else res.destroy();
      if (!(err instanceof HttpError)) console.error('[sim-coordinator]', err);
    });
  });

  /** @param {InstanceOptions} [options] */
  function createInstance(options = {}) {
    const id = randomBytes(5).toString('hex');
    const instance = new Instance({ id, base: `${origin}/i/${id}`, options, onClose: (i) => instances.delete(i.id) });
    instances.set(id, instance);
    return instance;
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function route(req, res) {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    if (req.method === 'OPTIONS') return sendPreflight(req, res);
    if (url.pathname === '/__sim/instances') {
      if (req.method !== 'POST') return sendError(res, new HttpError(405, 'Method Not Allowed'));
      try {
        const instance = createInstance(/** @type {InstanceOptions} */ ((await readJson(req)) ?? {}));
        return sendJson(res, 201, { id: instance.id, base: instance.base, sseUrl: instance.sseUrl });
      } catch (err) {
        if (err instanceof SimConfigError) return sendJson(res, 400, { detail: err.message });
        if (err instanceof HttpError) return sendError(res, err);
        throw err;
      }
    }
    const m = /^\/i\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (m) {
      const instance = instances.get(m[1]);
      if (!instance) return sendError(res, new HttpError(404, `No simulated coordinator instance ${m[1]}`));
      return instance.handle(req, res, m[2] ?? '/', url.searchParams);
    }
    return root.handle(req, res, url.pathname, url.searchParams);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const root = new Instance({ id: 'root', base: origin, options: rootOptions });

  return {
    origin,
    url: origin,
    root,
    createInstance,
    async close() {
      root.close();
      for (const instance of [...instances.values()]) instance.close();
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
    },
  };
}
