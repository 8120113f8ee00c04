/**
 * What an event costs in memory, and the same event with its big bodies cut to a preview: how a
 * session stays within its byte budget (`EventStore`'s `maxBytes`) by dropping full bodies first.
 * Sizes are counted in characters of text (one byte each for the ASCII that coordinators send).
 */
import type { CoordinatorEvent } from '../types/model.js';

/** A body (one string, or one field's strings) keeps this many characters when it is cut. */
export const PREVIEW_CHARS = 16_384;
/** Containers keep this many items or keys when they are cut. */
const PREVIEW_ITEMS = 200;
/** Nesting kept when cut; deeper values become a marker. */
const PREVIEW_DEPTH = 24;
/** Values walked to size one event; a value with more is counted as far as the walk went. */
const SIZE_NODES = 100_000;

/** About how many bytes `value` holds: its strings' lengths (keys too) and a little per value. */
export function estimateSize(value: unknown): number {
  let size = 0;
  let nodes = 0;
  const stack: unknown[] = [value];
  while (stack.length && nodes++ < SIZE_NODES) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length;
    else if (v && typeof v === 'object') {
      size += 16;
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      else
        for (const key in v) {
          if (!Object.hasOwn(v, key)) continue;
          size += key.length;
          stack.push((v as Record<string, unknown>)[key]);
        }
    } else size += 8;
  }
  return size;
}

/**
 * A copy of the first `length` characters, then an ellipsis, that does not keep the original
 * alive: a slice of a long string may share its memory (and a slice over a whole string is that
 * string), while slicing part of a concatenation copies its characters into a new string.
 */
function detachedPrefix(text: string, length: number): string {
  return (text.slice(0, length) + '\u2026\u2026').slice(0, length + 1);
}

/** `value` with every string cut to `PREVIEW_CHARS`, containers to `PREVIEW_ITEMS`, nesting to `PREVIEW_DEPTH`. */
function shrink(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > PREVIEW_CHARS ? detachedPrefix(value, PREVIEW_CHARS) : value;
  if (!value || typeof value !== 'object') return value;
  if (depth >= PREVIEW_DEPTH) return '\u2026';
  if (Array.isArray(value)) {
    const out = value.slice(0, PREVIEW_ITEMS).map((item) => shrink(item, depth + 1));
    if (value.length > PREVIEW_ITEMS) out.push(`\u2026 ${value.length - PREVIEW_ITEMS} more`);
    return out;
  }
  const out: Record<string, unknown> = {};
  let kept = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (kept++ === PREVIEW_ITEMS) {
      out['\u2026'] = 'more keys';
      break;
    }
    Object.defineProperty(out, key, {
      value: shrink((value as Record<string, unknown>)[key], depth + 1),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}

/** Worth cutting: the event holds more than a few previews' worth. */
export function isTrimmable(size: number): boolean {
  return size > 4 * PREVIEW_CHARS;
}

/**
 * The event with its bodies cut to previews (tool input and output, message text and content,
 * result, error, the raw wire object), `droppedBytes` saying how much went. A new object: the
 * one given is left as it is.
 */
export function trimEvent(event: CoordinatorEvent, size: number): { event: CoordinatorEvent; size: number } {
  const s = <T>(v: T) => shrink(v) as T;
  const trimmed: CoordinatorEvent = {
    ...event,
    timestamp: s(event.timestamp),
    originalType: s(event.originalType),
    type: s(event.type),
    toolName: s(event.toolName),
    toolInput: s(event.toolInput),
    toolOutput: s(event.toolOutput),
    error: s(event.error),
    reason: s(event.reason),
    role: s(event.role),
    text: s(event.text),
    content: s(event.content),
    resultText: s(event.resultText),
    resultData: s(event.resultData),
    raw: s(event.raw),
  };
  const after = estimateSize(trimmed.raw);
  trimmed.droppedBytes = (event.droppedBytes ?? 0) + Math.max(0, size - after);
  return { event: trimmed, size: after };
}
