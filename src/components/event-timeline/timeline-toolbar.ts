/**
 * The timeline's toolbar: filter chips with counts, search, expand/collapse all, export, "N of M
 * events" and the connection status. One row from 480 px on; below the width where the chips fit
 * (container queries in the styles) they fold into a "Filters" menu and the buttons show icons only.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState, EventCategory } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { formatCount } from '../../i18n/format.js';
import { renderConnectionStatus } from '../../pieces/connection-status.js';
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
    ${renderConnectionStatus(state.connection, s, { seconds: state.seconds, onRetry: state.onRetry })}
  </div>`;
}
