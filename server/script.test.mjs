import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRun, runSteps, hugeLog, scriptedPlan, turnProblem } from './script.mjs';

const kinds = (steps) =>
  steps
    .filter((s) => !('wait' in s))
    .map((s) => ('event' in s ? s.event.event_type : 'status' in s ? `status:${s.status}` : 'fail'));

test('a plan is deterministic for a prompt and differs between prompts', () => {
  assert.deepEqual(planRun('List the files'), planRun('List the files'));
  const prompts = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => `Question ${p}`);
  const answers = new Set(prompts.map((p) => planRun(p).answer + JSON.stringify(planRun(p).tools)));
  assert.ok(answers.size > 1, 'different prompts give different runs');
});

test('tool calls look like the real executor output', () => {
  const tools = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].flatMap((p) => planRun(`task ${p}`).tools);
  const names = new Set(tools.map((t) => t.tool_name));
  for (const n of ['Bash', 'Read', 'Grep', 'Edit']) assert.ok(names.has(n), `has ${n}`);
  for (const t of tools) {
    assert.equal(t.event_type, 'post_tool');
    assert.equal(typeof t.tool_input, 'object');
    if (t.tool_name === 'Bash') assert.deepEqual(Object.keys(t.tool_output), ['stdout', 'stderr', 'interrupted']);
    if (t.tool_name === 'Read' && !t.error) assert.equal(typeof t.tool_output, 'string');
    if (t.tool_name === 'Grep' && !t.error)
      assert.ok(Array.isArray(t.tool_output) || typeof t.tool_output === 'string');
    if (t.tool_name === 'Edit' && !t.error) assert.equal(typeof t.tool_output, 'object');
  }
  assert.ok(
    tools.some((t) => typeof t.error === 'string'),
    'some tool calls fail',
  );
  const plan = planRun('task a');
  assert.match(plan.answer, /^## /m);
  assert.match(plan.answer, /^- /m);
  assert.match(plan.answer, /^```ts$/m);
});

test('keywords steer the run', () => {
  assert.ok(planRun('please fail now').failure);
  assert.equal(planRun('fine').failure, null);
  assert.ok(planRun('go slow').slow);
  assert.ok(planRun('unknown stuff').unknown);
  const long = planRun('a markdown report').answer;
  assert.ok(long.length > 3000, `long answer (${long.length})`);
  assert.match(long, /^\| Kind \| Count \| Share \|$/m);
  const huge = planRun('huge output').tools.find(
    (t) => typeof t.tool_output === 'string' && t.tool_output.length > 5_000_000,
  );
  assert.ok(huge, 'a ~5 MB tool output');
  assert.ok(planRun('x', { huge: true }).tools.some((t) => t.tool_output === hugeLog()));
});

test('step order follows the protocol for each era and run kind', () => {
  const plan = planRun('task');
  const tools = plan.tools.map(() => 'post_tool');
  assert.deepEqual(kinds(runSteps(plan, { era: 'current', resume: false, legacyNames: false })), [
    'run_start',
    'status:running',
    'message',
    ...tools,
    'message',
    'result',
    'status:idle',
    'run_completed',
  ]);
  assert.deepEqual(kinds(runSteps(plan, { era: 'current', resume: true, legacyNames: false })), [
    'status:running',
    'run_start',
    'message',
    ...tools,
    'message',
    'result',
    'status:idle',
    'run_completed',
  ]);
  assert.deepEqual(kinds(runSteps(plan, { era: 'rename', resume: true, legacyNames: false })), [
    'run_start',
    'status:running',
    'status:running',
    'message',
    ...tools,
    'message',
    'status:finished',
    'run_completed',
  ]);
  assert.deepEqual(
    kinds(runSteps(plan, { era: 'current', resume: false, legacyNames: true })).filter((k) => k.startsWith('session_')),
    ['session_start', 'session_stop'],
  );
  const failing = kinds(runSteps(planRun('fail please'), { era: 'current', resume: false, legacyNames: false }));
  assert.equal(failing.at(-1), 'fail');
  assert.ok(!failing.includes('run_completed') && !failing.includes('result'));
  const unknown = kinds(runSteps(planRun('unknown'), { era: 'current', resume: false, legacyNames: false }));
  for (const k of ['hook_start', 'hook_complete', 'telemetry_sample']) assert.ok(unknown.includes(k), k);
});

test('a scripted turn plays its tools, reply, result and outcome instead of the prompt plan', () => {
  const turn = {
    tools: [{ tool_name: 'Read', tool_input: { file_path: 'README.md' }, tool_output: '# Demo' }],
    reply: 'A **demo**.',
    result_text: 'Answered',
    result_data: { files: 1 },
  };
  const plan = scriptedPlan(turn, 'anything, even fail or slow');
  assert.deepEqual(plan.tools, [{ event_type: 'post_tool', ...turn.tools[0] }]);
  assert.equal(plan.failure, null);
  assert.equal(plan.slow, false);
  const how = { era: 'current', resume: false, legacyNames: false };
  const events = runSteps(plan, how).flatMap((s) => ('event' in s ? [s.event] : []));
  assert.deepEqual(events.at(-3), {
    event_type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: 'A **demo**.' }],
  });
  assert.deepEqual(events.at(-2), { event_type: 'result', result_text: 'Answered', result_data: { files: 1 } });
  assert.deepEqual(kinds(runSteps(scriptedPlan({}, 'x'), how)), [
    'run_start',
    'status:running',
    'message',
    'status:idle',
    'run_completed',
  ]);
  assert.deepEqual(kinds(runSteps(scriptedPlan({ ...turn, outcome: 'hang' }, 'x'), how)), [
    'run_start',
    'status:running',
    'message',
    'post_tool',
  ]);
  const failed = runSteps(scriptedPlan({ ...turn, outcome: 'failed', failure: 'out of memory' }, 'x'), how);
  assert.deepEqual(kinds(failed), ['run_start', 'status:running', 'message', 'post_tool', 'fail']);
  assert.deepEqual(failed.at(-1), { fail: 'out of memory' });
  assert.equal(turnProblem(turn), null);
  assert.match(turnProblem({ outcome: 'later' }), /outcome/);
  assert.match(turnProblem({ tools: [{ name: 'Read' }] }), /tools/);
  assert.match(turnProblem('reply'), /object/);
});
