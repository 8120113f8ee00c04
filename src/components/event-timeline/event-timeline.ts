/** Registers `<event-timeline>` (and the elements it renders). */
import { defineElement } from '../../pieces/define.js';
import { EventCard } from '../event-card/event-card.component.js';
import { EventTimeline } from './event-timeline.component.js';

export { EventTimeline };

defineElement('event-timeline', EventTimeline);
// The timeline renders cards under the default name until its class lists them in `static dependencies`.
defineElement('event-card', EventCard);

declare global {
  interface HTMLElementTagNameMap {
    'event-timeline': EventTimeline;
  }
}
