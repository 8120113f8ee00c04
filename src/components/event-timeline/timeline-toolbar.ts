/**
 * The timeline's toolbar: filter chips with counts, search with "n of m" and previous/next match,
 * "Errors only" with previous/next error, expand/collapse all, export, "N of M events" and the
 * connection status. One row from 480 px on; below the width where the chips fit (container queries
 * in the styles) they fold into a "Filters" menu and the buttons show icons only.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState, EventCategory } from '../../types/model.js';
import type { SessionSnapshot } from '../../client/types.js';
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
  /** The open menu of the toolbar, if any. */
  menu: 'filters' | 'export' | null;
  onMenu: (menu: 'filters' | 'export' | null) => void;
  onExport: (format: 'markdown' | 'json') => void;
}

/** Closes the toolbar's menu on Escape (focus back on its button). */
function menuKeys(state: ToolbarState) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !state.menu) return;
    e.preventDefault();
    e.stopPropagation();
    const button = (e.currentTarget as HTMLElement).querySelector<HTMLElement>('.menu-button');
    state.onMenu(null);
    button?.focus();
  };
}

/** Closes the menu when focus leaves its box (a click elsewhere, Tab away). */
function menuFocusOut(state: ToolbarState) {
  return (e: FocusEvent) => {
    const box = e.currentTarget as HTMLElement;
    if (state.menu && !(e.relatedTarget instanceof Node && box.contains(e.relatedTarget))) state.onMenu(null);
  };
}

export function renderToolbar(state: ToolbarState, s: Strings): TemplateResult {
  const { filter } = state;
  const hidden = CATEGORIES.filter((c) => !filter.categories.has(c)).length;
  const filtersOpen = state.menu === 'filters';
  const exportOpen = state.menu === 'export';
  return html`<div class="toolbar" part="toolbar">
    <div class="menu-box filter-box" @keydown=${menuKeys(state)} @focusout=${menuFocusOut(state)}>
      <button
        type="button"
        class="ce-button menu-button filters-toggle"
        part="filters-toggle"
        aria-expanded=${filtersOpen ? 'true' : 'false'}
        aria-controls="filters"
        title=${s.filters}
        @click=${() => state.onMenu(filtersOpen ? null : 'filters')}
      >
        ${icon('filter')}<span class="btn-text">${s.filters}</span>${
          hidden
            ? html`<span class="count">${formatCount(CATEGORIES.length - hidden, s.locale)}/${CATEGORIES.length}</span>`
            : nothing
        }
      </button>
      <div class="chips" id="filters" role="group" aria-label=${s.filterLabel} part="filters" ?data-open=${filtersOpen}>
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
    </div>
    <div class="search-box">
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
    </div>
    <div class="errors" role="group" aria-label=${s.errorsLabel}>
      <button
        type="button"
        class="ce-button"
        part="errors-only"
        aria-pressed=${filter.errorsOnly ? 'true' : 'false'}
        aria-label=${`${s.errorsOnly} ${formatCount(state.errors, s.locale)}`}
        title=${s.errorsOnly}
        @click=${filter.toggleErrorsOnly}
      >
        ${icon('alert')}<span class="btn-text">${s.errorsOnly}</span>
        <span class="count">${formatCount(state.errors, s.locale)}</span>
      </button>
      ${stepButtons(state.errors === 0, state.onStepError, s.previousError, s.nextError, 'error')}
    </div>
    <div class="actions">
      <button
        type="button"
        class="ce-button"
        part="expand-all"
        aria-label=${s.expandAll}
        title=${s.expandAll}
        @click=${() => state.onExpandAll(true)}
      >
        ${icon('expandAll')}<span class="btn-text">${s.expandAll}</span>
      </button>
      <button
        type="button"
        class="ce-button"
        part="collapse-all"
        aria-label=${s.collapseAll}
        title=${s.collapseAll}
        @click=${() => state.onExpandAll(false)}
      >
        ${icon('collapseAll')}<span class="btn-text">${s.collapseAll}</span>
      </button>
      <div class="menu-box export-box" @keydown=${menuKeys(state)} @focusout=${menuFocusOut(state)}>
        <button
          type="button"
          class="ce-button menu-button"
          part="export-button"
          aria-expanded=${exportOpen ? 'true' : 'false'}
          aria-controls="export-menu"
          aria-label=${s.exportLabel}
          title=${s.exportLabel}
          @click=${() => state.onMenu(exportOpen ? null : 'export')}
        >
          ${icon('download')}<span class="btn-text">${s.exportLabel}</span>
        </button>
        ${
          exportOpen
            ? html`<div class="menu" id="export-menu" part="export-menu">
                <button
                  type="button"
                  class="ce-button"
                  data-format="markdown"
                  @click=${() => state.onExport('markdown')}
                >
                  ${s.exportMarkdown}
                </button>
                <button type="button" class="ce-button" data-format="json" @click=${() => state.onExport('json')}>
                  ${s.exportJson}
                </button>
              </div>`
            : nothing
        }
      </div>
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

/** Notices under the toolbar: history that could not be loaded (and the next try), cut or dropped. */
export function renderNotices(
  snapshot: SessionSnapshot | null | undefined,
  s: Strings,
  secondsUntil: (at: number) => number,
): TemplateResult {
  const t = snapshot?.truncated;
  const notes: string[] = [];
  if (t && t.droppedByCap > 0) notes.push(s.truncatedHistory(t.droppedByCap));
  if (t?.bodiesDropped && t.maxBytes !== undefined) notes.push(s.bodiesDropped(t.bodiesDropped, t.maxBytes));
  if (t?.historyMayBeIncomplete) notes.push(s.historyMayBeIncomplete);
  const failed = snapshot?.historyError;
  const retryAt = snapshot?.historyRetryAt ?? null;
  return html`${
    failed
      ? html`<div class="notice error" part="notice" data-kind="history-error">
          ${icon('alert')}<span
            >${s.historyFailed(failed)}${retryAt !== null ? ` · ${s.historyRetryIn(secondsUntil(retryAt))}` : ''}</span
          >
        </div>`
      : nothing
  }${
    notes.length
      ? html`<div class="notice" part="notice">${icon('history')}<span>${notes.join(' ')}</span></div>`
      : nothing
  }`;
}

/** The filter or search hides every event: say so, with a way back. */
export function renderNoMatch(filter: TimelineFilter, s: Strings): TemplateResult {
  return html`<div class="empty" part="empty" data-kind="no-match">
    <span>${s.nothingMatches}</span>
    <button type="button" class="ce-button" @click=${filter.clear}>${s.clearFilters}</button>
  </div>`;
}
