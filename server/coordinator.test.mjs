import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimServer } from './coordinator.mjs';
import {
  call,
  startBody,
  resumeBody,
  stream,
  labels,
  squash,
  sleep,
  LIVE_KEYS,
  SESSION_KEYS,
  TIMESTAMP,
} from './testkit.mjs';

/** @type {Awaited<ReturnType<typeof startSimServer>>} */
let sim;
before(async () => {
  sim = await startSimServer({ root: { stepMs: 2 } });
});
after(() => sim.close());

const FAST = { stepMs: 2 };
const CODES = {
  init: 'ini',
  session_created: 'scr',
  session_updated: 'sup',
  session_deleted: 'sdl',
  event: 'evt',
  run_failed: 'rfl',
};

test('the root instance serves at the origin; instances are isolated under /i/<id>', async () => {
  assert.equal(sim.url, sim.origin);
  assert.match(sim.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(sim.root.base, sim.origin);
  const a = sim.createInstance(FAST);
  const b = sim.createInstance(FAST);
  assert.equal(a.base, `${sim.origin}/i/${a.id}`);
  assert.equal(a.sseUrl, `${a.base}/sse/sessions`);
  const started = await call(a, '/runs', { method: 'POST', body: startBody('only in a') });
  assert.equal(started.status, 201);
  assert.equal((await call(a, '/sessions')).body.sessions.length, 1);
  assert.deepEqual((await call(b, '/sessions')).body, { sessions: [] });
  assert.equal((await call(b, `/sessions/${started.body.session_id}`)).status, 404);
  a.close();
  b.close();
});

test('a start, a resume and a stop stream in the protocol order with well-formed frames', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  assert.equal(sse.status, 200);
  assert.match(sse.response.headers.get('content-type'), /^text\/event-stream/);
  assert.equal(sse.response.headers.get('cache-control'), 'no-cache');
  assert.equal(sse.response.headers.get('x-accel-buffering'), 'no');
  assert.equal(sse.response.headers.get('access-control-allow-origin'), '*');
  const init = await sse.waitFor((f) => f.event === 'init');
  assert.deepEqual(init.json, { sessions: [] });

  const prompt = 'Hello, list the files please';
  const start = await call(inst, '/runs', { method: 'POST', body: startBody(prompt) });
  assert.equal(start.status, 201);
  assert.deepEqual(Object.keys(start.body), ['run_id', 'session_id', 'status']);
  assert.equal(start.body.status, 'pending');
  assert.match(start.body.session_id, /^ses_[0-9a-f]{12}$/);
  assert.match(start.body.run_id, /^run_[0-9a-f]{12}$/);
  const sid = start.body.session_id;
  await sse.waitForEvent('run_completed', sid);

  const resume = await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'Now summarize README.md') });
  assert.equal(resume.status, 201);
  assert.equal(resume.body.session_id, sid);
  assert.notEqual(resume.body.run_id, start.body.run_id);
  const firstRunFrames = sse.frames.length;
  await sse.waitForEvent('run_completed', sid, { from: firstRunFrames });

  const stop = await call(inst, `/sessions/${sid}/stop`, { method: 'POST' });
  assert.deepEqual(stop.body, { ok: true, session_id: sid, status: 'stopping' });
  await sse.waitForStatus('stopped', sid);

  const run = ['run_start', 'sup:running', 'message', 'post_tool+', 'message', 'result', 'sup:idle', 'run_completed'];
  const resumed = [
    'sup:running',
    'run_start',
    'message',
    'post_tool+',
    'message',
    'result',
    'sup:idle',
    'run_completed',
  ];
  assert.deepEqual(squash(labels(sse.frames, sid)), [
    'created:pending',
    ...run,
    ...resumed,
    'sup:stopping',
    'sup:stopped',
  ]);

  for (const f of sse.frames) {
    assert.match(f.id, /^\d{13}-(ini|scr|sup|sdl|evt|rfl)-\d{3}$/);
    assert.equal(f.id.split('-')[1], CODES[f.event], `${f.id} for ${f.event}`);
  }
  const sessions = sse.frames.filter((f) => f.event === 'session_created' || f.event === 'session_updated');
  for (const f of sessions) assert.deepEqual(Object.keys(f.json.session), SESSION_KEYS);
  const events = sse.frames.filter((f) => f.event === 'event').map((f) => f.json.data);
  for (const e of events) {
    assert.deepEqual(Object.keys(e), LIVE_KEYS);
    assert.match(e.timestamp, TIMESTAMP);
  }
  const messages = events.filter((e) => e.event_type === 'message');
  assert.deepEqual(
    messages.filter((m) => m.role === 'user').map((m) => m.content),
    [[{ type: 'text', text: prompt }], [{ type: 'text', text: 'Now summarize README.md' }]],
  );
  const assistant = messages.filter((m) => m.role === 'assistant');
  const results = events.filter((e) => e.event_type === 'result');
  assert.deepEqual(
    results.map((r) => r.result_text),
    assistant.map((m) => m.content[0].text),
  );
  assert.match(assistant[0].content[0].text, /^## .+\n[\s\S]*^- [\s\S]*^```ts$/m);
  const completed = events.filter((e) => e.event_type === 'run_completed');
  for (const c of completed) assert.deepEqual([c.exit_code, c.reason], [0, 'completed']);
  // Timestamps increase within the session.
  const times = events.map((e) => e.timestamp);
  assert.deepEqual([...times].sort(), times);
  // The same prompt plays the same script (content only; ids and times differ).
  const again = sim.createInstance(FAST);
  const sse2 = await stream(again);
  const s2 = (await call(again, '/runs', { method: 'POST', body: startBody(prompt) })).body.session_id;
  await sse2.waitForEvent('run_completed', s2);
  const strip = (list) => list.map(({ timestamp, session_id, ...rest }) => rest);
  const firstRun = events.slice(0, events.findIndex((e) => e.event_type === 'run_completed') + 1);
  assert.deepEqual(strip(sse2.frames.filter((f) => f.event === 'event').map((f) => f.json.data)), strip(firstRun));
  sse.close();
  sse2.close();
  inst.close();
  again.close();
});

