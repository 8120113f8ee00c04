/**
 * The events of `<run-swimlanes>`: names, `detail` types and the event map, in one place.
 */
import type { ConnectionState } from '../../types/model.js';
import { handlerNames } from '../../pieces/events.js';
import { CONNECTION_CHANGE_EVENT } from '../event-timeline/event-timeline.events.js';

export { CONNECTION_CHANGE_EVENT, type ConnectionState };

/** The user picked a run (click, Enter or Space on its block or its row of the table). */
export const RUN_SELECT_EVENT = 'ce-run-select';

/** `detail` of `ce-run-select`. */
export interface RunSelectDetail {
  sessionId: string;
  /** 1 for the run that started the session, 2+ for resumes (as `<event-timeline>` numbers them). */
  runIndex: number;
}

/** The events of `<run-swimlanes>`, by name (`ce-connection-change`'s detail is the `ConnectionState`). */
export interface RunSwimlanesEventMap {
  'ce-run-select': CustomEvent<RunSelectDetail>;
  'ce-connection-change': CustomEvent<ConnectionState>;
}

/** The swimlanes' events by handler name (`onRunSelect` → `ce-run-select`), for wrappers such as the React ones. */
export const runSwimlanesEvents = handlerNames<RunSwimlanesEventMap>()({
  onRunSelect: RUN_SELECT_EVENT,
  onConnectionChange: CONNECTION_CHANGE_EVENT,
});

declare global {
  interface HTMLElementEventMap {
    'ce-run-select': CustomEvent<RunSelectDetail>;
  }
}
