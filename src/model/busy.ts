/**
 * Session status → whether the agent is working. Follows the status, not run markers: a failed
 * or stopped run sends no `run_completed`.
 */
import type { BusyState } from '../types/model.js';

/** `busy` while pending/running/stopping, `ended` when stopped/failed, else `ready` (also unknown statuses). */
export function busyStateOf(status: string | null | undefined): BusyState {
  if (status === 'pending' || status === 'running' || status === 'stopping') return 'busy';
  return status === 'stopped' || status === 'failed' ? 'ended' : 'ready';
}

/** A follow-up may be sent with `resume_session` (otherwise start a new session). */
export function isResumable(status: string | null | undefined): boolean {
  // `finished` is the rename-era server's word for "turn done, resumable".
  return status === 'idle' || status === 'finished';
}
