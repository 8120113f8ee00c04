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

const FAILED_HOOKS = ['hook_failed', 'hook_blocked', 'hook_timeout'];

export const KNOWN_EVENT_TYPES: ReadonlySet<KnownEventType> = new Set([
  ...['run_start', 'run_completed', 'pre_tool', 'post_tool', 'message', 'result', 'hook_start', 'hook_complete'],
  ...FAILED_HOOKS,
] as KnownEventType[]);

/** A string of at least one character. */
export const isFilledString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An alias table, or a function returning one (asked at each use, so later changes to it apply). */
export type AliasOption = Record<string, string> | (() => Record<string, string> | undefined);

export function aliasTable(option: AliasOption | undefined): Record<string, string> | undefined {
  return typeof option === 'function' ? option() : option;
}

/** Maps an `event_type` through the alias table (a non-string becomes `unknown`). */
export function normalizeEventType(eventType: unknown, aliases: Record<string, string> = eventTypeAliases): string {
  if (!isFilledString(eventType)) return 'unknown';
  return Object.hasOwn(aliases, eventType) ? aliases[eventType] : eventType;
}

export function categoryOf(type: string): EventCategory {
  if (type === 'pre_tool' || type === 'post_tool') return 'tool';
  if (type === 'message' || type === 'result') return type;
  // The known types left are run_start, run_completed and hooks.
  return KNOWN_EVENT_TYPES.has(type as KnownEventType) || type.startsWith('hook_') ? 'lifecycle' : 'other';
}

/** ISO 8601 as coordinators write it: `T` or a space, any fraction length, `Z`, an offset or none. */
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|[+-]\d\d:?\d\d)?$/i;

/** Days per month of a common year; February gets its leap day in `validDate`. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Years an event can carry. Before 1970 is a clock that was never set (and Date.UTC would read
 * years 0–99 as 1900–1999); past 9999 is not ISO 8601.
 */
const MIN_YEAR = 1970;

/**
 * An event stamped more than this after it arrived is taken as invalid: an executor's clock can be
 * a little ahead, but a time days ahead would pin the event after everything that comes later.
 */
export const MAX_FUTURE_MS = 24 * 3600_000;

function validDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= MONTH_DAYS[month - 1] + (leap ? 1 : 0);
}

/**
 * Parses a coordinator timestamp to epoch ms. Accepts `Z`, an offset, or none (read as UTC),
 * and more than millisecond precision. Returns NaN when unparsable or out of range (month 13,
 * 31 June, hour 24, minute 60, an offset past 23:59, a year before 1970): Date.UTC would roll such
 * values over into another date. A second of 60 (a leap second) is accepted. One regex and Date.UTC
 * rather than Date.parse: mounting 100,000 events spent most of its time in Date.parse.
 */
