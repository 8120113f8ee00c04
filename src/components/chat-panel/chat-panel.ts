/** Registers `<chat-panel>`. */
import { defineElement } from '../../pieces/define.js';
import {
  ChatPanel,
  type ChatAnswerDetail,
  type ChatErrorDetail,
  type ChatMessageSentDetail,
  type ChatSessionChangeDetail,
} from './chat-panel.component.js';

export { ChatPanel };
export type { ChatAnswerDetail, ChatErrorDetail, ChatMessageSentDetail, ChatSessionChangeDetail };
export { chatStrings, setChatStrings, type ChatStrings } from '../../i18n/chat-strings.js';

defineElement('chat-panel', ChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'chat-panel': ChatPanel;
  }
  interface HTMLElementEventMap {
    'ce-message-sent': CustomEvent<ChatMessageSentDetail>;
    'ce-answer': CustomEvent<ChatAnswerDetail>;
    'ce-session-change': CustomEvent<ChatSessionChangeDetail>;
  }
}
