/**
 * The timeline's toolbar: filter chips with counts, search, expand/collapse all, "N of M events"
 * and the connection status.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState, EventCategory } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { formatCount } from '../../i18n/format.js';
import { renderConnectionStatus } from '../../pieces/connection-status.js';
import type { SessionPresence } from '../../controllers/coordinator-source.js';
import { icon } from '../../pieces/icons.js';
import type { TimelineFilter } from './timeline-filter.js';
import { CATEGORIES } from './timeline-model.js';

export interface ToolbarState {
  filter: TimelineFilter;
  counts: Record<EventCategory, number>;
  matched: number;
  total: number;
  connection: ConnectionState;
  /** Seconds until the next connection attempt, while waiting for it. */
  seconds: number | null;
  /** What is known of the session: "Live" needs it found. */
  presence: SessionPresence;
  onRetry: () => void;
  onExpandAll: (expanded: boolean) => void;
}

export function renderToolbar(state: ToolbarState, s: Strings): TemplateResult {
  const { filter } = state;
  return html`<div class="toolbar" part="toolbar">
    <div class="chips" role="group" aria-label=${s.filterLabel} part="filters">
      ${CATEGORIES.map((category) => {
        const on = filter.categories.has(category);
        return html`<button
          type="button"
          class="ce-button chip"
          part="filter-chip"
          data-category=${category}
          aria-pressed=${on ? 'true' : 'false'}
          @click=${() => filter.toggle(category)}
        >
          ${on ? icon('check', 'check') : nothing}<span class="name">${s.filterCategories[category]}</span>
          <span class="count">${formatCount(state.counts[category], s.locale)}</span>
        </button>`;
      })}
    </div>
    <label class="search" part="search">
      ${icon('search')}
      <input
        type="search"
        part="search-input"
        .value=${filter.input}
        placeholder=${s.searchPlaceholder}
        aria-label=${s.searchLabel}
        @input=${filter.onInput}
        @keydown=${filter.onKeyDown}
      />
    </label>
    <div class="actions">
      <button type="button" class="ce-button" part="expand-all" @click=${() => state.onExpandAll(true)}>
        ${icon('expandAll')}${s.expandAll}
      </button>
      <button type="button" class="ce-button" part="collapse-all" @click=${() => state.onExpandAll(false)}>
        ${icon('collapseAll')}${s.collapseAll}
      </button>
    </div>
    <span class="count-text" part="count">${s.eventCount(state.matched, state.total)}</span>
    ${renderConnectionStatus(state.connection, s, {
      seconds: state.seconds,
      presence: state.presence,
      onRetry: state.onRetry,
    })}
  </div>`;
}
