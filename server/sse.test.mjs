import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FrameIds, formatFrame, pyJson } from './sse.mjs';

const fixture = (name) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

test('pyJson re-serializes every captured data line byte for byte', () => {
  let checked = 0;
  for (const name of ['current-two-runs.sse', 'edge-cases.sse', 'pre-rename-run.sse']) {
    for (const line of fixture(name).split('\n')) {
      if (!line.startsWith('data: ')) continue;
      const raw = line.slice('data: '.length);
      assert.equal(pyJson(JSON.parse(raw)), raw, `${name}: ${raw.slice(0, 80)}`);
      checked++;
    }
  }
  assert.ok(checked > 40, `checked ${checked} lines`);
});

test('formatFrame reproduces whole captured frames', () => {
  const text = fixture('current-two-runs.sse');
  // The capture was cut after the last frame's data line, hence trimEnd.
  const frames = text
    .trimEnd()
    .split('\n\n')
    .map((block) => block + '\n\n');
  for (const frame of frames) {
    const [idLine, eventLine, dataLine] = frame.trimEnd().split('\n');
    const rebuilt = formatFrame(idLine.slice(4), eventLine.slice(7), JSON.parse(dataLine.slice(6)));
    assert.equal(rebuilt, frame);
  }
  assert.equal(frames.length, 20);
  assert.equal(frames.join('').trimEnd(), text.trimEnd());
});

test('pyJson escapes like Python json.dumps (ensure_ascii)', () => {
  assert.equal(
    pyJson({ a: 'é✓😀', b: '\u007f', c: 'line\nnext\t"q"\\' }),
    '{"a": "\\u00e9\\u2713\\ud83d\\ude00", "b": "\\u007f", "c": "line\\nnext\\t\\"q\\"\\\\"}',
  );
  assert.equal(pyJson([]), '[]');
  assert.equal(pyJson({}), '{}');
  assert.equal(pyJson([1, true, null, 0.5, { x: [] }]), '[1, true, null, 0.5, {"x": []}]');
  assert.equal(pyJson({ skip: undefined, keep: null }), '{"keep": null}');
});

test('frame ids are <ms>-<code>-<3-digit seq>, counting per kind within a millisecond', () => {
  const ids = new FrameIds();
  const seen = ['init', 'session_created', 'session_updated', 'session_deleted', 'event', 'run_failed', 'event'].map(
    (k) => ids.next(k),
  );
  for (const id of seen) assert.match(id, /^\d{13}-(ini|scr|sup|sdl|evt|rfl)-\d{3}$/);
  assert.deepEqual(
    seen.map((id) => id.split('-')[1]),
    ['ini', 'scr', 'sup', 'sdl', 'evt', 'rfl', 'evt'],
  );
  const [ms1, , seq1] = seen[4].split('-');
  const [ms2, , seq2] = seen[6].split('-');
  assert.equal(Number(seq2), ms1 === ms2 ? Number(seq1) + 1 : 1);
});
