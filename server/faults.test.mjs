import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimServer } from './coordinator.mjs';
import { call, startBody, stream, labels, sleep, LIVE_KEYS } from './testkit.mjs';

/** @type {Awaited<ReturnType<typeof startSimServer>>} */
let sim;
before(async () => {
  sim = await startSimServer();
});
after(() => sim.close());

const fault = (inst, body) => call(inst, '/__sim/fault', { method: 'POST', body });

test('control API: create an instance, start a session, read stats, close it', async () => {
  const created = await call({ base: sim.origin }, '/__sim/instances', {
    method: 'POST',
    body: { stepMs: 2, token: 't' },
  });
  assert.equal(created.status, 201);
  const { id, base, sseUrl } = created.body;
  assert.equal(base, `${sim.origin}/i/${id}`);
  assert.equal(sseUrl, `${base}/sse/sessions`);
  const inst = { base, sseUrl };
  const sse = await stream(inst, '?api_key=t');
  const started = await call(inst, '/__sim/session', { method: 'POST', body: { prompt: 'from the control api' } });
  assert.equal(started.status, 201);
  assert.match(started.body.session_id, /^ses_[0-9a-f]{12}$/);
  assert.match(started.body.run_id, /^run_[0-9a-f]{12}$/);
  await sse.waitForEvent('run_completed', started.body.session_id);

  await call(inst, '/sessions', { headers: { Authorization: 'Bearer t' } });
  const stats = await call(inst, '/__sim/stats');
  assert.equal(stats.status, 200);
  assert.equal(stats.body.sseRequests, 1);
  assert.equal(stats.body.openStreams, 1);
  assert.deepEqual(
    stats.body.requests.map((r) => [r.method, r.path, r.status]),
    [
      ['GET', '/sse/sessions', 200],
      ['GET', '/sessions', 200],
    ],
  );
  assert.deepEqual(stats.body.requests[0].query, { api_key: 't' });
  assert.equal(stats.body.requests[1].authorization, 'Bearer t');
  assert.equal(stats.body.requests[1].lastEventId, null);

  const bad = await call({ base: sim.origin }, '/__sim/instances', { method: 'POST', body: { era: 'stone age' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.detail, /era/);
  assert.equal((await fault(inst, { nonsense: true })).status, 400);
  assert.equal((await fault(inst, { failRequests: { status: 200 } })).status, 400);

  assert.equal((await call(inst, '/__sim', { method: 'DELETE' })).status, 200);
  const ended = await sse.ended;
  assert.ok(ended.error, 'the open stream is destroyed');
  assert.equal((await call(inst, '/sessions', { headers: { Authorization: 'Bearer t' } })).status, 404);
  assert.equal(
    (await call({ base: sim.origin }, '/__sim', { method: 'DELETE' })).status,
    400,
    'the root instance stays',
  );
});

test('dropStreams destroys open streams; events while disconnected are not replayed', async () => {
  const inst = sim.createInstance({ stepMs: 5 });
  const sse = await stream(inst);
  const sid = inst.startScriptedSession({ prompt: 'drop me slow' }).session_id;
  await sse.waitForEvent('run_start', sid);
  await fault(inst, { dropStreams: true });
  const ended = await sse.ended;
  assert.ok(ended.error, 'the connection broke (not a clean end)');
  assert.equal(inst.stats().openStreams, 0);
  const lastSeen = sse.frames.length;
  // Let at least one more event happen while nobody listens.
  const history = async () => (await call(inst, `/sessions/${sid}/events`)).body.events.length;
  const countAtDrop = await history();
  while ((await history()) === countAtDrop) await sleep(20);

  const again = await stream(inst, '', { 'Last-Event-ID': sse.frames[lastSeen - 1].id });
  await again.waitForEvent('run_completed', sid, { timeoutMs: 15000 });
  const missed =
    (await call(inst, `/sessions/${sid}/events`)).body.events.length -
    again.frames.filter((f) => f.event === 'event').length -
    sse.frames.filter((f) => f.event === 'event').length;
  assert.ok(missed >= 1, `events broadcast while disconnected are gone (${missed})`);
  assert.ok(!again.frames.some((f) => f.event === 'init'));
  assert.equal(inst.stats().sseRequests, 2);
  again.close();
  inst.close();
});

test('failRequests answers the next n matching requests with the status', async () => {
  const inst = sim.createInstance({ stepMs: 2 });
  await fault(inst, { failRequests: { status: 503, count: 2, path: '/sse/sessions' } });
  assert.equal((await call(inst, '/sessions')).status, 200, 'other paths are not affected');
  for (let i = 0; i < 2; i++) {
    const r = await call(inst, '/sse/sessions');
    assert.equal(r.status, 503);
    assert.equal(typeof r.body.detail, 'string');
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
  }
  const ok = await stream(inst);
  assert.equal(ok.status, 200);
  ok.close();
  inst.fault({ failRequests: { status: 500 } });
  const any = await call(inst, '/agents');
  assert.equal(any.status, 500);
  assert.equal(typeof any.body.detail, 'string');
  assert.equal((await call(inst, '/agents')).status, 200);
  assert.deepEqual(
    inst.stats().requests.map((r) => r.status),
    [200, 503, 503, 200, 500, 200],
  );
  assert.equal(inst.stats().sseRequests, 1, 'failed requests are not accepted streams');
  inst.close();
});

test('malformedFrame sends an unparsable and a wrongly shaped frame, then continues', async () => {
  const inst = sim.createInstance({ stepMs: 2 });
  const sse = await stream(inst);
  await sse.waitFor((f) => f.event === 'init');
  await fault(inst, { malformedFrame: true });
  const bad = await sse.waitFor((f) => f.data === '{"data": {oops');
  assert.equal(bad.event, 'event');
  assert.equal(bad.json, undefined);
  const shape = await sse.waitFor((f) => f.data === '{"nope": 1}');
  assert.equal(shape.event, 'event');
  assert.match(shape.id, /^\d{13}-evt-\d{3}$/);
  const sid = inst.startScriptedSession({ prompt: 'after the bad frames' }).session_id;
  await sse.waitForEvent('run_completed', sid);
  sse.close();
  inst.close();
});

test('stall holds all output (no heartbeats) without closing; new streams work; release delivers in order', async () => {
  const inst = sim.createInstance({ stepMs: 2, heartbeatMs: 25 });
  const sse = await stream(inst);
  await sse.waitFor((f) => f.event === 'init');
  await fault(inst, { stall: true });
  const frames = sse.frames.length;
  const comments = sse.comments.length;
  const fresh = await stream(inst);
  const sid = inst.startScriptedSession({ prompt: 'during a stall' }).session_id;
  await fresh.waitForEvent('run_completed', sid);
  await fresh.until(() => (fresh.comments.length > 0 ? true : undefined), 5000, 'a heartbeat on the new stream');
  await sleep(100);
  assert.equal(sse.frames.length, frames, 'no frames while stalled');
  assert.equal(sse.comments.length, comments, 'no heartbeats while stalled');
  assert.equal(inst.stats().openStreams, 2, 'the stalled stream stays open');
  await fault(inst, { stall: false });
  await sse.waitForEvent('run_completed', sid);
  assert.deepEqual(labels(sse.frames, sid), labels(fresh.frames, sid));
  await sse.until(() => (sse.comments.length > comments ? true : undefined), 5000, 'heartbeats again');
  sse.close();
  fresh.close();
  inst.close();
});

test('runtime option changes: legacyNames, runBody, token', async () => {
  const inst = sim.createInstance({ stepMs: 2 });
  const sse = await stream(inst, '?include_init=false');
  await fault(inst, { legacyNames: true });
  const a = inst.startScriptedSession({ prompt: 'legacy now' }).session_id;
  await sse.waitForEvent('session_stop', a);
  await fault(inst, { legacyNames: false });
  const b = inst.startScriptedSession({ prompt: 'modern again' }).session_id;
  await sse.waitForEvent('run_completed', b);

  await fault(inst, { runBody: 'prompt' });
  assert.equal((await call(inst, '/runs', { method: 'POST', body: startBody('x') })).status, 422);
  assert.equal(
    (await call(inst, '/runs', { method: 'POST', body: { type: 'start_session', prompt: 'x' } })).status,
    201,
  );

  await fault(inst, { token: 'one' });
  assert.equal((await call(inst, '/sessions')).status, 401);
  assert.equal((await call(inst, '/sessions?api_key=one')).status, 200);
  await fault(inst, { token: 'two', tokens: ['three'] });
  assert.equal((await call(inst, '/sessions?api_key=one')).status, 403);
  assert.equal((await call(inst, '/sessions?api_key=two')).status, 200);
  assert.equal((await call(inst, '/sessions', { headers: { Authorization: 'Bearer three' } })).status, 200);
  await fault(inst, { token: null, tokens: [] });
  assert.equal((await call(inst, '/sessions')).status, 200);
  sse.close();
  inst.close();
});

test('emitUnknown records an unknown event for every session; emit sends any raw message', async () => {
  const inst = sim.createInstance({ stepMs: 2 });
  const sse = await stream(inst);
  const a = inst.startScriptedSession({ prompt: 'one' }).session_id;
  const b = inst.startScriptedSession({ prompt: 'two' }).session_id;
  await sse.waitForEvent('run_completed', a);
  await sse.waitForEvent('run_completed', b);
  await fault(inst, { emitUnknown: true });
  for (const sid of [a, b]) {
    const f = await sse.waitForEvent('telemetry_sample', sid);
    assert.deepEqual(Object.keys(f.json.data), LIVE_KEYS);
    const history = (await call(inst, `/sessions/${sid}/events`)).body.events;
    assert.equal(history.at(-1).event_type, 'telemetry_sample');
  }
  const filtered = await stream(inst, `?session_id=${a}&include_init=false`);
  await fault(inst, { emit: { kind: 'session_updated', data: { session: { session_id: a, status: 'finished' } } } });
  await fault(inst, { emit: { kind: 'brand_new_kind', data: { anything: [1, 2] } } });
  await fault(inst, { emit: { kind: 'session_updated', data: { session: { session_id: b, status: 'finished' } } } });
  const partial = await filtered.waitFor((f) => f.event === 'session_updated');
  assert.equal(partial.data, `{"session": {"session_id": "${a}", "status": "finished"}}`);
  const odd = await filtered.waitFor((f) => f.event === 'brand_new_kind');
  assert.deepEqual(odd.json, { anything: [1, 2] });
  await sse.waitFor(
    (f) => f.event === 'session_updated' && f.json.session.session_id === b && f.json.session.status === 'finished',
  );
  assert.ok(
    !filtered.frames.some((f) => f.json?.session?.session_id === b),
    'the session filter applies to raw messages',
  );
  inst.emit('event', { data: { event_type: 'raw', session_id: a } });
  await filtered.waitForEvent('raw', a);
  sse.close();
  filtered.close();
  inst.close();
});

test('hugeOutput: the next run carries a ~5 MB tool output', async () => {
  const inst = sim.createInstance({ stepMs: 2 });
  const sse = await stream(inst);
  inst.fault({ hugeOutput: true });
  const a = inst.startScriptedSession({ prompt: 'an ordinary prompt' }).session_id;
  await sse.waitForEvent('run_completed', a, { timeoutMs: 15000 });
  const b = inst.startScriptedSession({ prompt: 'another ordinary prompt' }).session_id;
  await sse.waitForEvent('run_completed', b, { timeoutMs: 15000 });
  const sizes = (sid) => sse.frames.filter((f) => f.json?.data?.session_id === sid).map((f) => f.data.length);
  assert.ok(Math.max(...sizes(a)) > 5_000_000, 'first run has it');
  assert.ok(Math.max(...sizes(b)) < 100_000, 'only the next run');
  sse.close();
  inst.close();
});
