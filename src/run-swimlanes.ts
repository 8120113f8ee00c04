/** Entry `coordinator-elements/run-swimlanes.js`: registers <run-swimlanes> (and only what it uses). */
import './components/run-swimlanes/run-swimlanes.js';

export { RunSwimlanes } from './components/run-swimlanes/run-swimlanes.component.js';
export type {
  ConnectionState,
  RunSelectDetail,
  RunSwimlanesEventMap,
} from './components/run-swimlanes/run-swimlanes.events.js';
export { RunFold, RunLanes, ActivityBuckets, type LaneRun } from './model/run-lanes.js';
export { fitRange, ticks, zoomAt, type Tick, type TimeView } from './model/time-scale.js';
