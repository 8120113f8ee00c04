/**
 * The tool chip: tool name + status (icon AND text, so colour is never the only signal).
 * Used in `<event-card>` headers and as the tool badges of `<chat-panel>`.
 *
 * Usage: `static styles = [tokens, toolChipStyles, ...]` and `${renderToolChip(event)}`.
 * Parts: `tool-chip`, plus `tool-chip-failed` on failed tools.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CoordinatorEvent } from '../types/model.js';
import { icon } from './icons.js';
import { parseHookName } from './event-meta.js';
import type { Strings } from '../i18n/strings.js';
import { revealBidi } from '../i18n/format.js';

export type ToolChipInput = Pick<CoordinatorEvent, 'toolName' | 'failed'> & Partial<Pick<CoordinatorEvent, 'error'>>;

export interface ToolChipOptions {
  /** Show the status word ("ok"/"failed"); default true. */
  status?: boolean;
  /** Set when the tool has not finished (a `pre_tool` without its `post_tool`). */
  running?: boolean;
}

/** Display name of a tool: hook names read as the hook, missing names as "Tool". */
export function toolDisplayName(toolName: string | null, s: Strings): string {
  const hook = parseHookName(toolName);
  if (hook) return revealBidi(s.hookName(hook.hook, hook.agent));
  return toolName === null ? s.eventTypes.post_tool : revealBidi(toolName);
}

export function renderToolChip(s: Strings, tool: ToolChipInput, options: ToolChipOptions = {}): TemplateResult {
  const failed = tool.failed;
  const status = failed ? s.statusFailed : options.running ? s.statusRunning : s.statusOk;
  const className = `tool-chip ${failed ? 'failed' : options.running ? 'running' : 'ok'}`;
  const part = failed ? 'tool-chip tool-chip-failed' : 'tool-chip';
  const title = failed && tool.error ? tool.error.slice(0, 500) : status;
  const chipIcon = icon(failed ? 'alert' : 'tool', 'chip-icon');
  const name = toolDisplayName(tool.toolName, s);
  if (!(options.status ?? true)) {
    return html`<span class=${className} part=${part} title=${title}>
      ${chipIcon}
      <span class="tool-name">${name}</span>
    </span>`;
  }
  // The status in the chip's own template (one template to clone per chip, in every tool card).
  const statusIcon = failed ? icon('x', 'status-icon') : options.running ? nothing : icon('check', 'status-icon');
  return html`<span class=${className} part=${part} title=${title}>
    ${chipIcon}
    <span class="tool-name">${name}</span>
    <span class="tool-status">${statusIcon}${status}</span>
  </span>`;
}

export const toolChipStyles = css`
  .tool-chip {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    max-width: 100%;
    padding: var(--_space-1) var(--_space-3);
    border-radius: 999px;
    border: var(--_border-width) solid var(--_border);
    background: var(--_surface-muted);
    color: var(--_text);
    font-size: var(--_font-size-small);
    line-height: 1.3;
    white-space: nowrap;
  }
  .tool-chip .chip-icon,
  .tool-chip .status-icon {
    width: 12px;
    height: 12px;
    flex: none;
  }
  .tool-chip .chip-icon {
    color: var(--_accent-tool);
  }
  .tool-chip .tool-name {
    font-family: var(--_font-mono);
    unicode-bidi: isolate;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
  }
  .tool-chip .tool-status {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    color: var(--_success);
  }
  .tool-chip.running .tool-status {
    color: var(--_text-muted);
  }
  .tool-chip.failed {
    border-color: var(--_error);
    background: var(--_error-bg);
  }
  .tool-chip.failed .chip-icon,
  .tool-chip.failed .tool-status {
    color: var(--_error);
  }
`;
