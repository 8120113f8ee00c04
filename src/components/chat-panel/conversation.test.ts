import { expect } from '@open-wc/testing';
import { normalizeEvent } from '../../model/normalize.js';
import { deriveRuns } from '../../model/runs.js';
import { busyStateOf } from '../../model/busy.js';
import { CoordinatorError } from '../../client/errors.js';
import type { CoordinatorEvent, Session } from '../../types/model.js';
import type { WireSessionEvent } from '../../types/wire.js';
import { liveEvent } from '../../../test/support/wire-events.mjs';
import {
  buildConversation,
  comparableText,
  describeSendError,
  lastRunIndex,
  nextSendKind,
  type AssistantBubble,
  type ChatBubble,
  type ChatSend,
  type ConversationInput,
  type UserBubble,
} from './conversation.js';

const SID = 'ses_0123456789ab';
let clock = Date.parse('2026-11-24T01:57:57.000Z');
let seq = 0;

function ev(fields: Partial<WireSessionEvent> & { event_type: string }): CoordinatorEvent {
  clock += 100;
  seq += 1;
  return normalizeEvent(liveEvent({ session_id: SID, timestamp: new Date(clock).toISOString(), ...fields }), {
    seq,
    key: `k${seq}`,
  });
}

const start = () => ev({ event_type: 'run_start' });
const done = () => ev({ event_type: 'run_completed', exit_code: 0, reason: 'completed' });
const user = (text: string) => ev({ event_type: 'message', role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string) => ev({ event_type: 'message', role: 'assistant', content: [{ type: 'text', text }] });
const tool = (name: string, error: string | null = null, type = 'post_tool') =>
  ev({ event_type: type, tool_name: name, tool_input: { arg: name }, tool_output: error ? null : 'ok', error });
const result = (text: string | null, data: unknown = null) =>
  ev({ event_type: 'result', result_text: text, result_data: data });

function session(
  status: string,
  lastRunFailure: Session['lastRunFailure'] = null,
  lastError: string | null = null,
): Session {
  return {
    sessionId: SID,
    status,
    createdAt: null,
    projectDir: null,
    agentName: null,
    lastResumedAt: null,
    parentSessionId: null,
    executorSessionId: null,
    executorProfile: null,
    hostname: null,
    lastRunFailure,
    lastError,
  };
}

function input(
  events: CoordinatorEvent[],
  status: string | null,
  sends: ChatSend[] = [],
  failure: Session['lastRunFailure'] = null,
): ConversationInput {
  const s = status === null ? null : session(status, failure);
  return {
    sessionId: status === null && events.length === 0 ? null : SID,
    session: s,
    busy: s ? busyStateOf(s.status) : null,
    events,
    runs: deriveRuns(events, s),
    sends,
    // The panel watched these sessions from their start: every prompt that is not its own is another's.
    knownFrom: 0,
  };
}

function send(prompt: string, patch: Partial<ChatSend> = {}): ChatSend {
  return {
    id: `s${prompt.length}-${prompt.slice(0, 8)}`,
    prompt,
    kind: 'start',
    sessionId: SID,
    afterRunIndex: 0,
    status: 'sent',
    runId: 'run_1',
    error: null,
    ...patch,
  };
}

/** Compact picture of a conversation: `U:text(self|other)`, `A:state:text`. */
function shape(bubbles: ChatBubble[]): string[] {
  return bubbles.map((b) => {
    if (b.kind === 'user') return `U:${b.text}(${b.origin})`;
    if (b.kind === 'assistant') return `A:${b.state}${b.text ? ':' + b.text : ''}`;
    return 'D';
  });
}

const assistants = (bubbles: ChatBubble[]) => bubbles.filter((b): b is AssistantBubble => b.kind === 'assistant');
const users = (bubbles: ChatBubble[]) => bubbles.filter((b): b is UserBubble => b.kind === 'user');

describe('conversation: sends and echoes', () => {
  it('has no bubbles and is not waiting for an empty chat', () => {
    const c = buildConversation(input([], null));
    expect(c.bubbles).to.deep.equal([]);
    expect(c.waiting).to.equal(false);
  });

  it('shows a send at once with a pending answer while the request is in flight', () => {
    const s = send('Hello', { sessionId: null, status: 'sending', runId: null });
    const c = buildConversation({ ...input([], null), sends: [s] });
    expect(shape(c.bubbles)).to.deep.equal(['U:Hello(self)', 'A:sending']);
    expect(users(c.bubbles)[0].status).to.equal('sending');
    expect(c.waiting).to.equal(true);
  });

  it('waits for the run once the request was accepted', () => {
    const c = buildConversation(input([], 'pending', [send('Hello')]));
    expect(shape(c.bubbles)).to.deep.equal(['U:Hello(self)', 'A:waiting']);
    expect(c.waiting).to.equal(true);
  });

  it('anchors the send to its run before the echo and keeps one user bubble after it', () => {
    const s = send('Hello, list the files');
    const e1 = [start()];
    const before = buildConversation(input(e1, 'running', [s]));
    expect(shape(before.bubbles)).to.deep.equal(['U:Hello, list the files(self)', 'A:working']);
    const anchoredKey = assistants(before.bubbles)[0].key;

    const e2 = [...e1, user('Hello, list the files')];
    const after = buildConversation(input(e2, 'running', [s]));
    expect(shape(after.bubbles)).to.deep.equal(['U:Hello, list the files(self)', 'A:working']);
    expect(users(after.bubbles)[0].status).to.equal('echoed');
    expect(after.echoed.has(s.id)).to.equal(true);
    // Stable keys: the DOM keeps the same bubble elements.
    expect(assistants(after.bubbles)[0].key).to.equal(anchoredKey);
    expect(users(after.bubbles)[0].key).to.equal(users(before.bubbles)[0].key);
  });

  it('keeps the answer bubble key from the request to the finished run', () => {
    const sending = send('Hello', { status: 'sending', runId: null, kind: 'resume', afterRunIndex: 1 });
    const history = [start(), user('old'), assistant('old answer'), done()];
    const keys = [
      buildConversation(input(history, 'idle', [sending])),
      buildConversation(input(history, 'idle', [{ ...sending, status: 'sent' }])),
      buildConversation(input([...history, start(), user('Hello')], 'running', [{ ...sending, status: 'sent' }])),
    ].map((c) => assistants(c.bubbles).at(-1)!.key);
    expect(new Set(keys).size).to.equal(1);
  });

  it('matches an echo however late it comes (no time window)', () => {
    const s = send('late echo');
    const events = [start(), tool('Bash')];
    clock += 60_000; // a minute later
    events.push(user('late echo'));
    const c = buildConversation(input(events, 'running', [s]));
    expect(users(c.bubbles)).to.have.length(1);
  });

  it('matches an echo whose whitespace differs', () => {
    const s = send('  two\r\nlines  ');
    const c = buildConversation(input([start(), user('two\nlines\n')], 'running', [s]));
    expect(users(c.bubbles).map((u) => u.origin)).to.deep.equal(['self']);
    expect(comparableText(' a \n\n b ')).to.equal('a b');
  });

  it('shows an echo of the same words in an older turn as its own message', () => {
    const history = [start(), user('yes'), assistant('First answer'), done()];
    const s = send('yes', { kind: 'resume', afterRunIndex: 1 });
    const events = [...history, start(), user('yes')];
    const c = buildConversation(input(events, 'running', [s]));
    expect(shape(c.bubbles)).to.deep.equal(['U:yes(other)', 'A:done:First answer', 'U:yes(self)', 'A:working']);
  });

  it('matches two equal prompts to their own runs in order', () => {
    const a = send('again', { id: 'a' });
    const b = send('again', { id: 'b', kind: 'resume', afterRunIndex: 1, runId: 'run_2' });
    const events = [start(), user('again'), assistant('one'), done(), start(), user('again'), assistant('two'), done()];
    const c = buildConversation(input(events, 'idle', [a, b]));
    expect(shape(c.bubbles)).to.deep.equal(['U:again(self)', 'A:done:one', 'U:again(self)', 'A:done:two']);
    expect(users(c.bubbles).map((u) => u.sendId)).to.deep.equal(['a', 'b']);
  });

  it('shows a failed request with its error and keeps the prompt', () => {
    const err = { message: 'Agent not found', status: 404, code: null, fields: [] };
    const s = send('Hi', { status: 'error', error: err, sessionId: null, runId: null });
    const c = buildConversation({ ...input([], null), sends: [s] });
    expect(shape(c.bubbles)).to.deep.equal(['U:Hi(self)', 'A:error']);
    expect(assistants(c.bubbles)[0].sendError).to.deep.equal(err);
    expect(users(c.bubbles)[0].status).to.equal('error');
    expect(c.waiting).to.equal(false);
  });

  it('draws a prompt that failed to send after a run someone else started meanwhile', () => {
    const err = { message: 'cannot be resumed', status: 409, code: null, fields: [] };
    const mine = send('Mine', { id: 'mine', status: 'error', error: err, kind: 'resume', afterRunIndex: 1 });
    const events = [start(), user('First'), assistant('one'), done(), start(), user('From another window')];
    const c = buildConversation(input(events, 'running', [mine]));
    expect(shape(c.bubbles)).to.deep.equal([
      'U:First(other)',
      'A:done:one',
      'U:From another window(other)',
      'A:working',
      'U:Mine(self)',
      'A:error',
    ]);
    expect(c.waiting).to.equal(true);
  });

  it('trusts the stream over a failed request whose run did start (the answer was lost, not the run)', () => {
    const err = { message: 'Failed to fetch', status: null, code: null, fields: [] };
    const s = send('flaky', { status: 'error', error: err, kind: 'resume', afterRunIndex: 1 });
    const events = [start(), user('old'), assistant('old answer'), done(), start(), user('flaky')];
    const c = buildConversation(input(events, 'running', [s]));
    expect(shape(c.bubbles)).to.deep.equal(['U:old(other)', 'A:done:old answer', 'U:flaky(self)', 'A:working']);
  });

  it('keeps a run of ours working when run_start came before session_updated(running)', () => {
    const history = [start(), user('first'), assistant('first answer'), done()];
    const s = send('second', { kind: 'resume', afterRunIndex: 1 });
    // Status still "idle" from the previous turn: the client closes the new run by that status.
    const c = buildConversation(input([...history, start()], 'idle', [s]));
    expect(shape(c.bubbles)).to.deep.equal(['U:first(other)', 'A:done:first answer', 'U:second(self)', 'A:working']);
    expect(c.waiting).to.equal(true);
  });
});

describe('conversation: answers', () => {
  it('fills the answer from the assistant message, tools as chips, result_text not repeated', () => {
    const s = send('Hello');
    const events = [
      start(),
      user('Hello'),
      tool('Bash'),
      tool('Read', 'File does not exist.'),
      assistant('The project contains **README.md**.'),
      result('The project contains **README.md**.'),
    ];
    const working = buildConversation(input(events, 'running', [s]));
    expect(shape(working.bubbles)).to.deep.equal(['U:Hello(self)', 'A:working:The project contains **README.md**.']);
    const c = buildConversation(input([...events], 'idle', [s]));
    const a = assistants(c.bubbles)[0];
    expect(a.state).to.equal('done');
    expect(a.text).to.equal('The project contains **README.md**.');
    expect(a.resultText).to.equal(null);
    expect(a.tools.map((t) => [t.name, t.status])).to.deep.equal([
      ['Bash', 'ok'],
      ['Read', 'failed'],
    ]);
    expect(a.tools[1].error).to.equal('File does not exist.');
    expect(a.tools[0].input).to.deep.equal({ arg: 'Bash' });
    expect(a.runIndex).to.equal(1);
    expect(c.waiting).to.equal(false);
  });

  it('shows result_text when it differs and result_data as data', () => {
    const events = [start(), user('q'), assistant('Short answer'), result('A longer report', { files: 2 }), done()];
    const a = assistants(buildConversation(input(events, 'idle')).bubbles)[0];
    expect(a.text).to.equal('Short answer');
    expect(a.resultText).to.equal('A longer report');
    expect(a.resultData).to.deep.equal({ files: 2 });
  });

  it('uses result_text as the answer when there is no message', () => {
    const events = [start(), user('q'), result('Only a result'), done()];
    const a = assistants(buildConversation(input(events, 'idle')).bubbles)[0];
    expect([a.state, a.text, a.resultText]).to.deep.equal(['done', 'Only a result', null]);
  });

  it('says so when a run completes without text', () => {
    const events = [start(), user('q'), tool('Bash'), done()];
    const a = assistants(buildConversation(input(events, 'idle', [send('q')])).bubbles)[0];
    expect(a.state).to.equal('empty');
    expect(a.tools).to.have.length(1);
  });

  it('counts result_data alone as an answer', () => {
    const events = [start(), user('q'), result(null, { ok: true }), done()];
    const a = assistants(buildConversation(input(events, 'idle')).bubbles)[0];
    expect(a.state).to.equal('done');
    expect(a.resultData).to.deep.equal({ ok: true });
  });

  it('joins several assistant messages of one run', () => {
    const events = [start(), user('q'), assistant('Looking…'), tool('Grep'), assistant('Found it.'), done()];
    const a = assistants(buildConversation(input(events, 'idle')).bubbles)[0];
    expect(a.text).to.equal('Looking…\n\nFound it.');
  });

  it('merges pre_tool and post_tool of one call into one chip', () => {
    const events = [start(), user('q'), tool('Bash', null, 'pre_tool'), tool('Bash'), tool('Read', null, 'pre_tool')];
    const working = assistants(buildConversation(input(events, 'running')).bubbles)[0];
    expect(working.tools.map((t) => [t.name, t.status])).to.deep.equal([
      ['Bash', 'ok'],
      ['Read', 'running'],
    ]);
    const finished = assistants(buildConversation(input([...events, done()], 'idle')).bubbles)[0];
    expect(finished.tools.map((t) => t.status)).to.deep.equal(['ok', 'unknown']);
  });

  it('shows failed hooks as chips and leaves successful hooks out', () => {
    const events = [
      ev({ event_type: 'hook_start', tool_name: 'hook:on_run_start:demo' }),
      start(),
      ev({ event_type: 'hook_complete', tool_name: 'hook:on_run_start:demo' }),
      user('q'),
      assistant('a'),
      ev({ event_type: 'hook_failed', tool_name: 'hook:on_run_finish:demo', error: 'exit 2' }),
      done(),
    ];
    const a = assistants(buildConversation(input(events, 'idle')).bubbles)[0];
    expect(a.tools.map((t) => [t.kind, t.name, t.status, t.error])).to.deep.equal([
      ['hook', 'hook:on_run_finish:demo', 'failed', 'exit 2'],
    ]);
  });

  it('reads old event names (session_start / session_stop) like the new ones', () => {
    const events = [
      ev({ event_type: 'session_start' }),
      user('Hello old world'),
      assistant('Found README.md'),
      ev({ event_type: 'session_stop', exit_code: 0, reason: 'completed' }),
    ];
    const c = buildConversation(input(events, 'finished', [send('Hello old world')]));
    expect(shape(c.bubbles)).to.deep.equal(['U:Hello old world(self)', 'A:done:Found README.md']);
  });

  it('ignores user messages that carry only tool results', () => {
    const events = [
      start(),
      user('q'),
      ev({ event_type: 'message', role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'r' }] }),
      assistant('a'),
      done(),
    ];
    expect(shape(buildConversation(input(events, 'idle')).bubbles)).to.deep.equal(['U:q(other)', 'A:done:a']);
  });
});

