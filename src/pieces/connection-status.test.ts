import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import type { ConnectionState } from '../types/model.js';
import { englishStrings } from '../i18n/strings.js';
import { connectionText, isAnnounced, renderConnectionStatus } from './connection-status.js';

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
});
