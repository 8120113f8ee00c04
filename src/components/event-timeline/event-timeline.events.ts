/**
 * The events of `<event-timeline>`: names, `detail` types and the event map, in one place. Its own
 * events, and those of the cards in it (event-card.events.ts), which bubble out of it.
 */
import type { ConnectionState, CoordinatorEvent } from '../../types/model.js';
import { handlerNames } from '../../pieces/events.js';
import {
  COPY_EVENT,
  MARKDOWN_EXPAND_EVENT,
  TOGGLE_EVENT,
  type CopyDetail,
  type EventToggleDetail,
  type MarkdownExpandDetail,
} from '../event-card/event-card.events.js';

export {
  COPY_EVENT,
  MARKDOWN_EXPAND_EVENT,
  TOGGLE_EVENT,
  type ConnectionState,
  type CopyDetail,
  type EventToggleDetail,
  type MarkdownExpandDetail,
};

/** The user selected an event (click, the keyboard, next/previous match or error); not when the host sets `selectedKey`. */
export const EVENT_SELECT_EVENT = 'ce-event-select';
/** An event arrived after the initial load (one per event). */
export const EVENT_ARRIVAL_EVENT = 'ce-event';
/** The connection state changed. */
export const CONNECTION_CHANGE_EVENT = 'ce-connection-change';
/** Everything given or loaded so far is in and shown (see `LoadDetail`). */
export const LOAD_EVENT = 'ce-load';

/** `detail` of `ce-event-select`. */
export interface EventSelectDetail {
  event: CoordinatorEvent;
  /** The event's anchor (`eventAnchor(event)`): the same after a reload, for a link (`#event=…`). */
  anchor: string;
}

/** `detail` of `ce-event`. */
export interface EventArrivalDetail {
  event: CoordinatorEvent;
}

/**
 * `detail` of `ce-load`: the events given (`events`) or the session's history from the coordinator
 * are all in: counts and runs final, the rows built, the rows in view rendered (their markdown too).
 */
export interface LoadDetail {
  /** How many events the timeline holds. */
  count: number;
}

/** The events of `<event-timeline>`, by name (`ce-connection-change`'s detail is the `ConnectionState`). */
export interface EventTimelineEventMap {
  'ce-event-select': CustomEvent<EventSelectDetail>;
  'ce-event': CustomEvent<EventArrivalDetail>;
  'ce-connection-change': CustomEvent<ConnectionState>;
  'ce-load': CustomEvent<LoadDetail>;
  'ce-toggle': CustomEvent<EventToggleDetail>;
  'ce-copy': CustomEvent<CopyDetail>;
  'ce-markdown-expand': CustomEvent<MarkdownExpandDetail>;
}

/** The timeline's events by handler name (`onEventSelect` → `ce-event-select`), for wrappers such as the React ones. */
export const eventTimelineEvents = handlerNames<EventTimelineEventMap>()({
  onEventSelect: EVENT_SELECT_EVENT,
  onEvent: EVENT_ARRIVAL_EVENT,
  onConnectionChange: CONNECTION_CHANGE_EVENT,
  onLoad: LOAD_EVENT,
  onToggle: TOGGLE_EVENT,
  onCopy: COPY_EVENT,
  onMarkdownExpand: MARKDOWN_EXPAND_EVENT,
});

declare global {
  interface HTMLElementEventMap {
    'ce-event-select': CustomEvent<EventSelectDetail>;
    'ce-event': CustomEvent<EventArrivalDetail>;
    'ce-connection-change': CustomEvent<ConnectionState>;
    'ce-load': CustomEvent<LoadDetail>;
  }
}
