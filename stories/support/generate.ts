/**
 * Generated sessions in the live wire form, deterministic (seeded), for stories that need more or
 * other data than the captures hold: many runs, thousands of events, hooks, failures, old names.
 */
import type { WireSessionEvent } from '../../src/types/wire.js';
import { liveFormEvent } from '../../test/support/wire-events.mjs';
import { rng } from '../../bench/lib/events.mjs';

/** Small seeded PRNG (mulberry32, the one the benchmark's events use): the same seed gives the same session on every run. */
const random = rng;

export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export interface GenerateOptions {
  sessionId?: string;
  /** Total number of events (approximately: whole runs are generated, then cut to this). */
  events: number;
  /** Tool calls per run. */
  toolsPerRun?: number;
  seed?: number;
  /** Epoch ms of the first event. */
  start?: number;
  /** `old`: session_start/session_stop; `mixed`: every other run uses the old names. */
  names?: 'new' | 'old' | 'mixed';
  /** Emit lifecycle hook events around each run. */
  hooks?: boolean;
}

const FILES = ['src/index.ts', 'src/app.ts', 'README.md', 'package.json', 'src/util/math.ts', 'test/app.test.ts'];

function toolCall(rnd: () => number, base: { session_id: string; timestamp: string }, n: number): WireSessionEvent {
  const file = FILES[Math.floor(rnd() * FILES.length)];
  const pick = rnd();
  if (pick < 0.3) {
    const failing = rnd() < 0.12;
    return liveFormEvent({
      ...base,
      event_type: 'post_tool',
      tool_name: 'Bash',
      tool_input: {
        command: failing ? 'npm test' : `wc -l ${file}`,
        description: failing ? 'Run the tests' : 'Count lines',
      },
      tool_output: failing
        ? {
            stdout: `> test\n${n} passing\n1 failing`,
            stderr: `AssertionError: expected 2 to equal 3`,
            interrupted: false,
          }
        : { stdout: `${40 + n} ${file}`, stderr: '', interrupted: false },
      exit_code: failing ? 1 : 0,
    });
  }
  if (pick < 0.6) {
    const missing = rnd() < 0.08;
    return liveFormEvent({
      ...base,
      event_type: 'post_tool',
      tool_name: 'Read',
      tool_input: { file_path: `/srv/projects/demo/${missing ? 'missing.txt' : file}` },
      tool_output: missing ? '' : `// ${file}\nexport const value${n} = ${n};\n`,
      error: missing ? 'File does not exist.' : null,
    });
  }
  if (pick < 0.8) {
    return liveFormEvent({
      ...base,
      event_type: 'post_tool',
      tool_name: 'Grep',
      tool_input: { pattern: `value${n % 17}`, path: 'src' },
      tool_output: [`src/app.ts:${n % 90}`, `src/index.ts:${(n * 7) % 60}`],
    });
  }
  return liveFormEvent({
    ...base,
    event_type: 'post_tool',
    tool_name: 'Edit',
    tool_input: { file_path: `/srv/projects/demo/${file}`, old_string: `value${n}`, new_string: `total${n}` },
    tool_output: 'The file has been updated.',
  });
}

/** A session of `events` events in runs (start, resumes), in wire order with increasing timestamps. */
export function generateSession(options: GenerateOptions): WireSessionEvent[] {
  const rnd = random(options.seed ?? 7);
  const sessionId = options.sessionId ?? 'ses_9e1d2c3b4a50';
  const toolsPerRun = options.toolsPerRun ?? 6;
  let time = options.start ?? Date.UTC(2026, 10, 24, 9, 0, 0);
  const out: WireSessionEvent[] = [];
  const next = (minMs: number, maxMs: number) => {
    time += minMs + Math.floor(rnd() * (maxMs - minMs));
    return { session_id: sessionId, timestamp: isoAt(time) };
  };
  for (let run = 1; out.length < options.events; run += 1) {
    const old = options.names === 'old' || (options.names === 'mixed' && run % 2 === 0);
    if (options.hooks) {
      out.push(
        liveFormEvent({ ...next(50, 200), event_type: 'hook_start', tool_name: 'hook:on_run_start:demo-agent' }),
      );
      out.push(
        liveFormEvent({
          ...next(50, 200),
          event_type: 'hook_complete',
          tool_name: 'hook:on_run_start:demo-agent',
          exit_code: 0,
        }),
      );
    }
    out.push(liveFormEvent({ ...next(200, 900), event_type: old ? 'session_start' : 'run_start' }));
    out.push(
      liveFormEvent({
        ...next(100, 400),
        event_type: 'message',
        role: 'user',
        content: [
          {
            type: 'text',
            text:
              run === 1
                ? 'Count the lines in each source file.'
                : `Follow-up #${run - 1}: now rename value${run} to total${run}.`,
          },
        ],
      }),
    );
    for (let t = 0; t < toolsPerRun; t += 1) out.push(toolCall(rnd, next(150, 2500), run * 100 + t));
    out.push(
      liveFormEvent({
        ...next(300, 1500),
        event_type: 'message',
        role: 'assistant',
        content: [
          {
            type: 'text',
            text: `Run ${run} done.\n\n- Read **${toolsPerRun}** files\n- Updated \`value${run}\`\n\n\`\`\`ts\nexport const total${run} = ${run};\n\`\`\``,
          },
        ],
      }),
    );
    if (!old)
      out.push(
        liveFormEvent({ ...next(20, 80), event_type: 'result', result_text: `Run ${run}: ${toolsPerRun} tool calls` }),
      );
    if (options.hooks) {
      const failedHook = run % 3 === 0;
      out.push(
        liveFormEvent({ ...next(50, 200), event_type: 'hook_start', tool_name: 'hook:on_run_finish:demo-agent' }),
      );
      out.push(
        liveFormEvent({
          ...next(50, 200),
          event_type: failedHook ? 'hook_failed' : 'hook_complete',
          tool_name: 'hook:on_run_finish:demo-agent',
          exit_code: failedHook ? 1 : 0,
          error: failedHook ? 'notify.sh: connection refused' : null,
        }),
      );
    }
    out.push(
      liveFormEvent({
        ...next(10, 40),
        event_type: old ? 'session_stop' : 'run_completed',
        exit_code: 0,
        reason: 'completed',
      }),
    );
  }
  return out.slice(0, options.events);
}
