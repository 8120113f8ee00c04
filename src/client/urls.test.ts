import { expect } from '@open-wc/testing';
import { delayWithRetryAfter, parseRetryAfter, reconnectDelay, resolveReconnectOptions } from './backoff.js';
import { deriveApiBase, setQueryParam } from './urls.js';

describe('URLs and backoff', () => {
  it('derives the REST base by stripping /sse/sessions and the query', () => {
    expect(deriveApiBase('https://host:8765/sse/sessions')).to.equal('https://host:8765');
    expect(deriveApiBase('https://host/api/sse/sessions/?created_by=me#x')).to.equal('https://host/api');
    expect(deriveApiBase('/sse/sessions')).to.equal('');
    expect(deriveApiBase('http://127.0.0.1:9/i/abc/sse/sessions')).to.equal('http://127.0.0.1:9/i/abc');
  });

  it('sets api_key without disturbing other parameters', () => {
    expect(setQueryParam('https://h/sse/sessions', 'api_key', 'a b')).to.equal('https://h/sse/sessions?api_key=a+b');
    expect(setQueryParam('/sse/sessions?created_by=x&api_key=old', 'api_key', 'new')).to.equal(
      '/sse/sessions?created_by=x&api_key=new',
    );
  });

  it('backs off 1 s doubling to 30 s by default, jitter only shortens', () => {
    const options = resolveReconnectOptions();
    expect(options).to.deep.equal({
      initialDelayMs: 1000,
      maxDelayMs: 30_000,
      maxAttempts: Infinity,
      jitter: 0.3,
      healthyAfterMs: 10_000,
      maxRetryAfterMs: 600_000,
    });
    const top = (n: number) => reconnectDelay(n, options, () => 0);
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(top)).to.deep.equal([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(reconnectDelay(1, options, () => 1)).to.equal(700);
    for (let i = 0; i < 50; i++) {
      const d = reconnectDelay(6, options);
      expect(d).to.be.within(21000, 30000);
    }
  });

  it('reads Retry-After as seconds or an HTTP-date; anything else is no answer', () => {
    const now = Date.UTC(2026, 10, 24, 12);
    expect(parseRetryAfter('20', now)).to.equal(20_000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:30 GMT', now)).to.equal(30_000);
    // A date already past: at once.
    expect(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now)).to.equal(0);
    for (const value of [
      null,
      undefined,
      '',
      '-5',
      '1.5',
      'soon',
      '20 seconds',
      '12:00',
      'Tue, 99 Nov 2026 12:00:30 GMT',
    ]) {
      expect(parseRetryAfter(value, now), String(value)).to.equal(null);
    }
  });

  it('waits for a Retry-After longer than the backoff, up to maxRetryAfterMs', () => {
    const options = resolveReconnectOptions({ maxRetryAfterMs: 60_000 });
    expect(delayWithRetryAfter(1000, null, options)).to.equal(1000);
    expect(delayWithRetryAfter(1000, 20_000, options)).to.equal(20_000);
    expect(delayWithRetryAfter(8000, 2000, options)).to.equal(8000);
    expect(delayWithRetryAfter(1000, 999_999_000, options)).to.equal(60_000);
  });
});
