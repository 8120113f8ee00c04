/** Entry `coordinator-elements/chat-panel.js`: registers <chat-panel> (and only what it uses). */
import './components/chat-panel/chat-panel.js';

export { ChatPanel } from './components/chat-panel/chat-panel.component.js';
export type * from './components/chat-panel/chat-panel.events.js';