test('GET /sessions lists newest first; GET /sessions/{id} answers or 404s', async () => {
  const inst = sim.createInstance(FAST);
  const one = (await call(inst, '/runs', { method: 'POST', body: startBody('first') })).body.session_id;
  const two = (await call(inst, '/runs', { method: 'POST', body: startBody('second') })).body.session_id;
  const list = await call(inst, '/sessions');
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.sessions.map((s) => s.session_id),
    [two, one],
  );
  const got = await call(inst, `/sessions/${one}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.session.session_id, one);
  assert.deepEqual(Object.keys(got.body.session), SESSION_KEYS);
  assert.match(got.body.session.created_at, TIMESTAMP);
  const missing = await call(inst, '/sessions/ses_000000000000');
  assert.equal(missing.status, 404);
  assert.equal(typeof missing.body.detail, 'string');
  const init = await stream(inst);
  const frame = await init.waitFor((f) => f.event === 'init');
  assert.deepEqual(
    frame.json.sessions.map((s) => s.session_id),
    [two, one],
  );
  init.close();
  inst.close();
});

test('include_init=false skips init; session_id filters init and live frames', async () => {
  const inst = sim.createInstance(FAST);
  const a = (await call(inst, '/runs', { method: 'POST', body: startBody('session a') })).body.session_id;
  const all = await stream(inst, '?include_init=false');
  const onlyA = await stream(inst, `?session_id=${a}&created_by=someone`);
  const nobody = await stream(inst, '?session_id=ses_ffffffffffff');
  const initA = await onlyA.waitFor((f) => f.event === 'init');
  assert.deepEqual(
    initA.json.sessions.map((s) => s.session_id),
    [a],
  );
  assert.deepEqual((await nobody.waitFor((f) => f.event === 'init')).json, { sessions: [] });

  const b = (await call(inst, '/runs', { method: 'POST', body: startBody('session b') })).body.session_id;
  await all.waitForEvent('run_completed', b);
  await onlyA.waitForEvent('run_completed', a);
  await all.waitForEvent('run_completed', a);
  assert.ok(!all.frames.some((f) => f.event === 'init'), 'no init with include_init=false');
  const seen = new Set(
    onlyA.frames.filter((f) => f.event !== 'init').map((f) => f.json.session?.session_id ?? f.json.data?.session_id),
  );
  assert.deepEqual([...seen], [a]);
  assert.ok(all.frames.some((f) => f.json.session?.session_id === b));
  assert.equal(nobody.frames.length, 1, 'an unknown session id gets only its empty init');
  assert.equal((await call(inst, '/sse/sessions?include_init=maybe')).status, 422);
  for (const s of [all, onlyA, nobody]) s.close();
  inst.close();
});

test('Last-Event-ID suppresses init and nothing is replayed', async () => {
  const inst = sim.createInstance(FAST);
  const first = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('before reconnect') })).body.session_id;
  await first.waitForEvent('run_completed', sid);
  const lastId = first.frames.at(-1).id;
  first.close();

  const again = await stream(inst, '', { 'Last-Event-ID': lastId });
  const other = (await call(inst, '/runs', { method: 'POST', body: startBody('after reconnect') })).body.session_id;
  await again.waitForEvent('run_completed', other);
  assert.equal(again.frames[0].event, 'session_created');
  assert.equal(again.frames[0].json.session.session_id, other);
  assert.ok(!again.frames.some((f) => f.event === 'init' || f.json?.data?.session_id === sid));
  assert.equal(inst.stats().requests.at(-2).lastEventId, lastId);
  again.close();
  inst.close();
});

test('a heartbeat comment follows heartbeatMs of silence', async () => {
  const inst = sim.createInstance({ ...FAST, heartbeatMs: 40 });
  const sse = await stream(inst);
  await sse.until(() => (sse.comments.length >= 2 ? true : undefined), 5000, 'two heartbeats');
  assert.deepEqual(sse.comments.slice(0, 2), [{ comment: 'heartbeat' }, { comment: 'heartbeat' }]);
  assert.equal(sse.frames.length, 1);
  const quiet = sim.createInstance(FAST);
  const none = await stream(quiet);
  await none.waitFor((f) => f.event === 'init');
  await sleep(120);
  assert.equal(none.comments.length, 0, 'default heartbeat is 30 s');
  sse.close();
  none.close();
  inst.close();
  quiet.close();
});

test('auth: 401 without credentials, 403 with a wrong token, ok with Bearer or api_key', async () => {
  const inst = sim.createInstance({ ...FAST, token: 'sekret', tokens: ['refreshed'] });
  for (const path of ['/sse/sessions', '/sessions', '/agents']) {
    const none = await call(inst, path);
    assert.equal(none.status, 401, path);
    assert.equal(typeof none.body.detail, 'string');
    assert.equal(none.headers.get('access-control-allow-origin'), '*');
    const wrong = await call(inst, path, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 403, path);
    assert.equal(typeof wrong.body.detail, 'string');
    assert.equal((await call(inst, `${path}?api_key=nope`)).status, 403);
  }
  const byHeader = await stream(inst, '', { Authorization: 'Bearer sekret' });
  assert.equal(byHeader.status, 200);
  await byHeader.waitFor((f) => f.event === 'init');
  const byQuery = await stream(inst, '?api_key=sekret');
  assert.equal(byQuery.status, 200);
  assert.equal((await call(inst, '/sessions', { headers: { Authorization: 'Bearer refreshed' } })).status, 200);
  const post = await call(inst, '/runs', {
    method: 'POST',
    body: startBody('x'),
    headers: { Authorization: 'Bearer sekret' },
  });
  assert.equal(post.status, 201);
  assert.equal((await call(inst, '/runs', { method: 'POST', body: startBody('x') })).status, 401);
  // Control routes are never under auth.
  assert.equal((await call(inst, '/__sim/stats')).status, 200);
  const log = inst.stats().requests;
  assert.ok(log.some((r) => r.authorization === 'Bearer nope' && r.status === 403));
  assert.ok(log.some((r) => r.query.api_key === 'sekret' && r.status === 200 && r.path === '/sse/sessions'));
  byHeader.close();
  byQuery.close();
  inst.close();
});

test('POST /runs: parameters body on the later release, 422 for the other shape, 400 for no prompt', async () => {
  const inst = sim.createInstance(FAST);
  const topLevel = await call(inst, '/runs', { method: 'POST', body: { type: 'start_session', prompt: 'hi' } });
  assert.equal(topLevel.status, 422);
  assert.ok(Array.isArray(topLevel.body.detail));
  assert.deepEqual(topLevel.body.detail[0].loc, ['body', 'parameters']);
  for (const prompt of [undefined, '', '   ']) {
    const bad = await call(inst, '/runs', {
      method: 'POST',
      body: { type: 'start_session', parameters: prompt === undefined ? {} : { prompt } },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.detail.error, 'parameter_validation_failed');
    assert.equal(typeof bad.body.detail.message, 'string');
    assert.equal(bad.body.detail.validation_errors[0].field, 'prompt');
  }
  assert.equal(
    (await call(inst, '/runs', { method: 'POST', body: { type: 'nope', parameters: { prompt: 'x' } } })).status,
    422,
  );
  const invalidJson = await fetch(`${inst.base}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{oops',
  });
  assert.equal(invalidJson.status, 422);
  const withAgent = await call(inst, '/runs', { method: 'POST', body: startBody('hello', { agent_name: 'coder' }) });
  assert.equal(withAgent.status, 201);
  assert.equal((await call(inst, `/sessions/${withAgent.body.session_id}`)).body.session.agent_name, 'coder');

  const rename = sim.createInstance({ ...FAST, era: 'rename' });
  const nested = await call(rename, '/runs', { method: 'POST', body: startBody('hi') });
  assert.equal(nested.status, 422);
  assert.deepEqual(nested.body.detail[0].loc, ['body', 'prompt']);
  assert.equal(
    (await call(rename, '/runs', { method: 'POST', body: { type: 'start_session', prompt: 'hi' } })).status,
    201,
  );

  const override = sim.createInstance({ ...FAST, runBody: 'prompt' });
  assert.equal((await call(override, '/runs', { method: 'POST', body: startBody('hi') })).status, 422);
  assert.equal(
    (await call(override, '/runs', { method: 'POST', body: { type: 'start_session', prompt: 'hi' } })).status,
    201,
  );
  for (const i of [inst, rename, override]) i.close();
});

