/**
 * The controls of `<chat-panel>`: the header (agent picker, connection status, "New chat") and the
 * composer (the input with Send, or Stop while the agent works). Templates only; the panel owns what
 * they do (`HeaderState`, `ComposerState`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ConnectionState } from '../../types/model.js';
import type { WireAgent } from '../../types/wire.js';
import type { ChatStrings } from '../../i18n/chat-strings.js';
import type { Strings } from '../../i18n/strings.js';
import type { SessionPresence } from '../../controllers/coordinator-source.js';
import { renderConnectionStatus } from '../../pieces/connection-status.js';
import { icon } from '../../pieces/icons.js';

export interface HeaderState {
  /** The agent picker, when the panel shows one. */
  picker: AgentPickerState | null;
  connection: ConnectionState;
  /** Seconds until the next connection attempt, while waiting for it. */
  seconds: number | null;
  presence: SessionPresence;
  onRetry: () => void;
  /** "New chat" has nothing to leave. */
  newChatDisabled: boolean;
  onNewChat: () => void;
}

export function renderHeader(state: HeaderState, s: ChatStrings, strings: Strings): TemplateResult {
  return html`<div class="header" part="header">
    ${state.picker ? renderAgentPicker(state.picker, s) : nothing}
    ${renderConnectionStatus(state.connection, strings, {
      seconds: state.seconds,
      idleText: s.noCoordinator,
      presence: state.presence,
      onRetry: state.onRetry,
    })}
    <span class="spacer"></span>
    <button
      type="button"
      class="ce-button"
      part="new-chat-button"
      ?disabled=${state.newChatDisabled}
      @click=${state.onNewChat}
    >
      ${icon('message')}${s.newChat}
    </button>
  </div>`;
}

export interface AgentPickerState {
  agents: readonly WireAgent[];
  /** The chosen agent ('' = the coordinator's default). */
  agent: string;
  failed: boolean;
  disabled: boolean;
  onChange: (agent: string) => void;
}

export function renderAgentPicker(state: AgentPickerState, s: ChatStrings): TemplateResult {
  const { agents, agent } = state;
  const known = agents.some((a) => a.name === agent);
  return html`<label class="agent">
      <span>${s.agentLabel}</span>
      <select
        part="agent-picker"
        ?disabled=${state.disabled}
        @change=${(e: Event) => state.onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!agent}>${s.defaultAgent}</option>
        ${agent && !known ? html`<option value=${agent} selected>${agent}</option>` : nothing}
        ${agents.map(
          (a) =>
            html`<option value=${a.name} ?selected=${a.name === agent} title=${a.description ?? ''}>${a.name}</option>`,
        )}
      </select>
    </label>
    ${state.failed ? html`<span class="warn">${s.agentsUnavailable}</span>` : nothing}`;
}

export interface ComposerState {
  draft: string;
  placeholder: string;
  /** A send is in flight: the input waits. */
  sending: boolean;
  canSend: boolean;
  /** Stop replaces Send. */
  showStop: boolean;
  stopping: boolean;
  onDraft: (text: string) => void;
  onSend: () => void;
  onStop: () => void;
}

/** Sizes a textarea to its text (up to its CSS max-height). */
export function autoGrow(area: HTMLTextAreaElement | null | undefined): void {
  if (!area) return;
  area.style.height = 'auto';
  const borders = area.offsetHeight - area.clientHeight;
  area.style.height = `${area.scrollHeight + borders}px`;
}

export function renderComposer(state: ComposerState, s: ChatStrings): TemplateResult {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    // An IME composing text uses Enter to confirm a candidate, not to send.
    if (e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    state.onSend();
  };
  return html`<form
    class="composer"
    part="composer"
    @submit=${(e: Event) => {
      e.preventDefault();
      state.onSend();
    }}
  >
    <textarea
      part="input"
      rows="1"
      aria-label=${s.inputLabel}
      aria-describedby="keyboard-hint"
      placeholder=${state.placeholder}
      .value=${live(state.draft)}
      ?disabled=${state.sending}
      @input=${(e: Event) => {
        const area = e.target as HTMLTextAreaElement;
        state.onDraft(area.value);
        autoGrow(area);
      }}
      @keydown=${onKeyDown}
    ></textarea>
    <span id="keyboard-hint" class="sr-only">${s.keyboardHint}</span>
    ${
      state.showStop
        ? html`<button
            type="button"
            class="primary stop"
            part="stop-button"
            ?disabled=${state.stopping}
            @click=${state.onStop}
          >
            ${icon('stop')}${state.stopping ? s.stopping : s.stop}
          </button>`
        : html`<button type="submit" class="primary" part="send-button" ?disabled=${!state.canSend}>
            ${icon('play')}${state.sending ? s.sending : s.send}
          </button>`
    }
  </form>`;
}
