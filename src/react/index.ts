/**
 * React components for the five elements, made with `@lit/react`: element properties are set as
 * properties (objects such as `client`, `events`, `strings` and `tokenProvider` arrive intact, also
 * under React 18, which would turn them into attributes on a raw tag) and each `ce-…` DOM event has
 * an `on…` prop. Importing this module registers the elements.
 *
 * ```tsx
 * import { EventTimeline, ChatPanel } from 'coordinator-elements/react';
 * <EventTimeline client={client} sessionId={id} onEventSelect={(e) => show(e.detail.event)} />
 * ```
 *
 * Properties the elements also change themselves — `ChatPanel`'s `sessionId` (a first message starts
 * a session, "New chat" leaves it), `agent` (its picker) and `draft` (the user types),
 * `EventTimeline`'s `selectedKey` (the user selects), `EventCard`'s `expanded` — are set when their
 * React value changes, not on every render; follow them with `onSessionChange` / `onEventSelect`.
 *
 * Refs point at the element itself (`useRef<EventTimelineElement>(null)`), for its methods
 * (`scrollToLatest()`, `send()`, `stop()`, `newChat()`…). Also declares the raw tags for JSX (see
 * jsx.ts) for React 19 users who prefer `<event-timeline>`.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '../components/event-card/event-card.js';
import '../components/event-timeline/event-timeline.js';
import '../components/chat-panel/chat-panel.js';
import '../components/session-list/session-list.js';
import '../components/run-swimlanes/run-swimlanes.js';
import { EventCard as EventCardElement } from '../components/event-card/event-card.component.js';
import { EventTimeline as EventTimelineElement } from '../components/event-timeline/event-timeline.component.js';
import { ChatPanel as ChatPanelElement } from '../components/chat-panel/chat-panel.component.js';
import { SessionList as SessionListElement } from '../components/session-list/session-list.component.js';
import { RunSwimlanes as RunSwimlanesElement } from '../components/run-swimlanes/run-swimlanes.component.js';
import {
  chatPanelEvents,
  eventCardEvents,
  eventTimelineEvents,
  sessionListEvents,
  runSwimlanesEvents,
  type ChatPanelPropertyName,
  type EventCardPropertyName,
  type EventTimelinePropertyName,
  type SessionListPropertyName,
  type RunSwimlanesPropertyName,
} from './props.js';
import type {
  ChatPanelEventDetails,
  EventCardEventDetails,
  EventHandlerProps,
  EventTimelineEventDetails,
  SessionListEventDetails,
  RunSwimlanesEventDetails,
} from './events.js';
import './jsx.js';

export type { EventCardElement, EventTimelineElement, ChatPanelElement, SessionListElement, RunSwimlanesElement };
export type * from './events.js';
export {
  chatPanelEvents,
  chatPanelProperties,
  eventCardEvents,
  eventCardProperties,
  eventTimelineEvents,
  eventTimelineProperties,
  sessionListEvents,
  sessionListProperties,
  runSwimlanesEvents,
  runSwimlanesProperties,
} from './props.js';

/**
 * Props of a wrapper: the element's properties, its event handlers, and React's usual HTML props
 * (`id`, `className`, `style`, `slot`, `aria-*`, `children`…) with a ref to the element.
 */
export type WrapperProps<I extends HTMLElement, Own> = Omit<React.HTMLAttributes<I>, keyof Own> &
  Own &
  React.RefAttributes<I>;

export type EventCardProps = WrapperProps<
  EventCardElement,
  Partial<Pick<EventCardElement, Exclude<EventCardPropertyName, 'event'>>> & {
    /** The event to show: a wire `SessionEvent` (any of its forms) or a normalized `CoordinatorEvent`. */
    event?: unknown;
  } & EventHandlerProps<typeof eventCardEvents, EventCardEventDetails>
>;

export type EventTimelineProps = WrapperProps<
  EventTimelineElement,
  Partial<Pick<EventTimelineElement, Exclude<EventTimelinePropertyName, 'events'>>> & {
    /** Without `client`/`src`: the events to show, wire or normalized. */
    events?: readonly unknown[] | null;
  } & EventHandlerProps<typeof eventTimelineEvents, EventTimelineEventDetails>
>;

export type ChatPanelProps = WrapperProps<
  ChatPanelElement,
  Partial<Pick<ChatPanelElement, ChatPanelPropertyName>> &
    EventHandlerProps<typeof chatPanelEvents, ChatPanelEventDetails>
>;

export type SessionListProps = WrapperProps<
  SessionListElement,
  Partial<Pick<SessionListElement, Exclude<SessionListPropertyName, 'sessions'>>> & {
    /** Without `client`/`src`: the sessions to show, wire or normalized. */
    sessions?: readonly unknown[] | null;
  } & EventHandlerProps<typeof sessionListEvents, SessionListEventDetails>
>;

export type RunSwimlanesProps = WrapperProps<
  RunSwimlanesElement,
  Partial<Pick<RunSwimlanesElement, Exclude<RunSwimlanesPropertyName, 'sessions' | 'events'>>> & {
    /** Without `client`/`src`: the sessions to show, wire or normalized. */
    sessions?: readonly unknown[] | null;
    /** Without `client`/`src`: their events, wire or normalized. */
    events?: readonly unknown[] | null;
  } & EventHandlerProps<typeof runSwimlanesEvents, RunSwimlanesEventDetails>
>;