test('resume: only an idle session; 409 while busy, 404 unknown, 400 without session_id', async () => {
  const inst = sim.createInstance({ stepMs: 5 });
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('resume rules') })).body.session_id;
  const busy = await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'too early') });
  assert.equal(busy.status, 409);
  assert.equal(typeof busy.body.detail, 'string');
  assert.equal((await call(inst, '/runs', { method: 'POST', body: resumeBody('ses_000000000000', 'x') })).status, 404);
  assert.equal(
    (await call(inst, '/runs', { method: 'POST', body: { type: 'resume_session', parameters: { prompt: 'x' } } }))
      .status,
    400,
  );
  await sse.waitForStatus('idle', sid);
  await sse.waitForEvent('run_completed', sid);
  const ok = await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'follow up') });
  assert.equal(ok.status, 201);
  // A second resume before the first one finishes is refused too.
  assert.equal((await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'again') })).status, 409);
  await sse.waitForEvent('run_completed', sid, {
    from: sse.frames.findIndex((f) => f.json?.data?.event_type === 'run_completed') + 1,
  });
  await call(inst, `/sessions/${sid}/stop`, { method: 'POST' });
  await sse.waitForStatus('stopped', sid);
  assert.equal((await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'after stop') })).status, 409);
  sse.close();
  inst.close();
});

