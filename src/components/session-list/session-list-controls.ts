/**
 * The templates around `<session-list>`'s rows: the toolbar (search, status chips, sort, count,
 * connection), the states of an empty list, the actions menu and the confirmation dialog.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { SESSION_SORTS, STATUS_GROUPS, type SessionSort, type StatusGroup } from '../../model/session-tree.js';
import { renderConnectionStatus } from '../../pieces/connection-status.js';
import { icon } from '../../pieces/icons.js';

export interface ToolbarOptions {
  query: string;
  statuses: ReadonlySet<StatusGroup>;
  counts: Record<StatusGroup, number>;
  sort: SessionSort;
  shown: number;
  total: number;
  connection: ConnectionState;
  seconds: number | null;
  onQuery(value: string): void;
  onStatus(group: StatusGroup): void;
  onSort(sort: SessionSort): void;
  onRetry(): void;
}

export function renderToolbar(o: ToolbarOptions, s: Strings): TemplateResult {
  return html`<div class="toolbar" part="toolbar">
    <label class="search" part="search"
      >${icon('search')}<span class="sr-only">${s.sessionSearchLabel}</span
      ><input
        type="search"
        part="search-input"
        .value=${o.query}
        placeholder=${s.sessionSearchPlaceholder}
        autocomplete="off"
        spellcheck="false"
        @input=${(e: Event) => o.onQuery((e.target as HTMLInputElement).value)}
    /></label>
    <label class="sort" part="sort"
      ><span class="sort-label">${s.sessionSortLabel}</span
      ><select
        part="sort-select"
        @change=${(e: Event) => o.onSort((e.target as HTMLSelectElement).value as SessionSort)}
      >
        ${SESSION_SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === o.sort}>${s.sessionSorts[sort]}</option>`)}
      </select></label
    >
    <div class="chips" part="filters" role="group" aria-label=${s.sessionStatusFilterLabel}>
      ${STATUS_GROUPS.filter((g) => g !== 'other' || o.counts.other > 0 || o.statuses.has('other')).map(
        (group) =>
          html`<button
            type="button"
            class="ce-button chip ${group}"
            part="filter-chip"
            data-group=${group}
            aria-pressed=${o.statuses.has(group) ? 'true' : 'false'}
            @click=${() => o.onStatus(group)}
          >
            <span class="dot ${group}" aria-hidden="true"></span>${s.sessionStatusGroups[group]}<span class="count"
              >${o.counts[group]}</span
            >
          </button>`,
      )}
    </div>
    <span class="count-text" part="count">${s.sessionCount(o.shown, o.total)}</span>
    ${renderConnectionStatus(o.connection, s, { seconds: o.seconds, onRetry: o.onRetry })}
  </div>`;
}

export type ListState = 'connecting' | 'empty' | 'unreachable' | 'auth-error' | 'no-match' | 'no-source' | null;

/** What an empty list says, or null when it has rows. */
export function listStateOf(o: {
  rows: number;
  total: number;
  filtering: boolean;
  connection: ConnectionState;
  fromCoordinator: boolean;
  received: boolean;
  hostData: boolean;
}): ListState {
  if (o.rows > 0) return null;
  if (o.total > 0) return o.filtering ? 'no-match' : null;
  if (!o.fromCoordinator) return o.hostData ? 'empty' : o.connection.status === 'closed' ? 'unreachable' : 'no-source';
  switch (o.connection.status) {
    case 'auth-error':
      return 'auth-error';
    case 'reconnecting':
    case 'offline':
    case 'closed':
      return 'unreachable';
    case 'open':
      return o.received ? 'empty' : 'connecting';
    default:
      return 'connecting';
  }
}

/** A server's message made short: one line, at most `limit` characters. */
export function shorten(text: string | null | undefined, limit = 160): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line || null;
}

export interface StateOptions {
  state: Exclude<ListState, null>;
  query: string;
  connection: ConnectionState;
  seconds: number | null;
  onRetry(): void;
  onClear(): void;
}

