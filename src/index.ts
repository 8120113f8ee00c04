/**
 * Main entry `coordinator-elements`: registers <event-timeline>, <event-card> and <chat-panel>, and
 * exports the element classes, the coordinator client and the public types.
 */
import './components/event-card/event-card.js';
import './components/event-timeline/event-timeline.js';
import './components/chat-panel/chat-panel.js';

export { EventCard } from './components/event-card/event-card.component.js';
export { EventTimeline } from './components/event-timeline/event-timeline.component.js';
export { ChatPanel } from './components/chat-panel/chat-panel.component.js';
// Tool views: a page's own renderers, and the diff they may use.
export {
  registerToolRenderer,
  builtInToolRenderers,
  type ToolRenderer,
  type ToolRenderContext,
} from './pieces/tool-renderers.js';
export { diffTexts, type DiffHunk, type DiffLine } from './model/line-diff.js';
export type * from './components/event-card/event-card.events.js';
export type * from './components/event-timeline/event-timeline.events.js';
export type * from './components/chat-panel/chat-panel.events.js';
export { registerTranslation, type PartialStrings, type Translation } from './i18n/translations.js';
export type { Strings } from './i18n/strings.js';
export { setChatStrings, type ChatStrings } from './i18n/chat-strings.js';
export * from './client/index.js';
export type * from './types/index.js';
