import { css } from 'lit';
import { connectionStatusStyles } from '../../pieces/connection-status.js';
import { emptyStateStyles } from '../../pieces/empty-state.js';
import { buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';

export const eventTimelineStyles = [
  tokens,
  buttonStyles,
  srOnly,
  connectionStatusStyles,
  emptyStateStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
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
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }

    /* Toolbar */
    .toolbar {
      flex: none;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-3);
      padding: var(--_space-3) var(--_space-4);
      border-bottom: var(--_border-width) solid var(--_border);
      background: var(--_surface);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
    }
    .chip .count {
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
    .search {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      flex: 1 1 12rem;
      min-width: 10rem;
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
    .count-text {
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
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
    /* Card rows by their key, not their tag: a page may define the card under another name. */
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
