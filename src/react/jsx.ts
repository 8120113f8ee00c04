/**
 * JSX types for the raw tags `<event-timeline>`, `<event-card>`, `<chat-panel>`, `<session-list>` and `<run-swimlanes>`, added to React's
 * `JSX.IntrinsicElements` (types of @types/react 18.2.7+ and 19) whenever
 * `coordinator-elements/react` is imported (a type-only `import type {} from
 * 'coordinator-elements/react'` is enough).
 *
 * They describe React 19, which sets a custom element's properties when the element has them
 * (`client={client}`, `sessionId`, `events`) and listens to `on` + event name (`once-event-select`).
 * React 18 turns every prop of a raw tag into a string attribute and has no custom events: there,
 * use the wrappers (`EventTimeline`, `EventCard`, `ChatPanel`) or only the string attributes.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ChatPanel } from '../components/chat-panel/chat-panel.component.js';
import type { EventCard } from '../components/event-card/event-card.component.js';
import type { EventTimeline } from '../components/event-timeline/event-timeline.component.js';
import type { SessionList } from '../components/session-list/session-list.component.js';
import type { RunSwimlanes } from '../components/run-swimlanes/run-swimlanes.component.js';
import type {
  ChatPanelEventDetails,
  EventCardEventDetails,
  EventTimelineEventDetails,
  RawEventHandlerProps,
  SessionListEventDetails,
  RunSwimlanesEventDetails,
} from './events.js';
import type {
  ChatPanelPropertyName,
  EventCardPropertyName,
  EventTimelinePropertyName,
  SessionListPropertyName,
  RunSwimlanesPropertyName,
} from './props.js';

type RawTag<I extends HTMLElement, Own> = Omit<DetailedHTMLProps<HTMLAttributes<I>, I>, keyof Own> & Own;

/** Attributes whose names differ from their properties (the one-word ones are the same). */
interface EventCardAttributes {
  'run-index'?: number | string;
}
interface EventTimelineAttributes {
  'api-base'?: string;
  'session-id'?: string;
  'session-status'?: string;
  'selected-key'?: string;
}
interface ChatPanelAttributes {
  'api-base'?: string;
  'session-id'?: string;
  'agent-picker'?: boolean;
  'run-body'?: 'auto' | 'parameters' | 'prompt';
}
interface SessionListAttributes {
  'api-base'?: string;
  'selected-session'?: string;
}
interface RunSwimlanesAttributes {
  'api-base'?: string;
  'selected-session'?: string;
}

export type EventCardTagProps = RawTag<
  EventCard,
  Partial<Pick<EventCard, Exclude<EventCardPropertyName, 'event'>>> & {
    event?: unknown;
  } & EventCardAttributes &
    RawEventHandlerProps<EventCardEventDetails>
>;

export type EventTimelineTagProps = RawTag<
  EventTimeline,
  Partial<Pick<EventTimeline, Exclude<EventTimelinePropertyName, 'events'>>> & {
    events?: readonly unknown[] | null;
  } & EventTimelineAttributes &
    RawEventHandlerProps<EventTimelineEventDetails>
>;

export type ChatPanelTagProps = RawTag<
  ChatPanel,
  Partial<Pick<ChatPanel, ChatPanelPropertyName>> & ChatPanelAttributes & RawEventHandlerProps<ChatPanelEventDetails>
>;

export type SessionListTagProps = RawTag<
  SessionList,
  Partial<Pick<SessionList, Exclude<SessionListPropertyName, 'sessions'>>> & {
    sessions?: readonly unknown[] | null;
  } & SessionListAttributes &
    RawEventHandlerProps<SessionListEventDetails>
>;

export type RunSwimlanesTagProps = RawTag<
  RunSwimlanes,
  Partial<Pick<RunSwimlanes, Exclude<RunSwimlanesPropertyName, 'sessions' | 'events'>>> & {
    sessions?: readonly unknown[] | null;
    events?: readonly unknown[] | null;
  } & RunSwimlanesAttributes &
    RawEventHandlerProps<RunSwimlanesEventDetails>
>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the shape React's types declare
  namespace JSX {
    interface IntrinsicElements {
      'event-card': EventCardTagProps;
      'event-timeline': EventTimelineTagProps;
      'chat-panel': ChatPanelTagProps;
      'session-list': SessionListTagProps;
      'run-swimlanes': RunSwimlanesTagProps;
    }
  }
}