test('stop mid-run: stopping then stopped, and the run emits nothing more (no run_completed)', async () => {
  const inst = sim.createInstance({ stepMs: 10 });
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('stop me') })).body.session_id;
  await sse.waitForEvent('run_start', sid);
  const stop = await call(inst, `/sessions/${sid}/stop`, { method: 'POST' });
  assert.equal(stop.status, 200);
  assert.deepEqual(stop.body, { ok: true, session_id: sid, status: 'stopping' });
  await sse.waitForStatus('stopped', sid);
  const count = sse.frames.length;
  // A full run of this prompt takes well under 30 steps; wait that long and expect silence.
  await sleep(30 * 10);
  assert.equal(sse.frames.length, count, 'nothing after stopped');
  const seen = labels(sse.frames, sid);
  assert.ok(!seen.includes('run_completed') && !seen.includes('result'));
  assert.deepEqual(seen.slice(-2), ['sup:stopping', 'sup:stopped']);
  assert.equal((await call(inst, `/sessions/${sid}`)).body.session.status, 'stopped');
  assert.equal((await call(inst, `/sessions/${sid}/stop`, { method: 'POST' })).status, 409);
  assert.equal((await call(inst, '/sessions/ses_000000000000/stop', { method: 'POST' })).status, 404);
  sse.close();
  inst.close();
});

test('DELETE: 409 while running or idle, then 200 and session_deleted', async () => {
  const inst = sim.createInstance({ stepMs: 5 });
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('delete me') })).body.session_id;
  await sse.waitForEvent('run_start', sid);
  assert.equal((await call(inst, `/sessions/${sid}`, { method: 'DELETE' })).status, 409);
  await sse.waitForEvent('run_completed', sid);
  const idle = await call(inst, `/sessions/${sid}`, { method: 'DELETE' });
  assert.equal(idle.status, 409);
  assert.equal(typeof idle.body.detail, 'string');
  await call(inst, `/sessions/${sid}/stop`, { method: 'POST' });
  await sse.waitForStatus('stopped', sid);
  const del = await call(inst, `/sessions/${sid}`, { method: 'DELETE' });
  assert.equal(del.status, 200);
  const frame = await sse.waitFor((f) => f.event === 'session_deleted');
  assert.deepEqual(frame.json, { session_id: sid, runs_deleted: 1 });
  assert.match(frame.id, /-sdl-\d{3}$/);
  assert.equal((await call(inst, `/sessions/${sid}`)).status, 404);
  assert.equal((await call(inst, `/sessions/${sid}`, { method: 'DELETE' })).status, 404);
  sse.close();
  inst.close();
});