export function renderState(o: StateOptions, s: Strings): TemplateResult {
  const c = o.connection;
  let text: string;
  let action: TemplateResult | typeof nothing = nothing;
  switch (o.state) {
    case 'connecting':
      text = s.sessionConnecting;
      break;
    case 'empty':
      text = s.sessionEmpty;
      break;
    case 'no-source':
      text = s.sessionNoSource;
      break;
    case 'auth-error':
      text = s.sessionAuthError(c.httpStatus ?? null, shorten(c.message));
      break;
    case 'no-match':
      text = s.sessionNoMatch(o.query.trim());
      action = html`<button type="button" class="ce-button" part="clear-filters" @click=${o.onClear}>
        ${s.clearFilters}
      </button>`;
      break;
    default: {
      text = s.sessionUnreachable;
      const detail = c.status === 'reconnecting' ? s.connection.reconnecting(o.seconds, c.attempt ?? null) : null;
      if (detail) text = `${text} ${detail}`;
      if (c.status === 'reconnecting') {
        action = html`<button type="button" class="ce-button" part="connection-retry" @click=${o.onRetry}>
          ${s.connection.retryNow}
        </button>`;
      }
    }
  }
  return html`<div
    class="state"
    part="state"
    data-state=${o.state}
    role=${o.state === 'auth-error' ? 'alert' : 'status'}
  >
    ${icon(o.state === 'auth-error' ? 'lock' : o.state === 'unreachable' ? 'offline' : o.state === 'no-match' ? 'search' : 'history')}
    <p>${text}</p>
    ${action}
  </div>`;
}

export interface MenuOptions {
  top: number;
  canStop: boolean;
  onStop(): void;
  onDelete(): void;
  onKey(e: KeyboardEvent): void;
  onFocusOut(e: FocusEvent): void;
}

export function renderMenu(o: MenuOptions, s: Strings): TemplateResult {
  return html`<div
    class="menu"
    part="menu"
    role="menu"
    style="top:${o.top}px"
    @keydown=${o.onKey}
    @focusout=${o.onFocusOut}
  >
    <button type="button" role="menuitem" part="menu-item" class="menu-item" ?disabled=${!o.canStop} @click=${o.onStop}>
      ${icon('stop')}${s.sessionStop}
    </button>
    <button type="button" role="menuitem" part="menu-item" class="menu-item danger" @click=${o.onDelete}>
      ${icon('trash')}${s.sessionDelete}
    </button>
  </div>`;
}

export interface ConfirmOptions {
  action: 'stop' | 'delete';
  title: string;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation's content (inside the element's `<dialog>`). */
export function renderConfirm(o: ConfirmOptions, s: Strings): TemplateResult {
  const stop = o.action === 'stop';
  return html`<h2 id="confirm-title" class="confirm-title">
      ${stop ? s.sessionConfirmStop(o.title) : s.sessionConfirmDelete(o.title)}
    </h2>
    <p class="confirm-detail">${stop ? s.sessionConfirmStopDetail : s.sessionConfirmDeleteDetail}</p>
    ${o.error ? html`<p class="confirm-error" part="confirm-error" role="alert">${icon('alert')}${o.error}</p>` : nothing}
    <div class="confirm-buttons">
      <button type="button" class="ce-button" part="confirm-cancel" @click=${o.onCancel}>${s.cancel}</button>
      <button
        type="button"
        class="ce-button confirm-ok ${stop ? '' : 'danger'}"
        part="confirm-ok"
        ?disabled=${o.busy}
        aria-busy=${o.busy ? 'true' : 'false'}
        @click=${o.onConfirm}
      >
        ${stop ? s.sessionStop : s.sessionDelete}
      </button>
    </div>`;
}

/** The look of `renderState()`'s states, for every element that shows them. */
export const listStateStyles = css`
  .state {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space-3);
    padding: var(--_space-5);
    text-align: center;
    color: var(--_text-muted);
    pointer-events: none;
  }
  .state > * {
    pointer-events: auto;
  }
  .state p {
    margin: 0;
    max-width: 32rem;
  }
  .state svg {
    width: 24px;
    height: 24px;
  }
  .state[data-state='auth-error'],
  .state[data-state='unreachable'] {
    color: var(--_error);
  }
`;
