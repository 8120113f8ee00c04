import { expect } from '@open-wc/testing';
import { clip, summarizeMessage } from './plain-text.js';
import { proxyErrorPage } from '../../test/support/pages.js';

describe('summarizeMessage', () => {
  it('turns an HTML error page into its title, and its text on demand', () => {
    const page = proxyErrorPage();
    expect(page.length).to.be.greaterThan(16_000);
    const { short, full, cut } = summarizeMessage(page);
    expect(short).to.equal('401 Authorization Required');
    expect(cut).to.equal(true);
    expect(full).to.match(/^Authorization Required This server could not verify/);
    expect(full).to.contain('Line 3 of the help text & more');
    for (const text of [short, full]) {
      expect(text).to.not.match(/[<>]/);
      expect(text).to.not.contain('__pwned');
      expect(text).to.not.contain('font:14px');
    }
    expect(full.length).to.be.at.most(4000);
  });

  it('keeps a plain message as it is, one line, cut at a word', () => {
    expect(summarizeMessage('Invalid or expired token')).to.deep.equal({
      short: 'Invalid or expired token',
      full: 'Invalid or expired token',
      cut: false,
    });
    const long = 'word '.repeat(100).trim();
    const s = summarizeMessage(long, 40);
    expect(s.short.length).to.be.at.most(40);
    expect(s.short.endsWith('…')).to.equal(true);
    expect(s.cut).to.equal(true);
    const lines = summarizeMessage('First line\nsecond line\nthird');
    expect(lines.short).to.equal('First line');
    expect(lines.cut).to.equal(true);
    expect(summarizeMessage('<b>not a page</b> but <p>markup</p>').short).to.equal('not a page but markup');
  });

  it('tolerates anything', () => {
    expect(summarizeMessage(null).short).to.equal('');
    expect(summarizeMessage(undefined as unknown as string).cut).to.equal(false);
    expect(summarizeMessage('<p>&#x1F600; &#99999999; &bogus;</p>').short).to.equal('😀 &#99999999; &bogus;');
    expect(clip('abc', 10)).to.equal('abc');
    expect(clip('abcdefghijkl', 5)).to.equal('abcd…');
  });
});
