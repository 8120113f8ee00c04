// Types of wire-events.mjs.
import type { WireHistoryEvent, WireSessionEvent } from '../../src/types/wire.js';

type BodyKey =
  | 'tool_name'
  | 'tool_input'
  | 'tool_output'
  | 'error'
  | 'exit_code'
  | 'reason'
  | 'role'
  | 'content'
  | 'result_text'
  | 'result_data';
type Fields = Partial<WireSessionEvent> & { event_type: string };

export const EMPTY_BODY: Readonly<Record<BodyKey, null>>;
export function liveFormEvent(fields: Fields & { session_id: string; timestamp: string }): WireSessionEvent;
export function historyForm(event: WireSessionEvent, id: number): WireHistoryEvent;
export const SID: string;
export function liveEvent(fields: Fields & { timestamp: string }): WireSessionEvent;
export function wireEvent(fields: Fields): WireSessionEvent;
export function ts(offsetMs: number, micros?: number): string;
export function isoMicros(micros: number): string;