describe('conversation: outcomes', () => {
  it('ends the busy state of a failed run with its error', () => {
    const s = send('fail please', { runId: 'run_9' });
    const events = [start(), user('fail please')];
    const c = buildConversation(input(events, 'failed', [s], { runId: 'run_9', error: 'Executor crashed' }));
    expect(shape(c.bubbles)).to.deep.equal(['U:fail please(self)', 'A:failed']);
    expect(assistants(c.bubbles)[0].failure).to.equal('Executor crashed');
    expect(c.waiting).to.equal(false);
  });

  it('after a reload (no run_failed): says why from the last tool error, or the session error', () => {
    const events = [start(), user('deploy'), tool('Read'), tool('Bash', 'Permission denied: /srv/deploy')];
    const fromTool = buildConversation(input(events, 'failed'));
    expect(assistants(fromTool.bubbles)[0]).to.include({ state: 'failed', failure: 'Permission denied: /srv/deploy' });
    const withError = { ...input(events, 'failed'), session: session('failed', null, 'Out of memory') };
    expect(assistants(buildConversation(withError).bubbles)[0].failure).to.equal('Out of memory');
    // An earlier failed run of the session is not explained by the session's (latest) error.
    const twoRuns = [...events.slice(0, 2), done(), start(), user('again')];
    const earlier = buildConversation({
      ...input(twoRuns, 'failed'),
      session: session('failed', null, 'Out of memory'),
    });
    expect(assistants(earlier.bubbles).map((a) => [a.state, a.failure])).to.deep.equal([
      ['empty', null],
      ['failed', 'Out of memory'],
    ]);
  });

  it('fails a send whose session failed before its run started', () => {
    const s = send('x', { runId: 'run_3' });
    const c = buildConversation(input([], 'failed', [s], { runId: 'run_3', error: 'no executor' }));
    const a = assistants(c.bubbles)[0];
    expect([a.state, a.failure]).to.deep.equal(['failed', 'no executor']);
    expect(c.waiting).to.equal(false);
  });

  it('ends the busy state of a stopped run', () => {
    const events = [start(), user('slow'), tool('Bash')];
    const c = buildConversation(input(events, 'stopped', [send('slow')]));
    expect(shape(c.bubbles)).to.deep.equal(['U:slow(self)', 'A:stopped']);
    expect(c.waiting).to.equal(false);
  });

  it('stays working while the session is stopping', () => {
    const c = buildConversation(input([start(), user('slow')], 'stopping', [send('slow')]));
    expect(shape(c.bubbles)).to.deep.equal(['U:slow(self)', 'A:working']);
  });
});

