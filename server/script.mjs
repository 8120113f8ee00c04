// The scripted agent: what one run "does" (content) and in which order a coordinator reports it.
// Pure and deterministic for a given prompt, so tests can rely on the content; the instance adds
// time, ids and the wire.

/**
 * @typedef {'current' | 'rename'} Era
 * @typedef {Record<string, unknown> & { event_type: string }} EventFields
 * @typedef {{ wait: number } | { event: EventFields } | { status: string, resumedAt?: boolean } | { fail: string }} Step
 *   `wait` is in units of the instance's stepMs; `status` broadcasts the full session with that status;
 *   `fail` ends the run as failed (status + `run_failed`).
 * @typedef {{ prompt: string, tools: EventFields[], answer: string | null, resultText: string | null, resultData: unknown,
 *   failure: string | null, failAfter: number, slow: boolean, unknown: boolean, hang: boolean, agent: string }} RunPlan
 *   `answer` null: no assistant message; `resultText` and `resultData` null: no `result` event; `hang`: the run
 *   stays running after its tool calls (until stopped).
 *
 * @typedef {object} ScriptedTurn what every run does instead of the prompt's plan (the instance option `turn`)
 * @property {(Record<string, unknown> & { tool_name: string })[]} [tools] the fields of each `post_tool` event
 * @property {string | null} [reply] the assistant's answer (markdown); none: no assistant message
 * @property {string | null} [result_text] with `result_data`: the `result` event (none when both are null)
 * @property {unknown} [result_data]
 * @property {'completed' | 'failed' | 'hang'} [outcome] `failed`: the run fails after the tool calls; `hang`:
 *   it stays running after them; default `completed`
 * @property {string | null} [failure] the `run_failed` error of a failed run
 */

/** 32-bit string hash (FNV-1a) to seed the PRNG. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for picking templates. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROJECT = '/srv/projects/demo';
const FILES = [
  'src/index.ts',
  'src/client/stream.ts',
  'src/client/store.ts',
  'src/components/timeline.ts',
  'src/components/chat.ts',
  'test/stream.test.ts',
];

/** @param {() => number} rand @param {readonly T[]} list @template T */
function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** @param {() => number} rand */
function int(rand, min, max) {
  return min + Math.floor(rand() * (max - min + 1));
}

/** Claude-Code-style numbered file listing, as the Read tool returns it. */
function numbered(lines) {
  return lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n');
}

function sourceOf(file) {
  const name = file.split('/').pop().replace(/\..*$/, '');
  return [
    `import { parse } from './parse.js';`,
    ``,
    `/** Reads ${name} frames and hands them on. */`,
    `export function ${name.replace(/[^a-z]/gi, '')}(input: string): string[] {`,
    `  // TODO: handle CRLF line endings`,
    `  return input.split('\\n').map((line) => parse(line));`,
    `}`,
  ];
}

