import { expect } from '@open-wc/testing';
import type { WireSessionEvent } from '../types/wire.js';
import {
  eventContentKey,
  eventTypeAliases,
  mergeSessionPatch,
  normalizeEvent,
  normalizeSession,
  parseTimestamp,
  registerEventTypeAlias,
} from './normalize.js';
import { FIXTURES, loadSseEvents } from '../../test/support/fixtures.js';
import { historyForm } from '../../test/support/wire-events.mjs';

describe('normalize: aliases and content identity', () => {
  it('maps the old names to the new ones and marks them legacy', () => {
    const start = normalizeEvent({ event_type: 'session_start', session_id: 's', timestamp: '2026-11-24T01:59:24Z' });
    const stop = normalizeEvent({
      event_type: 'session_stop',
      session_id: 's',
      timestamp: '2026-11-24T01:59:24Z',
      exit_code: 0,
    });
    expect([start.type, start.originalType, start.legacy, start.known]).to.deep.equal([
      'run_start',
      'session_start',
      true,
      true,
    ]);
    expect([stop.type, stop.legacy, stop.failed]).to.deep.equal(['run_completed', true, false]);
    const unknown = normalizeEvent({ event_type: 'telemetry_sample', session_id: 's', timestamp: 'x' });
    expect([unknown.type, unknown.known, unknown.category, Number.isNaN(unknown.time)]).to.deep.equal([
      'telemetry_sample',
      false,
      'other',
      true,
    ]);
  });

  it('legacy-history.json: old rows normalize to run_start / run_completed', async () => {
    const body = (await (await fetch('/test/fixtures/legacy-history.json')).json()) as { events: WireSessionEvent[] };
    const events = body.events.map((e) => normalizeEvent(e));
    expect(events.map((e) => [e.type, e.originalType, e.historyId])).to.deep.equal([
      ['run_start', 'session_start', 1],
      ['run_completed', 'session_stop', 2],
    ]);
    expect(events[1].exitCode).to.equal(0);
  });

  it('accepts a new alias at run time', () => {
    registerEventTypeAlias('turn_begin', 'run_start');
    try {
      expect(normalizeEvent({ event_type: 'turn_begin', session_id: 's', timestamp: '' }).type).to.equal('run_start');
    } finally {
      delete eventTypeAliases.turn_begin;
    }
  });

  for (const name of FIXTURES) {
    it(`${name}: the history copy of every event has the same content key as the live copy`, async () => {
      const live = await loadSseEvents(name);
      expect(live.length).to.be.greaterThan(3);
      live.forEach((event, i) => {
        const a = normalizeEvent(event);
        const b = normalizeEvent(historyForm(event, i + 1));
        expect(eventContentKey(b), event.event_type).to.equal(eventContentKey(a));
        expect(b.historyId).to.equal(i + 1);
      });
    });
  }

  it('content keys tell apart what differs in type, time, tool, role or text, and match old vs new names', () => {
    const base: WireSessionEvent = {
      event_type: 'message',
      session_id: 's',
      timestamp: '2026-11-24T01:57:57.660223+00:00',
      role: 'user',
      content: [{ type: 'text', text: 'hi' }],
    };
    const key = (e: WireSessionEvent) => eventContentKey(normalizeEvent(e));
    expect(key({ ...base, role: 'assistant' })).to.not.equal(key(base));
    expect(key({ ...base, content: [{ type: 'text', text: 'ho' }] })).to.not.equal(key(base));
    expect(key({ ...base, timestamp: '2026-11-24T01:57:57.661223+00:00' })).to.not.equal(key(base));
    expect(key({ ...base, event_type: 'result' })).to.not.equal(key(base));
    expect(key({ ...base, session_id: 't' })).to.not.equal(key(base));
    // Same instant written differently.
    expect(key({ ...base, timestamp: '2026-11-24T01:57:57.660223Z' })).to.equal(key(base));
    const t = '2026-11-24T01:59:24.025232+00:00';
    expect(key({ event_type: 'session_start', session_id: 's', timestamp: t })).to.equal(
      key({ event_type: 'run_start', session_id: 's', timestamp: t }),
    );
  });
});

