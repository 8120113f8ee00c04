/**
 * What a host hands to an element, as normalized events: cached per wire object, so that setting
 * the same object again costs nothing (the same normalized object, nothing to re-render).
 */
import type { CoordinatorEvent } from '../types/model.js';
import { isCoordinatorEvent, isWireSessionEvent, normalizeEvent, unwrapEventPayload } from './normalize.js';

const adapted = new WeakMap<object, CoordinatorEvent>();

/**
 * What a host hands to an element (a wire event in any of its forms, or a normalized event) as a
 * normalized event, or null for anything else. The same wire object always gives the same
 * normalized object (one normalization, a stable key, nothing to re-render when set again).
 * `arrival` (epoch ms, when it was handed over) bounds how far in the future its time may lie.
 */
export function adaptEvent(value: unknown, arrival?: number): CoordinatorEvent | null {
  if (!value || typeof value !== 'object') return null;
  if (isCoordinatorEvent(value)) return value;
  let event = adapted.get(value);
  if (!event) {
    const unwrapped = unwrapEventPayload(value);
    if (!isWireSessionEvent(unwrapped)) return null;
    event = normalizeEvent(unwrapped, { arrival });
    adapted.set(value, event);
  }
  return event;
}

/** `adaptEvent` over a list; values of neither shape are skipped. */
export function adaptEvents(input: readonly unknown[], arrival?: number): CoordinatorEvent[] {
  const out: CoordinatorEvent[] = [];
  for (const item of input) {
    const event = adaptEvent(item, arrival);
    if (event) out.push(event);
  }
  return out;
}