test('history: integer ids, empties as null, at most historyCap oldest events', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('history unknown') })).body.session_id;
  await sse.waitForEvent('run_completed', sid);
  const live = sse.frames.filter((f) => f.event === 'event').map((f) => f.json.data);
  const { status, body } = await call(inst, `/sessions/${sid}/events`);
  assert.equal(status, 200);
  assert.equal(body.events.length, live.length);
  assert.deepEqual(Object.keys(body.events[0]), ['id', 'session_id', 'event_type', 'timestamp', ...LIVE_KEYS.slice(3)]);
  const ids = body.events.map((e) => e.id);
  assert.ok(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1])));
  assert.deepEqual(
    body.events.map((e) => [e.event_type, e.timestamp]),
    live.map((e) => [e.event_type, e.timestamp]),
  );
  const completed = body.events.find((e) => e.event_type === 'run_completed');
  assert.equal(completed.exit_code, null, '0 comes back as null');
  const hook = body.events.find((e) => e.event_type === 'hook_complete');
  assert.equal(hook.exit_code, null);
  assert.equal(hook.tool_output.stderr, '', 'nested values are left alone');

  const injected = {
    event_type: 'post_tool',
    timestamp: '2026-11-24T01:57:57.000001+00:00',
    tool_name: 'Read',
    tool_input: {},
    tool_output: '',
    error: '',
    content: [],
    reason: '',
    role: 'assistant',
    exit_code: 0,
    result_data: false,
  };
  assert.equal((await call(inst, `/sessions/${sid}/events`, { method: 'POST', body: injected })).status, 200);
  const row = (await call(inst, `/sessions/${sid}/events`)).body.events.at(-1);
  assert.deepEqual(row, {
    id: row.id,
    session_id: sid,
    event_type: 'post_tool',
    timestamp: injected.timestamp,
    tool_name: 'Read',
    tool_input: null,
    tool_output: null,
    error: null,
    exit_code: null,
    reason: null,
    role: 'assistant',
    content: null,
    result_text: null,
    result_data: null,
  });
  const liveCopy = await sse.waitFor((f) => f.json?.data?.timestamp === injected.timestamp);
  assert.equal(liveCopy.json.data.tool_output, '', 'the live copy keeps ""');
  assert.deepEqual(liveCopy.json.data.tool_input, {});

  const total = live.length + 1;
  for (let i = total; i < 130; i++) {
    await call(inst, `/sessions/${sid}/events`, {
      method: 'POST',
      body: { event_type: 'post_tool', tool_name: 'Bash', tool_input: { command: `echo ${i}` } },
    });
  }
  const capped = (await call(inst, `/sessions/${sid}/events`)).body.events;
  assert.equal(capped.length, 100);
  assert.equal(capped[0].event_type, 'run_start', 'the oldest are kept');
  assert.equal(capped[99].tool_input.command, 'echo 99');
  inst.fault({ historyCap: 5 });
  assert.equal((await call(inst, `/sessions/${sid}/events`)).body.events.length, 5);
  assert.equal((await call(inst, '/sessions/ses_000000000000/events')).status, 404);
  sse.close();
  inst.close();
});

test('GET /sessions/{id}/result gives the last result', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('what is the result') })).body.session_id;
  const before = await call(inst, `/sessions/${sid}/result`);
  assert.deepEqual(before.body, { result_text: null, result_data: null });
  const result = (await sse.waitForEvent('result', sid)).json.data;
  const after = await call(inst, `/sessions/${sid}/result`);
  assert.deepEqual(after.body, { result_text: result.result_text, result_data: result.result_data });
  assert.ok(after.body.result_text.length > 20);
  assert.equal((await call(inst, '/sessions/ses_000000000000/result')).status, 404);
  sse.close();
  inst.close();
});

