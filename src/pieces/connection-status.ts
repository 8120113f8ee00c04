/**
 * The connection status every element shows the same way: one wording (the shared strings), one
 * countdown (`CountdownController`'s clock), "Live" only while the stream is open and the session
 * shown exists (`presence`, from the source controller; "Connected" otherwise), and a "Retry now"
 * button while waiting to reconnect. A server's message (an auth error's detail, which may be a
 * proxy's whole HTML page) is shown as one plain line; the rest behind "Details".
 *
 * Parts: `connection` (the status, with `data-status` and the status as a class),
 * `connection-retry` (the button) and `connection-details` (the disclosure of the whole message).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState } from '../types/model.js';
import type { Strings } from '../i18n/strings.js';
import type { SessionPresence } from '../controllers/coordinator-source.js';
import { summarizeMessage } from '../model/plain-text.js';
import { icon, type IconName } from './icons.js';

/**
 * The words for a connection state; `seconds` is the countdown to the next attempt, if known;
 * `presence` is what is known of the session shown (without it, an open stream reads "Live").
 */
export function connectionText(
  state: ConnectionState,
  strings: Strings,
  seconds: number | null,
  presence?: SessionPresence,
): string {
  const c = strings.connection;
  const message = state.message ? summarizeMessage(state.message).short || null : null;
  switch (state.status) {
    case 'open':
      return presence === undefined || presence === 'found' ? c.open : c.connected;
    case 'connecting':
      return c.connecting;
    case 'reconnecting':
      return c.reconnecting(seconds, state.attempt ?? null);
    case 'auth-error':
      return c.authError(state.httpStatus ?? null, message);
    case 'offline':
      return c.offline;
    case 'closed':
      return message ? `${c.closed}: ${message}` : c.closed;
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
  /** What is known of the session shown: "Live" needs it `found`. */
  presence?: SessionPresence;
}

/** The status (and "Retry now" while reconnecting), or nothing when idle without `idleText`. */
export function renderConnectionStatus(
  state: ConnectionState,
  strings: Strings,
  options: ConnectionStatusOptions,
): TemplateResult | typeof nothing {
  if (state.status === 'idle' && !options.idleText) return nothing;
  const text =
    state.status === 'idle' ? options.idleText! : connectionText(state, strings, options.seconds, options.presence);
  const shown = state.status === 'auth-error' || state.status === 'closed';
  const message = shown && state.message ? summarizeMessage(state.message) : null;
  const details = message?.cut
    ? html`<details class="connection-details" part="connection-details">
        <summary>${strings.details}</summary>
        <div class="connection-full">${message.full}</div>
      </details>`
    : nothing;
  // Why it is waiting (a 503, "Not an event stream", a refused redirect), for whoever asks: one plain line.
  const title =
    state.status === 'reconnecting' && state.message ? `${text}: ${summarizeMessage(state.message).short}` : text;
  const retry =
    state.status === 'reconnecting' && options.onRetry
      ? html`<button type="button" class="ce-button connection-retry" part="connection-retry" @click=${options.onRetry}>
          ${strings.connection.retryNow}
        </button>`
      : nothing;
  return html`<span class="connection ${state.status}" part="connection" data-status=${state.status} title=${title}
      >${icon(ICONS[state.status] ?? 'refresh')}<span class="text">${text}</span></span
    >${details}${retry}`;
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
  }
  .connection-details {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .connection-details summary {
    cursor: pointer;
    color: var(--_link);
  }
  .connection-details summary:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 1px;
  }
  /* Open, it takes a line of its own below the bar it sits in. */
  .connection-details[open] {
    flex-basis: 100%;
  }
  .connection-full {
    max-height: 10em;
    overflow: auto;
    margin-top: var(--_space-2);
    padding: var(--_space-2) var(--_space-3);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius-small);
    background: var(--_bg);
    color: var(--_text);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .connection-retry {
    font-size: var(--_font-size-small);
  }
`;