/** A tool call that did its job. @param {() => number} rand */
function goodTool(rand) {
  const file = pick(rand, FILES);
  switch (pick(rand, ['Bash', 'Bash', 'Read', 'Grep', 'Grep', 'Edit'])) {
    case 'Bash': {
      const tests = int(rand, 4, 30);
      return pick(rand, [
        {
          tool_name: 'Bash',
          tool_input: { command: 'ls -la src', description: 'List source files' },
          tool_output: {
            stdout:
              'total 24\ndrwxr-xr-x 4 dev dev 4096 Nov 24 01:57 .\ndrwxr-xr-x 8 dev dev 4096 Nov 24 01:57 ..\ndrwxr-xr-x 2 dev dev 4096 Nov 24 01:57 client\ndrwxr-xr-x 2 dev dev 4096 Nov 24 01:57 components\n-rw-r--r-- 1 dev dev  412 Nov 24 01:57 index.ts',
            stderr: '',
            interrupted: false,
          },
        },
        {
          tool_name: 'Bash',
          tool_input: { command: 'git status --short', description: 'Show working tree status' },
          tool_output: { stdout: ` M ${file}\n?? notes.md`, stderr: '', interrupted: false },
        },
        {
          tool_name: 'Bash',
          tool_input: { command: 'npm test -- --run', description: 'Run the test suite' },
          tool_output: {
            stdout: `> demo@1.0.0 test\n> vitest --run\n\n ✓ test/stream.test.ts (${tests} tests)\n\n Test Files  1 passed (1)\n      Tests  ${tests} passed (${tests})`,
            stderr: '',
            interrupted: false,
          },
        },
      ]);
    }
    case 'Read':
      return {
        tool_name: 'Read',
        tool_input: { file_path: `${PROJECT}/${file}` },
        tool_output: numbered(sourceOf(file)),
      };
    case 'Grep':
      return rand() < 0.5
        ? {
            tool_name: 'Grep',
            tool_input: { pattern: 'TODO', path: 'src', output_mode: 'files_with_matches' },
            tool_output: [...new Set([...FILES.filter(() => rand() < 0.5), file])],
          }
        : {
            tool_name: 'Grep',
            tool_input: { pattern: 'export function', path: 'src', output_mode: 'content', '-n': true },
            tool_output: `${file}:4:export function main(input: string): string[] {\nsrc/index.ts:1:export function start() {`,
          };
    default:
      return {
        tool_name: 'Edit',
        tool_input: {
          file_path: `${PROJECT}/${file}`,
          old_string: '  // TODO: handle CRLF line endings\n',
          new_string: '',
        },
        tool_output: {
          filePath: `${PROJECT}/${file}`,
          oldString: '  // TODO: handle CRLF line endings\n',
          newString: '',
          structuredPatch: [
            {
              oldStart: 4,
              oldLines: 3,
              newStart: 4,
              newLines: 2,
              lines: [' {', '-  // TODO: handle CRLF line endings', '   return'],
            },
          ],
          userModified: false,
          replaceAll: false,
        },
      };
  }
}

/** A tool call that failed (`error` set). @param {() => number} rand */
function failedTool(rand) {
  return pick(rand, [
    {
      tool_name: 'Read',
      tool_input: { file_path: `${PROJECT}/missing.txt` },
      tool_output: '',
      error: 'File does not exist.',
    },
    {
      tool_name: 'Bash',
      tool_input: { command: 'npm run lint', description: 'Lint the project' },
      tool_output: {
        stdout: '',
        stderr:
          "src/index.ts\n  3:10  error  'parse' is defined but never used  no-unused-vars\n\n✖ 1 problem (1 error, 0 warnings)",
        interrupted: false,
      },
      error: 'Command failed with exit code 1',
    },
    {
      tool_name: 'Grep',
      tool_input: { pattern: 'frame(', path: 'src' },
      tool_output: null,
      error: 'regex parse error: unclosed group',
    },
    {
      tool_name: 'Edit',
      tool_input: { file_path: `${PROJECT}/src/index.ts`, old_string: 'const x = 1;', new_string: 'const x = 2;' },
      tool_output: null,
      error: 'String to replace not found in file.',
    },
  ]);
}

/** @type {Map<number, string>} */
const hugeLogs = new Map();

/** About 5 MB of build log, for the "huge output" case (memoized: it is the same every time). */
export function hugeLog(bytes = 5 * 1024 * 1024) {
  let log = hugeLogs.get(bytes);
  if (log === undefined) {
    const block = [];
    for (let i = 1; i <= 64; i++)
      block.push(
        `2026-11-24T01:57:57Z INFO [${String(i).padStart(7, '0')}] compiled ${FILES[i % FILES.length]} in ${i % 97} ms\n`,
      );
    const text = block.join('');
    log = text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes);
    hugeLogs.set(bytes, log);
  }
  return log;
}

/** @param {() => number} rand @param {string} prompt @param {EventFields[]} tools */
function shortAnswer(rand, prompt, tools) {
  const failed = tools.filter((t) => t.error).length;
  const lines = [
    `## ${pick(rand, ['Summary', 'What I found', 'Done'])}`,
    '',
    `You asked: *${prompt.length > 80 ? prompt.slice(0, 80) + '…' : prompt}*`,
    '',
    `- Ran **${tools.length}** tool calls (${failed} failed)`,
    `- Looked at \`${pick(rand, FILES)}\` and \`${pick(rand, FILES)}\``,
    `- ${pick(rand, ['Nothing else needs changing.', 'One TODO is left in the stream parser.', 'The tests pass.'])}`,
    '',
    '```ts',
    `export function main(input: string): string[] {`,
    `  return input.split('\\n');`,
    `}`,
    '```',
  ];
  if (rand() < 0.5) {
    lines.push('', '| File | Lines | Status |', '| --- | ---: | --- |');
    for (const f of FILES.slice(0, 3))
      lines.push(`| \`${f}\` | ${int(rand, 10, 400)} | ${pick(rand, ['ok', 'changed', 'ok'])} |`);
  }
  return lines.join('\n');
}

