/**
 * Wire session event → normalized `CoordinatorEvent`. Pure, total: never throws on odd data.
 */
import type { CoordinatorEvent, EventCategory, KnownEventType, Session } from '../types/model.js';
import type { WireContentBlock, WireSession, WireSessionEvent, WireSessionPatch } from '../types/wire.js';

/**
 * Old event names → current ones. Exported and mutable on purpose: a host can add the next rename
 * (`eventTypeAliases.old_name = 'new_name'`) without waiting for a release.
 */
export const eventTypeAliases: Record<string, string> = {
  session_start: 'run_start',
  session_stop: 'run_completed',
};

/** Adds or replaces an alias (old name → current name). */
export function registerEventTypeAlias(oldName: string, currentName: string): void {
  eventTypeAliases[oldName] = currentName;
}

export const KNOWN_EVENT_TYPES: ReadonlySet<KnownEventType> = new Set<KnownEventType>([
  'run_start',
  'run_completed',
  'pre_tool',
  'post_tool',
  'message',
  'result',
  'hook_start',
  'hook_complete',
  'hook_failed',
  'hook_blocked',
  'hook_timeout',
]);

const FAILED_HOOKS = new Set(['hook_failed', 'hook_blocked', 'hook_timeout']);

/** Maps an `event_type` through the alias table (a non-string becomes `unknown`). */
export function normalizeEventType(eventType: unknown, aliases: Record<string, string> = eventTypeAliases): string {
  if (typeof eventType !== 'string' || eventType === '') return 'unknown';
  return Object.prototype.hasOwnProperty.call(aliases, eventType) ? aliases[eventType] : eventType;
}

export function categoryOf(type: string): EventCategory {
  switch (type) {
    case 'pre_tool':
    case 'post_tool':
      return 'tool';
    case 'message':
      return 'message';
    case 'result':
      return 'result';
    case 'run_start':
    case 'run_completed':
      return 'lifecycle';
    default:
      return type.startsWith('hook_') ? 'lifecycle' : 'other';
  }
}

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The form coordinators send almost always (`2026-11-24T01:57:57.560681+00:00`), read with one
 * regex and Date.UTC: mounting 100,000 events spent most of its time in the general path below.
 */
function parseCanonicalTimestamp(value: string): number | undefined {
  const m = CANONICAL.exec(value);
  if (!m) return undefined;
  const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Parses a coordinator timestamp to epoch ms. Accepts `Z`, an offset, or none (read as UTC),
 * and more than millisecond precision. Returns NaN when unparsable.
 */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const fast = parseCanonicalTimestamp(value);
  if (fast !== undefined) return fast;
  let s = value.trim();
  // Date.parse only reliably takes 3 fraction digits.
  s = s.replace(/(\.\d{3})\d+/, '$1');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s);
  if (!hasZone && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) s = s.replace(' ', 'T') + 'Z';
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? NaN : ms;
}

/** Treats the history form's empty values ("", {}, []) and missing keys alike: null. */
function emptyToNull<T>(value: T | undefined): T | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return null;
  return value;
}

function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function contentBlocks(content: unknown): WireContentBlock[] | null {
  if (typeof content === 'string') return content === '' ? null : [{ type: 'text', text: content }];
  if (!Array.isArray(content) || content.length === 0) return null;
  return content
    .filter((b): b is Record<string, unknown> => b !== null && typeof b === 'object')
    .map((b) => ({ ...b, type: typeof b.type === 'string' ? b.type : 'unknown' }) as WireContentBlock);
}

function textOf(blocks: WireContentBlock[] | null): string | null {
  if (!blocks) return null;
  const texts = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string);
  return texts.length ? texts.join('\n\n') : null;
}

/** Unwraps a stream payload nested under `data` (`{"data": {...}}`). */
export function unwrapEventPayload(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && !('event_type' in payload) && 'data' in payload) {
    return (payload as { data: unknown }).data;
  }
  return payload;
}

/** True when the value has the shape of a session event (enough to normalize). */
export function isWireSessionEvent(value: unknown): value is WireSessionEvent {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as WireSessionEvent).event_type === 'string'
  );
}

/** True when the value is already a normalized event (hosts may pass either). */
export function isCoordinatorEvent(value: unknown): value is CoordinatorEvent {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as CoordinatorEvent).key === 'string' &&
    typeof (value as CoordinatorEvent).originalType === 'string' &&
    'raw' in (value as object)
  );
}

let keyCounter = 0;

export interface NormalizeOptions {
  /** Arrival order; defaults to a process-wide counter. */
  seq?: number;
  /** Render key; defaults to `e<seq>`. */
  key?: string;
  aliases?: Record<string, string>;
}