test('POST /sessions/{id}/events stores and rebroadcasts any event_type unchanged', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('inject') })).body.session_id;
  await sse.waitForEvent('run_completed', sid);
  for (const event_type of ['session_start', 'session_stop', 'some_future_thing']) {
    const r = await call(inst, `/sessions/${sid}/events`, {
      method: 'POST',
      body: { event_type, session_id: sid, timestamp: '2026-11-24T01:59:24.025232+00:00', exit_code: 0 },
    });
    assert.equal(r.status, 200);
    const frame = await sse.waitForEvent(event_type, sid);
    assert.deepEqual(Object.keys(frame.json.data), LIVE_KEYS);
    assert.equal(frame.json.data.timestamp, '2026-11-24T01:59:24.025232+00:00');
    assert.equal(frame.json.data.exit_code, 0);
  }
  const types = (await call(inst, `/sessions/${sid}/events`)).body.events.map((e) => e.event_type);
  assert.deepEqual(types.slice(-3), ['session_start', 'session_stop', 'some_future_thing']);
  assert.equal((await call(inst, `/sessions/${sid}/events`, { method: 'POST', body: { tool_name: 'x' } })).status, 422);
  assert.equal(
    (await call(inst, '/sessions/ses_000000000000/events', { method: 'POST', body: { event_type: 'x' } })).status,
    404,
  );
  sse.close();
  inst.close();
});

test('GET /agents, unknown routes and methods, CORS preflight', async () => {
  const inst = sim.createInstance({ ...FAST, agents: [{ name: 'solo', description: 'Only one', status: 'active' }] });
  assert.deepEqual((await call(inst, '/agents')).body, [{ name: 'solo', description: 'Only one', status: 'active' }]);
  const defaults = await call(sim.root, '/agents');
  assert.ok(defaults.body.length >= 2);
  for (const a of defaults.body) assert.deepEqual(Object.keys(a), ['name', 'description', 'status']);
  assert.equal((await call(inst, '/nope')).status, 404);
  assert.equal((await call(inst, '/agents', { method: 'POST', body: {} })).status, 405);
  assert.equal((await call({ base: `${sim.origin}/i/doesnotexist` }, '/sessions')).status, 404);

  const pre = await fetch(`${inst.base}/sse/sessions`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://localhost:8000',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization,last-event-id,content-type',
    },
  });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods'), /DELETE.*GET.*POST/);
  const allowed = pre.headers.get('access-control-allow-headers').toLowerCase();
  for (const h of ['authorization', 'content-type', 'last-event-id']) assert.ok(allowed.includes(h), h);
  assert.equal((await fetch(`${inst.base}/runs`, { method: 'OPTIONS' })).status, 200);
  for (const path of ['/sessions', '/nope'])
    assert.equal((await call(inst, path)).headers.get('access-control-allow-origin'), '*');
  inst.close();
});

test('legacyNames: session_start/session_stop instead of run_start/run_completed', async () => {
  const inst = sim.createInstance({ ...FAST, legacyNames: true });
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('old executor') })).body.session_id;
  const stop = await sse.waitForEvent('session_stop', sid);
  assert.deepEqual([stop.json.data.exit_code, stop.json.data.reason], [0, 'completed']);
  const seen = labels(sse.frames, sid);
  assert.equal(seen[1], 'session_start');
  assert.ok(!seen.includes('run_start') && !seen.includes('run_completed'));
  // Per session through the control API, on an instance without the option.
  const plain = sim.createInstance(FAST);
  const sse2 = await stream(plain);
  const legacy = (
    await call(plain, '/__sim/session', { method: 'POST', body: { prompt: 'legacy one', legacyNames: true } })
  ).body.session_id;
  const modern = plain.startScriptedSession({ prompt: 'modern one' }).session_id;
  await sse2.waitForEvent('session_stop', legacy);
  await sse2.waitForEvent('run_completed', modern);
  sse.close();
  sse2.close();
  inst.close();
  plain.close();
});