/** A long GFM document (for `markdown` prompts): headings, nested lists, quotes, tables, code. */
function longAnswer(rand, prompt) {
  const out = [`# Report: ${prompt.slice(0, 60)}`, ''];
  for (let s = 1; s <= 8; s++) {
    out.push(`## ${s}. ${pick(rand, ['Parsing', 'State', 'Rendering', 'Reconnects', 'History', 'Styling'])} notes`, '');
    out.push(
      `The ${pick(rand, ['client', 'store', 'timeline', 'chat panel'])} keeps **${int(rand, 2, 90)}** items and uses \`${pick(rand, FILES)}\`. See [the protocol](https://example.com/protocol#${s}) for details.`,
      '',
    );
    out.push(
      '1. First step',
      '   - nested detail with `code`',
      '   - another detail',
      '2. Second step',
      '3. ~~Dropped~~ step',
      '',
    );
    out.push(`> Note ${s}: events may arrive before the REST answer.`, '');
    out.push('```json', JSON.stringify({ section: s, ok: true, items: [1, 2, 3] }, null, 2), '```', '');
    if (s % 2 === 0) {
      out.push('| Kind | Count | Share |', '| :--- | ---: | :---: |');
      for (const k of ['event', 'session_updated', 'init'])
        out.push(`| ${k} | ${int(rand, 1, 500)} | ${int(rand, 1, 99)}% |`);
      out.push('');
    }
    out.push('- [x] checked', '- [ ] not yet', '');
  }
  return out.join('\n');
}

/**
 * What one run does, decided by the prompt alone. Keywords: `fail`, `slow`, `huge`, `unknown`, `markdown`.
 * @param {string} prompt
 * @param {{ huge?: boolean, agentName?: string | null }} [opts]
 * @returns {RunPlan}
 */
