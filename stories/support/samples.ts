/**
 * One wire event per case the card must show. Taken from the captures where they hold the case,
 * otherwise built in the same live form (every key present, unused ones null).
 */
import type { WireSessionEvent } from '../../src/types/wire.js';
import { wireEventsOf } from '../../test/support/fixtures.js';
import { fixtures } from './fixtures.js';
import { liveFormEvent } from '../../test/support/wire-events.mjs';

const current = wireEventsOf(fixtures.currentTwoRuns);
const preRename = wireEventsOf(fixtures.preRenameRun);

function find(events: WireSessionEvent[], test: (e: WireSessionEvent) => boolean, what: string): WireSessionEvent {
  const found = events.find(test);
  if (!found) throw new Error(`fixture has no ${what}`);
  return found;
}

const SESSION = 'ses_1a308bde7d45';
const base = { session_id: SESSION, timestamp: '2026-11-24T01:58:10.120000+00:00' };

const LONG_MARKDOWN = `## Plan

I looked through the repository and found three places where the timeout is hard-coded.
Here is what I intend to change, in order:

1. **\`src/server.ts\`** – read \`TIMEOUT_MS\` from the environment, default to \`30_000\`.
2. **\`src/client/retry.ts\`** – use the same constant instead of the literal \`5000\`.
3. **\`test/server.test.ts\`** – add a case for a custom timeout.

> Note: the old value was too short for large uploads, which explains the flaky CI runs.

\`\`\`ts
export const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 30_000);
\`\`\`

| file | before | after |
| --- | --- | --- |
| server.ts | 5000 | env / 30000 |
| retry.ts | 5000 | TIMEOUT_MS |

Links stay plain text or safe links: [Node docs](https://nodejs.org/api/timers.html).
Raw HTML is not markup here: <img src=x onerror="alert('xss')"> <script>alert('xss')</script>

${Array.from({ length: 12 }, (_, i) => `- Detail ${i + 1}: checked \`module${i + 1}.ts\`, nothing else to change there.`).join('\n')}
`;

const HUGE_STDOUT = Array.from(
  { length: 20_000 },
  (_, i) => `${String(i + 1).padStart(5, ' ')}  node_modules/pkg-${i % 97}/dist/file-${i}.js  ${(i * 37) % 9000} bytes`,
).join('\n');

export const samples = {
  runStart: find(current, (e) => e.event_type === 'run_start', 'run_start'),
  runCompleted: find(current, (e) => e.event_type === 'run_completed', 'run_completed'),
  userMessage: find(current, (e) => e.event_type === 'message' && e.role === 'user', 'user message'),
  assistantMessage: find(current, (e) => e.event_type === 'message' && e.role === 'assistant', 'assistant message'),
  bashTool: find(current, (e) => e.event_type === 'post_tool' && e.tool_name === 'Bash', 'Bash post_tool'),
  failedTool: find(current, (e) => e.event_type === 'post_tool' && !!e.error, 'failed post_tool'),
  globTool: find(preRename, (e) => e.event_type === 'post_tool', 'post_tool with an array output'),
  result: find(current, (e) => e.event_type === 'result', 'result'),
  /** Old names, as history rows written before the rename (history form: id, nulls). */
  legacyStart: fixtures.legacyHistory[0] as WireSessionEvent,
  legacyStop: fixtures.legacyHistory[1] as WireSessionEvent,
  preTool: liveFormEvent({
    ...base,
    event_type: 'pre_tool',
    tool_name: 'Write',
    tool_input: { file_path: '/srv/projects/demo/src/config.ts', content: 'export const TIMEOUT_MS = 30_000;\n' },
  }),
  nonZeroExit: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Bash',
    tool_input: { command: 'npm test', description: 'Run the test suite' },
    tool_output: {
      stdout: '> demo@1.0.0 test\n> node --test\n\n✔ adds (0.4ms)\n✖ divides (1.2ms)\n\n1 passing, 1 failing',
      stderr:
        'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n2 !== 3\n    at test/math.test.js:12:10',
      interrupted: false,
    },
    exit_code: 1,
  }),
  resultData: liveFormEvent({
    ...base,
    event_type: 'result',
    result_data: { files_changed: 3, tests: { passed: 41, failed: 0 }, summary: 'Timeout made configurable' },
  }),
  longMarkdown: liveFormEvent({
    ...base,
    event_type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: LONG_MARKDOWN }],
  }),
  /** A short answer with a table, as agents write them (for narrow spaces). */
  tableMarkdown: liveFormEvent({
    ...base,
    event_type: 'message',
    role: 'assistant',
    content: [
      {
        type: 'text',
        text: 'Changed files:\n\n| File | Lines | Status |\n| --- | ---: | --- |\n| src/client/stream.ts | 293 | changed |\n| src/index.ts | 33 | ok |',
      },
    ],
  }),
  /** About 1.2 MB of text output (a plain string, as Read/Grep tools send it). */
  hugeOutput: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Read',
    tool_input: { file_path: '/srv/projects/demo/build.log' },
    tool_output: HUGE_STDOUT,
  }),
  /** The same size inside Bash's `{stdout, stderr}` object. */
  hugeBashOutput: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Bash',
    tool_input: { command: 'find node_modules -name "*.js" -exec wc -c {} +', description: 'List every file' },
    tool_output: { stdout: HUGE_STDOUT, stderr: '', interrupted: false },
    exit_code: 0,
  }),
  unknownType: liveFormEvent({
    ...base,
    event_type: 'checkpoint_saved',
    tool_name: null,
    checkpoint: { id: 'chk_42', files: ['src/server.ts', 'src/client/retry.ts'], bytes: 18_432 },
  } as WireSessionEvent & { checkpoint: unknown }),
  hookStart: liveFormEvent({ ...base, event_type: 'hook_start', tool_name: 'hook:on_run_start:release-agent' }),
  hookComplete: liveFormEvent({
    ...base,
    event_type: 'hook_complete',
    tool_name: 'hook:on_run_start:release-agent',
    tool_output: { stdout: 'workspace prepared', stderr: '' },
    exit_code: 0,
  }),
  hookFailed: liveFormEvent({
    ...base,
    event_type: 'hook_failed',
    tool_name: 'hook:on_run_finish:release-agent',
    tool_output: { stdout: '', stderr: 'notify.sh: curl: (7) Failed to connect' },
    error: 'Hook exited with code 7',
    exit_code: 7,
  }),
  hookBlocked: liveFormEvent({
    ...base,
    event_type: 'hook_blocked',
    tool_name: 'hook:on_run_start:release-agent',
    reason: 'Blocked by policy: deployments are frozen until Monday',
  }),
  hookTimeout: liveFormEvent({
    ...base,
    event_type: 'hook_timeout',
    tool_name: 'hook:on_run_finish:release-agent',
    error: 'Hook timed out after 30 s',
  }),
  /** A test run with colours, stdout and stderr, and a non-zero exit. */
  terminalColours: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Bash',
    tool_input: { command: 'npm test -- --color', description: 'Run the tests with colours' },
    tool_output: {
      stdout:
        '> demo@1.0.0 test\n> vitest run --color\n\n \u001b[32m✓\u001b[39m test/math.test.ts \u001b[2m(4 tests)\u001b[22m\n \u001b[31m✗\u001b[39m test/upload.test.ts \u001b[2m(1 failed)\u001b[22m\n\n\u001b[1m Tests \u001b[22m \u001b[1;32m4 passed\u001b[0m | \u001b[1;31m1 failed\u001b[0m',
      stderr: '\u001b[31mError: upload timed out after 5000 ms\u001b[39m\n    at test/upload.test.ts:12:5',
      interrupted: false,
    },
    exit_code: 1,
  }),
  interrupted: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Bash',
    tool_input: { command: 'npm run dev', description: 'Start the dev server' },
    tool_output: { stdout: 'VITE ready in 412 ms\n➜  Local: http://localhost:5173/', stderr: '', interrupted: true },
  }),
  edit: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Edit',
    tool_input: {
      file_path: '/srv/projects/demo/src/server.ts',
      old_string: 'export const TIMEOUT = 5000;',
      new_string: 'export const TIMEOUT = Number(process.env.TIMEOUT_MS ?? 30_000);',
    },
    tool_output: {
      filePath: '/srv/projects/demo/src/server.ts',
      structuredPatch: [
        {
          oldStart: 11,
          oldLines: 5,
          newStart: 11,
          newLines: 5,
          lines: [
            " import { listen } from './http.js';",
            ' ',
            '-export const TIMEOUT = 5000;',
            '+export const TIMEOUT = Number(process.env.TIMEOUT_MS ?? 30_000);',
            ' ',
            ' export function start(port: number) {',
          ],
        },
      ],
    },
  }),
  multiEdit: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'MultiEdit',
    tool_input: {
      file_path: 'src/client/retry.ts',
      edits: [
        { old_string: 'const DELAY = 5000;\nconst TRIES = 3;', new_string: 'const DELAY = TIMEOUT;\nconst TRIES = 5;' },
        {
          old_string: "import { x } from './x.js';",
          new_string: "import { x } from './x.js';\nimport { TIMEOUT } from '../server.js';",
        },
      ],
    },
  }),
  write: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Write',
    tool_input: {
      file_path: 'test/timeout.test.ts',
      content:
        "import { TIMEOUT } from '../src/server.js';\n\ntest('default', () => {\n  expect(TIMEOUT).toBe(30_000);\n});\n",
    },
  }),
  read: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Read',
    tool_input: { file_path: '/srv/projects/demo/src/server.ts', offset: 10, limit: 4 },
    tool_output: "    10→import { listen } from './http.js';\n    11→\n    12→export const TIMEOUT = 5000;\n    13→",
  }),
  grep: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Grep',
    tool_input: { pattern: 'TIMEOUT', path: 'src', output_mode: 'content', '-n': true },
    tool_output: 'src/server.ts:12:export const TIMEOUT = 5000;\nsrc/client/retry.ts:3:const DELAY = 5000; // TIMEOUT',
  }),
  webFetch: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'WebFetch',
    tool_input: { url: 'https://nodejs.org/api/timers.html', prompt: 'What is the default timeout?' },
    tool_output: 'There is no default: setTimeout takes the delay it is given.',
  }),
  todoWrite: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'TodoWrite',
    tool_input: {
      todos: [
        { content: 'Find where the timeout is set', status: 'completed', activeForm: 'Finding the timeout' },
        { content: 'Make it configurable', status: 'in_progress', activeForm: 'Making it configurable' },
        { content: 'Add a test', status: 'pending', activeForm: 'Adding a test' },
      ],
    },
    tool_output: null,
  }),
  /** Markup, bidi controls and a 30,000-character line where a coordinator's fields go. */
  hostile: liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Read\u202Etxt.exe',
    tool_input: { file_path: `x${'y'.repeat(30_000)}`, note: '<img src=x onerror="alert(1)">' },
    tool_output: { stdout: '<script>alert(1)</script>\n\u001b[31m<b>not bold</b>\u001b[0m', stderr: '' },
    error: `E${'r'.repeat(30_000)}`,
  }),
};
