import { css } from 'lit';
import { connectionStatusStyles } from '../../pieces/connection-status.js';
import { baseFrame, buttonStyles, srOnly, tokens } from '../../pieces/tokens.styles.js';
import { listStateStyles } from '../session-list/session-list-controls.js';

export const runSwimlanesStyles = [
  tokens,
  baseFrame,
  buttonStyles,
  srOnly,
  connectionStatusStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      height: var(--ce-swimlanes-height, 28rem);
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
      --_label-width: var(--ce-swimlanes-label-width, 14rem);
      --_lane-height: var(--ce-swimlanes-lane-height, 28px);
      --_completed: var(--_success);
      --_failed: var(--_error);
      --_stopped: var(--_warning);
      --_running: var(--_live);
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    [hidden] {
      display: none !important;
    }

    .toolbar {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--_space-2);
      padding: var(--_space-2) var(--_space-3);
      background: var(--_surface);
      border-bottom: var(--_border-width) solid var(--_border);
    }
    .toolbar .ce-button {
      min-width: 2rem;
      justify-content: center;
    }
    .spring {
      flex: 1;
    }

    .gantt {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-height: 0;
    }
    .header {
      display: grid;
      grid-template-columns: var(--_label-width) 1fr;
      background: var(--_surface);
      border-bottom: var(--_border-width) solid var(--_border);
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
    }
    .label-head {
      display: flex;
      align-items: flex-end;
      padding: var(--_space-2) var(--_space-3);
      border-right: var(--_border-width) solid var(--_border);
    }
    .axis-cell {
      position: relative;
      overflow: hidden;
      min-width: 0;
    }
    .axis {
      position: relative;
      height: 1.6em;
    }
    .tick {
      position: absolute;
      left: 0;
      top: 0;
      bottom: 0;
      border-left: var(--_border-width) solid var(--_border);
      padding-left: 3px;
      white-space: nowrap;
    }
    .tick.day {
      border-left-width: 2px;
      font-weight: 600;
      color: var(--_text);
    }
    .now-marker {
      position: absolute;
      top: 0;
      left: 0;
      padding: 0 3px;
      color: var(--_bg);
      background: var(--_running);
      border-radius: var(--_radius-small);
      translate: -50% 0;
    }
    .strip {
      display: block;
    }
    .strip .tool {
      fill: var(--_accent-tool);
    }
    .strip .message {
      fill: var(--_accent-assistant);
    }
    .strip .error {
      fill: var(--_error);
    }

    .body {
      position: relative;
      flex: 1;
      min-height: 0;
    }
    .scroller {
      position: absolute;
      inset: 0;
      overflow-y: auto;
      overflow-x: hidden;
      overscroll-behavior: contain;
      touch-action: pan-y;
    }
    .axis:focus-visible,
    .scroller:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: calc(-1 * var(--_focus-ring-width));
    }
    .spacer {
      position: relative;
      width: 100%;
    }
    .lane {
      position: absolute;
      left: 0;
      right: 0;
      top: 0;
      height: var(--_lane-height);
      display: grid;
      grid-template-columns: var(--_label-width) 1fr;
      border-bottom: var(--_border-width) solid color-mix(in srgb, var(--_border) 50%, transparent);
      /* A lane's size is its own: what changes in it (blocks zoomed, lanes coming) is laid out and
         painted without the others. */
      contain: strict;
    }
    .lane[aria-selected='true'] {
      background: var(--_surface-muted);
      box-shadow: inset var(--_accent-width) 0 0 var(--_focus);
    }
    .label {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      min-width: 0;
      padding-right: var(--_space-2);
      border-right: var(--_border-width) solid var(--_border);
      cursor: default;
    }
    .label:focus-visible,
    .run:focus-visible {
      outline: var(--_focus-ring-width) solid var(--_focus);
      outline-offset: 1px;
    }
    .toggle {
      flex: none;
      width: 1em;
      text-align: center;
      color: var(--_text-muted);
      cursor: pointer;
    }
    .title {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .pending {
      flex: none;
      font-size: var(--_font-size-small);
      color: var(--_text-muted);
      font-style: italic;
    }
    .track {
      position: relative;
      overflow: hidden;
      cursor: grab;
    }
    .blocks {
      position: absolute;
      inset: 0;
    }
    .run {
      position: absolute;
      top: 4px;
      bottom: 4px;
      display: flex;
      align-items: center;
      justify-content: center;
      border-radius: var(--_radius-small);
      border: 1px solid var(--_outcome);
      background: color-mix(in srgb, var(--_outcome) 30%, var(--_bg));
      color: var(--_text);
      cursor: pointer;
      --_outcome: var(--_completed);
      --_glyph: '\\2713\\FE0E';
    }
    .run.resume {
      /* A resume's left edge is dashed, a start's solid: visible without colour. */
      border-left-style: dashed;
      border-left-width: 2px;
    }
    .run.start {
      border-left-width: 3px;
    }
    .run.running {
      --_outcome: var(--_running);
      --_glyph: '\\25B6\\FE0E';
      background-image: linear-gradient(90deg, transparent 60%, color-mix(in srgb, var(--_outcome) 40%, transparent));
    }
    .run.failed {
      --_outcome: var(--_failed);
      --_glyph: '\\2715\\FE0E';
      background-image: repeating-linear-gradient(
        -45deg,
        transparent 0 4px,
        color-mix(in srgb, var(--_outcome) 45%, transparent) 4px 6px
      );
    }
    .run.stopped {
      --_outcome: var(--_stopped);
      --_glyph: '\\25A0\\FE0E';
      border-style: dotted;
      background-image: repeating-linear-gradient(
        90deg,
        transparent 0 5px,
        color-mix(in srgb, var(--_outcome) 40%, transparent) 5px 6px
      );
    }
    .run[aria-pressed='true'] {
      outline: 2px solid var(--_focus);
    }
    /* The outcome's glyph (text presentation, silent: the block's name says the outcome). */
    .run::before {
      content: var(--_glyph) / '';
      font-size: 11px;
      line-height: 1;
      color: var(--_text);
    }
    .run.narrow::before {
      content: none;
    }
    .now-line {
      position: absolute;
      top: 0;
      bottom: 0;
      left: var(--_label-width);
      width: 0;
      border-left: 2px solid var(--_running);
      pointer-events: none;
    }
    .tooltip {
      position: absolute;
      z-index: 3;
      margin-left: var(--_label-width);
      max-width: 20rem;
      padding: var(--_space-2) var(--_space-3);
      background: var(--_surface);
      border: var(--_border-width) solid var(--_border);
      border-radius: var(--_radius-small);
      box-shadow: var(--_shadow);
      font-size: var(--_font-size-small);
      pointer-events: none;
    }
    .tooltip .prompt {
      margin-top: var(--_space-2);
      color: var(--_text-muted);
      display: -webkit-box;
      -webkit-line-clamp: 3;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .tooltip .session {
      font-weight: 600;
    }
    .outcome {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .outcome.failed {
      color: var(--_error);
    }

    .table-wrap {
      flex: 1;
      overflow: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: var(--_font-size-small);
    }
    th,
    td {
      text-align: start;
      padding: var(--_space-1) var(--_space-2);
      border-bottom: var(--_border-width) solid var(--_border);
      white-space: nowrap;
    }
    td.prompt {
      white-space: normal;
      max-width: 24rem;
    }
    thead th {
      position: sticky;
      top: 0;
      background: var(--_surface);
    }
    .table-more {
      margin: var(--_space-3);
      color: var(--_text-muted);
    }
  `,
  listStateStyles,
];
