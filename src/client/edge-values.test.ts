/**
 * Odd and edge values through the normalizers, the frame parser and the error helpers: what each
 * returns for them is part of the behaviour (the elements and hosts rely on it), whatever the code.
 */
import { expect } from '@open-wc/testing';
import type { WireSessionEvent } from '../types/wire.js';
import { resolveReconnectOptions } from './backoff.js';
import { CoordinatorError, describeDetail, fieldMessagesOf } from './errors.js';
import { EventStore } from '../model/event-store.js';
import { categoryOf, mergeSessionPatch, normalizeEvent, normalizeSession, parseTimestamp } from '../model/normalize.js';
import { parseStreamMessage } from '../model/stream-messages.js';

const wire = (fields: Record<string, unknown>) =>
  ({ event_type: 'post_tool', session_id: 's', timestamp: '2026-11-24T01:59:24Z', ...fields }) as WireSessionEvent;

describe('edge values: events', () => {
  it('keeps a tool input only when it is a non-empty plain object', () => {
    const input = (value: unknown) => normalizeEvent(wire({ tool_input: value })).toolInput;
    expect([input({ a: 1 }), input({}), input([1]), input([]), input('x'), input(null)]).to.deep.equal([
      { a: 1 },
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('fails on an error, a non-zero exit code (also as a string) and failed hooks, not on exit code 0', () => {
    const failed = (fields: Record<string, unknown>) => normalizeEvent(wire(fields)).failed;
    expect([
      failed({ exit_code: 0 }),
      failed({ exit_code: '0' }),
      failed({ exit_code: 2 }),
      failed({ exit_code: '3' }),
      failed({ exit_code: 'x' }),
      failed({ exit_code: null }),
      failed({ error: 'boom' }),
      failed({ error: '' }),
      failed({ event_type: 'hook_timeout' }),
    ]).to.deep.equal([false, false, true, true, false, false, true, false, true]);
  });

  it('turns odd types, session ids and timestamps into strings', () => {
    const numeric = normalizeEvent(wire({ event_type: '', session_id: 7, timestamp: 1764000000000 }));
    expect([numeric.type, numeric.originalType, numeric.sessionId, numeric.timestamp, numeric.time]).to.deep.equal([
      'unknown',
      '',
      '',
      '1764000000000',
      1764000000000,
    ]);
    const missing = normalizeEvent(wire({ event_type: 5, timestamp: undefined }));
    expect([missing.type, missing.originalType, missing.timestamp, Number.isNaN(missing.time)]).to.deep.equal([
      'unknown',
      'unknown',
      '',
      true,
    ]);
  });

  it('reads strings, numbers and booleans as text fields; empty strings as null', () => {
    const event = normalizeEvent(wire({ tool_name: 12, reason: true, role: '', result_text: 'done', error: false }));
    expect([event.toolName, event.reason, event.role, event.resultText, event.error]).to.deep.equal([
      '12',
      'true',
      null,
      'done',
      'false',
    ]);
  });

  it('makes one text block of a string content, none of an empty one', () => {
    expect(normalizeEvent(wire({ content: 'hi' })).content).to.deep.equal([{ type: 'text', text: 'hi' }]);
    expect([
      normalizeEvent(wire({ content: '' })).content,
      normalizeEvent(wire({ content: [] })).content,
    ]).to.deep.equal([null, null]);
  });

  it('keys events e<seq>, also in an event store', () => {
    expect(normalizeEvent(wire({}), { seq: 41 }).key).to.equal('e41');
    const store = new EventStore({ sessionId: 's', nextSeq: () => 9 });
    expect(store.normalize(wire({})).key).to.equal('e9');
  });

  it('puts run markers, known and unknown hooks in lifecycle, other unknown types in other', () => {
    const types = ['run_start', 'run_completed', 'hook_start', 'hook_brand_new', 'pre_tool', 'message', 'result', 'x'];
    expect(types.map(categoryOf)).to.deep.equal([
      'lifecycle',
      'lifecycle',
      'lifecycle',
      'lifecycle',
      'tool',
      'message',
      'result',
      'other',
    ]);
  });

  it('takes finite numbers as timestamps as they are', () => {
    expect(
      [parseTimestamp(5), parseTimestamp(Infinity), parseTimestamp(NaN), parseTimestamp(null)].map(String),
    ).to.deep.equal(['5', 'NaN', 'NaN', 'NaN']);
  });
});

describe('edge values: sessions', () => {
  it('normalizes a partial session with every field present (null), in a fixed key order', () => {
    const session = normalizeSession({
      session_id: 's',
      status: '',
      agent_name: 'a',
      hostname: 3 as unknown as string,
    });
    expect(JSON.stringify(session)).to.equal(
      JSON.stringify({
        sessionId: 's',
        status: 'unknown',
        createdAt: null,
        projectDir: null,
        agentName: 'a',
        lastResumedAt: null,
        parentSessionId: null,
        executorSessionId: null,
        executorProfile: null,
        hostname: null,
        lastRunFailure: null,
        lastError: null,
      }),
    );
  });

  it('merges only the keys a patch has; an empty status keeps the old one', () => {
    const before = normalizeSession({ session_id: 's', status: 'running', agent_name: 'a', project_dir: '/p' });
    const after = mergeSessionPatch(before, { session_id: 's', status: '', project_dir: null });
    expect([after.status, after.agentName, after.projectDir]).to.deep.equal(['running', 'a', null]);
    expect(Object.keys(after)).to.deep.equal(Object.keys(before));
  });
});

describe('edge values: stream frames', () => {
  it('reports frames of the wrong shape, whatever the JSON value', () => {
    const reason = (kind: string, raw: string) => parseStreamMessage(kind, raw).malformed.map((m) => m.reason);
    expect([
      reason('init', '[]'),
      reason('init', '"x"'),
      reason('session_created', 'null'),
      reason('session_updated', '{"session": {"session_id": ""}}'),
      reason('event', '{"data": {"event_type": "x", "session_id": ""}}'),
      reason('event', '[{"event_type": "x"}]'),
      reason('session_deleted', '[]'),
      reason('run_failed', '{"session_id": 4}'),
    ]).to.deep.equal([
      ['no sessions list'],
      ['no sessions list'],
      ['no session.session_id'],
      ['no session.session_id'],
      ['no data.event_type or data.session_id'],
      ['no data.event_type or data.session_id'],
      ['no session_id'],
      ['no session_id'],
    ]);
  });

  it('reads run_failed and session_deleted with their optional fields', () => {
    const message = (kind: string, data: unknown) => parseStreamMessage(kind, JSON.stringify(data)).message;
    expect(message('run_failed', { session_id: 's', run_id: 7, error: { code: 1 } })).to.deep.equal({
      kind: 'run_failed',
      sessionId: 's',
      runId: null,
      error: '{"code":1}',
    });
    expect(message('run_failed', { session_id: 's', run_id: '', error: '' })).to.deep.equal({
      kind: 'run_failed',
      sessionId: 's',
      runId: '',
      error: '',
    });
    expect(message('session_deleted', { session_id: 's', runs_deleted: '2' })).to.deep.equal({
      kind: 'session_deleted',
      sessionId: 's',
      runsDeleted: null,
    });
  });
});

describe('edge values: errors and options', () => {
  it('reads field messages from a list or from validation_errors, nothing from anything else', () => {
    expect(fieldMessagesOf(['a', { loc: ['body', 'prompt'], msg: 'missing' }])).to.deep.equal(['a', 'prompt: missing']);
    expect(fieldMessagesOf({ validation_errors: [{ field: 'f', message: 'bad' }] })).to.deep.equal(['f: bad']);
    expect([fieldMessagesOf({ validation_errors: 'x' }), fieldMessagesOf('x'), fieldMessagesOf(null)]).to.deep.equal([
      [],
      [],
      [],
    ]);
  });

  it('takes the code only from a string detail.error, and describes empty details by status', () => {
    const error = (detail: unknown) => new CoordinatorError({ status: 422, detail });
    expect([error({ error: 'x' }).code, error({ error: 1 }).code, error(['x']).code, error('x').code]).to.deep.equal([
      'x',
      null,
      null,
      null,
    ]);
    expect([describeDetail(500, ''), describeDetail(0, null), describeDetail(400, { message: '' })]).to.deep.equal([
      'HTTP 500',
      'Network error',
      'HTTP 400',
    ]);
  });

  it('replaces negative, NaN and non-number reconnect options by the defaults', () => {
    const resolved = resolveReconnectOptions({
      initialDelayMs: NaN,
      maxDelayMs: -1,
      maxAttempts: '3' as unknown as number,
      jitter: 5,
      healthyAfterMs: -5,
      maxRetryAfterMs: NaN,
    });
    expect(resolved).to.deep.equal({
      initialDelayMs: 1000,
      maxDelayMs: 30_000,
      maxAttempts: Infinity,
      jitter: 1,
      healthyAfterMs: 10_000,
      maxRetryAfterMs: 600_000,
    });
  });
});
