/**
 * The bubbles of `<chat-panel>`: a prompt, an answer (tool chips and their details, markdown, the
 * run result, the typing indicator, notes, a failed send with Retry/Edit) and the divider between
 * sessions. Templates only: what the buttons do is the panel's (`BubbleContext`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import { repeat } from 'lit/directives/repeat.js';
import type { SessionSnapshot } from '../../client/types.js';
import type { ChatStrings } from '../../i18n/chat-strings.js';
import type { Strings } from '../../i18n/strings.js';
import { formatClockTime } from '../../i18n/format.js';
import { icon } from '../../pieces/icons.js';
import { renderToolChip, toolDisplayName } from '../../pieces/tool-chip.js';
import {
  isPending,
  type AssistantBubble,
  type ChatBubble,
  type GapBubble,
  type SendError,
  type ToolChip,
  type UserBubble,
} from './conversation.js';

/** What the bubbles need from the panel. */
export interface BubbleContext {
  s: ChatStrings;
  strings: Strings;
  /** The tag of one of the panel's dependencies (its scoped name, see `CeElement.tagFor`). */
  tagFor(name: 'ce-markdown' | 'ce-payload'): StaticValue;
  /** Keys of the tool chips whose details are open. */
  expanded: ReadonlySet<string>;
  toggleTool(tool: ToolChip, isLast: boolean): void;
  /** Whether a failed send can be retried now / is still the panel's (not an archived session's). */
  canRetry(sendId: string): boolean;
  isCurrentSend(sendId: string): boolean;
  retry(sendId: string): void;
  edit(sendId: string): void;
}

/**
 * Notes above the conversation: a history that may be cut or was cut, bodies shortened, or a history
 * that could not be loaded (and when it is tried again).
 */
export function renderNotices(
  snapshot: SessionSnapshot | null,
  s: ChatStrings,
  strings: Strings,
  secondsUntil: (at: number) => number,
) {
  if (!snapshot) return nothing;
  const { truncated, historyError, historyRetryAt } = snapshot;
  return html`${truncated.historyMayBeIncomplete ? html`<p class="info">${strings.historyMayBeIncomplete}</p>` : nothing}
  ${truncated.droppedByCap > 0 ? html`<p class="info">${strings.truncatedHistory(truncated.droppedByCap)}</p>` : nothing}
  ${
    truncated.bodiesDropped && truncated.maxBytes !== undefined
      ? html`<p class="info" data-kind="dropped">
          ${strings.bodiesDropped(truncated.bodiesDropped, truncated.maxBytes)}
        </p>`
      : nothing
  }
  ${
    historyError
      ? html`<p class="info error" data-kind="history-error">
          ${s.historyError(historyError)}${
            historyRetryAt != null
              ? // The log is a live region: the ticking countdown is for the eyes only.
                html`<span aria-hidden="true"> · ${strings.historyRetryIn(secondsUntil(historyRetryAt))}</span>`
              : nothing
          }
        </p>`
      : nothing
  }`;
}

export function renderBubble(b: ChatBubble, ctx: BubbleContext, isLast: boolean): TemplateResult {
  if (b.kind === 'divider') {
    return html`<div class="divider" part="divider" role="separator" data-session-id=${b.sessionId ?? ''}>
      ${ctx.s.newSessionDivider}
    </div>`;
  }
  if (b.kind === 'user') return renderUser(b, ctx.s);
  if (b.kind === 'gap') return renderGap(b, ctx);
  return renderAssistant(b, ctx, isLast);
}

/** Where events may be missing: the span, why, and the final result when it was fetched again. */
function renderGap(b: GapBubble, ctx: BubbleContext): TemplateResult {
  const { strings } = ctx;
  const markdown = ctx.tagFor('ce-markdown');
  const clock = (time: number | null) => (time === null ? null : formatClockTime(time, strings.locale));
  const { gap } = b;
  const result = gap.result;
  return html`<div class="gap" part="gap" role="note" data-key=${b.key}>
    ${icon('alert')}
    <div class="gap-text">
      <strong>${strings.gapLabel(clock(gap.from), clock(gap.to))}</strong>
      <span class="gap-reason">${strings.gapReason}</span>
      ${
        result && result.text !== null
          ? html`<div class="result" part="result">
              <span class="result-label">${icon('result')}${strings.gapResult}</span>
              ${staticHtml`<${markdown} .text=${result.text}></${markdown}>`}
            </div>`
          : nothing
      }
    </div>
  </div>`;
}

/** Who a prompt is from: this panel ("You"), elsewhere (said so), or not known (history: neutral). */
function renderUser(b: UserBubble, s: ChatStrings): TemplateResult {
  const other = b.origin === 'other';
  return html`<div
    class="msg user ${b.origin}"
    part=${other ? 'message user-message other-message' : 'message user-message'}
    data-key=${b.key}
    data-status=${b.status ?? b.origin}
  >
    ${
      other
        ? html`<span class="who" title=${s.otherPromptTitle}>${s.otherPrompt}</span>`
        : html`<span class="sr-only">${b.origin === 'self' ? s.you : s.prompt}</span>`
    }
    <div class="bubble" part="bubble user-bubble">${b.text}</div>
    ${
      b.status === 'sending'
        ? html`<span class="meta">${s.sending}</span>`
        : b.status === 'error'
          ? html`<span class="meta error">${s.notSent}</span>`
          : nothing
    }
  </div>`;
}

