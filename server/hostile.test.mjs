import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimServer } from './coordinator.mjs';
import { call, stream, sleep } from './testkit.mjs';

/** @type {Awaited<ReturnType<typeof startSimServer>>} */
let sim;
before(async () => {
  sim = await startSimServer();
});
after(() => sim.close());

const fault = (inst, body) => call(inst, '/__sim/fault', { method: 'POST', body });

/** The whole body of a stream that the server ends, as text. */
async function streamText(inst, query = '') {
  const res = await fetch(inst.sseUrl + query);
  return { res, text: await res.text() };
}

test('respond: the next matching requests get any status, headers and body; then the coordinator answers again', async () => {
  const inst = sim.createInstance();
  await fault(inst, {
    respond: {
      path: '/sessions',
      count: 2,
      status: 503,
      headers: { 'Retry-After': '20', 'content-type': 'text/html' },
      body: '<html>maintenance</html>',
    },
  });
  for (let i = 0; i < 2; i++) {
    const r = await call(inst, '/sessions');
    assert.equal(r.status, 503);
    assert.equal(r.text, '<html>maintenance</html>');
    assert.equal(r.headers.get('retry-after'), '20');
    assert.equal(r.headers.get('content-type'), 'text/html');
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  }
  assert.deepEqual((await call(inst, '/sessions')).body, { sessions: [] });
  assert.equal((await call(inst, '/agents')).status, 200, 'other paths are not affected');
  await fault(inst, { failRequests: { status: 500, count: 5 }, respond: { count: 5, status: 502 } });
  await fault(inst, { clear: true });
  assert.equal((await call(inst, '/agents')).status, 200, 'clear forgets scripted answers');
  await fault(inst, { respond: { path: '/runs', method: 'get', status: 418 } });
  assert.equal((await call(inst, '/runs', { method: 'POST', body: {} })).status, 422, 'other methods are not affected');
  assert.equal((await call(inst, '/runs')).status, 418);
  const log = inst.stats().requests;
  assert.deepEqual(
    log.map((r) => [r.path, r.status]),
    [
      ['/sessions', 503],
      ['/sessions', 503],
      ['/sessions', 200],
      ['/agents', 200],
      ['/agents', 200],
      ['/runs', 422],
      ['/runs', 418],
    ],
  );
  assert.ok(
    log.every((r) => typeof r.at === 'number' && Math.abs(Date.now() - r.at) < 10_000),
    'requests are timed',
  );
  inst.close();
});

test('respond on the stream: a 200 event stream that ends at once, and a 200 that is not an event stream', async () => {
  const inst = sim.createInstance();
  await fault(inst, {
    respond: { path: '/sse/sessions', headers: { 'content-type': 'text/event-stream' }, body: ': bye\n\n' },
  });
  const closed = await streamText(inst);
  assert.equal(closed.res.status, 200);
  assert.equal(closed.text, ': bye\n\n');
  await fault(inst, {
    respond: { path: '/sse/sessions', headers: { 'content-type': 'text/html' }, body: '<h1>Login</h1>' },
  });
  const html = await streamText(inst);
  assert.equal(html.res.headers.get('content-type'), 'text/html');
  assert.equal(html.text, '<h1>Login</h1>');
  assert.equal(inst.stats().sseRequests, 0, 'scripted answers are not accepted streams');
  inst.close();
});

test('respond with redirectTo: Location keeps the path and the query (api_key too), as a careless proxy does', async () => {
  const inst = sim.createInstance({ token: 'secret' });
  const other = sim.createInstance();
  await fault(inst, { respond: { path: '/sse/sessions', status: 307, redirectTo: other.base } });
  const res = await fetch(`${inst.sseUrl}?api_key=secret`, { redirect: 'manual' });
  assert.equal(res.status, 307);
  assert.equal(res.headers.get('location'), `${other.base}/sse/sessions?api_key=secret`);
  await res.text();
  // Followed, the token lands on the other server.
  await fault(inst, { respond: { path: '/sessions', redirectTo: other.base } });
  const followed = await fetch(`${inst.base}/sessions?api_key=secret`);
  assert.equal(followed.status, 200);
  await followed.text();
  assert.deepEqual(
    other.stats().requests.map((r) => [r.path, r.query.api_key]),
    [['/sessions', 'secret']],
  );
  inst.close();
  other.close();
});

