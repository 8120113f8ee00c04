// `npm start`: the demo page (demo/index.html) on a Vite dev server, so the TypeScript sources are used
// directly, talking to the simulated coordinator (server/coordinator.mjs) with demo traffic, or to a
// real one: COORDINATOR_URL=http://host:8765 npm start
import { join } from 'node:path';
import { createServer } from 'vite';
import { ROOT } from './bin.mjs';

const SIM_PORT = 8765;
const DEMO_PORT = 5173;
const HOST = '127.0.0.1';

/** Base URL of the coordinator (also accepts its SSE URL). */
function normalizeBase(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`COORDINATOR_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`COORDINATOR_URL must be http(s): ${raw}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/sse\/sessions$/, '');
}

async function startSimulated() {
  const { startSimServer, startAutoplay } = await import('../server/coordinator.mjs');
  // Slower steps than the tests use, so a person can watch a run unfold.
  const root = { stepMs: 700 };
  let sim;
  try {
    sim = await startSimServer({ port: SIM_PORT, host: HOST, root });
  } catch (err) {
    if (err?.code !== 'EADDRINUSE') throw err;
    console.log(`Port ${SIM_PORT} is taken; the simulated coordinator uses a free port instead.`);
    sim = await startSimServer({ port: 0, host: HOST, root });
  }
  const autoplay = startAutoplay(sim.root, { intervalMs: 4000 });
  return {
    base: sim.url,
    label: 'simulated, with demo traffic: new sessions, follow-ups, old-name executors',
    async close() {
      autoplay.stop();
      await sim.close();
    },
  };
}

/** Puts the coordinator's URL on the page as `window.__COORDINATOR_URL__`. */
function injectCoordinatorUrl(base) {
  return {
    name: 'coordinator-elements:inject-coordinator-url',
    transformIndexHtml() {
      return [
        {
          tag: 'script',
          children: `window.__COORDINATOR_URL__ = ${JSON.stringify(base).replace(/</g, '\\u003c')};`,
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

const external = process.env.COORDINATOR_URL;
let coordinator;
try {
  coordinator = external
    ? { base: normalizeBase(external), label: 'from COORDINATOR_URL', close: async () => {} }
    : await startSimulated();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const vite = await createServer({
  configFile: false,
  root: join(ROOT, 'demo'),
  logLevel: 'warn',
  clearScreen: false,
  publicDir: false,
  server: {
    host: HOST,
    port: DEMO_PORT,
    // The page imports ../src directly.
    fs: { allow: [ROOT] },
  },
  plugins: [injectCoordinatorUrl(coordinator.base)],
});
await vite.listen();
const demoUrl = vite.resolvedUrls?.local[0] ?? `http://${HOST}:${vite.config.server.port}/`;

console.log(`
  coordinator-elements demo

  Demo:         ${demoUrl}
  Coordinator:  ${coordinator.base}
                ${coordinator.label}

  Ctrl-C to stop.
`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([vite.close(), coordinator.close()]);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
