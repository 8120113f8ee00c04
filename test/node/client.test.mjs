// The coordinator client in Node 20+: bundle src/client/index.ts as shipped code would be (no DOM,
// no Node-only APIs), then talk to the simulated coordinator over real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startSimServer } from '../../server/coordinator.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** @type {typeof import('../../src/client/index.ts')} */
let lib;
let dir = '';
/** @type {Awaited<ReturnType<typeof startSimServer>>} */
let sim;

async function waitFor(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits for the watched session's first run to complete, then expects exactly the history's events, in order. */
async function expectWholeRun(client, watch, sid) {
  await waitFor(
    () => watch.snapshot.session?.status === 'idle' && watch.snapshot.runs[0]?.outcome === 'completed',
    'run done',
  );
  const history = await client.getHistory(sid);
  await waitFor(() => watch.snapshot.events.length === history.length, 'all events');
  assert.deepEqual(watch.snapshot.events.map(lib.eventContentKey), history.map(lib.eventContentKey));
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ce-client-'));
  const outfile = join(dir, 'client.mjs');
  // `neutral`: no Node built-ins and no browser shims, so the bundle is the same code a browser runs.
  await build({
    entryPoints: [join(root, 'src/client/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
  });
  lib = await import(pathToFileURL(outfile).href);
  sim = await startSimServer();
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the bundled client exports the client, the shared-client helper and the alias table', () => {
  assert.equal(typeof lib.CoordinatorClient, 'function');
  assert.equal(typeof lib.acquireClient, 'function');
  assert.equal(lib.eventTypeAliases.session_start, 'run_start');
  assert.equal(lib.eventTypeAliases.session_stop, 'run_completed');
});

test('connects in Node, starts a run and sees its events, once and in order', async () => {
  const inst = sim.createInstance({ stepMs: 5 });
  const client = new lib.CoordinatorClient({ url: inst.sseUrl, reconnect: { initialDelayMs: 50 } });
  try {
    const states = [];
    client.on('connection', (s) => states.push(s.status));
    const release = client.retain();
    await waitFor(() => client.connection.status === 'open', 'open');
    const { session_id: sid } = await client.startRun({ prompt: 'List the files from Node' });
    const seen = [];
    const watch = client.watchSession(sid, { onEvents: (events) => seen.push(...events) });
    await expectWholeRun(client, watch, sid);
    assert.equal(watch.snapshot.events[0].type, 'run_start');
    assert.equal(watch.snapshot.events.at(-1).type, 'run_completed');
    assert.equal(watch.snapshot.busy, 'ready');
    assert.ok(client.sessions.some((s) => s.sessionId === sid));
    assert.deepEqual(states, ['connecting', 'open']);
    watch.close();
    release();
    await waitFor(() => inst.stats().openStreams === 0, 'stream closed');
  } finally {
    client.close();
    inst.close();
  }
});

test('reconnects in Node after a dropped stream and resyncs what was missed', async () => {
  const inst = sim.createInstance({ stepMs: 60 });
  const client = new lib.CoordinatorClient({ url: inst.sseUrl, reconnect: { initialDelayMs: 100, jitter: 0 } });
  try {
    client.retain();
    await waitFor(() => client.connection.status === 'open', 'open');
    const { session_id: sid } = await client.startRun({ prompt: 'Drop me in Node' });
    const watch = client.watchSession(sid);
    await waitFor(() => watch.snapshot.events.length >= 2, 'first events');
    inst.fault({ failRequests: { status: 503, count: 2, path: '/sse/sessions' } });
    inst.fault({ dropStreams: true });
    await expectWholeRun(client, watch, sid);
    assert.ok(
      watch.snapshot.events.some((e) => e.historyId !== null),
      'some events came from history',
    );
    assert.equal(inst.stats().sseRequests, 2);
  } finally {
    client.close();
    inst.close();
  }
});

test('auth errors in Node: 401 stops with the server detail', async () => {
  const inst = sim.createInstance({ token: 'secret' });
  const client = new lib.CoordinatorClient({ url: inst.sseUrl });
  try {
    client.retain();
    await waitFor(() => client.connection.status === 'auth-error', 'auth-error');
    assert.deepEqual(client.connection, { status: 'auth-error', httpStatus: 401, message: 'Not authenticated' });
    await assert.rejects(client.listSessions(), (e) => e instanceof lib.CoordinatorError && e.status === 401);
  } finally {
    client.close();
    inst.close();
  }
});
