import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import type { ConnectionState } from '../types/model.js';
import { englishStrings } from '../i18n/strings.js';
import { connectionText, isAnnounced, renderConnectionStatus } from './connection-status.js';
import { proxyErrorPage } from '../../test/support/pages.js';

async function shown(state: ConnectionState, options: Parameters<typeof renderConnectionStatus>[2]) {
  const box = await fixture<HTMLDivElement>(html`<div></div>`);
  render(renderConnectionStatus(state, englishStrings, options), box);
  return box;
}

describe('connection status piece', () => {
  it('one wording for every state; Live only while the stream is open', () => {
    const text = (state: ConnectionState, seconds: number | null = null) =>
      connectionText(state, englishStrings, seconds);
    expect(text({ status: 'open' })).to.equal('Live');
    expect(text({ status: 'connecting' })).to.equal('Connecting…');
    expect(text({ status: 'reconnecting', attempt: 2 }, 4)).to.equal('Reconnecting in 4s (attempt 2)');
    expect(text({ status: 'auth-error', httpStatus: 401, message: 'Missing token' })).to.equal(
      'Not authorized (401): Missing token',
    );
    expect(text({ status: 'offline' })).to.equal('Offline');
    expect(text({ status: 'closed', message: 'bad URL' })).to.equal('Disconnected: bad URL');
    for (const status of ['connecting', 'reconnecting', 'auth-error', 'offline', 'closed', 'idle'] as const) {
      expect(text({ status })).to.not.contain('Live');
    }
  });

  it('offers "Retry now" while waiting to reconnect, and only then', async () => {
    let retried = 0;
    const onRetry = () => retried++;
    const waiting = await shown(
      { status: 'reconnecting', attempt: 1, nextAttemptAt: Date.now() + 5000 },
      {
        seconds: 5,
        onRetry,
      },
    );
    const button = waiting.querySelector<HTMLButtonElement>('[part=connection-retry]')!;
    expect(button.textContent!.trim()).to.equal('Retry now');
    button.click();
    expect(retried).to.equal(1);
    expect(waiting.querySelector('[part=connection]')!.getAttribute('data-status')).to.equal('reconnecting');
    const open = await shown({ status: 'open' }, { seconds: null, onRetry });
    expect(open.querySelector('[part=connection-retry]')).to.equal(null);
    expect(open.querySelector('[part=connection]')!.classList.contains('open')).to.equal(true);
  });

  it('shows nothing when idle, unless told what to say', async () => {
    expect((await shown({ status: 'idle' }, { seconds: null })).textContent!.trim()).to.equal('');
    expect((await shown({ status: 'idle' }, { seconds: null, idleText: 'No coordinator' })).textContent).to.contain(
      'No coordinator',
    );
  });

  it('announces changes, but not the quiet start', () => {
    expect(isAnnounced({ status: 'connecting' }, { status: 'idle' })).to.equal(false);
    expect(isAnnounced({ status: 'open' }, { status: 'connecting' })).to.equal(false);
    expect(isAnnounced({ status: 'reconnecting' }, { status: 'open' })).to.equal(true);
    expect(isAnnounced({ status: 'open' }, { status: 'reconnecting' })).to.equal(true);
    expect(isAnnounced({ status: 'open', attempt: 2 }, { status: 'open' })).to.equal(false);
  });

  it('says Live only while the stream is open and the session shown exists', async () => {
    const text = (presence: 'none' | 'loading' | 'found' | 'missing') =>
      connectionText({ status: 'open' }, englishStrings, null, presence);
    expect(text('found')).to.equal('Live');
    for (const presence of ['none', 'loading', 'missing'] as const) expect(text(presence)).to.equal('Connected');
    const box = await shown({ status: 'open' }, { seconds: null, presence: 'missing' });
    expect(box.querySelector('[part=connection]')!.textContent!.trim()).to.equal('Connected');
    expect(box.querySelector('[part=connection]')!.getAttribute('data-status')).to.equal('open');
  });

  it("shows a server's HTML error page as one plain line, the rest on demand", async () => {
    const state: ConnectionState = { status: 'auth-error', httpStatus: 401, message: proxyErrorPage() };
    expect(connectionText(state, englishStrings, null)).to.equal('Not authorized (401): 401 Authorization Required');
    const box = await shown(state, { seconds: null });
    const chip = box.querySelector<HTMLElement>('[part=connection]')!;
    expect(chip.textContent!.trim()).to.equal('Not authorized (401): 401 Authorization Required');
    expect(chip.title).to.equal('Not authorized (401): 401 Authorization Required');
    const details = box.querySelector<HTMLDetailsElement>('[part=connection-details]')!;
    expect(details.open).to.equal(false);
    expect(details.querySelector('summary')!.textContent!.trim()).to.equal('Details');
    const full = details.querySelector('.connection-full')!.textContent!;
    expect(full).to.contain('This server could not verify that you are authorized.');
    expect(full).to.not.contain('<');
    // A short message needs no disclosure.
    const plain = await shown({ status: 'auth-error', httpStatus: 403, message: 'Invalid token' }, { seconds: null });
    expect(plain.querySelector('[part=connection-details]')).to.equal(null);
    expect(plain.textContent).to.contain('Not authorized (403): Invalid token');
  });
});