/** The event map typed for `createComponent`, so its `on…` props take the right `CustomEvent`. */
function typedEvents<Map extends Record<string, string>, Details extends { [Name in Map[keyof Map]]: unknown }>(
  map: Map,
): { [Prop in keyof Map]: EventName<CustomEvent<Details[Map[Prop]]>> } {
  return map as { [Prop in keyof Map]: Map[Prop] & EventName<CustomEvent<Details[Map[Prop]]>> };
}

/**
 * `@lit/react` sets every property on every render. A few properties are also changed by the
 * element itself; for those, setting them again on an unrelated re-render would undo what the user
 * just did (e.g. put the panel back on the session it has just left, dropping the message on its
 * way). So they are set the way React sets DOM properties: on the first render when given, then
 * only when the React value changes.
 */
function keepElementChanges<I extends HTMLElement, P extends React.RefAttributes<I>>(
  Inner: React.ForwardRefExoticComponent<P>,
  names: readonly (keyof P & string)[],
  displayName: string,
): React.ForwardRefExoticComponent<P> {
  const Outer = React.forwardRef<I, Omit<P, 'ref'>>((props, ref) => {
    const element = React.useRef<I | null>(null);
    const previous = React.useRef<unknown[] | null>(null);
    const given = props as Record<string, unknown>;
    const values = names.map((name) => given[name]);
    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(given)) if (!(names as readonly string[]).includes(key)) rest[key] = given[key];

    // Runs after the inner component's layout effect (children first), before Lit's next update.
    React.useLayoutEffect(() => {
      const el = element.current as Record<string, unknown> | null;
      if (!el) return;
      const before = previous.current;
      names.forEach((name, i) => {
        if (before ? !Object.is(before[i], values[i]) : values[i] !== undefined) el[name] = values[i];
      });
      previous.current = values;
    });

    const setRef = React.useCallback(
      (node: I | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    return React.createElement(Inner, { ...(rest as P), ref: setRef });
  });
  Outer.displayName = displayName;
  return Outer as unknown as React.ForwardRefExoticComponent<P>;
}

// The wrappers are typed by hand: `@lit/react` would type `event` and `events` from their getters
// (normalized events), while their setters also take wire events.

/** `<event-card>`: one coordinator event. */
export const EventCard: React.ForwardRefExoticComponent<EventCardProps> = keepElementChanges(
  createComponent({
    react: React,
    tagName: 'event-card',
    elementClass: EventCardElement,
    events: typedEvents<typeof eventCardEvents, EventCardEventDetails>(eventCardEvents),
    displayName: 'EventCardElement',
  }) as React.ForwardRefExoticComponent<EventCardProps>,
  // The card expands and collapses itself when clicked.
  ['expanded'],
  'EventCard',
);

/** `<event-timeline>`: a session's live events, grouped by run. */
export const EventTimeline: React.ForwardRefExoticComponent<EventTimelineProps> = keepElementChanges(
  createComponent({
    react: React,
    tagName: 'event-timeline',
    elementClass: EventTimelineElement,
    events: typedEvents<typeof eventTimelineEvents, EventTimelineEventDetails>(eventTimelineEvents),
    displayName: 'EventTimelineElement',
  }) as React.ForwardRefExoticComponent<EventTimelineProps>,
  // The user selects events (click, keys, next match or error); `onEventSelect` tells which.
  ['selectedKey'],
  'EventTimeline',
);

/** `<chat-panel>`: a chat with an agent through the coordinator. */
export const ChatPanel: React.ForwardRefExoticComponent<ChatPanelProps> = keepElementChanges(
  createComponent({
    react: React,
    tagName: 'chat-panel',
    elementClass: ChatPanelElement,
    events: typedEvents<typeof chatPanelEvents, ChatPanelEventDetails>(chatPanelEvents),
    displayName: 'ChatPanelElement',
  }) as React.ForwardRefExoticComponent<ChatPanelProps>,
  // The panel moves to the session its first message starts (and leaves it on "New chat"); its
  // agent picker sets `agent`, the user's typing `draft`. `onSessionChange` tells when the session changed.
  ['sessionId', 'agent', 'draft'],
  'ChatPanel',
);

/** `<session-list>`: every session of a coordinator, live, as a tree; pick one. */
export const SessionList: React.ForwardRefExoticComponent<SessionListProps> = keepElementChanges(
  createComponent({
    react: React,
    tagName: 'session-list',
    elementClass: SessionListElement,
    events: typedEvents<typeof sessionListEvents, SessionListEventDetails>(sessionListEvents),
    displayName: 'SessionListElement',
  }) as React.ForwardRefExoticComponent<SessionListProps>,
  // A click or Enter selects a row (and its sort select changes `sort`): `onSessionSelect` tells.
  ['selectedSession', 'sort'],
  'SessionList',
);

/** `<run-swimlanes>`: runs of all sessions on a time axis, live; pick a run. */
export const RunSwimlanes: React.ForwardRefExoticComponent<RunSwimlanesProps> = keepElementChanges(
  createComponent({
    react: React,
    tagName: 'run-swimlanes',
    elementClass: RunSwimlanesElement,
    events: typedEvents<typeof runSwimlanesEvents, RunSwimlanesEventDetails>(runSwimlanesEvents),
    displayName: 'RunSwimlanesElement',
  }) as React.ForwardRefExoticComponent<RunSwimlanesProps>,
  // Picking a run selects its session, and the table button toggles `table`: `onRunSelect` tells.
  ['selectedSession', 'table'],
  'RunSwimlanes',
);