export function parseTimestamp(value: unknown): number {
  if (typeof value !== 'string') return typeof value === 'number' && Number.isFinite(value) ? value : NaN;
  const m = ISO.exec(value.trim());
  if (!m) {
    const parsed = Date.parse(value);
    return parsed >= Date.UTC(MIN_YEAR, 0, 1) ? parsed : NaN;
  }
  const [year, month, day, hour, minute, second] = [+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return NaN;
  const zone = m[8]?.toUpperCase();
  let offset = 0;
  if (zone && zone !== 'Z') {
    const hours = +zone.slice(1, 3);
    const minutes = +zone.slice(-2);
    if (hours > 23 || minutes > 59) return NaN;
    offset = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const ms = +(m[7] ?? '').padEnd(3, '0').slice(0, 3);
  return Date.UTC(year, month - 1, day, hour, minute - offset, second, ms);
}

/**
 * `time` unless it lies more than `MAX_FUTURE_MS` after `arrival` (epoch ms; NaN or absent: no
 * bound), else NaN.
 */
export function boundedTime(time: number, arrival: number | undefined): number {
  return arrival !== undefined && time - arrival > MAX_FUTURE_MS ? NaN : time;
}

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The array itself, or the array under `key` (`{"sessions": [...]}`); else an empty one. */
export function listOf(value: unknown, key: string): unknown[] {
  const list = isObject(value) ? value[key] : value;
  return Array.isArray(list) ? list : [];
}

/** Has no own enumerable keys (without building the list of them, as `Object.keys` does). */
function isEmptyObject(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

/** Treats the history form's empty values ("", {}, []) and missing keys alike: null. */
function emptyToNull<T>(value: T | undefined): T | null {
  return value == null || value === '' || (typeof value === 'object' && isEmptyObject(value)) ? null : value;
}

function stringOrNull(value: unknown): string | null {
  if (isFilledString(value)) return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function contentBlocks(content: unknown): WireContentBlock[] | null {
  if (isFilledString(content)) return [{ type: 'text', text: content }];
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
  return isObject(payload) && !('event_type' in payload) && 'data' in payload ? payload.data : payload;
}

/** True when the value has the shape of a session event (enough to normalize). */
export function isWireSessionEvent(value: unknown): value is WireSessionEvent {
  return isObject(value) && typeof value.event_type === 'string';
}

/** True when the value is already a normalized event (hosts may pass either). */
export function isCoordinatorEvent(value: unknown): value is CoordinatorEvent {
  return isObject(value) && typeof value.key === 'string' && typeof value.originalType === 'string' && 'raw' in value;
}

let keyCounter = 0;

export interface NormalizeOptions {
  /** Arrival order; defaults to a process-wide counter. */
  seq?: number;
  /** Render key; defaults to `e<seq>`. */
  key?: string;
  aliases?: Record<string, string>;
  /**
   * When the event arrived (epoch ms): a timestamp more than `MAX_FUTURE_MS` after it is invalid
   * (`time` NaN). Without it, only the timestamp itself is checked.
   */
  arrival?: number;
}

/** Normalizes one wire event (live or history form). */
export function normalizeEvent(wire: WireSessionEvent, options: NormalizeOptions = {}): CoordinatorEvent {
  const seq = options.seq ?? ++keyCounter;
  const originalType = nullableString(wire.event_type) ?? 'unknown';
  const type = normalizeEventType(originalType, options.aliases);
  const blocks = contentBlocks(wire.content);
  const exitCode = numberOrNull(wire.exit_code);
  const error = stringOrNull(wire.error);
  return {
    key: options.key ?? `e${seq}`,
    seq,
    type,
    originalType,
    legacy: type !== originalType,
    known: KNOWN_EVENT_TYPES.has(type as KnownEventType),
    category: categoryOf(type),
    sessionId: nullableString(wire.session_id) ?? '',
    // String() returns a string as it is.
    timestamp: String(wire.timestamp ?? ''),
    time: boundedTime(parseTimestamp(wire.timestamp), options.arrival),
    toolName: stringOrNull(wire.tool_name),
    toolInput: isObject(wire.tool_input) ? emptyToNull(wire.tool_input) : null,
    toolOutput: emptyToNull(wire.tool_output),
    error,
    exitCode,
    reason: stringOrNull(wire.reason),
    role: stringOrNull(wire.role),
    text: textOf(blocks),
    content: blocks,
    resultText: stringOrNull(wire.result_text),
    resultData: emptyToNull(wire.result_data),
    // A non-zero exit code (null when there is none) failed.
    failed: error !== null || !!exitCode || FAILED_HOOKS.includes(type),
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

/** The value when it is a string (the empty one too), else null. */
export function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The optional string fields of a session, with their wire names (`createdAt` ← `created_at`). */
const SESSION_FIELDS = (
  [
    'createdAt',
    'projectDir',
    'agentName',
    'lastResumedAt',
    'parentSessionId',
    'executorSessionId',
    'executorProfile',
    'hostname',
  ] as const
).map((key) => [key, key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()) as keyof WireSession] as const);

/** Wire session (full or partial) → `Session`. Missing keys become null; `status` defaults to `unknown`. */
export function normalizeSession(
  wire: Partial<WireSession> & { session_id: string },
  lastRunFailure: Session['lastRunFailure'] = null,
): Session {
  // Field by field rather than a patch over a blank session: a list of 10,000 is normalized at once.
  return {
    sessionId: wire.session_id,
    status: isFilledString(wire.status) ? wire.status : 'unknown',
    createdAt: nullableString(wire.created_at),
    projectDir: nullableString(wire.project_dir),
    agentName: nullableString(wire.agent_name),
    lastResumedAt: nullableString(wire.last_resumed_at),
    parentSessionId: nullableString(wire.parent_session_id),
    executorSessionId: nullableString(wire.executor_session_id),
    executorProfile: nullableString(wire.executor_profile),
    hostname: nullableString(wire.hostname),
    lastRunFailure,
    lastError: sessionError(wire) ?? null,
  };
}

/**
 * Applies a (possibly partial) `session_updated` payload: only keys present in the patch change,
 * so `{"session_id", "status"}` keeps every other field. Returns a new object.
 */
export function mergeSessionPatch(current: Session, patch: WireSessionPatch): Session {
  const next: Session = { ...current };
  if (isFilledString(patch.status)) next.status = patch.status;
  for (const [key, wireKey] of SESSION_FIELDS)
    if (patch[wireKey] !== undefined) next[key] = nullableString(patch[wireKey]);
  const error = sessionError(patch);
  if (error !== undefined) next.lastError = error;
  return next;
}

/** A session's own last error (`last_error`, else `error`): undefined when the wire says nothing of it. */
function sessionError(wire: WireSessionPatch): string | null | undefined {
  const error = wire.last_error !== undefined ? wire.last_error : wire.error;
  if (error === undefined) return undefined;
  return typeof error === 'string' && error.trim() ? error : null;
}

/**
 * Identity of an event by content, equal for the live and the history copy of one event (history
 * adds an integer `id` and turns empty values into null; normalization already maps both to null).
 * Two different events may share it (same type and timestamp): callers count, never collapse.
 */
export function eventContentKey(event: CoordinatorEvent): string {
  const when = Number.isFinite(event.time) ? String(event.time) : event.timestamp;
  return JSON.stringify([event.sessionId, event.type, when, event.toolName, event.role, keyText(event.text)]);
}

/** A text longer than this enters a content key by its length, start and end, not whole. */
const KEY_TEXT = 4096;

/** Copying a 50 MB message into every key would cost a long task and its memory again. */
function keyText(text: string | null): string | null {
  if (text === null || text.length <= KEY_TEXT) return text;
  return `${text.length}:${text.slice(0, KEY_TEXT / 2)}…${text.slice(-KEY_TEXT / 2)}`;
}
