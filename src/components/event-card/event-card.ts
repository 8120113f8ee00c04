/** Registers `<event-card>`. */
import { defineElement } from '../../pieces/define.js';
import { EventCard } from './event-card.component.js';

export { EventCard };

defineElement('event-card', EventCard);

declare global {
  interface HTMLElementTagNameMap {
    'event-card': EventCard;
  }
}
