// Deterministic, realistic session events for the benchmark, shared by the Node side (what the
// simulated coordinator injects) and the bench page (what is mounted through `events`). Shapes follow
// test/fixtures/current-two-runs.sse; the live form (every key present) comes from the tests' builder.

import { prng } from '../../server/script.mjs';
import { isoMicros, liveFormEvent } from '../../test/support/wire-events.mjs';

/** Small seeded PRNG (the simulated coordinator's mulberry32): the same seed gives the same events on every machine. */
export const rng = prng;

const WORDS =
  'the agent reads files runs tests and edits code then reports what changed in the project while the build checks types and lint passes cleanly after a small fix to the parser'.split(
    ' ',
  );
const FILES = ['src/index.ts', 'src/client/client.ts', 'README.md', 'package.json', 'src/parser.ts', 'test/a.test.ts'];

function words(next, min, max) {
  const n = min + Math.floor(next() * (max - min + 1));
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
  return out.join(' ');
}

const pick = (next, list) => list[Math.floor(next() * list.length)];

/** The fields of one post_tool event (no session id, no timestamp). */
function toolFields(next) {
  const kind = Math.floor(next() * 4);
  const file = pick(next, FILES);
  const failed = next() < 0.05;
  if (kind === 0) {
    const lines = [];
    for (let i = 0, n = 2 + Math.floor(next() * 8); i < n; i++) lines.push(words(next, 2, 9));
    return {
      tool_name: 'Bash',
      tool_input: { command: `npm test -- ${file}`, description: words(next, 2, 5) },
      tool_output: { stdout: lines.join('\n'), stderr: failed ? 'Error: exit 1' : '', interrupted: false },
      error: failed ? 'Command failed with exit code 1' : null,
    };
  }
  if (kind === 1) {
    return {
      tool_name: 'Read',
      tool_input: { file_path: `/srv/projects/demo/${file}` },
      tool_output: failed ? '' : words(next, 20, 80),
      error: failed ? 'File does not exist.' : null,
    };
  }
  if (kind === 2) {
    return {
      tool_name: 'Edit',
      tool_input: {
        file_path: `/srv/projects/demo/${file}`,
        old_string: words(next, 3, 12),
        new_string: words(next, 3, 12),
      },
      tool_output: 'The file has been updated.',
      error: null,
    };
  }
  return {
    tool_name: 'Grep',
    tool_input: { pattern: pick(next, WORDS), path: 'src' },
    tool_output: [pick(next, FILES), pick(next, FILES)],
    error: null,
  };
}

/**
 * The body fields that are set (no `session_id`, no `timestamp`) of event number `i` of an endless stream of
 * runs: run_start, user message, 6–13 tools, assistant message (markdown), result, run_completed.
 * Stateless by index so the Node feeder and the page agree without sharing state.
 * @param {number} seed @param {number} i
 * @returns {Record<string, unknown> & { event_type: string }}
 */
export function eventFields(seed, i) {
  // Runs have a fixed length per run index so event i maps to (run, position) without state.
  const RUN = 16;
  const run = Math.floor(i / RUN);
  const pos = i % RUN;
  const next = rng(seed * 1_000_003 + i);
  if (pos === 0) return { event_type: 'run_start' };
  if (pos === 1)
    return {
      event_type: 'message',
      role: 'user',
      content: [{ type: 'text', text: `Run ${run + 1}: ${words(next, 4, 16)}` }],
    };
  if (pos === RUN - 3) {
    const text = `The change is done.\n\n- **${pick(next, FILES)}**: ${words(next, 6, 20)}\n- \`${pick(next, FILES)}\`: ${words(next, 4, 14)}\n\n${words(next, 10, 40)}`;
    return { event_type: 'message', role: 'assistant', content: [{ type: 'text', text }] };
  }
  if (pos === RUN - 2) return { event_type: 'result', result_text: words(next, 5, 20) };
  if (pos === RUN - 1) return { event_type: 'run_completed', exit_code: 0, reason: 'completed' };
  return { event_type: 'post_tool', ...toolFields(next) };
}

/**
 * `n` complete live-form wire events for one session, 250 ms apart, fresh objects on every call
 * (so nothing normalized in an earlier run is reused through the timeline's per-object cache).
 * @param {number} n @param {{ seed?: number, sessionId?: string, startMicros?: number }} [opts]
 */
export function makeWireEvents(
  n,
  { seed = 1, sessionId = 'ses_bench0000001', startMicros = 1_795_485_477_000_000 } = {},
) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = liveFormEvent({
      ...eventFields(seed, i),
      session_id: sessionId,
      timestamp: isoMicros(startMicros + i * 250_000),
    });
  }
  return out;
}
