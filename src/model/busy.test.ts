import { expect } from '@open-wc/testing';
import { busyStateOf, isResumable } from './busy.js';

describe('busyStateOf', () => {
  it('follows the session status', () => {
    const table: [string | null, string][] = [
      ['pending', 'busy'],
      ['running', 'busy'],
      ['stopping', 'busy'],
      ['idle', 'ready'],
      // The rename-era server's word for resumable.
      ['finished', 'ready'],
      ['stopped', 'ended'],
      ['failed', 'ended'],
      ['something_new', 'ready'],
      [null, 'ready'],
    ];
    for (const [status, busy] of table) expect(busyStateOf(status), String(status)).to.equal(busy);
  });

  it('resumes only idle or finished sessions', () => {
    expect(['idle', 'finished'].every(isResumable)).to.equal(true);
    expect(['pending', 'running', 'stopping', 'stopped', 'failed', 'x'].some(isResumable)).to.equal(false);
    expect(isResumable(null)).to.equal(false);
  });
});