test('rename era: finished instead of idle, no result events or result keys, {result}', async () => {
  const inst = sim.createInstance({ ...FAST, era: 'rename' });
  const sse = await stream(inst);
  const sid = (
    await call(inst, '/runs', { method: 'POST', body: { type: 'start_session', prompt: 'Hello old world' } })
  ).body.session_id;
  await sse.waitForEvent('run_completed', sid);
  const resumed = await call(inst, '/runs', {
    method: 'POST',
    body: { type: 'resume_session', session_id: sid, prompt: 'And again' },
  });
  assert.equal(resumed.status, 201);
  await sse.waitForEvent('run_completed', sid, {
    from: sse.frames.findIndex((f) => f.json?.data?.event_type === 'run_completed') + 1,
  });
  const run = ['run_start', 'sup:running', 'message', 'post_tool+', 'message', 'sup:finished', 'run_completed'];
  const resumedRun = ['run_start', 'sup:running+', 'message', 'post_tool+', 'message', 'sup:finished', 'run_completed'];
  assert.deepEqual(squash(labels(sse.frames, sid)), ['created:pending', ...run, ...resumedRun]);
  const events = sse.frames.filter((f) => f.event === 'event').map((f) => f.json.data);
  for (const e of events) assert.deepEqual(Object.keys(e), LIVE_KEYS.slice(0, 11));
  const updates = sse.frames.filter((f) => f.event === 'session_updated').map((f) => f.json.session);
  assert.deepEqual(
    updates.slice(-3).map((s) => [s.status, s.last_resumed_at !== null]),
    [
      ['running', false],
      ['running', true],
      ['finished', true],
    ],
  );
  assert.match(updates.at(-1).last_resumed_at, TIMESTAMP);
  assert.ok(!updates.some((s) => s.status === 'idle'));
  const history = (await call(inst, `/sessions/${sid}/events`)).body.events;
  assert.ok(!('result_text' in history[0]) && !('result_data' in history[0]));
  const result = await call(inst, `/sessions/${sid}/result`);
  const lastAssistant = events.filter((e) => e.role === 'assistant').at(-1).content[0].text;
  assert.deepEqual(result.body, { result: lastAssistant });
  const failing = (
    await call(inst, '/runs', { method: 'POST', body: { type: 'start_session', prompt: 'this will fail' } })
  ).body;
  const rf = await sse.waitFor((f) => f.event === 'run_failed');
  assert.equal(rf.json.session_id, failing.session_id);
  assert.deepEqual(labels(sse.frames, failing.session_id).slice(-2), ['sup:finished', 'run_failed']);
  sse.close();
  inst.close();
});

test('a failing run: session_updated(failed) + run_failed, no run_completed', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const { session_id: sid, run_id } = (await call(inst, '/runs', { method: 'POST', body: startBody('please fail') }))
    .body;
  const rf = await sse.waitFor((f) => f.event === 'run_failed');
  assert.deepEqual(Object.keys(rf.json), ['run_id', 'session_id', 'error']);
  assert.equal(rf.json.run_id, run_id);
  assert.equal(rf.json.session_id, sid);
  assert.equal(typeof rf.json.error, 'string');
  assert.match(rf.id, /-rfl-\d{3}$/);
  const seen = labels(sse.frames, sid);
  assert.deepEqual(seen.slice(-2), ['sup:failed', 'run_failed']);
  assert.ok(!seen.includes('run_completed'));
  assert.equal((await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'x') })).status, 409);
  assert.equal((await call(inst, `/sessions/${sid}`, { method: 'DELETE' })).status, 200);
  sse.close();
  inst.close();
});

test('unknown prompts add an unknown event type and hook events', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const sid = (
    await call(inst, '/runs', { method: 'POST', body: startBody('show unknown things', { agent_name: 'researcher' }) })
  ).body.session_id;
  await sse.waitForEvent('run_completed', sid);
  const hooks = sse.frames.filter((f) => f.json?.data?.event_type?.startsWith('hook_')).map((f) => f.json.data);
  assert.deepEqual(
    hooks.map((h) => [h.event_type, h.tool_name]),
    [
      ['hook_start', 'hook:on_run_start:researcher'],
      ['hook_complete', 'hook:on_run_start:researcher'],
    ],
  );
  assert.ok(sse.frames.some((f) => f.json?.data?.event_type === 'telemetry_sample'));
  sse.close();
  inst.close();
});

test('a ~5 MB tool output arrives whole, live and in history', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('huge log please') })).body.session_id;
  await sse.waitForEvent('run_completed', sid, { timeoutMs: 15000 });
  const big = sse.frames.find(
    (f) => typeof f.json?.data?.tool_output === 'string' && f.json.data.tool_output.length > 5_000_000,
  );
  assert.ok(big, 'a frame with a 5 MB output');
  assert.ok(big.data.length >= 5 * 1024 * 1024);
  assert.match(big.json.data.tool_output, /^2026-11-24T01:57:57Z INFO \[0000001\]/);
  const history = (await call(inst, `/sessions/${sid}/events`)).body.events;
  assert.ok(history.some((e) => e.tool_output === big.json.data.tool_output));
  sse.close();
  inst.close();
});

test('scripted sessions with several runs resume themselves', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  const { session_id } = inst.startScriptedSession({ prompt: 'three runs', runs: 3 });
  await sse.until(
    () => (labels(sse.frames, session_id).filter((l) => l === 'run_completed').length === 3 ? true : undefined),
    10000,
    'three runs',
  );
  const users = sse.frames.filter((f) => f.json?.data?.role === 'user').map((f) => f.json.data.content[0].text);
  assert.deepEqual(users, ['three runs', 'three runs (run 2)', 'three runs (run 3)']);
  sse.close();
  inst.close();
});

