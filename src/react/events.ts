/**
 * Types of the elements' DOM events, shared by the React wrappers (`on…` props) and the JSX
 * declarations of the raw tags (`once-…` props, React 19). The names and `detail` types come from
 * each element's events module (`src/components/<element>/<element>.events.ts`).
 */
import type { DetailOf } from '../pieces/base-element.js';
import type { EventCardEventMap } from '../components/event-card/event-card.events.js';
import type { EventTimelineEventMap } from '../components/event-timeline/event-timeline.events.js';
import type { ChatPanelEventMap } from '../components/chat-panel/chat-panel.events.js';

export type * from '../components/event-card/event-card.events.js';
export type * from '../components/event-timeline/event-timeline.events.js';
export type * from '../components/chat-panel/chat-panel.events.js';

/** `{ 'ce-toggle': EventToggleDetail, … }` from an event map (`{ 'ce-toggle': CustomEvent<EventToggleDetail>, … }`). */
export type EventDetails<Events> = { [Name in keyof Events]: DetailOf<Events[Name]> };

/** `detail` of each event of `<event-card>`, by event name. */
export type EventCardEventDetails = EventDetails<EventCardEventMap>;

/** `detail` of each event of `<event-timeline>`, by event name. */
export type EventTimelineEventDetails = EventDetails<EventTimelineEventMap>;

/** `detail` of each event of `<chat-panel>`, by event name. */
export type ChatPanelEventDetails = EventDetails<ChatPanelEventMap>;

/**
 * `{ onEventSelect?: (e: CustomEvent<EventSelectDetail>) => void, … }` from a prop → event name map
 * and the details by event name (which must cover every event of the map).
 */
export type EventHandlerProps<
  Map extends Record<string, string>,
  Details extends { [Name in Map[keyof Map]]: unknown },
> = { [Prop in keyof Map]?: (event: CustomEvent<Details[Map[Prop]]>) => void };

/** React 19's spelling for custom element events on raw tags: `on` + the event name. */
export type RawEventHandlerProps<Details> = {
  [Name in keyof Details & string as `on${Name}`]?: (event: CustomEvent<Details[Name]>) => void;
};
