/**
 * What the React wrappers pass to each element: its settable properties (set as properties, never
 * as attributes, so objects, functions and `null` arrive intact under React 18 too) and its DOM
 * events (`on…` prop → `ce-…` event, from each element's events module). No React import here, so
 * the lists can be checked against the elements in a browser test without React
 * (src/react/props.test.ts).
 */
import type { ChatPanel } from '../components/chat-panel/chat-panel.component.js';
import type { EventCard } from '../components/event-card/event-card.component.js';
import type { EventTimeline } from '../components/event-timeline/event-timeline.component.js';
import type { SessionList } from '../components/session-list/session-list.component.js';
import type { RunSwimlanes } from '../components/run-swimlanes/run-swimlanes.component.js';

export { eventCardEvents } from '../components/event-card/event-card.events.js';
export { eventTimelineEvents } from '../components/event-timeline/event-timeline.events.js';
export { chatPanelEvents } from '../components/chat-panel/chat-panel.events.js';
export { sessionListEvents } from '../components/session-list/session-list.events.js';
export { runSwimlanesEvents } from '../components/run-swimlanes/run-swimlanes.events.js';

/** The `@property` declarations of `<event-card>`. */
export const eventCardProperties = [
  'event',
  'expanded',
  'runIndex',
  'resumed',
  'selected',
  'theme',
  'strings',
  'timing',
  'echo',
] as const;

/** The `@property` declarations of `<event-timeline>`. */
export const eventTimelineProperties = [
  'src',
  'apiBase',
  'sessionId',
  'token',
  'tokenProvider',
  'client',
  'sessionStatus',
  'label',
  'theme',
  'strings',
  'events',
  'selectedKey',
] as const;

/** The `@property` declarations of `<chat-panel>`. */
export const chatPanelProperties = [
  'src',
  'apiBase',
  'token',
  'tokenProvider',
  'client',
  'sessionId',
  'agent',
  'agentPicker',
  'placeholder',
  'runBody',
  'theme',
  'strings',
  'draft',
] as const;

/** The `@property` declarations of `<session-list>`. */
export const sessionListProperties = [
  'src',
  'apiBase',
  'token',
  'tokenProvider',
  'client',
  'selectedSession',
  'actions',
  'sort',
  'label',
  'theme',
  'strings',
  'sessions',
] as const;

/** The `@property` declarations of `<run-swimlanes>`. */
export const runSwimlanesProperties = [
  'src',
  'apiBase',
  'token',
  'tokenProvider',
  'client',
  'selectedSession',
  'table',
  'label',
  'theme',
  'strings',
  'sessions',
  'events',
] as const;

// Compile-time guard: every listed name is a public member of its element.
type Listed<I, L extends readonly (keyof I)[]> = L;
export type EventCardPropertyName = Listed<EventCard, typeof eventCardProperties>[number];
export type EventTimelinePropertyName = Listed<EventTimeline, typeof eventTimelineProperties>[number];
export type ChatPanelPropertyName = Listed<ChatPanel, typeof chatPanelProperties>[number];
export type SessionListPropertyName = Listed<SessionList, typeof sessionListProperties>[number];
export type RunSwimlanesPropertyName = Listed<RunSwimlanes, typeof runSwimlanesProperties>[number];
