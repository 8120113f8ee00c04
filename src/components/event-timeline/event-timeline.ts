/** Registers `<event-timeline>` (and `<event-card>`, which it renders). */
import '../event-card/event-card.js';
import { defineElement } from '../../pieces/define.js';
import { EventTimeline } from './event-timeline.component.js';

export { EventTimeline };

defineElement('event-timeline', EventTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'event-timeline': EventTimeline;
  }
}
