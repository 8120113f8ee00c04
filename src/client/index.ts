/**
 * `coordinator-elements/client.js`: the coordinator client without any rendering. Runs in browsers
 * and Node 20+.
 */
export { CoordinatorClient, DEFAULT_MAX_BYTES_PER_SESSION } from './client.js';
export { acquireClient, clientKey, sharedClientCount, type ClientLease } from './shared.js';
export { CoordinatorError, fieldMessagesOf } from './errors.js';
export { REDIRECT_REFUSED } from './token.js';
export {
  RestClient,
  rememberedRunBodyShape,
  type RequestOptions,
  type RestOptions,
  type RunBodyShape,
} from './rest.js';
export {
  SseConnection,
  type SseConnectionHandlers,
  type SseConnectionOptions,
  type SseFrame,
} from './sse-connection.js';
export { parseStreamMessage, type ParsedFrame, type StreamMessage } from '../model/stream-messages.js';
export { SessionStore } from '../model/session-store.js';
export {
  HistoryLoader,
  type HistoryLoaderOptions,
  type HistoryLoaderStats,
  type HistoryRequest,
  type HistoryResult,
  type HistoryTicket,
} from './history-loader.js';
export {
  SessionActivityTracker,
  ACTIVITY_CATEGORIES,
  type ActivityCategory,
  type ActivityHistogram,
  type ActivityOptions,
  type RunTiming,
  type SessionActivity,
} from '../model/session-activity.js';
export { EventStore, HISTORY_LIMIT, type EventStoreOptions } from '../model/event-store.js';
export { deriveRuns } from '../model/runs.js';
export { runFailureReason, type FailureOptions } from '../model/run-failure.js';
export { eventAnchor } from '../model/anchor.js';
export { busyStateOf, isResumable } from '../model/busy.js';
export { parseRetryAfter, reconnectDelay, resolveReconnectOptions } from './backoff.js';
export { deriveApiBase } from './urls.js';
export {
  eventTypeAliases,
  registerEventTypeAlias,
  KNOWN_EVENT_TYPES,
  normalizeEventType,
  normalizeEvent,
  normalizeSession,
  mergeSessionPatch,
  eventContentKey,
  categoryOf,
  parseTimestamp,
  toCoordinatorEvents,
  isCoordinatorEvent,
  isWireSessionEvent,
  unwrapEventPayload,
  type NormalizeOptions,
} from '../model/normalize.js';
export type * from './types.js';
export type * from '../types/index.js';
