/** Registers `<chat-panel>` (and the elements it renders). */
import { defineElement } from '../../pieces/define.js';
import { CeMarkdown } from '../../pieces/markdown.js';
import { CePayload } from '../../pieces/payload-view.js';
import { ChatPanel } from './chat-panel.component.js';

export { ChatPanel };
export type * from './chat-panel.events.js';
export { chatStrings, setChatStrings, type ChatStrings } from '../../i18n/chat-strings.js';

defineElement('chat-panel', ChatPanel);
// The panel renders these under their default names until its class lists them in `static dependencies`.
defineElement('ce-markdown', CeMarkdown);
defineElement('ce-payload', CePayload);

declare global {
  interface HTMLElementTagNameMap {
    'chat-panel': ChatPanel;
  }
}