test('child sessions: POST /runs takes parent_session_id; a resume relinks on the later coordinator only', async () => {
  const inst = sim.createInstance(FAST);
  const sse = await stream(inst);
  await sse.waitFor((f) => f.event === 'init');
  const parent = (await call(inst, '/runs', { method: 'POST', body: startBody('the parent') })).body.session_id;
  const child = await call(inst, '/runs', {
    method: 'POST',
    body: startBody('a sub-agent', { parent_session_id: parent }),
  });
  assert.equal(child.status, 201);
  const created = await sse.waitFor(
    (f) => f.event === 'session_created' && f.json.session.session_id === child.body.session_id,
  );
  assert.equal(created.json.session.parent_session_id, parent);
  assert.equal((await call(inst, `/sessions/${child.body.session_id}`)).body.session.parent_session_id, parent);
  assert.equal(
    (await call(inst, '/runs', { method: 'POST', body: startBody('x', { parent_session_id: 7 }) })).status,
    422,
  );

  // A resume with another parent links the session to it; the next session_updated carries it.
  await sse.waitForEvent('run_completed', parent);
  const other = (await call(inst, '/runs', { method: 'POST', body: startBody('another parent') })).body.session_id;
  const from = sse.frames.length;
  const resume = await call(inst, '/runs', {
    method: 'POST',
    body: { ...resumeBody(parent, 'go on'), parent_session_id: other },
  });
  assert.equal(resume.status, 201);
  const updated = await sse.waitFor((f) => f.event === 'session_updated' && f.json.session.session_id === parent, {
    from,
  });
  assert.equal(updated.json.session.parent_session_id, other);

  // The rename-era coordinator takes the parent at the start only.
  const old = sim.createInstance({ ...FAST, era: 'rename' });
  const body = (prompt, extra = {}) => ({ type: 'start_session', prompt, ...extra });
  const a = (await call(old, '/runs', { method: 'POST', body: body('a') })).body.session_id;
  const b = (await call(old, '/runs', { method: 'POST', body: body('b', { parent_session_id: a }) })).body.session_id;
  assert.equal((await call(old, `/sessions/${b}`)).body.session.parent_session_id, a);
  sse.close();
  inst.close();
  old.close();
});

test('seedSessions: many sessions with a past, trees of `group`, statuses in turn, newest first', async () => {
  const inst = sim.createInstance(FAST);
  const { session_ids: ids } = inst.seedSessions({ count: 7, group: 4, fanout: 2, statuses: ['idle', 'failed'] });
  assert.equal(ids.length, 7);
  const list = (await call(inst, '/sessions')).body.sessions;
  assert.deepEqual(
    list.map((s) => s.session_id),
    [...ids].reverse(),
  );
  const byId = new Map(list.map((s) => [s.session_id, s]));
  // Group of 4: a root, two children of it, a grandchild under the first child; then a new group.
  assert.deepEqual(
    ids.map((id) => byId.get(id).parent_session_id),
    [null, ids[0], ids[0], ids[1], null, ids[4], ids[4]],
  );
  assert.deepEqual(
    ids.map((id) => byId.get(id).status),
    ['idle', 'failed', 'idle', 'failed', 'idle', 'failed', 'idle'],
  );
  for (const s of list) assert.deepEqual(Object.keys(s), SESSION_KEYS);
  assert.ok(Date.parse(byId.get(ids[0]).created_at) < Date.parse(byId.get(ids[6]).created_at));
  const history = (await call(inst, `/sessions/${ids[1]}/events`)).body.events;
  assert.deepEqual(
    history.map((e) => e.event_type),
    ['run_start', 'message', 'post_tool'],
  );
  assert.match(history[1].content[0].text, /\(task \d+\)$/);
  assert.equal(history[1].role, 'user');
  const done = (await call(inst, `/sessions/${ids[0]}/events`)).body.events;
  assert.equal(done.at(-1).event_type, 'run_completed');
  // Over the control route too.
  const res = await fetch(`${inst.base}/__sim/seed`, { method: 'POST', body: '{"count": 3}' });
  assert.equal(res.status, 201);
  assert.equal((await res.json()).session_ids.length, 3);
  assert.equal((await fetch(`${inst.base}/__sim/seed`, { method: 'POST', body: '{"count": -1}' })).status, 400);
  inst.close();
});
