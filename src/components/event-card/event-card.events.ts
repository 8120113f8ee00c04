/**
 * The events of `<event-card>`: names, `detail` types and the event map, in one place. The card's
 * own `ce-toggle`, and the events of the pieces inside it (src/pieces/events.ts), which bubble out.
 */
import type { CoordinatorEvent } from '../../types/model.js';
import {
  COPY_EVENT,
  MARKDOWN_EXPAND_EVENT,
  handlerNames,
  type CopyDetail,
  type MarkdownExpandDetail,
} from '../../pieces/events.js';

export { COPY_EVENT, MARKDOWN_EXPAND_EVENT, type CopyDetail, type MarkdownExpandDetail };

/** The user expanded or collapsed a card. */
export const TOGGLE_EVENT = 'ce-toggle';

/** `detail` of `ce-toggle`. */
export interface EventToggleDetail {
  /** The card's state after the toggle. */
  expanded: boolean;
  /** The event the card shows. */
  event: CoordinatorEvent;
}

/** The events of `<event-card>`, by name. */
export interface EventCardEventMap {
  'ce-toggle': CustomEvent<EventToggleDetail>;
  'ce-copy': CustomEvent<CopyDetail>;
  'ce-markdown-expand': CustomEvent<MarkdownExpandDetail>;
}

/** The card's events by handler name (`onToggle` → `ce-toggle`), for wrappers such as the React ones. */
export const eventCardEvents = handlerNames<EventCardEventMap>()({
  onToggle: TOGGLE_EVENT,
  onCopy: COPY_EVENT,
  onMarkdownExpand: MARKDOWN_EXPAND_EVENT,
});

declare global {
  interface HTMLElementEventMap {
    'ce-toggle': CustomEvent<EventToggleDetail>;
  }
}
