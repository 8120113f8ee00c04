import { expect } from '@open-wc/testing';
import { hasControls, parseAnsi, stripAnsi } from './ansi.js';

describe('parseAnsi', () => {
  it('keeps plain text as one unstyled span', () => {
    expect(parseAnsi('hello\nworld')).to.deep.equal([{ text: 'hello\nworld', classes: '' }]);
    expect(parseAnsi('')).to.deep.equal([]);
  });

  it('turns SGR colours and styles into classes and resets them', () => {
    expect(parseAnsi('\x1b[31merror\x1b[0m ok \x1b[1;92mPASS\x1b[22m!\x1b[m')).to.deep.equal([
      { text: 'error', classes: 'fg-1' },
      { text: ' ok ', classes: '' },
      { text: 'PASS', classes: 'fg-10 b' },
      { text: '!', classes: 'fg-10' },
    ]);
  });

  it('keeps the basic 16 of 256 colours, drops true colour and the cube', () => {
    expect(parseAnsi('\x1b[38;5;4ma\x1b[38;2;1;2;3mb\x1b[48;5;200mc')).to.deep.equal([
      { text: 'a', classes: 'fg-4' },
      { text: 'bc', classes: '' },
    ]);
  });

  it('drops other escape sequences and controls (cursor moves, titles, bells)', () => {
    const spans = parseAnsi('\x1b]0;title\x07\x1b[2K\x1b[1Gdone\x07\x00 \x1b(B.');
    expect(spans.map((s) => s.text).join('')).to.equal('done .');
  });

  it('shows what a carriage return overwrote last (progress bars), and CRLF as a newline', () => {
    expect(stripAnsi('10%\r50%\r100%\nnext\r\nline')).to.equal('100%\nnext\nline');
  });

  it('marks inverse without colours, swaps colours with them', () => {
    expect(parseAnsi('\x1b[7mx')).to.deep.equal([{ text: 'x', classes: 'inv' }]);
    expect(parseAnsi('\x1b[31;7mx')).to.deep.equal([{ text: 'x', classes: 'bg-1' }]);
  });

  it('leaves markup as text (it is only ever rendered as text)', () => {
    expect(parseAnsi('\x1b[31m<img src=x onerror=alert(1)>')).to.deep.equal([
      { text: '<img src=x onerror=alert(1)>', classes: 'fg-1' },
    ]);
  });
});

describe('stripAnsi / hasControls', () => {
  it('strips escapes, keeps tabs and newlines', () => {
    expect(stripAnsi('\x1b[32m✓\x1b[39m a\tb\n')).to.equal('✓ a\tb\n');
    expect(hasControls('a\tb\nc')).to.equal(false);
    expect(hasControls('a\x1b[0m')).to.equal(true);
  });
});