/** Normalizes one wire event (live or history form). */
export function normalizeEvent(wire: WireSessionEvent, options: NormalizeOptions = {}): CoordinatorEvent {
  const seq = options.seq ?? ++keyCounter;
  const originalType = typeof wire.event_type === 'string' ? wire.event_type : 'unknown';
  const type = normalizeEventType(originalType, options.aliases);
  const blocks = contentBlocks(wire.content);
  const exitCode = numberOrNull(wire.exit_code);
  const error = stringOrNull(wire.error);
  const toolInput = emptyToNull(wire.tool_input);
  return {
    key: options.key ?? `e${seq}`,
    seq,
    type,
    originalType,
    legacy: type !== originalType,
    known: KNOWN_EVENT_TYPES.has(type as KnownEventType),
    category: categoryOf(type),
    sessionId: typeof wire.session_id === 'string' ? wire.session_id : '',
    timestamp: typeof wire.timestamp === 'string' ? wire.timestamp : String(wire.timestamp ?? ''),
    time: parseTimestamp(wire.timestamp),
    toolName: stringOrNull(wire.tool_name),
    toolInput: toolInput && typeof toolInput === 'object' && !Array.isArray(toolInput) ? toolInput : null,
    toolOutput: emptyToNull(wire.tool_output),
    error,
    exitCode,
    reason: stringOrNull(wire.reason),
    role: stringOrNull(wire.role),
    text: textOf(blocks),
    content: blocks,
    resultText: stringOrNull(wire.result_text),
    resultData: emptyToNull(wire.result_data),
    failed: error !== null || (exitCode !== null && exitCode !== 0) || FAILED_HOOKS.has(type),
    historyId: typeof wire.id === 'number' ? wire.id : null,
    raw: wire,
  };
}

/**
 * Accepts wire or already-normalized events (what a host may hand to an element) and returns
 * normalized ones; values of neither shape are skipped.
 */
export function toCoordinatorEvents(input: readonly unknown[]): CoordinatorEvent[] {
  const out: CoordinatorEvent[] = [];
  for (const item of input) {
    if (isCoordinatorEvent(item)) out.push(item);
    else {
      const unwrapped = unwrapEventPayload(item);
      if (isWireSessionEvent(unwrapped)) out.push(normalizeEvent(unwrapped));
    }
  }
  return out;
}

function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Wire session (full or partial) → `Session`. Missing keys become null; `status` defaults to `unknown`. */
export function normalizeSession(
  wire: Partial<WireSession> & { session_id: string },
  lastRunFailure: Session['lastRunFailure'] = null,
): Session {
  return {
    sessionId: wire.session_id,
    status: typeof wire.status === 'string' && wire.status !== '' ? wire.status : 'unknown',
    createdAt: nullableString(wire.created_at),
    projectDir: nullableString(wire.project_dir),
    agentName: nullableString(wire.agent_name),
    lastResumedAt: nullableString(wire.last_resumed_at),
    parentSessionId: nullableString(wire.parent_session_id),
    executorSessionId: nullableString(wire.executor_session_id),
    executorProfile: nullableString(wire.executor_profile),
    hostname: nullableString(wire.hostname),
    lastRunFailure,
  };
}

const SESSION_FIELDS: ReadonlyArray<[keyof WireSession, keyof Session]> = [
  ['status', 'status'],
  ['created_at', 'createdAt'],
  ['project_dir', 'projectDir'],
  ['agent_name', 'agentName'],
  ['last_resumed_at', 'lastResumedAt'],
  ['parent_session_id', 'parentSessionId'],
  ['executor_session_id', 'executorSessionId'],
  ['executor_profile', 'executorProfile'],
  ['hostname', 'hostname'],
];

/**
 * Applies a (possibly partial) `session_updated` payload: only keys present in the patch change,
 * so `{"session_id", "status"}` keeps every other field. Returns a new object.
 */
export function mergeSessionPatch(current: Session, patch: WireSessionPatch): Session {
  const next: Session = { ...current };
  for (const [wireKey, key] of SESSION_FIELDS) {
    if (!Object.prototype.hasOwnProperty.call(patch, wireKey) || patch[wireKey] === undefined) continue;
    const value = patch[wireKey];
    if (key === 'status') {
      if (typeof value === 'string' && value !== '') next.status = value;
    } else {
      (next as unknown as Record<string, string | null>)[key] = nullableString(value);
    }
  }
  return next;
}

/**
 * Identity of an event by content, equal for the live and the history copy of one event (history
 * adds an integer `id` and turns empty values into null; normalization already maps both to null).
 * Two different events may share it (same type and timestamp): callers count, never collapse.
 */
export function eventContentKey(event: CoordinatorEvent): string {
  const when = Number.isFinite(event.time) ? String(event.time) : event.timestamp;
  return JSON.stringify([event.sessionId, event.type, when, event.toolName, event.role, event.text]);
}
