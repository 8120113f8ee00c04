import { css } from 'lit';
import { buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';
import { toolChipStyles } from '../../pieces/tool-chip.js';

export const eventCardStyles = [
  tokens,
  buttonStyles,
  srOnly,
  toolChipStyles,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: var(--_line-height);
      color: var(--_text);
      min-width: 0;
      outline: none;
      border-radius: var(--_radius);
    }
    :host([hidden]) {
      display: none;
    }
    :host(:focus-visible) .card {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 1px;
    }
    :host([selected]) .card {
      box-shadow:
        0 0 0 var(--_focus-ring-width) var(--_focus),
        var(--_shadow);
    }
    .card {
      position: relative;
      background: var(--_surface);
      border: var(--_border-width) solid var(--_border);
      border-inline-start: var(--_accent-width) solid var(--_accent, var(--_accent-other));
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
      padding: var(--_space-3) var(--_space-4);
      min-width: 0;
    }
    .accent-run {
      --_accent: var(--_accent-run);
    }
    .accent-tool {
      --_accent: var(--_accent-tool);
    }
    .accent-user {
      --_accent: var(--_accent-user);
    }
    .accent-assistant {
      --_accent: var(--_accent-assistant);
    }
    .accent-result {
      --_accent: var(--_accent-result);
    }
    .accent-hook {
      --_accent: var(--_accent-hook);
    }
    .accent-other {
      --_accent: var(--_accent-other);
    }
    .card.failed {
      border-color: var(--_error);
      border-inline-start-color: var(--_error);
      background: var(--_error-bg);
    }
    .header {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--_space-2) var(--_space-3);
      min-width: 0;
    }
    .header.toggleable {
      cursor: pointer;
    }
    .type {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-2);
      font-weight: 600;
      color: var(--_accent, var(--_text));
      white-space: nowrap;
      min-width: 0;
      max-width: 100%;
    }
    /* Any field may be a line of thousands of characters without a break: cut, never overflow. */
    .type .label {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      unicode-bidi: isolate;
    }
    .failed .type {
      color: var(--_error);
    }
    .type svg {
      width: var(--_icon-size);
      height: var(--_icon-size);
      flex: none;
    }
    .detail {
      min-width: 0;
      max-width: 100%;
      unicode-bidi: isolate;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--_text);
    }
    .mono {
      font-family: var(--_font-mono);
      font-size: var(--_font-size-code);
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      font-size: var(--_font-size-small);
      line-height: 1.3;
      padding: 0 var(--_space-2);
      border-radius: 999px;
      border: var(--_border-width) solid var(--_border);
      color: var(--_text-muted);
      background: var(--_surface-muted);
      white-space: nowrap;
    }
    .badge svg {
      width: 12px;
      height: 12px;
    }
    .badge.error {
      color: var(--_error);
      border-color: var(--_error);
      background: var(--_error-bg);
      font-weight: 600;
    }
    .badge.ok {
      color: var(--_success);
    }
    .badge.legacy {
      font-style: italic;
    }
    .badge.duration {
      font-variant-numeric: tabular-nums;
    }
    .badge.duration.slow {
      color: var(--_warning);
      border-color: var(--_warning);
      font-weight: 600;
    }
    .echo {
      color: var(--_text-muted);
      font-size: var(--_font-size-small);
      font-style: italic;
    }
    .time {
      /* Pushes the time and the expand button to the end (one element less than a spacer). */
      margin-inline-start: auto;
      color: var(--_text-muted);
      font-size: var(--_font-size-small);
      white-space: nowrap;
    }
    .expand {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 24px;
      height: 24px;
      padding: 0;
      border: none;
      border-radius: var(--_radius-small);
      background: none;
      color: var(--_text-muted);
      cursor: pointer;
    }
    .expand:hover {
      background: var(--_surface-hover);
    }
    .expand:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
    }
    .expand svg {
      width: 16px;
      height: 16px;
      transition: transform var(--_duration);
    }
    :host([expanded]) .expand svg {
      transform: rotate(90deg);
    }
    .summary {
      margin-top: var(--_space-2);
      unicode-bidi: isolate;
      color: var(--_text-muted);
      font-family: var(--_font-mono);
      font-size: var(--_font-size-code);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .error-line {
      display: flex;
      align-items: flex-start;
      gap: var(--_space-2);
      margin-top: var(--_space-2);
      color: var(--_error);
      font-size: var(--_font-size-small);
      overflow-wrap: anywhere;
    }
    .error-line svg {
      width: 14px;
      height: 14px;
      flex: none;
      margin-top: 2px;
    }
    .dropped {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      margin-top: var(--_space-2);
      color: var(--_warning);
      font-size: var(--_font-size-small);
    }
    .dropped svg {
      width: 14px;
      height: 14px;
      flex: none;
    }
    .error-line strong {
      flex: none;
    }
    .error-text {
      unicode-bidi: isolate;
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 3;
      -webkit-box-orient: vertical;
    }
    .body {
      margin-top: var(--_space-3);
      display: grid;
      gap: var(--_space-3);
      min-width: 0;
    }
    .body > * {
      min-width: 0;
    }
    /* A detail block while its view loads: set like <ce-payload>'s label and text. */
    .pending-label {
      margin-bottom: var(--_space-2);
      font-size: var(--_font-size-small);
      font-weight: 600;
      color: var(--_text-muted);
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }
    .pending-text {
      margin: 0;
      padding: var(--_space-3);
      font-family: var(--_font-mono);
      font-size: var(--_font-size-code);
      line-height: 1.5;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      background: var(--_code-bg);
      color: var(--_code-text);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius-small);
      max-height: var(--ce-payload-max-height, 32em);
      overflow: hidden;
    }
    .pending-block.error .pending-text {
      background: var(--_error-bg);
      color: var(--_error);
      border-color: var(--_error);
    }
    [part~='markdown'] {
      --ce-markdown-clamp-height: var(--ce-card-clamp-height, 10em);
    }
    @media (prefers-reduced-motion: reduce) {
      .expand svg {
        transition: none;
      }
    }
  `,
];