export function planRun(prompt, { huge = false, agentName = null } = {}) {
  const rand = prng(hash(prompt));
  const p = prompt.toLowerCase();
  /** @type {EventFields[]} */
  const tools = [];
  const count = int(rand, 3, 6);
  for (let i = 0; i < count; i++) {
    tools.push({ event_type: 'post_tool', ...(rand() < 0.2 ? failedTool(rand) : goodTool(rand)) });
  }
  if (huge || p.includes('huge')) {
    tools.splice(1, 0, {
      event_type: 'post_tool',
      tool_name: 'Read',
      tool_input: { file_path: `${PROJECT}/logs/build.log` },
      tool_output: hugeLog(),
    });
  }
  const answer = p.includes('markdown') ? longAnswer(rand, prompt) : shortAnswer(rand, prompt, tools);
  const resultData =
    rand() < 0.4
      ? {
          files_changed: int(rand, 0, 4),
          tests: { passed: int(rand, 5, 60), failed: 0 },
          summary: answer.split('\n')[0].replace(/^#+ /, ''),
        }
      : null;
  return {
    prompt,
    tools,
    answer,
    resultText: answer,
    resultData,
    failure: p.includes('fail') ? FAILURE : null,
    failAfter: Math.min(2, tools.length),
    slow: p.includes('slow'),
    unknown: p.includes('unknown'),
    hang: false,
    agent: agentName || 'default',
  };
}

const FAILURE = 'Executor process exited unexpectedly (exit code 137)';
const OUTCOMES = ['completed', 'failed', 'hang'];

/**
 * What is wrong with a scripted turn, or null when it can be played.
 * @param {unknown} turn
 */
export function turnProblem(turn) {
  if (turn === null || typeof turn !== 'object' || Array.isArray(turn)) return 'turn must be an object or null';
  const t = /** @type {Record<string, unknown>} */ (turn);
  if (t.tools !== undefined && !(Array.isArray(t.tools) && t.tools.every((x) => typeof x?.tool_name === 'string')))
    return 'turn.tools must be an array of { tool_name, ... }';
  if (t.outcome !== undefined && !OUTCOMES.includes(/** @type {string} */ (t.outcome)))
    return `turn.outcome must be one of ${OUTCOMES.join(', ')}`;
  for (const key of ['reply', 'result_text', 'failure'])
    if (t[key] !== undefined && t[key] !== null && typeof t[key] !== 'string') return `turn.${key} must be a string`;
  return null;
}

/**
 * The plan of a run that follows a scripted turn (the tool calls, reply, result and outcome given).
 * @param {ScriptedTurn} turn @param {string} prompt @param {{ agentName?: string | null }} [opts]
 * @returns {RunPlan}
 */
export function scriptedPlan(turn, prompt, { agentName = null } = {}) {
  const tools = (turn.tools ?? []).map((tool) => ({ event_type: 'post_tool', ...tool }));
  return {
    prompt,
    tools,
    answer: turn.reply ?? null,
    resultText: turn.result_text ?? null,
    resultData: turn.result_data ?? null,
    failure: turn.outcome === 'failed' ? (turn.failure ?? FAILURE) : null,
    failAfter: tools.length,
    slow: false,
    unknown: false,
    hang: turn.outcome === 'hang',
    agent: agentName || 'default',
  };
}

/**
 * The order a coordinator reports one run in (docs/protocol.md §12, and the captures in test/fixtures).
 * @param {RunPlan} plan
 * @param {{ era: Era, resume: boolean, legacyNames: boolean }} how
 * @returns {Step[]}
 */
export function runSteps(plan, { era, resume, legacyNames }) {
  const rename = era === 'rename';
  const startName = legacyNames ? 'session_start' : 'run_start';
  const stopName = legacyNames ? 'session_stop' : 'run_completed';
  /** @type {Step[]} */
  const steps = [{ wait: 1 }];
  // The later release reports a resume's status change first; the rename-era server reports
  // run_start first and then a second `running` update carrying last_resumed_at.
  if (resume && !rename) steps.push({ status: 'running' }, { event: { event_type: startName } });
  else steps.push({ event: { event_type: startName } }, { wait: 0.25 }, { status: 'running' });
  if (resume && rename) steps.push({ wait: 1 }, { status: 'running', resumedAt: true });

  const hook = `hook:on_run_start:${plan.agent}`;
  if (plan.unknown) {
    steps.push(
      { wait: 0.5 },
      {
        event: {
          event_type: 'hook_start',
          tool_name: hook,
          tool_input: { hook: 'on_run_start', command: 'scripts/hooks/prepare.sh' },
        },
      },
      { wait: 0.5 },
      {
        event: {
          event_type: 'hook_complete',
          tool_name: hook,
          tool_input: { hook: 'on_run_start', command: 'scripts/hooks/prepare.sh' },
          tool_output: { stdout: 'workspace ready', stderr: '', interrupted: false },
          exit_code: 0,
        },
      },
    );
  }
  // The executor echoes the prompt a little later, with its own clock.
  steps.push(
    { wait: 2 },
    { event: { event_type: 'message', role: 'user', content: [{ type: 'text', text: plan.prompt }] } },
  );

  plan.tools.forEach((tool, i) => {
    if (plan.failure && i >= plan.failAfter) return;
    steps.push({ wait: 1 }, { event: tool });
    if (plan.unknown && i === 0) {
      steps.push(
        { wait: 0.5 },
        {
          event: {
            event_type: 'telemetry_sample',
            tool_input: { metric: 'tokens', input_tokens: 1834, output_tokens: 412 },
          },
        },
      );
    }
  });
  if (plan.failure) {
    steps.push({ wait: 1 }, { fail: plan.failure });
    return steps;
  }
  if (plan.hang) return steps;
  if (plan.answer !== null)
    steps.push(
      { wait: 1 },
      { event: { event_type: 'message', role: 'assistant', content: [{ type: 'text', text: plan.answer }] } },
    );
  if (!rename && (plan.resultText !== null || plan.resultData !== null))
    steps.push(
      { wait: 1 },
      { event: { event_type: 'result', result_text: plan.resultText, result_data: plan.resultData } },
    );
  steps.push(
    { wait: 0.25 },
    { status: rename ? 'finished' : 'idle' },
    { event: { event_type: stopName, exit_code: 0, reason: 'completed' } },
  );
  return steps;
}
