import { css } from 'lit';
import { connectionStatusStyles } from '../../pieces/connection-status.js';
import { emptyStateStyles } from '../../pieces/empty-state.js';
import { baseFrame, buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';

export const eventTimelineStyles = [
  tokens,
  baseFrame,
  buttonStyles,
  srOnly,
  connectionStatusStyles,
  emptyStateStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      height: var(--ce-timeline-height, 32rem);
      min-height: 12rem;
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: var(--_line-height);
      color: var(--_text);
      background: var(--_bg);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
      position: relative;
      container: timeline / inline-size;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }

    /* Toolbar: one row from 480 px on (the queries measure the content box, inside the border); the
       chips fold into a menu until they fit beside the search. */
    .toolbar {
      flex: none;
      position: relative;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2) var(--_space-3);
      padding: var(--_space-2) var(--_space-3);
      border-bottom: var(--_border-width) solid var(--_border);
      background: var(--_surface);
      z-index: 2;
    }
    .menu-box {
      position: relative;
      flex: none;
    }
    .chips {
      display: none;
      gap: var(--_space-2);
    }
    .chips[data-open],
    .menu {
      position: absolute;
      top: calc(100% + var(--_space-2));
      inset-inline-start: 0;
      z-index: 3;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
      width: max-content;
      max-width: min(24rem, 90cqi);
      padding: var(--_space-3);
      background: var(--_surface);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 4px 16px light-dark(rgb(0 0 0 / 0.12), rgb(0 0 0 / 0.5));
    }
    .menu {
      inset-inline-start: auto;
      inset-inline-end: 0;
      flex-direction: column;
      align-items: stretch;
    }
    .chip .count,
    .filters-toggle .count {
      font-variant-numeric: tabular-nums;
      color: var(--_text-muted);
    }
    .chip[aria-pressed='false'] {
      background: transparent;
      color: var(--_text-muted);
      text-decoration: line-through;
    }
    .chip[aria-pressed='true'] svg.check {
      color: var(--_success);
    }
    /* The search and its "n of m" and previous/next: on a row of their own when narrow. */
    .search-box {
      order: 1;
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      flex: 1 1 100%;
      min-width: 0;
    }
    .search {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      flex: 1 1 auto;
      min-width: 0;
      padding: 0 var(--_space-3);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius-small);
      background: var(--_bg);
    }
    .search:focus-within {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 1px;
    }
    .search svg {
      width: 14px;
      height: 14px;
      color: var(--_text-muted);
      flex: none;
    }
    .search input {
      flex: 1;
      min-width: 0;
      font: inherit;
      font-size: var(--_font-size-small);
      color: inherit;
      background: transparent;
      border: none;
      outline: none;
      padding: var(--_space-2) 0;
    }
    .search-steps,
    .errors {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .search-count {
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .ce-button.step {
      padding: var(--_space-1);
    }
    .ce-button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .errors .count {
      font-variant-numeric: tabular-nums;
      color: var(--_text-muted);
    }
    .errors [aria-pressed='true'] svg {
      color: var(--_error);
    }
    .actions {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
    }
    .btn-text {
      display: none;
    }
    .count-text {
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .toolbar > .connection {
      min-width: 0;
    }
    /* Narrow: the count is read, not shown (the filter menu shows how many categories are on). */
    @container timeline (max-width: 629.98px) {
      .count-text {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    }
    /* Narrow: previous/next error once "Errors only" is on (e/E work in the list always). */
    @container timeline (max-width: 629.98px) {
      .errors:not(:has([aria-pressed='true'])) .step {
        display: none;
      }
    }
    /* One row from 470 px when it fits; what does not fit wraps instead of overlapping. */
    @container timeline (min-width: 470px) {
      .search-box {
        order: 0;
        flex: 1 1 8rem;
        min-width: 6rem;
      }
      .search {
        min-width: 4rem;
      }
    }
    @container timeline (min-width: 1180px) {
      .filters-toggle {
        display: none;
      }
      .chips,
      .chips[data-open] {
        position: static;
        display: flex;
        flex-wrap: nowrap;
        width: auto;
        max-width: none;
        padding: 0;
        background: none;
        border: none;
        box-shadow: none;
      }
      .btn-text {
        display: inline;
      }
    }
    .notice {
      flex: none;
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      padding: var(--_space-2) var(--_space-4);
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
      background: var(--_surface-muted);
      border-bottom: var(--_border-width) solid var(--_border);
    }
    .notice svg {
      width: 14px;
      height: 14px;
      flex: none;
    }
    .notice.error {
      color: var(--_error);
      background: var(--_error-bg);
    }

    /* List */
    .body {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    .scroller {
      flex: 1 1 auto;
      min-height: 0;
      height: 100%;
      overflow: auto;
      overscroll-behavior: contain;
      /* The virtualizer positions rows itself; browser scroll anchoring would move the list too. */
      overflow-anchor: none;
    }
    .scroller:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: -2px;
    }
    /* Card (and gap) rows by their key, not their tag: a page may define the card under another name. */
    .scroller > [data-key]:not(.run-header),
    .scroller > .run-header {
      width: 100%;
      margin: var(--_space-3) 0 0;
      padding-inline: var(--_space-4);
    }
    .scroller > [data-key]:not(.run-header) {
      padding-inline-start: calc(var(--_space-4) + var(--_space-5));
    }
    .scroller > [data-key]:not(.run-header):focus-visible {
      outline: none;
    }

    .run-header {
      display: block;
      outline: none;
    }

    .gap {
      display: block;
      outline: none;
    }
    .gap-box {
      display: flex;
      align-items: flex-start;
      gap: var(--_space-3);
      padding: var(--_space-2) var(--_space-3);
      border-radius: var(--_radius);
      border: var(--_border-width) dashed var(--_warning);
      background: var(--_surface-muted);
      font-size: var(--_font-size-small);
      color: var(--_text);
    }
    .gap:focus-visible .gap-box {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 1px;
    }
    .gap-box > svg {
      width: 16px;
      height: 16px;
      flex: none;
      color: var(--_warning);
    }
    .gap-text {
      display: grid;
      gap: var(--_space-1);
      min-width: 0;
    }
    .gap-reason {
      color: var(--_text-muted);
    }
    .gap-result {
      display: grid;
      gap: var(--_space-1);
      margin-top: var(--_space-2);
    }
    .gap-result-label {
      font-weight: 600;
    }
    .gap-result-text,
    .gap-result-data {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .gap-result-data {
      font-family: var(--_font-mono);
    }
    .run-header-box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2) var(--_space-3);
      padding: var(--_space-2) var(--_space-3);
      border-radius: var(--_radius);
      background: var(--_surface-muted);
      border: var(--_border-width) solid var(--_border);
      border-inline-start: var(--_accent-width) solid var(--_accent-run);
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
    }
    .run-header:focus-visible .run-header-box {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 1px;
    }
    .run-header[data-outcome='failed'] .run-header-box {
      border-inline-start-color: var(--_error);
    }
    .run-header[data-live] .run-header-box {
      border-inline-start-color: var(--_live);
    }
    .run-toggle {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-2);
      font: inherit;
      font-weight: 600;
      font-size: var(--_font-size);
      color: var(--_text);
      background: none;
      border: none;
      padding: 0;
      cursor: pointer;
    }
    .run-toggle:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 2px;
    }
    .run-toggle svg {
      width: 16px;
      height: 16px;
      transition: transform var(--_duration);
    }
    .run-toggle[aria-expanded='false'] svg.chev {
      transform: rotate(-90deg);
    }
    .run-meta {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      white-space: nowrap;
    }
    .run-meta svg {
      width: 12px;
      height: 12px;
    }
    .run-meta.errors {
      color: var(--_error);
      font-weight: 600;
    }
    .outcome {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      padding: 0 var(--_space-2);
      border-radius: 999px;
      border: var(--_border-width) solid var(--_border);
      background: var(--_surface);
      white-space: nowrap;
    }
    .outcome svg {
      width: 12px;
      height: 12px;
    }
    .outcome[data-outcome='completed'] {
      color: var(--_success);
    }
    .outcome[data-outcome='failed'] {
      color: var(--_error);
      border-color: var(--_error);
      background: var(--_error-bg);
      font-weight: 600;
    }
    .failure-reason {
      flex: 1 1 12rem;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--_error);
    }
    .outcome[data-outcome='stopped'] {
      color: var(--_warning);
    }
    .live-badge {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-2);
      padding: 0 var(--_space-2);
      border-radius: 999px;
      color: var(--_live);
      border: var(--_border-width) solid var(--_live);
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .live-dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
      animation: pulse 1.6s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }

    .empty {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--_space-3);
      color: var(--_text-muted);
      pointer-events: none;
      text-align: center;
      padding: var(--_space-5);
    }
    .empty button {
      pointer-events: auto;
    }

    .jump {
      position: absolute;
      left: 50%;
      bottom: var(--_space-4);
      transform: translateX(-50%);
      display: inline-flex;
      align-items: center;
      gap: var(--_space-2);
      font: inherit;
      font-size: var(--_font-size-small);
      font-weight: 600;
      color: var(--_surface);
      background: var(--_focus);
      border: none;
      border-radius: 999px;
      padding: var(--_space-2) var(--_space-4);
      box-shadow: var(--_shadow);
      cursor: pointer;
      z-index: 1;
    }
    .jump:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_text);
      outline-offset: 2px;
    }
    .jump svg {
      width: 14px;
      height: 14px;
    }

    .print-list {
      display: none;
    }
    /* The whole session on paper: the print list instead of the virtualized window and the toolbar. */
    @media print {
      :host {
        height: auto !important;
        overflow: visible;
        border: none;
        display: block;
      }
      .toolbar,
      .notice,
      .jump {
        display: none;
      }
      /* Out of the page, at the size it had on screen: a list that changes size re-lays out its rows. */
      .body {
        position: fixed;
        top: 0;
        left: 0;
        width: var(--_screen-body-width, 100%);
        height: var(--_screen-body-height, 20rem);
        flex: none;
        visibility: hidden;
      }
      .print-list {
        display: block;
      }
      .print-list > [data-key] {
        margin-top: var(--_space-3);
        break-inside: avoid;
      }
      .print-run {
        font-size: var(--_font-size);
        margin: var(--_space-5) 0 0;
        break-after: avoid;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .live-dot {
        animation: none;
      }
      .run-toggle svg {
        transition: none;
      }
      .scroller {
        scroll-behavior: auto;
      }
    }
  `,
];
