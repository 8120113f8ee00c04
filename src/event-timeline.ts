/** Entry `coordinator-elements/event-timeline.js`: registers <event-timeline> (and only what it uses). */
import './components/event-timeline/event-timeline.js';

export { EventTimeline } from './components/event-timeline/event-timeline.component.js';
export type * from './components/event-timeline/event-timeline.events.js';