test('respond rejects what is not an answer', async () => {
  const inst = sim.createInstance();
  for (const respond of [
    null,
    { status: 99 },
    { count: 0 },
    { headers: { a: 1 } },
    { body: {} },
    { redirectTo: 5 },
    { path: 3 },
    { method: 1 },
  ]) {
    assert.equal((await fault(inst, { respond })).status, 400, JSON.stringify(respond));
  }
  assert.equal((await fault(inst, { framing: { lineEnding: 'nl' } })).status, 400);
  assert.equal((await fault(inst, { raw: 5 })).status, 400);
  assert.equal((await fault(inst, { hugeEvent: { sessionId: 'ses_nope', bytes: 5 } })).status, 400);
  assert.equal((await fault(inst, { hugeEvent: { sessionId: 'x', bytes: 0 } })).status, 400);
  assert.equal((await fault(inst, { hugeEvent: { sessionId: 'x', bytes: 5, filler: '' } })).status, 400);
  inst.close();
});

test('framing: CRLF or CR line endings and a byte-order mark on streams opened afterwards', async () => {
  const inst = sim.createInstance({ stepMs: 1, heartbeatMs: 20 });
  for (const [lineEnding, eol] of [
    ['crlf', '\r\n'],
    ['cr', '\r'],
  ]) {
    await fault(inst, { framing: { lineEnding, bom: true } });
    const res = await fetch(inst.sseUrl);
    const reader = res.body.getReader();
    let bytes = Buffer.alloc(0);
    while (!bytes.toString('utf8').includes(`: heartbeat${eol}${eol}`)) {
      const { value } = await reader.read();
      bytes = Buffer.concat([bytes, value]);
    }
    await reader.cancel();
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark first');
    const text = bytes.toString('utf8').slice(1);
    assert.match(
      text,
      new RegExp(`^id: \\d+-ini-001${eol}event: init${eol}data: \\{"sessions": \\[\\]\\}${eol}${eol}`),
    );
    if (lineEnding === 'cr') assert.ok(!text.includes('\n'), 'no LF at all');
  }
  await fault(inst, { framing: null });
  const plain = await stream(inst);
  await plain.waitFor((f) => f.event === 'init');
  plain.close();
  inst.close();
});

test('raw goes to every open stream as it is; closeStreams ends them cleanly', async () => {
  const inst = sim.createInstance();
  const a = await stream(inst);
  const b = await stream(inst);
  await a.waitFor((f) => f.event === 'init');
  await b.waitFor((f) => f.event === 'init');
  await fault(inst, { raw: ': ping\n\nevent: odd\ndata: 1\n\n' });
  for (const s of [a, b]) {
    const odd = await s.waitFor((f) => f.event === 'odd');
    assert.equal(odd.data, '1');
  }
  await fault(inst, { closeStreams: true });
  for (const s of [a, b]) {
    const ended = await s.ended;
    assert.equal(ended.error, undefined, 'a clean end, not a broken connection');
  }
  assert.equal(inst.stats().openStreams, 0);
  inst.close();
});

test('hugeEvent stores and broadcasts post_tool events with an exact output size, each different', async () => {
  const inst = sim.createInstance();
  const { session_id: sid } = inst.addSession({ session: { session_id: 'ses_0000000000aa' } });
  const sse = await stream(inst);
  await sse.waitFor((f) => f.event === 'init');
  await fault(inst, { hugeEvent: { sessionId: sid, bytes: 2_000_000, count: 2 } });
  const frames = [];
  while (frames.length < 2) {
    frames.push(await sse.waitFor((f) => f.event === 'event' && !frames.includes(f)));
    await sleep(0);
  }
  const outputs = frames.map((f) => f.json.data.tool_output);
  assert.deepEqual(
    outputs.map((o) => o.length),
    [2_000_000, 2_000_000],
  );
  assert.notEqual(outputs[0].slice(0, 20), outputs[1].slice(0, 20));
  await fault(inst, { hugeEvent: { sessionId: sid, bytes: 1000, filler: 'a "b" é\n' } });
  const escaped = await sse.waitFor((f) => f.event === 'event' && !frames.includes(f));
  assert.equal(escaped.json.data.tool_output.length, 1000);
  assert.match(escaped.data, /a \\"b\\" \\u00e9\\n/);
  const history = (await call(inst, `/sessions/${sid}/events`)).body.events;
  assert.deepEqual(
    history.map((e) => e.tool_output.length),
    [2_000_000, 2_000_000, 1000],
  );
  sse.close();
  inst.close();
});