describe('conversation: prompts that did not come from this panel', () => {
  it('shows a callback prompt during a run before the pending answer, and in order after it', () => {
    const s = send('slow job');
    const events = [start(), user('slow job'), tool('Bash'), user('Callback: child finished')];
    const during = buildConversation(input(events, 'running', [s]));
    expect(shape(during.bubbles)).to.deep.equal(['U:slow job(self)', 'U:Callback: child finished(other)', 'A:working']);
    const after = buildConversation(input([...events, assistant('All done'), done()], 'idle', [s]));
    expect(shape(after.bubbles)).to.deep.equal([
      'U:slow job(self)',
      'U:Callback: child finished(other)',
      'A:done:All done',
    ]);
  });

  it('keeps a prompt that came between two answer parts above the answer once it is done', () => {
    const s = send('task');
    const events = [start(), user('task'), assistant('Looking…'), user('Injected mid-run'), tool('Grep')];
    const during = buildConversation(input(events, 'running', [s]));
    expect(shape(during.bubbles)).to.deep.equal(['U:task(self)', 'U:Injected mid-run(other)', 'A:working:Looking…']);
    const after = buildConversation(input([...events, assistant('Found it.'), done()], 'idle', [s]));
    expect(shape(after.bubbles)).to.deep.equal([
      'U:task(self)',
      'U:Injected mid-run(other)',
      'A:done:Looking…\n\nFound it.',
    ]);
  });

  it('shows a callback prompt that arrives before the echo, without losing or doubling ours', () => {
    const s = send('slow job');
    const events = [start(), user('From another tab'), user('slow job')];
    const c = buildConversation(input(events, 'running', [s]));
    expect(shape(c.bubbles)).to.deep.equal(['U:slow job(self)', 'U:From another tab(other)', 'A:working']);
  });

  it('shows a prompt injected while idle after the last answer', () => {
    const events = [start(), user('q'), assistant('a'), done(), user('Injected later')];
    const c = buildConversation(input(events, 'idle', [send('q')]));
    expect(shape(c.bubbles)).to.deep.equal(['U:q(self)', 'A:done:a', 'U:Injected later(other)']);
  });

  it('puts a run started by someone else last while it works, and locks sending', () => {
    const history = [start(), user('mine'), assistant('answer'), done()];
    const events = [...history, start(), user('Callback from child agent'), tool('Read')];
    const c = buildConversation(input(events, 'running', [send('mine')]));
    expect(shape(c.bubbles)).to.deep.equal([
      'U:mine(self)',
      'A:done:answer',
      'U:Callback from child agent(other)',
      'A:working',
    ]);
    expect(c.waiting).to.equal(true);
  });

  it('moves our prompt to its own run when a callback run started first', () => {
    const history = [start(), user('mine'), assistant('answer'), done()];
    const ours = send('follow-up', { kind: 'resume', afterRunIndex: 1, runId: 'run_2' });
    const callback = [start(), user('Callback'), assistant('noted'), done()];
    const tentative = buildConversation(input([...history, ...callback], 'idle', [send('mine'), ours]));
    // Before our echo the first later run is taken for ours (the best guess).
    expect(users(tentative.bubbles).filter((u) => u.origin === 'self')).to.have.length(2);
    const events = [...history, ...callback, start(), user('follow-up'), assistant('done that'), done()];
    const c = buildConversation(input(events, 'idle', [send('mine'), ours]));
    expect(shape(c.bubbles)).to.deep.equal([
      'U:mine(self)',
      'A:done:answer',
      'U:Callback(other)',
      'A:done:noted',
      'U:follow-up(self)',
      'A:done:done that',
    ]);
  });

  it('renders a whole history with no sends as a conversation', () => {
    const events = [
      start(),
      user('Hello, list the files please'),
      tool('Bash'),
      assistant('The project contains README.md'),
      result('The project contains README.md'),
      done(),
      start(),
      user('Now summarize README.md'),
      assistant('README.md describes a demo project.'),
      done(),
    ];
    // Opened with its history: who sent the prompts is not known (not "someone else").
    const c = buildConversation({ ...input(events, 'idle'), knownFrom: events.at(-1)!.seq });
    expect(shape(c.bubbles)).to.deep.equal([
      'U:Hello, list the files please(unknown)',
      'A:done:The project contains README.md',
      'U:Now summarize README.md(unknown)',
      'A:done:README.md describes a demo project.',
    ]);
    expect(buildConversation({ ...input(events, 'idle'), knownFrom: undefined }).bubbles[0]).to.include({
      origin: 'unknown',
    });
    expect(assistants(c.bubbles).map((a) => a.runIndex)).to.deep.equal([1, 2]);
    expect(new Set(c.bubbles.map((b) => b.key)).size).to.equal(c.bubbles.length);
  });

  it('shows a history run without content as an answer without text', () => {
    const events = [ev({ event_type: 'session_start' }), ev({ event_type: 'session_stop', exit_code: 0 })];
    expect(shape(buildConversation(input(events, 'finished')).bubbles)).to.deep.equal(['A:empty']);
  });

  it('marks a prompt as from elsewhere only when it arrived after the history the panel opened', () => {
    const events = [start(), user('old question'), assistant('old answer'), done()];
    const later = [start(), user('from another window'), assistant('new answer'), done()];
    const all = [...events, ...later];
    const c = buildConversation({ ...input(all, 'idle'), knownFrom: events.at(-1)!.seq });
    expect(shape(c.bubbles).filter((b) => b.startsWith('U:'))).to.deep.equal([
      'U:old question(unknown)',
      'U:from another window(other)',
    ]);
  });

  it('groups events outside runs into turns when no runs are given', () => {
    const events = [user('a'), assistant('b'), user('c'), assistant('d')];
    const c = buildConversation({ ...input(events, 'idle'), runs: [] });
    expect(shape(c.bubbles)).to.deep.equal(['U:a(other)', 'A:done:b', 'U:c(other)', 'A:done:d']);
  });
});

