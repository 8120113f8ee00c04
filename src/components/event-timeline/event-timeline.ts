/** Registers `<event-timeline>` (and the elements it renders). */
import { defineElement } from '../../pieces/define.js';
import { EventTimeline } from './event-timeline.component.js';

export { EventTimeline };

defineElement('event-timeline', EventTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'event-timeline': EventTimeline;
  }
}
