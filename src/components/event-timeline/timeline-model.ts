/**
 * The timeline's pure data side: runs → a flat list of rows (run headers, event cards, and gap rows
 * where events may be missing) after filter, search and collapsed runs, with per-category counts.
 * No DOM; one pass over the events.
 */
import type { CoordinatorEvent, EventCategory, EventGap, Run } from '../../types/model.js';
import { boundedStringify } from '../../i18n/format.js';

export const CATEGORIES: readonly EventCategory[] = ['tool', 'message', 'result', 'lifecycle', 'other'];

/** A row saying that events may be missing here (its gap's span and any result fetched again). */
export interface GapRow {
  kind: 'gap';
  key: string;
  gap: EventGap;
}

export type Row = Run | CoordinatorEvent | GapRow;

export function isGapRow(row: Row): row is GapRow {
  return (row as GapRow).kind === 'gap';
}

export function isRunRow(row: Row): row is Run {
  return (row as CoordinatorEvent).key === undefined;
}

/** An event card's row. */
export function isEventRow(row: Row): row is CoordinatorEvent {
  return !isRunRow(row) && !isGapRow(row);
}

export function rowKey(row: Row): string {
  return isRunRow(row) ? `run-${row.index}` : row.key;
}

export interface RowsInput {
  runs: readonly Run[];
  /** Categories shown; all when every category is in it. */
  categories: ReadonlySet<EventCategory>;
  /** Lower-cased search text ('' = none). */
  query: string;
  /** Only events that failed (a tool error, a failed hook, a non-zero exit). */
  errorsOnly?: boolean;
  collapsedRuns: ReadonlySet<number>;
  /** Where events may be missing; each shows as a row after its `afterKey` event. */
  gaps?: readonly EventGap[];
}

export interface RowsOutput {
  rows: Row[];
  counts: Record<EventCategory, number>;
  /** Events matching filter and search (collapsed runs included). */
  matched: number;
  total: number;
  /** While searching: the events that match, in order (collapsed runs included). */
  matches: CoordinatorEvent[];
  /** The failed events among those shown by the filter and search, in order (collapsed runs included). */
  failures: CoordinatorEvent[];
  /** Keys of results that repeat the text of the assistant message shown just before them. */
  echoes: Set<string>;
}

/** Notes the assistant's last shown text; true when `e` is a result repeating it. */
function echoes(e: CoordinatorEvent, last: { text: string | null }): boolean {
  if (e.type === 'message') last.text = e.role === 'assistant' && e.text ? e.text.trim() : null;
  else if (e.type === 'result') {
    const same = !!e.resultText && e.resultText.trim() === last.text;
    last.text = null;
    return same;
  }
  return false;
}

const SEARCH_FIELD_LIMIT = 50_000;
const haystacks = new WeakMap<CoordinatorEvent, string>();

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.length > SEARCH_FIELD_LIMIT ? value.slice(0, SEARCH_FIELD_LIMIT) : value;
  // Bounded: a 5 MB payload costs 50k characters here, once per event (cached).
  return boundedStringify(value, SEARCH_FIELD_LIMIT).text;
}

/** Lower-cased searchable text of an event: type, tool name, input, output, error, message, result. */
export function searchText(event: CoordinatorEvent): string {
  let text = haystacks.get(event);
  if (text === undefined) {
    text = [
      event.type,
      event.originalType,
      event.toolName,
      event.role,
      event.text,
      event.resultText,
      event.error,
      event.reason,
      fieldText(event.toolInput),
      fieldText(event.toolOutput),
      fieldText(event.resultData),
      event.known ? '' : fieldText(event.raw),
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    haystacks.set(event, text);
  }
  return text;
}

export function buildRows(input: RowsInput): RowsOutput {
  const { runs, categories, query, collapsedRuns, gaps = [] } = input;
  const errorsOnly = input.errorsOnly ?? false;
  const counts: Record<EventCategory, number> = { tool: 0, message: 0, result: 0, lifecycle: 0, other: 0 };
  const allCategories = CATEGORIES.every((c) => categories.has(c));
  const filtering = !allCategories || query !== '' || errorsOnly;
  const rows: Row[] = [];
  const matches: CoordinatorEvent[] = [];
  const failures: CoordinatorEvent[] = [];
  const echoed = new Set<string>();
  let matched = 0;
  let total = 0;
  // Gap rows by the event they follow; a gap whose event is not held goes first or last.
  const after = new Map<string | null, GapRow[]>();
  for (const gap of gaps) {
    const list = after.get(gap.afterKey) ?? [];
    list.push({ kind: 'gap', key: gap.key, gap });
    after.set(gap.afterKey, list);
  }
  const pushGaps = (key: string | null) => {
    const list = after.get(key);
    if (!list) return;
    for (const row of list) rows.push(row);
    after.delete(key);
  };
  pushGaps(null);

  for (const run of runs) {
    const events = run.events;
    total += events.length;
    const collapsed = collapsedRuns.has(run.index);
    if (!filtering) {
      for (const e of events) {
        counts[e.category]++;
        if (e.failed) failures.push(e);
      }
      matched += events.length;
      rows.push(run);
      if (collapsed) {
        if (after.size) for (const e of events) after.delete(e.key);
        continue;
      }
      const last = { text: null };
      for (const e of events) {
        rows.push(e);
        if (echoes(e, last)) echoed.add(e.key);
        if (after.size) pushGaps(e.key);
      }
      continue;
    }
    const headerAt = rows.length;
    rows.push(run);
    let runMatches = 0;
    const last = { text: null };
    for (const e of events) {
      counts[e.category]++;
      // A gap shows even when the event before it is filtered out: events may be missing there.
      const shown =
        categories.has(e.category) && (!errorsOnly || e.failed) && (!query || searchText(e).includes(query));
      if (shown) {
        runMatches++;
        if (query) matches.push(e);
        if (e.failed) failures.push(e);
      }
      if (collapsed) {
        if (after.size) after.delete(e.key);
        continue;
      }
      if (shown) {
        rows.push(e);
        if (echoes(e, last)) echoed.add(e.key);
      }
      if (after.size) pushGaps(e.key);
    }
    matched += runMatches;
    // While filtering, a run without matches drops its header too (and its gaps).
    if (runMatches === 0) rows.length = headerAt;
  }
  // A gap after an event no run holds (dropped meanwhile) still says so, at the end.
  for (const list of after.values()) for (const row of list) rows.push(row);
  return { rows, counts, matched, total, matches, failures, echoes: echoed };
}
