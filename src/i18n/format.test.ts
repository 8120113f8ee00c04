import { expect } from '@open-wc/testing';
import { formatAbsoluteTime, formatBytes, formatCount, formatDuration, oneLine, revealBidi } from './format.js';
import { stringsForLang } from './translations.js';

describe('format', () => {
  it('formats durations and sizes per locale, the same on every call (formatters are kept)', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDuration(12_345, 'en')).to.equal('12.3 s');
      expect(formatDuration(12_345, 'de')).to.equal('12,3 s');
      expect(formatDuration(12_000, 'en')).to.equal('12 s');
      expect(formatDuration(850)).to.equal('850 ms');
      expect(formatDuration(245_000)).to.equal('4 min 05 s');
      expect(formatBytes(512, 'en')).to.equal('512 B');
      expect(formatBytes(3_500, 'en')).to.equal('3.4 KB');
      expect(formatBytes(3_500, 'de')).to.equal('3,4 KB');
      expect(formatBytes(50 * 1024, 'en')).to.equal('50 KB');
      expect(formatBytes(5.25 * 1024 * 1024, 'de')).to.equal('5,3 MB');
    }
  });

  it('summarizes a value on one line, bounded; an object once per limit', () => {
    const input = { command: 'npm test', description: 'runs\n  the   tests' };
    const expected = '{ "command": "npm test", "description": "runs\\n the tests" }';
    expect(oneLine(input, 160)).to.equal(expected);
    // Cached per object and limit: the same text again, and another limit is its own summary.
    expect(oneLine(input, 160)).to.equal(expected);
    expect(oneLine(input, 20)).to.equal('{ "command": "npm t…');
    expect(oneLine(input, 160)).to.equal(expected);
    expect(oneLine('a\n\nb', 10)).to.equal('a b');
    expect(oneLine(42)).to.equal('42');
    expect(oneLine(null)).to.equal('');
  });

  it('formats counts and absolute times as Intl does, from kept formatters and texts', () => {
    for (const locale of [undefined, 'en', 'de', 'fr']) {
      for (const n of [0, 1, 1234, 1234.5678, 1e6]) expect(formatCount(n, locale)).to.equal(n.toLocaleString(locale));
      const s = stringsForLang(locale);
      const intl = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
      const t = Date.UTC(2026, 10, 25, 16, 44, 50, 620);
      // Times in the same second share their text; the next second has its own.
      for (const time of [t, t + 300, t - 620, t + 380, t + 5000]) {
        expect(formatAbsoluteTime(time, s)).to.equal(intl.format(time));
      }
    }
  });

  it('shows bidi controls as visible code points, in summaries too', () => {
    expect(revealBidi('Read\u202Etxt.exe')).to.equal('Read⟨U+202E⟩txt.exe');
    expect(revealBidi('a\u2066b\u2069\u200Fc')).to.equal('a⟨U+2066⟩b⟨U+2069⟩⟨U+200F⟩c');
    expect(revealBidi('plain עברית text')).to.equal('plain עברית text');
    expect(oneLine({ file_path: 'x\u202Egnp.js' })).to.contain('⟨U+202E⟩');
  });
});
