// The byte budget, measured: the bundled client watches a session that receives ten 20 MB events
// from the simulated coordinator, in a child process with an exposed GC, and reports what its heap
// keeps afterwards. The coordinator runs in this process, so its own copies do not count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startSimServer } from '../../server/coordinator.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MB = 1024 * 1024;

let dir = '';
/** @type {Awaited<ReturnType<typeof startSimServer>>} */
let sim;

const CHILD = `
import { CoordinatorClient } from './client.mjs';
const [url, sessionId, count, budget] = process.argv.slice(2);
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
const before = heap();
const client = new CoordinatorClient({
  url,
  ...(budget === 'none' ? { maxBytesPerSession: Infinity } : budget === 'default' ? {} : { maxBytesPerSession: Number(budget) }),
});
const watch = client.watchSession(sessionId);
await new Promise((resolve) => {
  const check = () => (watch.snapshot.loaded && client.connection.status === 'open' ? resolve() : setTimeout(check, 20));
  check();
});
process.send({ ready: true });
await new Promise((resolve) => {
  const check = () =>
    watch.snapshot.events.length >= Number(count) ? resolve() : setTimeout(check, 20);
  check();
});
const snapshot = watch.snapshot;
const kept = snapshot.events.reduce((n, e) => n + (typeof e.toolOutput === 'string' ? e.toolOutput.length : 0), 0);
process.send({
  heapMB: (heap() - before) / ${MB},
  events: snapshot.events.length,
  bodiesDropped: snapshot.truncated.bodiesDropped,
  keptMB: kept / ${MB},
});
watch.close();
client.close();
`;

/** Runs the child with a budget; the parent sends `count` events of `size` characters once it is ready. */
function measure(budget, count = 10, size = 20 * MB) {
  const inst = sim.createInstance();
  const { session_id: sid } = inst.addSession({ session: { session_id: 'ses_00000000f00d' } });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', join(dir, 'child.mjs'), inst.sseUrl, sid, String(count), String(budget)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    child.on('message', (message) => {
      if (message.ready) inst.fault({ hugeEvent: { sessionId: sid, bytes: size, count } });
      else {
        resolve(message);
        child.kill();
        inst.close();
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => code && reject(new Error(`child exited with ${code}`)));
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ce-memory-'));
  await build({
    entryPoints: [join(root, 'src/client/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: join(dir, 'client.mjs'),
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'child.mjs'), CHILD);
  sim = await startSimServer();
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('ten 20 MB events within the default 64 MiB budget: the heap keeps well under 100 MB, not 200', async () => {
  const result = await measure('default');
  console.log(`default budget: ${JSON.stringify(result)}`);
  assert.equal(result.events, 10, 'every event is kept (their previews)');
  assert.equal(result.bodiesDropped, 8);
  assert.ok(result.keptMB <= 64, `${result.keptMB} MB of output kept`);
  assert.ok(result.heapMB < 100, `heap keeps ${result.heapMB.toFixed(1)} MB`);
});

test('without a budget the same events keep about 200 MB (what the budget is for)', async () => {
  const result = await measure('none');
  console.log(`no budget: ${JSON.stringify(result)}`);
  assert.equal(result.bodiesDropped, 0);
  assert.ok(result.heapMB > 190, `heap keeps ${result.heapMB.toFixed(1)} MB`);
});
