import { css } from 'lit';
import { connectionStatusStyles } from '../../pieces/connection-status.js';
import { sparklineStyles } from '../../pieces/sparkline.js';
import { baseFrame, buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';
import { listStateStyles } from './session-list-controls.js';

export const sessionListStyles = [
  tokens,
  baseFrame,
  buttonStyles,
  srOnly,
  connectionStatusStyles,
  sparklineStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      height: var(--ce-session-list-height, 32rem);
      min-height: 10rem;
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: var(--_line-height);
      color: var(--_text);
      background: var(--_bg);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
      position: relative;
      --_indent: var(--ce-session-indent, 16px);
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
    .search {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      flex: 1 1 10rem;
      min-width: 8rem;
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
      flex: none;
      color: var(--_text-muted);
    }
    .search input {
      flex: 1;
      min-width: 0;
      font: inherit;
      color: inherit;
      background: transparent;
      border: none;
      outline: none;
      padding: var(--_space-2) 0;
    }
    .sort {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-2);
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
    }
    .sort select {
      font: inherit;
      color: var(--_text);
      background: var(--_bg);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius-small);
      padding: var(--_space-1) var(--_space-2);
    }
    .sort select:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 1px;
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
    .count-text {
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
      font-variant-numeric: tabular-nums;
      margin-left: auto;
    }
    .notice {
      flex: none;
      padding: var(--_space-2) var(--_space-4);
      font-size: var(--_font-size-small);
      color: var(--_error);
      background: var(--_error-bg);
      border-bottom: var(--_border-width) solid var(--_border);
    }

    /* Status colours: never alone, always with the status's words. */
    .dot {
      display: inline-block;
      flex: none;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_text-muted);
    }
    .dot.running {
      background: var(--_live);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--_live) 25%, transparent);
    }
    .dot.idle {
      background: var(--_success);
    }
    .dot.failed {
      background: var(--_error);
    }
    .dot.stopped {
      background: var(--_warning);
    }

    /* The tree */
    .body {
      position: relative;
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    .scroller {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      overflow-x: hidden;
      position: relative;
      contain: strict;
      outline: none;
    }
    .scroller:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: calc(-1 * var(--_focus-ring-width));
    }
    .spacer {
      position: relative;
      width: 100%;
    }
    [part~='row'] {
      position: absolute;
      top: 0;
      left: 0;
      right: 0;
      display: block;
      padding: var(--_space-2) var(--_space-4) var(--_space-2)
        calc(var(--_space-4) + var(--_indent) * min(var(--level, 0), 12));
      border-bottom: var(--_border-width) solid var(--_border);
      border-left: var(--_accent-width) solid transparent;
      cursor: pointer;
      contain: layout style;
      outline: none;
    }
    [part~='row']:hover {
      background: var(--_surface-hover);
    }
    [part~='row'][aria-selected='true'] {
      background: var(--_surface-muted);
      border-left-color: var(--_focus);
    }
    [part~='row']:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: calc(-1 * var(--_focus-ring-width));
    }
    [part~='row'][context] .title {
      color: var(--_text-muted);
    }
    .line {
      display: flex;
      align-items: center;
      gap: var(--_space-3);
      min-width: 0;
      white-space: nowrap;
      overflow: hidden;
    }
    .title-line {
      gap: var(--_space-2);
    }
    .toggle {
      flex: none;
      width: 16px;
      height: 16px;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      color: var(--_text-muted);
    }
    .toggle svg {
      width: 14px;
      height: 14px;
    }
    .title {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      font-weight: 600;
    }
    .title.fallback {
      font-weight: 500;
      font-style: italic;
    }
    .busy-children {
      flex: none;
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      font-size: var(--_font-size-small);
      color: var(--_live);
    }
    .busy-children svg {
      width: 12px;
      height: 12px;
    }
    .sparkline {
      flex: none;
    }
    .actions-button {
      flex: none;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 24px;
      height: 24px;
      padding: 0;
      color: var(--_text-muted);
      background: transparent;
      border: var(--_border-width) solid transparent;
      border-radius: var(--_radius-small);
      cursor: pointer;
    }
    .actions-button:hover,
    .actions-button[aria-expanded='true'] {
      background: var(--_surface-muted);
      border-color: var(--_border);
    }
    .actions-button:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
    }
    .actions-button svg {
      width: 16px;
      height: 16px;
    }
    .meta {
      padding-left: calc(16px + var(--_space-2));
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
    }
    .meta > * {
      flex: none;
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .meta svg {
      width: 12px;
      height: 12px;
    }
    /* The agent keeps its name (up to a point) in a narrow list: what does not fit is cut at the end. */
    .meta .agent {
      display: block;
      max-width: 16ch;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--_text);
    }
    .status {
      padding: 0 var(--_space-2);
      border-radius: var(--_radius-small);
      background: var(--_surface-muted);
      border: var(--_border-width) solid var(--_border);
      line-height: 1.35;
    }
    .status.running {
      color: var(--_live);
    }
    .status.failed,
    .errors {
      color: var(--_error);
    }
    .status.stopped {
      color: var(--_warning);
    }

    /* Menu, dialog (the states: listStateStyles) */
    .menu {
      position: absolute;
      right: var(--_space-4);
      z-index: 2;
      display: flex;
      flex-direction: column;
      min-width: 9rem;
      padding: var(--_space-2);
      background: var(--_surface);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius-small);
      box-shadow: var(--_shadow);
    }
    .menu-item {
      display: flex;
      align-items: center;
      gap: var(--_space-3);
      font: inherit;
      color: var(--_text);
      background: transparent;
      border: none;
      border-radius: var(--_radius-small);
      padding: var(--_space-2) var(--_space-3);
      text-align: left;
      cursor: pointer;
    }
    .menu-item:hover,
    .menu-item:focus-visible {
      background: var(--_surface-hover);
      outline: none;
    }
    .menu-item:focus-visible {
      box-shadow: inset 0 0 0 var(--_focus-ring-width) var(--_focus);
    }
    .menu-item[disabled] {
      color: var(--_text-muted);
      cursor: default;
    }
    .menu-item.danger {
      color: var(--_error);
    }
    .menu-item svg {
      width: 14px;
      height: 14px;
    }
    dialog {
      max-width: min(28rem, 90vw);
      padding: var(--_space-5);
      color: var(--_text);
      background: var(--_surface);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.3);
    }
    .confirm-title {
      margin: 0 0 var(--_space-3);
      font-size: 1.05em;
      overflow-wrap: anywhere;
    }
    .confirm-detail {
      margin: 0 0 var(--_space-4);
      color: var(--_text-muted);
    }
    .confirm-error {
      display: flex;
      gap: var(--_space-2);
      align-items: flex-start;
      margin: 0 0 var(--_space-4);
      padding: var(--_space-3);
      color: var(--_error);
      background: var(--_error-bg);
      border-radius: var(--_radius-small);
    }
    .confirm-error svg {
      flex: none;
      width: 16px;
      height: 16px;
    }
    .confirm-buttons {
      display: flex;
      justify-content: flex-end;
      gap: var(--_space-3);
    }
    .confirm-buttons .ce-button {
      font-size: var(--_font-size);
      padding: var(--_space-2) var(--_space-4);
    }
    .confirm-ok.danger {
      color: var(--_error);
      border-color: var(--_error);
    }
  `,
  listStateStyles,
];
