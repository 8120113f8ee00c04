// What stories (and tests) script on an instance: a fixed turn for every run, sessions that have a
// past, and a fault's own error detail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimServer } from './coordinator.mjs';
import { call, startBody, resumeBody, stream, labels, sleep, LIVE_KEYS } from './testkit.mjs';

/** @type {Awaited<ReturnType<typeof startSimServer>>} */
let sim;
before(async () => {
  sim = await startSimServer();
});
after(() => sim.close());

const TURN = {
  tools: [
    { tool_name: 'Glob', tool_input: { pattern: 'src/**/*.ts' }, tool_output: ['src/index.ts'] },
    { tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_output: { stdout: '1 failing' }, exit_code: 1 },
  ],
  reply: 'One test fails.',
  result_text: null,
  result_data: { failing_tests: 1 },
};

const sessionEvents = (sse, sid) =>
  sse.frames.filter((f) => f.event === 'event' && f.json.data.session_id === sid).map((f) => f.json.data);

test('turn: every run plays the scripted tools, reply and result, whatever the prompt', async () => {
  const inst = sim.createInstance({ stepMs: 2, turn: TURN });
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('please fail slowly') })).body.session_id;
  await sse.waitForEvent('run_completed', sid);
  const events = sessionEvents(sse, sid);
  assert.deepEqual(
    events.map((e) => [e.event_type, e.tool_name ?? e.role]),
    [
      ['run_start', null],
      ['message', 'user'],
      ['post_tool', 'Glob'],
      ['post_tool', 'Bash'],
      ['message', 'assistant'],
      ['result', null],
      ['run_completed', null],
    ],
  );
  for (const e of events) assert.deepEqual(Object.keys(e), LIVE_KEYS);
  assert.equal(events[3].exit_code, 1);
  assert.deepEqual(events[3].tool_output, { stdout: '1 failing' });
  assert.equal(events[4].content[0].text, 'One test fails.');
  assert.deepEqual([events[5].result_text, events[5].result_data], [null, { failing_tests: 1 }]);
  assert.equal((await call(inst, `/sessions/${sid}`)).body.session.status, 'idle');

  // The turn changes at runtime; a resume plays the new one.
  inst.fault({ turn: { reply: 'Second answer' } });
  const from = sse.frames.length;
  await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'again') });
  await sse.waitForEvent('run_completed', sid, { from });
  assert.deepEqual(
    sessionEvents(sse, sid)
      .slice(events.length)
      .map((e) => e.event_type),
    ['run_start', 'message', 'message', 'run_completed'],
  );
  // null: back to the prompt's own plan.
  inst.fault({ turn: null });
  assert.equal(inst.options.turn, null);
  assert.throws(() => sim.createInstance({ turn: { outcome: 'later' } }), /outcome/);
  assert.equal((await call(inst, '/__sim/fault', { method: 'POST', body: { turn: 'hi' } })).status, 400);
  sse.close();
  inst.close();
});

test('turn outcomes: a hanging run stays running until stopped; a failed run fails with its error', async () => {
  const inst = sim.createInstance({ stepMs: 2, turn: { ...TURN, outcome: 'hang' } });
  const sse = await stream(inst);
  const sid = (await call(inst, '/runs', { method: 'POST', body: startBody('work on it') })).body.session_id;
  await sse.waitFor((f) => f.event === 'event' && f.json.data.tool_name === 'Bash');
  await sleep(40);
  assert.deepEqual(labels(sse.frames, sid).slice(-3), ['message', 'post_tool', 'post_tool']);
  assert.equal((await call(inst, `/sessions/${sid}`)).body.session.status, 'running');
  assert.equal((await call(inst, '/runs', { method: 'POST', body: resumeBody(sid, 'x') })).status, 409);
  await call(inst, `/sessions/${sid}/stop`, { method: 'POST' });
  await sse.waitForStatus('stopped', sid);

  inst.fault({ turn: { outcome: 'failed', failure: 'executor exited with code 137 (out of memory)' } });
  const failed = (await call(inst, '/runs', { method: 'POST', body: startBody('index it') })).body.session_id;
  const rf = await sse.waitFor((f) => f.event === 'run_failed' && f.json.session_id === failed);
  assert.equal(rf.json.error, 'executor exited with code 137 (out of memory)');
  assert.deepEqual(labels(sse.frames, failed), [
    'created:pending',
    'run_start',
    'sup:running',
    'message',
    'sup:failed',
    'run_failed',
  ]);
  sse.close();
  inst.close();
});

