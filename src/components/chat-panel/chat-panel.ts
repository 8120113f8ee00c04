/** Registers `<chat-panel>` (and the elements it renders). */
import { defineElement } from '../../pieces/define.js';
import { ChatPanel } from './chat-panel.component.js';

export { ChatPanel };
export type * from './chat-panel.events.js';
export { chatStrings, setChatStrings, type ChatStrings } from '../../i18n/chat-strings.js';

defineElement('chat-panel', ChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'chat-panel': ChatPanel;
  }
}