describe('conversation: helpers', () => {
  it('starts without a session or after it ended, resumes when ready, waits when busy', () => {
    expect(nextSendKind(null, null)).to.equal('start');
    expect(nextSendKind(SID, 'ended')).to.equal('start');
    expect(nextSendKind(SID, 'ready')).to.equal('resume');
    expect(nextSendKind(SID, 'busy')).to.equal(null);
    expect(nextSendKind(SID, busyStateOf('finished'))).to.equal('resume');
  });

  it('finds the last run index', () => {
    expect(lastRunIndex([])).to.equal(0);
    expect(lastRunIndex(deriveRuns([start(), done(), start()], session('running')))).to.equal(2);
  });

  it('describes the client errors: validation, detail, network', () => {
    const validation = new CoordinatorError({
      status: 400,
      detail: {
        error: 'parameter_validation_failed',
        message: 'Invalid parameters',
        validation_errors: [{ loc: ['body', 'parameters', 'prompt'], msg: 'field required' }],
      },
    });
    const v = describeSendError(validation);
    expect(v.status).to.equal(400);
    expect(v.code).to.equal('parameter_validation_failed');
    expect(v.message).to.equal('Invalid parameters');
    expect(v.fields).to.deep.equal(['parameters.prompt: field required']);

    const notFound = describeSendError(new CoordinatorError({ status: 404, detail: "Agent 'x' not found" }));
    expect([notFound.status, notFound.message]).to.deep.equal([404, "Agent 'x' not found"]);

    const network = describeSendError(new CoordinatorError({ status: 0, detail: null, cause: new TypeError('x') }));
    expect([network.status, network.message]).to.deep.equal([null, 'Network error']);

    expect(describeSendError(new TypeError('Failed to fetch')).message).to.equal('Failed to fetch');
    expect(describeSendError('boom').message).to.equal('boom');
    expect(describeSendError(undefined).message).to.equal('Unknown error');
  });
});

describe('buildConversation: gaps', () => {
  it('draws a gap after the turn of the event it follows', () => {
    const events = [start(), user('first'), assistant('one'), done(), start(), assistant('two'), done()];
    const gap = {
      key: `gap:${events[3].key}`,
      afterKey: events[3].key,
      from: events[3].time,
      beforeKey: events[4].key,
      to: events[4].time,
      reason: 'history-cap' as const,
      result: null,
    };
    const { bubbles } = buildConversation({
      sessionId: SID,
      session: null,
      busy: 'ready',
      events,
      runs: deriveRuns(events),
      sends: [],
      gaps: [gap],
    });
    expect(
      bubbles.map((b) => (b.kind === 'assistant' ? b.text : b.kind === 'user' ? `user:${b.text}` : b.kind)),
    ).to.deep.equal(['user:first', 'one', 'gap', 'two']);
  });
});
