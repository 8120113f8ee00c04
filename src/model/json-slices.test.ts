import { expect } from '@open-wc/testing';
import { slicedJson } from './json-slices.js';

/** Parses `text` in steps of `budget` characters; returns the result and the number of steps. */
function parse(text: string, budget = 7): { value?: unknown; error: string | null; steps: number } {
  const parser = slicedJson(text);
  let steps = 1;
  while (!parser.step(budget)) steps++;
  return { value: parser.value, error: parser.error, steps };
}

describe('slicedJson: JSON.parse in steps', () => {
  it('gives what JSON.parse gives, whatever the step size', () => {
    const texts = [
      '{"data": {"event_type": "post_tool", "session_id": "ses_1", "tool_input": {"a": [1, 2.5, -3e2, true, false, null]}}}',
      '[]',
      '{}',
      ' [ {} , [ [ ] ] , "" , 0 , -0.5E-3 ] ',
      '"just a string"',
      '42',
      'null',
      '{"a": "esc \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00 end", "b": {"c": {"d": [{"e": []}]}}}',
      '{"dup": 1, "dup": 2}',
    ];
    for (const text of texts) {
      for (const budget of [1, 3, 7, 1000]) {
        const { value, error } = parse(text, budget);
        expect(error, text).to.equal(null);
        expect(value, `${text} / ${budget}`).to.deep.equal(JSON.parse(text));
      }
    }
  });

  it('decodes long strings in pieces without splitting an escape, wherever the pieces end', () => {
    const unit = 'line\\n\\"quoted\\" \\\\ back \\u00e9\\ud83d\\ude00 ';
    for (const pad of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const inner = 'x'.repeat(pad) + unit.repeat(40_000);
      const text = `{"tool_output": "${inner}", "after": [1]}`;
      const { value, error, steps } = parse(text, 50_000);
      expect(error).to.equal(null);
      expect(value).to.deep.equal(JSON.parse(text));
      expect(steps, 'took several steps').to.be.greaterThan(5);
    }
    // A long run of backslashes across a piece boundary.
    const slashes = `"${'\\\\'.repeat(300_000)}\\u0041"`;
    expect(parse(slashes, 100_000).value).to.equal(JSON.parse(slashes));
  });

  it('keeps __proto__ an own key, as JSON.parse does, never the prototype', () => {
    const text = '{"__proto__": {"polluted": true}, "a": {"__proto__": []}}';
    const { value } = parse(text, 2) as { value: Record<string, Record<string, unknown>> };
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).to.be.true;
    expect((value as { polluted?: unknown }).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(value.a)).to.equal(Object.prototype);
    expect(JSON.stringify(value)).to.equal(JSON.stringify(JSON.parse(text)));
  });

  it('sets error where JSON.parse throws', () => {
    for (const text of [
      '',
      '{',
      '{"a" 1}',
      '{"a": 1,}',
      '[1,]',
      '[1 2]',
      '{a: 1}',
      '"unterminated',
      '{"a": 1} trailing',
      'nul',
      '{"a": "bad \\x escape"}',
      `"${'y'.repeat(100_000)}\u0001"`,
      '[01]',
    ]) {
      expect(() => JSON.parse(text), text).to.throw();
      const { error, value } = parse(text, 5);
      expect(error, text).to.be.a('string');
      expect(value).to.equal(undefined);
    }
  });
});
