/**
 * The events of `<session-list>`: names, `detail` types and the event map, in one place.
 */
import type { ConnectionState } from '../../types/model.js';
import { handlerNames } from '../../pieces/events.js';
// One constant for the event every element with a connection fires (the entries export both modules).
import { CONNECTION_CHANGE_EVENT } from '../event-timeline/event-timeline.events.js';

export { CONNECTION_CHANGE_EVENT, type ConnectionState };

/** The user picked a session (click, Enter or Space on its row). */
export const SESSION_SELECT_EVENT = 'ce-session-select';
/** A stop or delete the user confirmed was answered. */
export const SESSION_ACTION_EVENT = 'ce-session-action';

/** `detail` of `ce-session-select`. */
export interface SessionSelectDetail {
  sessionId: string;
}

/** `detail` of `ce-session-action`. */
export interface SessionActionDetail {
  sessionId: string;
  action: 'stop' | 'delete';
  ok: boolean;
  /** The HTTP status of a failure (409: still active), 0 without an answer; null when it worked. */
  status: number | null;
  /** What went wrong, as the coordinator said it; null when it worked. */
  message: string | null;
}

/** The events of `<session-list>`, by name (`ce-connection-change`'s detail is the `ConnectionState`). */
export interface SessionListEventMap {
  'ce-session-select': CustomEvent<SessionSelectDetail>;
  'ce-session-action': CustomEvent<SessionActionDetail>;
  'ce-connection-change': CustomEvent<ConnectionState>;
}

/** The list's events by handler name (`onSessionSelect` → `ce-session-select`), for wrappers such as the React ones. */
export const sessionListEvents = handlerNames<SessionListEventMap>()({
  onSessionSelect: SESSION_SELECT_EVENT,
  onSessionAction: SESSION_ACTION_EVENT,
  onConnectionChange: CONNECTION_CHANGE_EVENT,
});

declare global {
  interface HTMLElementEventMap {
    'ce-session-select': CustomEvent<SessionSelectDetail>;
    'ce-session-action': CustomEvent<SessionActionDetail>;
  }
}
