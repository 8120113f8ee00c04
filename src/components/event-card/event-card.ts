/** Registers `<event-card>` (and the elements it renders: see its `static dependencies`). */
import { defineElement } from '../../pieces/define.js';
import { EventCard } from './event-card.component.js';

export { EventCard };

defineElement('event-card', EventCard);