test('addSession: a session with its past keeps its id and fields, is streamed, listed and in history', async () => {
  const inst = sim.createInstance({ stepMs: 2, token: 't' });
  const sse = await stream(inst, '?api_key=t');
  await sse.waitFor((f) => f.event === 'init');
  const past = [
    { event_type: 'run_start', session_id: 'ses_other', timestamp: '2026-11-24T01:57:57.100000+00:00' },
    {
      event_type: 'message',
      role: 'user',
      content: [{ type: 'text', text: 'Hello' }],
      timestamp: '2026-11-24T01:57:58.100000+00:00',
    },
    { event_type: 'run_completed', exit_code: 0, reason: 'completed', timestamp: '2026-11-24T01:57:59.100000+00:00' },
  ];
  // The control route needs no credentials.
  const added = await call(inst, '/__sim/sessions', {
    method: 'POST',
    body: { session: { session_id: 'ses_1a308bde7d45', hostname: 'demo-host' }, events: past },
  });
  assert.equal(added.status, 201);
  assert.deepEqual(added.body, { session_id: 'ses_1a308bde7d45' });
  const auth = { Authorization: 'Bearer t' };
  const { session } = (await call(inst, '/sessions/ses_1a308bde7d45', { headers: auth })).body;
  assert.deepEqual(
    [session.status, session.hostname, session.created_at, session.agent_name],
    ['idle', 'demo-host', past[0].timestamp, null],
  );
  const history = (await call(inst, '/sessions/ses_1a308bde7d45/events', { headers: auth })).body.events;
  assert.deepEqual(
    history.map((e) => [e.id, e.session_id, e.event_type, e.timestamp]),
    past.map((e, i) => [i + 1, 'ses_1a308bde7d45', e.event_type, e.timestamp]),
  );
  assert.deepEqual(labels(sse.frames, 'ses_1a308bde7d45'), ['created:idle', 'run_start', 'message', 'run_completed']);
  // It can be resumed like any idle session; deleting it reports its runs.
  const resumed = await call(inst, '/runs', {
    method: 'POST',
    body: resumeBody('ses_1a308bde7d45', 'more'),
    headers: auth,
  });
  assert.equal(resumed.status, 201);
  await sse.waitForEvent('run_completed', 'ses_1a308bde7d45', { from: sse.frames.length });
  await call(inst, '/sessions/ses_1a308bde7d45/stop', { method: 'POST', headers: auth });
  await sse.waitForStatus('stopped', 'ses_1a308bde7d45');
  const deleted = await call(inst, '/sessions/ses_1a308bde7d45', { method: 'DELETE', headers: auth });
  assert.equal(deleted.body.runs_deleted, 2);

  assert.equal((await call(inst, '/__sim/sessions', { method: 'POST', body: { events: [] } })).status, 400);
  inst.addSession({ session: { session_id: 'ses_twice' } });
  assert.throws(() => inst.addSession({ session: { session_id: 'ses_twice' } }), /exists/);
  assert.equal(
    sim.createInstance({ era: 'rename' }).addSession({ session: { session_id: 'ses_r' } }).session_id,
    'ses_r',
  );
  sse.close();
  inst.close();
});

test('failRequests.detail is the error body of the failed requests', async () => {
  const inst = sim.createInstance({ stepMs: 2 });
  inst.fault({ failRequests: { status: 503, path: '/runs', detail: 'Coordinator is starting up, try again' } });
  const failed = await call(inst, '/runs', { method: 'POST', body: startBody('hello') });
  assert.deepEqual([failed.status, failed.body], [503, { detail: 'Coordinator is starting up, try again' }]);
  assert.equal((await call(inst, '/runs', { method: 'POST', body: startBody('hello') })).status, 201);
  assert.throws(() => inst.fault({ failRequests: { status: 500, detail: 7 } }), /detail/);
  inst.close();
});
