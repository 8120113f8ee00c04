/**
 * Why a session's run failed, remembered in the browser (`localStorage`, when the page has one; in
 * memory otherwise): a `run_failed` message is only ever live (docs/protocol.md §7), so a page
 * reloaded after a failure, or another window, would otherwise not know why. Kept per coordinator
 * (REST base): the newest sessions only, each reason bounded. Storage that is missing, full or
 * refused (a private window, a sandboxed frame) only means nothing is remembered.
 */

/** Sessions remembered per coordinator, and the longest reason kept. */
const MAX_SESSIONS = 200;
const MAX_LENGTH = 2000;
const PREFIX = 'coordinator-elements:run-failures:';

type Entries = Record<string, string>;

function storage(): Storage | null {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null;
  }
}

/** Per page, for a runtime without storage (and the values read once from it). */
const memory = new Map<string, Entries>();

export class FailureMemory {
  readonly #key: string;

  constructor(scope: string) {
    this.#key = PREFIX + scope;
  }

  /** Remembers why `sessionId`'s run failed (the newest reason replaces an older one). */
  remember(sessionId: string, error: string | null): void {
    if (typeof error !== 'string' || !error.trim()) return;
    const entries = { ...this.#read() };
    delete entries[sessionId];
    entries[sessionId] = error.slice(0, MAX_LENGTH);
    const ids = Object.keys(entries);
    for (const id of ids.slice(0, Math.max(0, ids.length - MAX_SESSIONS))) delete entries[id];
    memory.set(this.#key, entries);
    try {
      storage()?.setItem(this.#key, JSON.stringify(entries));
    } catch {
      // Full or refused: remembered for this page only.
    }
  }

  /** The reason remembered for `sessionId`, if any. */
  recall(sessionId: string): string | null {
    const value = this.#read()[sessionId];
    return typeof value === 'string' ? value : null;
  }

  #read(): Entries {
    let entries = memory.get(this.#key);
    if (!entries) {
      entries = {};
      try {
        const parsed: unknown = JSON.parse(storage()?.getItem(this.#key) ?? '{}');
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) entries = parsed as Entries;
      } catch {
        // Unreadable: start afresh.
      }
      memory.set(this.#key, entries);
    }
    return entries;
  }
}
