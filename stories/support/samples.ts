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
};