describe('normalize: sessions', () => {
  const wire = {
    session_id: 'ses_1',
    status: 'running',
    created_at: '2026-11-24T01:57:57.044823+00:00',
    project_dir: '/p',
    agent_name: null,
    last_resumed_at: null,
    parent_session_id: 'ses_0',
    executor_session_id: 'x',
    executor_profile: 'echo',
    hostname: 'h',
  };

  it('normalizes a full session and tolerates missing fields', () => {
    expect(normalizeSession(wire)).to.deep.equal({
      sessionId: 'ses_1',
      status: 'running',
      createdAt: '2026-11-24T01:57:57.044823+00:00',
      projectDir: '/p',
      agentName: null,
      lastResumedAt: null,
      parentSessionId: 'ses_0',
      executorSessionId: 'x',
      executorProfile: 'echo',
      hostname: 'h',
      lastRunFailure: null,
      lastError: null,
    });
    expect(normalizeSession({ session_id: 'ses_2' })).to.include({
      status: 'unknown',
      createdAt: null,
      hostname: null,
    });
  });

  it('merges a partial patch without touching the rest and returns a new object', () => {
    const current = normalizeSession(wire, { runId: 'run_1', error: 'x' });
    const next = mergeSessionPatch(current, { session_id: 'ses_1', status: 'finished' });
    expect(next).to.not.equal(current);
    expect(next).to.deep.equal({ ...current, status: 'finished' });
    expect(mergeSessionPatch(current, { session_id: 'ses_1', hostname: null }).hostname).to.equal(null);
    expect(mergeSessionPatch(current, { session_id: 'ses_1', status: '' }).status).to.equal('running');
  });
});

describe('normalizeEvent: times far after arrival', () => {
  it('takes a time more than a day after its arrival as invalid; a clock a little ahead is fine', () => {
    const arrival = Date.UTC(2026, 10, 24, 12);
    const at = (timestamp: string) =>
      normalizeEvent({ event_type: 'message', session_id: 's', timestamp }, { arrival }).time;
    expect(at('2026-11-25T11:59:59Z')).to.equal(Date.UTC(2026, 10, 25, 11, 59, 59));
    expect(at('2026-11-25T12:00:01Z')).to.be.NaN;
    expect(at('2099-01-01T00:00:00Z')).to.be.NaN;
    // Without an arrival (a single event shown as it is) only the timestamp itself is checked.
    expect(normalizeEvent({ event_type: 'message', session_id: 's', timestamp: '2099-01-01T00:00:00Z' }).time).to.equal(
      Date.UTC(2099, 0, 1),
    );
  });
});

describe('parseTimestamp', () => {
  it('reads Z, offsets and no zone (UTC) alike, with any fraction length', () => {
    const utc = Date.UTC(2026, 10, 24, 1, 57, 57, 560);
    expect(parseTimestamp('2026-11-24T01:57:57.560681+00:00')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T01:57:57.560Z')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T01:57:57.56')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T03:27:57.560681+01:30')).to.equal(utc);
    expect(parseTimestamp('2026-11-23T20:57:57.560-05:00')).to.equal(utc);
    expect(parseTimestamp('2026-11-24 01:57:57.560')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T01:57:57')).to.equal(Date.UTC(2026, 10, 24, 1, 57, 57));
  });

  it('reads the rarer forms too: lower case, offsets without a colon, no seconds, long fractions, spaces', () => {
    const utc = Date.UTC(2026, 10, 24, 1, 57, 57, 560);
    expect(parseTimestamp('2026-11-24t01:57:57.560z')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T03:27:57.560+0130')).to.equal(utc);
    expect(parseTimestamp(' 2026-11-24T01:57:57.560Z ')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T01:57:57.5609999999999999999999Z')).to.equal(utc);
    expect(parseTimestamp('2026-11-24T01:57:57.5Z')).to.equal(utc - 60);
    expect(parseTimestamp('2026-11-24T01:57')).to.equal(Date.UTC(2026, 10, 24, 1, 57));
    expect(parseTimestamp('2026-11-24T01:57:57.Z')).to.be.NaN;
    expect(parseTimestamp('2026-11-24T01:57:57.560Zjunk')).to.be.NaN;
  });

  it('gives NaN for out-of-range fields instead of rolling them over into another date', () => {
    for (const value of [
      '2026-13-45T99:99:99Z',
      '0000-00-00T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-06-31T12:00:00Z',
      '2026-02-29T12:00:00Z',
      '2026-11-24T24:00:00Z',
      '2026-11-24T23:60:00Z',
      '2026-11-24T23:59:61Z',
      '2026-11-24T12:00:00+24:00',
      '2026-11-24T12:00:00+05:60',
      '0099-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
    ]) {
      expect(parseTimestamp(value), value).to.be.NaN;
    }
    // What is in range stays as it was: a leap day, a leap second, the last second of a year.
    expect(parseTimestamp('2028-02-29T12:00:00Z')).to.equal(Date.UTC(2028, 1, 29, 12));
    expect(parseTimestamp('2026-12-31T23:59:60Z')).to.equal(Date.UTC(2027, 0, 1));
    expect(parseTimestamp('2026-12-31T23:59:59-23:59')).to.equal(Date.UTC(2027, 0, 1, 23, 58, 59));
  });

  it('gives NaN for what is not a time', () => {
    expect(parseTimestamp('yesterday')).to.be.NaN;
    expect(parseTimestamp('')).to.be.NaN;
    expect(parseTimestamp(null)).to.be.NaN;
  });
});
