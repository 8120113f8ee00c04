/** Entry `coordinator-elements/session-list.js`: registers <session-list> (and only what it uses). */
import './components/session-list/session-list.js';

export { SessionList } from './components/session-list/session-list.component.js';
export type {
  ConnectionState,
  SessionActionDetail,
  SessionListEventMap,
  SessionSelectDetail,
} from './components/session-list/session-list.events.js';
export {
  buildSessionTree,
  effectiveParents,
  sessionTitle,
  statusGroupOf,
  SESSION_SORTS,
  STATUS_GROUPS,
  type SessionRow,
  type SessionSort,
  type SessionTree,
  type SessionTreeOptions,
  type StatusGroup,
} from './model/session-tree.js';