function renderAssistant(b: AssistantBubble, ctx: BubbleContext, isLast: boolean): TemplateResult {
  const { s, strings } = ctx;
  const markdown = ctx.tagFor('ce-markdown');
  const payload = ctx.tagFor('ce-payload');
  const pending = isPending(b.state);
  const open = b.tools.filter((t) => ctx.expanded.has(t.key));
  return html`<div
    class="msg assistant ${b.state}"
    part="message assistant-message"
    data-key=${b.key}
    data-state=${b.state}
    aria-busy=${pending ? 'true' : 'false'}
  >
    <span class="sr-only">${s.assistant}</span>
    <div class="bubble" part="bubble assistant-bubble">
      ${
        b.tools.length
          ? html`<ul class="tools" part="tools" aria-label=${s.toolCalls(b.tools.length)}>
              ${repeat(
                b.tools,
                (t) => t.key,
                (t) => html`<li>${renderChip(t, ctx, isLast)}</li>`,
              )}
            </ul>`
          : nothing
      }
      ${open.map((t) => renderToolDetails(t, ctx))}
      ${b.text ? staticHtml`<${markdown} class="answer" part="markdown" .text=${b.text}></${markdown}>` : nothing}
      ${
        b.resultText !== null || b.resultData !== null
          ? html`<div class="result" part="result">
              <span class="result-label">${icon('result')}${s.runResult}</span>
              ${b.resultText !== null ? staticHtml`<${markdown} .text=${b.resultText}></${markdown}>` : nothing}
              ${
                b.resultData !== null
                  ? staticHtml`<${payload} .label=${strings.resultData} .value=${b.resultData}></${payload}>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        pending
          ? html`<div class="typing" part="typing">
              <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
              <span>${b.state === 'working' ? s.working : b.state === 'sending' ? s.sending : s.waitingForAgent}</span>
            </div>`
          : nothing
      }
      ${b.state === 'empty' ? html`<p class="note" part="note">${s.noReply}</p>` : nothing}
      ${
        b.droppedBytes > 0
          ? html`<p class="note" part="note" data-kind="dropped">
              ${icon('alert')}${strings.bodyDropped(b.droppedBytes)}
            </p>`
          : nothing
      }
      ${
        b.state === 'failed'
          ? html`<p class="note failed" part="note">${icon('alert')}${s.runFailed(b.failure)}</p>`
          : nothing
      }
      ${b.state === 'stopped' ? html`<p class="note" part="note">${icon('stop')}${s.runStopped}</p>` : nothing}
      ${b.state === 'error' && b.sendError ? renderSendError(b, b.sendError, ctx) : nothing}
    </div>
  </div>`;
}

export function toolDetailsId(t: ToolChip): string {
  return `tool-${t.key.replace(/[^\w-]/g, '_')}`;
}

function renderChip(t: ToolChip, ctx: BubbleContext, isLast: boolean): TemplateResult {
  const { s, strings } = ctx;
  const expanded = ctx.expanded.has(t.key);
  const status =
    t.status === 'failed'
      ? strings.statusFailed
      : t.status === 'running'
        ? strings.statusRunning
        : t.status === 'ok'
          ? strings.statusOk
          : '';
  const name = toolDisplayName(t.name, strings);
  return html`<button
    type="button"
    class="chip-button"
    part="tool-button"
    aria-expanded=${expanded ? 'true' : 'false'}
    aria-controls=${toolDetailsId(t)}
    aria-label=${status ? s.toolDetails(name, status) : name}
    @click=${() => ctx.toggleTool(t, isLast)}
  >
    ${renderToolChip(
      strings,
      { toolName: t.name, failed: t.status === 'failed', error: t.error },
      { running: t.status === 'running', status: t.status !== 'unknown' },
    )}${icon(expanded ? 'chevronDown' : 'chevronRight', 'toggle-icon')}
  </button>`;
}

function renderToolDetails(t: ToolChip, ctx: BubbleContext): TemplateResult {
  const { strings } = ctx;
  const payload = ctx.tagFor('ce-payload');
  const hasOutput = t.output !== null && t.output !== undefined;
  return html`<div class="tool-details" part="tool-details" id=${toolDetailsId(t)}>
    <span class="tool-details-title">${toolDisplayName(t.name, strings)}</span>
    ${t.input ? staticHtml`<${payload} .label=${strings.input} .value=${t.input}></${payload}>` : nothing}
    ${hasOutput ? staticHtml`<${payload} .label=${strings.output} .value=${t.output}></${payload}>` : nothing}
    ${t.error ? staticHtml`<${payload} variant="error" .label=${strings.error} .value=${t.error}></${payload}>` : nothing}
    ${!t.input && !hasOutput && !t.error ? html`<span class="meta">${strings.noOutput}</span>` : nothing}
  </div>`;
}

function renderSendError(b: AssistantBubble, error: SendError, ctx: BubbleContext): TemplateResult {
  const { s } = ctx;
  const sendId = b.sendId ?? '';
  const message =
    error.status === null
      ? error.message && error.message !== 'Network error'
        ? `${s.networkError} (${error.message})`
        : s.networkError
      : error.message;
  // Bubbles of an earlier (archived) session keep their message but can no longer be retried.
  const current = ctx.isCurrentSend(sendId);
  return html`<div class="send-error" part="error" role="alert">
    <span class="line">${icon('alert')}<span>${s.sendFailed(message, error.status)}</span></span>
    ${
      error.fields.length
        ? html`<ul>
            ${error.fields.map((f) => html`<li>${f}</li>`)}
          </ul>`
        : nothing
    }
    <span class="actions">
      <button
        type="button"
        class="ce-button"
        part="retry-button"
        ?disabled=${!ctx.canRetry(sendId)}
        @click=${() => ctx.retry(sendId)}
      >
        ${icon('refresh')}${s.retry}
      </button>
      <button type="button" class="ce-button" part="edit-button" ?disabled=${!current} @click=${() => ctx.edit(sendId)}>
        ${s.edit}
      </button>
    </span>
  </div>`;
}
