/**
 * The timeline's toolbar: filter chips with counts, search with "n of m" and previous/next match,
 * "Errors only" with previous/next error, expand/collapse all, "N of M events" and the connection
 * status.
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
  /** While searching: the selected match's position (1-based; 0: none selected) and how many match. */
  search: { position: number; count: number } | null;
  /** Failed events among those shown. */
  errors: number;
  onStepMatch: (direction: 1 | -1) => void;
  onStepError: (direction: 1 | -1) => void;
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
    ${state.search ? renderSearchSteps(state.search, state.onStepMatch, s) : nothing}
    <div class="errors" role="group" aria-label=${s.errorsLabel}>
      <button
        type="button"
        class="ce-button"
        part="errors-only"
        aria-pressed=${filter.errorsOnly ? 'true' : 'false'}
        @click=${filter.toggleErrorsOnly}
      >
        ${icon('alert')}${s.errorsOnly}
        <span class="count">${formatCount(state.errors, s.locale)}</span>
      </button>
      ${stepButtons(state.errors === 0, state.onStepError, s.previousError, s.nextError, 'error')}
    </div>
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

function stepButtons(
  disabled: boolean,
  onStep: (direction: 1 | -1) => void,
  previous: string,
  next: string,
  what: 'match' | 'error',
): TemplateResult {
  return html`<button
      type="button"
      class="ce-button step"
      part="previous-${what}"
      aria-label=${previous}
      title=${previous}
      ?disabled=${disabled}
      @click=${() => onStep(-1)}
    >
      ${icon('chevronUp')}</button
    ><button
      type="button"
      class="ce-button step"
      part="next-${what}"
      aria-label=${next}
      title=${next}
      ?disabled=${disabled}
      @click=${() => onStep(1)}
    >
      ${icon('chevronDown')}
    </button>`;
}

function renderSearchSteps(
  search: { position: number; count: number },
  onStep: (direction: 1 | -1) => void,
  s: Strings,
): TemplateResult {
  return html`<div class="search-steps" role="group" aria-label=${s.searchLabel}>
    <span class="search-count" part="search-count" role="status"
      >${s.searchPosition(search.position, search.count)}</span
    >
    ${stepButtons(search.count === 0, onStep, s.previousMatch, s.nextMatch, 'match')}
  </div>`;
}

/** Notices under the toolbar: a history that may be cut, or older events dropped. */
export function renderNotices(
  truncated: { droppedByCap: number; historyMayBeIncomplete: boolean } | undefined,
  s: Strings,
): TemplateResult | typeof nothing {
  const notes: string[] = [];
  if (truncated && truncated.droppedByCap > 0) notes.push(s.truncatedHistory(truncated.droppedByCap));
  if (truncated?.historyMayBeIncomplete) notes.push(s.historyMayBeIncomplete);
  if (!notes.length) return nothing;
  return html`<div class="notice" part="notice">${icon('history')}<span>${notes.join(' ')}</span></div>`;
}

/** The filter or search hides every event: say so, with a way back. */
export function renderNoMatch(filter: TimelineFilter, s: Strings): TemplateResult {
  return html`<div class="empty" part="empty" data-kind="no-match">
    <span>${s.nothingMatches}</span>
    <button type="button" class="ce-button" @click=${filter.clear}>${s.clearFilters}</button>
  </div>`;
}
