/** Entry `coordinator-elements/event-card.js`: registers <event-card> (and only what it uses). */
import './components/event-card/event-card.js';

export { EventCard } from './components/event-card/event-card.component.js';
export type * from './components/event-card/event-card.events.js';
