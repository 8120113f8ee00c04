/**
 * The connection status every element shows the same way: one wording (the shared strings), one
 * countdown (`CountdownController`'s clock), "Live" only while the stream is open, and a
 * "Retry now" button while waiting to reconnect.
 *
 * Parts: `connection` (the status, with `data-status` and the status as a class) and
 * `connection-retry` (the button).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState } from '../types/model.js';
import type { Strings } from '../i18n/strings.js';
import { icon, type IconName } from './icons.js';

/** The words for a connection state; `seconds` is the countdown to the next attempt, if known. */
export function connectionText(state: ConnectionState, strings: Strings, seconds: number | null): string {
  const c = strings.connection;
  switch (state.status) {
    case 'open':
      return c.open;
    case 'connecting':
      return c.connecting;
    case 'reconnecting':
      return c.reconnecting(seconds, state.attempt ?? null);
    case 'auth-error':
      return c.authError(state.httpStatus ?? null, state.message ?? null);
    case 'offline':
      return c.offline;
    case 'closed':
      return state.message ? `${c.closed}: ${state.message}` : c.closed;
    default:
      return c.idle;
  }
}

/** Whether a state change is worth announcing (not the quiet start: idle → connecting → open). */
export function isAnnounced(state: ConnectionState, previous: ConnectionState): boolean {
  if (state.status === previous.status || state.status === 'idle' || state.status === 'connecting') return false;
  return state.status !== 'open' || previous.status !== 'connecting';
}

const ICONS: Record<string, IconName> = {
  open: 'live',
  'auth-error': 'lock',
  offline: 'offline',
  closed: 'offline',
  idle: 'offline',
};

export interface ConnectionStatusOptions {
  /** Seconds until the next attempt while reconnecting (from the shared countdown). */
  seconds: number | null;
  /** Shown instead of the idle wording (e.g. what is missing); without it, idle shows nothing. */
  idleText?: string | null;
  /** "Retry now": reconnect at once. */
  onRetry?: () => void;
}

/** The status (and "Retry now" while reconnecting), or nothing when idle without `idleText`. */
export function renderConnectionStatus(
  state: ConnectionState,
  strings: Strings,
  options: ConnectionStatusOptions,
): TemplateResult | typeof nothing {
  if (state.status === 'idle' && !options.idleText) return nothing;
  const text = state.status === 'idle' ? options.idleText! : connectionText(state, strings, options.seconds);
  // Why it is waiting (a 503, "Not an event stream", a refused redirect), for whoever asks.
  const title = state.status === 'reconnecting' && state.message ? `${text}: ${state.message}` : text;
  const retry =
    state.status === 'reconnecting' && options.onRetry
      ? html`<button type="button" class="ce-button connection-retry" part="connection-retry" @click=${options.onRetry}>
          ${strings.connection.retryNow}
        </button>`
      : nothing;
  return html`<span class="connection ${state.status}" part="connection" data-status=${state.status} title=${title}
      >${icon(ICONS[state.status] ?? 'refresh')}<span class="text">${text}</span></span
    >${retry}`;
}

export const connectionStatusStyles = css`
  .connection {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    max-width: 100%;
    min-width: 0;
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
    white-space: nowrap;
  }
  .connection .text {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .connection svg {
    width: 14px;
    height: 14px;
    flex: none;
  }
  .connection[data-status='open'] svg {
    color: var(--_live);
  }
  .connection[data-status='reconnecting'],
  .connection[data-status='connecting'],
  .connection[data-status='offline'] {
    color: var(--_warning);
  }
  .connection[data-status='auth-error'],
  .connection[data-status='closed'] {
    color: var(--_error);
    white-space: normal;
  }
  .connection-retry {
    font-size: var(--_font-size-small);
  }
`;
