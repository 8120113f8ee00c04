/**
 * Types of the elements' DOM events, shared by the React wrappers (`on…` props) and the JSX
 * declarations of the raw tags (`once-…` props, React 19).
 */
import type { ConnectionState, CoordinatorEvent } from '../types/model.js';
import type {
  ChatAnswerDetail,
  ChatErrorDetail,
  ChatMessageSentDetail,
  ChatSessionChangeDetail,
} from '../components/chat-panel/chat-panel.component.js';

export type { ChatAnswerDetail, ChatErrorDetail, ChatMessageSentDetail, ChatSessionChangeDetail };

/** `ce-toggle` of `<event-card>`: the user expanded or collapsed it. */
export interface EventToggleDetail {
  expanded: boolean;
  event: CoordinatorEvent;
}

/** `ce-event-select` of `<event-timeline>`: the user selected an event (click or keyboard). */
export interface EventSelectDetail {
  event: CoordinatorEvent;
}

/** `ce-event` of `<event-timeline>`: an event arrived after the initial load. */
export interface EventArrivalDetail {
  event: CoordinatorEvent;
}

/** `detail` of each event of `<event-card>`, by event name. */
export interface EventCardEventDetails {
  'ce-toggle': EventToggleDetail;
}

/** `detail` of each event of `<event-timeline>`, by event name. */
export interface EventTimelineEventDetails {
  'ce-event-select': EventSelectDetail;
  'ce-event': EventArrivalDetail;
  'ce-connection-change': ConnectionState;
}

/** `detail` of each event of `<chat-panel>`, by event name. */
export interface ChatPanelEventDetails {
  'ce-message-sent': ChatMessageSentDetail;
  'ce-answer': ChatAnswerDetail;
  'ce-error': ChatErrorDetail;
  'ce-session-change': ChatSessionChangeDetail;
}

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
