/**
 * Session status → whether the agent is working. Follows the status, not run markers: a failed
 * or stopped run sends no `run_completed`.
 */
import type { BusyState } from '../types/model.js';

const BUSY = new Set(['pending', 'running', 'stopping']);
const ENDED = new Set(['stopped', 'failed']);
// `finished` is the rename-era server's word for "turn done, resumable".
const RESUMABLE = new Set(['idle', 'finished']);

/** `busy` while pending/running/stopping, `ended` when stopped/failed, else `ready` (also unknown statuses). */
export function busyStateOf(status: string | null | undefined): BusyState {
  if (typeof status !== 'string') return 'ready';
  if (BUSY.has(status)) return 'busy';
  if (ENDED.has(status)) return 'ended';
  return 'ready';
}

/** A follow-up may be sent with `resume_session` (otherwise start a new session). */
export function isResumable(status: string | null | undefined): boolean {
  return typeof status === 'string' && RESUMABLE.has(status);
}
