import { expect } from '@open-wc/testing';
import { MAX_EDITS, diffLines, diffTexts, formatHunks, hunksFromPatch, splitLines } from './line-diff.js';

const kinds = (a: string[], b: string[]) => diffLines(a, b).map((l) => l.kind + l.text);

describe('line diff', () => {
  it('splits lines without an empty last one', () => {
    expect(splitLines('a\nb\n')).to.deep.equal(['a', 'b']);
    expect(splitLines('a\r\nb')).to.deep.equal(['a', 'b']);
    expect(splitLines('')).to.deep.equal([]);
  });

  it('finds the shortest script', () => {
    expect(kinds(['a', 'b', 'c'], ['a', 'c'])).to.deep.equal([' a', '-b', ' c']);
    expect(kinds(['a', 'c'], ['a', 'b', 'c'])).to.deep.equal([' a', '+b', ' c']);
    expect(kinds(['x'], ['y'])).to.deep.equal(['-x', '+y']);
    expect(
      kinds(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']).filter((k) => k[0] !== ' '),
    ).to.have.length(5);
    expect(kinds([], ['n'])).to.deep.equal(['+n']);
    expect(kinds(['o'], [])).to.deep.equal(['-o']);
  });

  it('numbers both sides', () => {
    const lines = diffLines(['a', 'b', 'c'], ['a', 'B', 'c'], 10, 20);
    expect(lines.map((l) => [l.kind, l.oldNo, l.newNo])).to.deep.equal([
      [' ', 10, 20],
      ['-', 11, null],
      ['+', null, 21],
      [' ', 12, 22],
    ]);
  });

  it('groups changes into hunks with three lines of context', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const next = old.slice();
    next[1] = 'changed 2';
    next[17] = 'changed 18';
    const hunks = diffTexts(old.join('\n'), next.join('\n'));
    expect(hunks).to.have.length(2);
    expect([hunks[0].oldStart, hunks[0].oldLines, hunks[0].newStart, hunks[0].newLines]).to.deep.equal([1, 5, 1, 5]);
    expect([hunks[1].oldStart, hunks[1].oldLines]).to.deep.equal([15, 6]);
    expect(formatHunks(hunks, 'f.txt').split('\n').slice(0, 3)).to.deep.equal([
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@ -1,5 +1,5 @@',
    ]);
    // Close changes share one hunk.
    next[5] = 'changed 6';
    expect(diffTexts(old.join('\n'), next.join('\n'))).to.have.length(2);
  });

  it('gives up on a shortest script past MAX_EDITS and still diffs correctly', () => {
    const a = Array.from({ length: MAX_EDITS + 10 }, (_, i) => `a${i}`);
    const b = Array.from({ length: MAX_EDITS + 10 }, (_, i) => `b${i}`);
    const lines = diffLines(a, b);
    expect(lines.filter((l) => l.kind === '-')).to.have.length(a.length);
    expect(lines.filter((l) => l.kind === '+')).to.have.length(b.length);
  });

  it('reads a structuredPatch, and refuses other shapes', () => {
    const hunks = hunksFromPatch([
      { oldStart: 4, oldLines: 3, newStart: 4, newLines: 2, lines: [' {', '-  // x', '   return'] },
    ])!;
    expect(hunks[0].lines.map((l) => [l.kind, l.oldNo, l.newNo])).to.deep.equal([
      [' ', 4, 4],
      ['-', 5, null],
      [' ', 6, 5],
    ]);
    expect(hunksFromPatch('nope')).to.equal(null);
    expect(hunksFromPatch([{ oldStart: 'x' }])).to.equal(null);
    expect(hunksFromPatch([])).to.equal(null);
  });
});
