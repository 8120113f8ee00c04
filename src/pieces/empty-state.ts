/**
 * What an element shows while it has nothing to show, and why: one decision for every element, so
 * that "no session", "unknown session", "unreachable coordinator", "refused credentials" and "waiting
 * for the first event" never read alike (the words are the shared `emptyState` strings; an element
 * may word some of them its own way). The reason is in `data-kind` for styling.
 */
import { css, html, type TemplateResult } from 'lit';
import type { ConnectionState } from '../types/model.js';
import type { Strings } from '../i18n/strings.js';
import type { SessionPresence } from '../controllers/coordinator-source.js';
import { icon, type IconName } from './icons.js';

/**
 * - `no-session`: connected to a coordinator, but no session is chosen
 * - `loading`: the session (or the connection) is on its way
 * - `not-found`: the coordinator does not know the session
 * - `unauthorized`: the coordinator refused the credentials
 * - `unreachable`: the coordinator does not answer (retrying, offline, or no usable address)
 * - `waiting`: the session exists and has no events yet (or the host gave none)
 */
export type EmptyKind = 'no-session' | 'loading' | 'not-found' | 'unauthorized' | 'unreachable' | 'waiting';

export interface EmptyInput {
  /** Where the data comes from (the source controller's `mode`). */
  mode: 'client' | 'host';
  connection: ConnectionState;
  presence: SessionPresence;
}

/** Why an element with nothing to show has nothing. */
export function emptyKindOf({ mode, connection, presence }: EmptyInput): EmptyKind {
  switch (connection.status) {
    case 'auth-error':
      return 'unauthorized';
    case 'reconnecting':
    case 'offline':
    case 'closed':
      return 'unreachable';
  }
  if (mode === 'host') return 'waiting';
  if (presence === 'none') return 'no-session';
  if (presence === 'missing') return 'not-found';
  if (presence === 'loading' || connection.status !== 'open') return 'loading';
  return 'waiting';
}

const ICONS: Record<EmptyKind, IconName> = {
  'no-session': 'message',
  loading: 'clock',
  'not-found': 'search',
  unauthorized: 'lock',
  unreachable: 'offline',
  waiting: 'clock',
};

/** The title and hint of a kind, in the shared words. */
export function emptyText(kind: EmptyKind, strings: Strings, sessionId: string | null): [string, string | null] {
  const e = strings.emptyState;
  switch (kind) {
    case 'no-session':
      return [e.noSession, e.noSessionHint];
    case 'loading':
      return [e.loading, null];
    case 'not-found':
      return [e.notFound(sessionId), e.notFoundHint];
    case 'unauthorized':
      return [e.unauthorized, e.unauthorizedHint];
    case 'unreachable':
      return [e.unreachable, e.unreachableHint];
    default:
      return [strings.waitingForEvents, null];
  }
}

/** The empty state (part `empty`, `data-kind`): an icon, a title, and a hint when there is one. */
export function renderEmptyState(kind: EmptyKind, title: string, hint: string | null): TemplateResult {
  return html`<div class="empty" part="empty" data-kind=${kind}>
    ${icon(ICONS[kind], 'empty-icon')}<strong class="empty-title">${title}</strong>${
      hint ? html`<span class="empty-hint">${hint}</span>` : ''
    }
  </div>`;
}

export const emptyStateStyles = css`
  .empty .empty-icon {
    width: 28px;
    height: 28px;
    opacity: 0.7;
  }
  .empty-title {
    font-weight: 600;
    color: var(--_text);
  }
  .empty-hint {
    max-width: 32em;
    font-size: var(--_font-size-small);
  }
  .empty[data-kind='unauthorized'] .empty-icon,
  .empty[data-kind='not-found'] .empty-icon {
    color: var(--_error);
    opacity: 1;
  }
  .empty[data-kind='unreachable'] .empty-icon {
    color: var(--_warning);
    opacity: 1;
  }
`;
