/**
 * Main entry `coordinator-elements`: registers <event-timeline>, <event-card>, <chat-panel>,
 * <session-list> and <run-swimlanes>, and exports the element classes, the coordinator client and the public types.
 */
import './components/event-card/event-card.js';
import './components/event-timeline/event-timeline.js';
import './components/chat-panel/chat-panel.js';
import './components/session-list/session-list.js';
import './components/run-swimlanes/run-swimlanes.js';

export { EventCard } from './components/event-card/event-card.component.js';
export { EventTimeline } from './components/event-timeline/event-timeline.component.js';
export { ChatPanel } from './components/chat-panel/chat-panel.component.js';
export { SessionList } from './components/session-list/session-list.component.js';
export { RunSwimlanes } from './components/run-swimlanes/run-swimlanes.component.js';
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
export type * from './components/session-list/session-list.events.js';
export type * from './components/run-swimlanes/run-swimlanes.events.js';
export {
  buildSessionTree,
  effectiveParents,
  sessionTitle,
  statusGroupOf,
  SESSION_SORTS,
  STATUS_GROUPS,
  type SessionRow,
  type SessionSort,
  type SessionTree,
  type SessionTreeOptions,
  type StatusGroup,
} from './model/session-tree.js';
export { LocalSessions } from './client/local-sessions.js';
export { registerTranslation, type PartialStrings, type Translation } from './i18n/translations.js';
export type { Strings } from './i18n/strings.js';
export { setChatStrings, type ChatStrings } from './i18n/chat-strings.js';
export * from './client/index.js';
export type * from './types/index.js';
