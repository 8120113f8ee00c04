import { expect } from '@open-wc/testing';
import type { CoordinatorEvent } from '../types/model.js';
import type { WireSessionEvent } from '../types/wire.js';
import { normalizeEvent } from './normalize.js';
import { deriveRuns } from './runs.js';
import { MARKDOWN_FIELD_LIMIT, transcriptJson, transcriptMarkdown, type TranscriptWords } from './transcript.js';
import { liveEvent, ts } from '../../test/support/wire-events.mjs';

const norm = (events: WireSessionEvent[]): CoordinatorEvent[] =>
  events.map((e, i) => normalizeEvent(e, { seq: i + 1 }));

const words: TranscriptWords = {
  title: (id) => `Session ${id}`,
  run: (run) => `Run ${run.index} (${run.outcome})`,
  event: (e) => (e.toolName ? `Tool ${e.toolName}` : (e.role ?? e.type)),
  input: 'Input',
  output: 'Output',
  stdout: 'stdout',
  stderr: 'stderr',
  error: 'Error',
  resultData: 'Result data',
  cut: (n) => `… ${n} more characters`,
};

const events = () =>
  norm([
    liveEvent({ event_type: 'run_start', timestamp: ts(0) }),
    liveEvent({
      event_type: 'message',
      timestamp: ts(1),
      role: 'user',
      content: [{ type: 'text', text: '# not a heading\nhi' }],
    }),
    liveEvent({
      event_type: 'post_tool',
      timestamp: ts(2),
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
      tool_output: { stdout: '\x1b[32mok\x1b[0m\n```\nfenced', stderr: 'warn', interrupted: false },
    }),
    liveEvent({
      event_type: 'post_tool',
      timestamp: ts(3),
      tool_name: 'Read',
      tool_input: { file_path: 'a' },
      error: 'missing',
    }),
    liveEvent({ event_type: 'run_completed', timestamp: ts(4), exit_code: 0 }),
  ]);

describe('transcript', () => {
  it('Markdown: a section per run, quoted messages, tool input and streams in fences that cannot be closed early', () => {
    const md = transcriptMarkdown('ses_1', deriveRuns(events()), words);
    expect(md).to.match(/^# Session ses_1\n\n## Run 1 \(completed\)\n/);
    expect(md).to.contain('> # not a heading\n> hi');
    expect(md).to.contain('Input:\n\n```json\n{\n  "command": "ls"\n}\n```');
    // ANSI stripped; a ``` inside the output gets a longer fence.
    expect(md).to.contain('stdout:\n\n````text\nok\n```\nfenced\n````');
    expect(md).to.contain('stderr:\n\n```text\nwarn\n```');
    expect(md).to.contain('Error:\n\n```text\nmissing\n```');
  });

  it('Markdown: a huge payload is cut with a note', () => {
    const big = norm([
      liveEvent({
        event_type: 'post_tool',
        timestamp: ts(0),
        tool_name: 'X',
        tool_output: 'y'.repeat(MARKDOWN_FIELD_LIMIT + 5),
      }),
    ]);
    const md = transcriptMarkdown('s', deriveRuns(big), words);
    expect(md).to.contain('… 5 more characters');
    expect(md.length).to.be.lessThan(MARKDOWN_FIELD_LIMIT + 500);
  });

  it('JSON: runs with their facts and the events as sent', () => {
    const list = events();
    const data = JSON.parse(transcriptJson('ses_1', deriveRuns(list)));
    expect(data.sessionId).to.equal('ses_1');
    expect(data.runs).to.have.length(1);
    expect(data.runs[0]).to.include({ index: 1, outcome: 'completed', toolCount: 2, errorCount: 1 });
    expect(data.runs[0].events).to.deep.equal(list.map((e) => JSON.parse(JSON.stringify(e.raw))));
  });
});
