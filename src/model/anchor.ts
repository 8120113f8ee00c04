/**
 * A name for an event that outlives the page: the same event has the same anchor after a reload, in
 * another window, live or from history (it is made from the event's content, like the merge by
 * content of docs/protocol.md §10), so a link can point at it (`#event=…`). An event's `key` is only
 * unique within one client. Two events with the same content (a repeated tool call in the same
 * millisecond) share an anchor; a link to it shows the first.
 */
import type { CoordinatorEvent } from '../types/model.js';
import { eventContentKey } from './normalize.js';

const PREFIX = 'ev-';
const anchors = new WeakMap<CoordinatorEvent, string>();

/** 53 bits from two 32-bit FNV-1a hashes (different seeds): collisions stay negligible per session. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x1234567;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return ((a >>> 0) * 0x200000 + ((b >>> 0) >>> 11)).toString(36);
}

/** The event's anchor (`ev-` and letters and digits), the same wherever and whenever it is shown. */
export function eventAnchor(event: CoordinatorEvent): string {
  let anchor = anchors.get(event);
  if (anchor === undefined) anchors.set(event, (anchor = PREFIX + hash(eventContentKey(event))));
  return anchor;
}

/** Whether a string has the shape of an anchor (to tell it from an event key). */
export function isAnchor(value: string): boolean {
  return value.startsWith(PREFIX);
}
