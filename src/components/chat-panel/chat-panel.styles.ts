import { css } from 'lit';

/** `<chat-panel>` styles; colours, spacing and fonts come from the shared `--ce-*` tokens. */
export const chatPanelStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    height: var(--ce-chat-height, 32rem);
    min-height: 12rem;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
    --_user-bg: var(--ce-chat-user-bg, light-dark(#e8eefc, #26304a));
    --_user-text: var(--ce-chat-user-text, var(--_text));
    --_assistant-bg: var(--ce-chat-assistant-bg, var(--_surface));
    --_bubble-max-width: var(--ce-chat-bubble-max-width, 85%);
    --_input-max-height: var(--ce-chat-input-max-height, 12em);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* The layout is the frame's, not the host's: a page may give the element any display. */
  .base {
    display: flex;
    flex-direction: column;
    width: 100%;
    height: 100%;
    background: var(--_bg);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }

  /* Header: agent picker, connection, new chat */
  .header {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_space-3);
    padding: var(--_space-3) var(--_space-4);
    border-bottom: var(--_border-width) solid var(--_border);
    background: var(--_surface-muted);
    font-size: var(--_font-size-small);
  }
  .spacer {
    flex: 1;
  }
  .agent {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    color: var(--_text-muted);
  }
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius-small);
    padding: var(--_space-1) var(--_space-2);
  }
  select:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 1px;
  }
  .warn {
    color: var(--_error);
  }
  /* Message list */
  .log-wrap {
    position: relative;
    flex: 1;
    min-height: 0;
    display: flex;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_space-4);
  }
  .log:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: calc(-1 * var(--_focus-ring-width));
  }
  .log-content {
    display: flex;
    flex-direction: column;
    gap: var(--_space-4);
  }
  .info {
    margin: 0;
    text-align: center;
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .info.error {
    color: var(--_error);
  }
  .empty {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-5) var(--_space-4);
    color: var(--_text-muted);
    text-align: center;
  }
  .msg {
    display: flex;
    flex-direction: column;
    gap: var(--_space-1);
    min-width: 0;
  }
  .msg.user {
    align-items: flex-end;
  }
  .msg.assistant {
    align-items: flex-start;
  }
  .bubble {
    max-width: var(--_bubble-max-width);
    min-width: 0;
    padding: var(--_space-3) var(--_space-4);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .user .bubble {
    background: var(--_user-bg);
    color: var(--_user-text);
    white-space: pre-wrap;
    border-bottom-right-radius: var(--_radius-small);
  }
  .user.other .bubble {
    background: var(--_surface-muted);
    border: var(--_border-width) dashed var(--_border);
  }
  .assistant .bubble {
    width: var(--_bubble-max-width);
    background: var(--_assistant-bg);
    border: var(--_border-width) solid var(--_border);
    border-inline-start: var(--_accent-width) solid var(--_accent-assistant);
    border-bottom-left-radius: var(--_radius-small);
    box-shadow: var(--_shadow);
    display: flex;
    flex-direction: column;
    gap: var(--_space-3);
  }
  .assistant.failed .bubble,
  .assistant.error .bubble {
    border-inline-start-color: var(--_error);
  }
  .assistant.stopped .bubble {
    border-inline-start-color: var(--_warning);
  }
  .who,
  .meta {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .meta.error {
    color: var(--_error);
  }

  /* Tool chips */
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip-button {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    max-width: 100%;
    padding: 0;
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    border-radius: 999px;
    cursor: pointer;
  }
  .chip-button:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 1px;
  }
  .chip-button .toggle-icon {
    width: 12px;
    height: 12px;
    color: var(--_text-muted);
    flex: none;
  }
  .chip-button:hover .tool-chip {
    background: var(--_surface-hover);
  }
  .tool-details {
    display: flex;
    flex-direction: column;
    gap: var(--_space-3);
    padding: var(--_space-3);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius-small);
    background: var(--_surface-muted);
  }
  .tool-details-title {
    font-family: var(--_font-mono);
    font-size: var(--_font-size-small);
    font-weight: 600;
  }

  /* Answer parts */
  .result {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border-radius: var(--_radius-small);
    border: var(--_border-width) solid var(--_border);
    border-inline-start: var(--_accent-width) solid var(--_accent-result);
  }
  .result-label {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    font-size: var(--_font-size-small);
    font-weight: 600;
    color: var(--_text-muted);
  }
  .result-label svg,
  .note svg,
  .send-error svg {
    width: 14px;
    height: 14px;
    flex: none;
  }
  .note {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    margin: 0;
    color: var(--_text-muted);
    font-style: italic;
  }
  .note.failed {
    color: var(--_error);
    font-style: normal;
  }
  .send-error {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border-radius: var(--_radius-small);
    background: var(--_error-bg);
    color: var(--_error);
  }
  .send-error .line {
    display: flex;
    gap: var(--_space-2);
    align-items: flex-start;
  }
  .send-error ul {
    margin: 0;
    padding-inline-start: 1.5em;
  }
  .actions {
    display: flex;
    gap: var(--_space-2);
  }

  /* Typing indicator */
  .typing {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-3);
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.35;
    animation: ce-chat-blink calc(var(--_duration) * 8) infinite ease-in-out;
  }
  .dots i:nth-child(2) {
    animation-delay: calc(var(--_duration) * 1.3);
  }
  .dots i:nth-child(3) {
    animation-delay: calc(var(--_duration) * 2.6);
  }
  @keyframes ce-chat-blink {
    0%,
    80%,
    100% {
      opacity: 0.35;
    }
    40% {
      opacity: 1;
    }
  }

  .divider {
    display: flex;
    align-items: center;
    gap: var(--_space-3);
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .divider::before,
  .divider::after {
    content: '';
    flex: 1;
    border-top: var(--_border-width) solid var(--_border);
  }

  .gap {
    display: flex;
    align-items: flex-start;
    gap: var(--_space-3);
    padding: var(--_space-2) var(--_space-3);
    border: var(--_border-width) dashed var(--_warning);
    border-radius: var(--_radius);
    background: var(--_surface-muted);
    font-size: var(--_font-size-small);
  }
  .gap > svg {
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

  .jump {
    position: absolute;
    left: 50%;
    bottom: var(--_space-3);
    transform: translateX(-50%);
    box-shadow: var(--_shadow);
    background: var(--_surface);
  }

  /* Composer */
  .ended {
    margin: 0;
    padding: var(--_space-2) var(--_space-4);
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
    border-top: var(--_border-width) solid var(--_border);
  }
  .stop-error {
    margin: 0;
    padding: var(--_space-2) var(--_space-4);
    font-size: var(--_font-size-small);
    color: var(--_error);
  }
  .composer {
    display: flex;
    align-items: flex-end;
    gap: var(--_space-3);
    padding: var(--_space-3) var(--_space-4);
    border-top: var(--_border-width) solid var(--_border);
    background: var(--_surface);
  }
  textarea {
    flex: 1;
    min-width: 0;
    resize: none;
    font: inherit;
    line-height: var(--_line-height);
    color: var(--_text);
    background: var(--_bg);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius-small);
    padding: var(--_space-2) var(--_space-3);
    max-height: var(--_input-max-height);
    overflow-y: auto;
  }
  textarea:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 0;
  }
  textarea:disabled {
    opacity: 0.7;
  }
  .primary {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    font: inherit;
    font-weight: 600;
    padding: var(--_space-2) var(--_space-4);
    border-radius: var(--_radius-small);
    border: var(--_border-width) solid transparent;
    cursor: pointer;
    color: var(--ce-chat-send-text, #fff);
    background: var(--ce-chat-send-bg, var(--_focus));
  }
  .primary svg {
    width: 14px;
    height: 14px;
  }
  .primary.stop {
    color: var(--_error);
    background: var(--_error-bg);
    border-color: var(--_error);
  }
  .primary:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  .primary:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .ce-button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  @media (prefers-reduced-motion: reduce) {
    .dots i {
      animation: none;
      opacity: 0.7;
    }
  }
`;
