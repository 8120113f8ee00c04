/**
 * Entry `coordinator-elements/classes.js`: the element classes, registering nothing, for a page
 * that defines them under names of its own (e.g. when another library took the default ones):
 *
 * ```js
 * import { EventTimeline, EventCard } from 'coordinator-elements/classes.js';
 * customElements.define('acme-timeline', EventTimeline);
 * ```
 *
 * The elements an element renders (cards, markdown, payloads…) are defined when it first renders,
 * under their default names if free, else under derived ones (`ce-markdown-2`); a class defined
 * first by the page is used under the page's name (see `static dependencies`).
 */
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
