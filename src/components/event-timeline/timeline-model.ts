/**
 * The timeline's pure data side: runs → a flat list of rows (run headers + event cards) after
 * filter, search and collapsed runs, with per-category counts. No DOM; one pass over the events.
 */
import type { CoordinatorEvent, EventCategory, Run } from '../../types/model.js';
import { boundedStringify } from '../../i18n/format.js';

export const CATEGORIES: readonly EventCategory[] = ['tool', 'message', 'result', 'lifecycle', 'other'];

export type Row = Run | CoordinatorEvent;

export function isRunRow(row: Row): row is Run {
  return (row as CoordinatorEvent).key === undefined;
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
  const { runs, categories, query, collapsedRuns } = input;
  const errorsOnly = input.errorsOnly ?? false;
  const counts: Record<EventCategory, number> = { tool: 0, message: 0, result: 0, lifecycle: 0, other: 0 };
  const allCategories = CATEGORIES.every((c) => categories.has(c));
  const filtering = !allCategories || query !== '' || errorsOnly;
  const rows: Row[] = [];
  const matches: CoordinatorEvent[] = [];
  const failures: CoordinatorEvent[] = [];
  let matched = 0;
  let total = 0;

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
      if (!collapsed) for (const e of events) rows.push(e);
      continue;
    }
    const headerAt = rows.length;
    rows.push(run);
    let runMatches = 0;
    for (const e of events) {
      counts[e.category]++;
      if (!categories.has(e.category)) continue;
      if (errorsOnly && !e.failed) continue;
      if (query && !searchText(e).includes(query)) continue;
      runMatches++;
      if (query) matches.push(e);
      if (e.failed) failures.push(e);
      if (!collapsed) rows.push(e);
    }
    matched += runMatches;
    // While filtering, a run without matches drops its header too.
    if (runMatches === 0) rows.length = headerAt;
  }
  return { rows, counts, matched, total, matches, failures };
}
