/**
 * The keyboard of `<run-swimlanes>` as a grid: what a key does from the item that has focus (a
 * lane's label or one of its runs). Pure: the element carries the action out.
 */
import type { LaneRun } from '../../model/run-lanes.js';
import type { SessionRow } from '../../model/session-tree.js';

/** A lane (session id) and a run index in it; run 0 is the lane's label. */
export interface LaneItem {
  lane: string;
  run: number;
}

export type LaneAction =
  | { kind: 'focus'; item: LaneItem }
  | { kind: 'pick'; item: LaneItem }
  | { kind: 'toggle'; lane: string }
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; dx: number }
  | { kind: 'fit' }
  | { kind: 'follow' };

export interface LaneKeyModel {
  rows: readonly SessionRow[];
  index: ReadonlyMap<string, number>;
  runs(id: string): readonly LaneRun[];
  /** Width of the track (px): a page of panning. */
  width: number;
  pageSize: number;
}

/**
 * The keyboard on the time axis (a slider over time): the arrow keys pan by a tenth of the view
 * (Shift or Page Up/Down: most of it), Home fits all, End follows now, + and − zoom.
 */
export function axisKeyAction(
  width: number,
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): LaneAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const step = width * (e.shiftKey ? 0.8 : 0.1);
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return { kind: 'pan', dx: step };
    case 'ArrowLeft':
    case 'ArrowDown':
      return { kind: 'pan', dx: -step };
    case 'PageDown':
      return { kind: 'pan', dx: width * 0.8 };
    case 'PageUp':
      return { kind: 'pan', dx: -width * 0.8 };
    case 'Home':
      return { kind: 'fit' };
    case 'End':
      return { kind: 'follow' };
    default:
      return viewKeyAction(e.key);
  }
}

/** Keys that act on the view wherever the focus is: `+`/`-` zoom, `0` fits all, `.` follows now. */
function viewKeyAction(key: string): LaneAction | null {
  switch (key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: 2 };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 0.5 };
    case '0':
      return { kind: 'fit' };
    case '.':
      return { kind: 'follow' };
    default:
      return null;
  }
}

/** The run of `runs` closest in time to `time` (its start), or the label (0) when it has none. */
function nearest(runs: readonly LaneRun[], time: number | null): number {
  const shown = runs.filter((r) => r.start !== null);
  if (!shown.length || time === null) return 0;
  let best = shown[0];
  for (const r of shown) if (Math.abs(r.start! - time) < Math.abs(best.start! - time)) best = r;
  return best.index;
}

export function laneKeyAction(
  m: LaneKeyModel,
  item: LaneItem,
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): LaneAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const at = m.index.get(item.lane);
  if (at === undefined) return null;
  const runs = m.runs(item.lane).filter((r) => r.start !== null);
  const pos = runs.findIndex((r) => r.index === item.run);
  const time = pos >= 0 ? runs[pos].start : null;
  const toLane = (i: number): LaneAction | null => {
    const row = m.rows[Math.max(0, Math.min(m.rows.length - 1, i))];
    if (!row || row.id === item.lane) return null;
    return { kind: 'focus', item: { lane: row.id, run: item.run === 0 ? 0 : nearest(m.runs(row.id), time) } };
  };
  switch (e.key) {
    case 'ArrowDown':
      return toLane(at + 1);
    case 'ArrowUp':
      return toLane(at - 1);
    case 'PageDown':
      return e.shiftKey ? toLane(at + m.pageSize) : { kind: 'pan', dx: m.width * 0.8 };
    case 'PageUp':
      return e.shiftKey ? toLane(at - m.pageSize) : { kind: 'pan', dx: -m.width * 0.8 };
    case 'ArrowRight':
    case 'ArrowLeft': {
      const forward = e.key === 'ArrowRight';
      if (e.shiftKey) return { kind: 'pan', dx: (forward ? 1 : -1) * m.width * 0.1 };
      const next = forward ? (pos < 0 ? runs[0] : runs[pos + 1]) : pos > 0 ? runs[pos - 1] : null;
      if (next) return { kind: 'focus', item: { lane: item.lane, run: next.index } };
      if (!forward && pos === 0) return { kind: 'focus', item: { lane: item.lane, run: 0 } };
      return null;
    }
    case 'Home':
    case 'End': {
      if (!runs.length) return null;
      const run = e.key === 'Home' ? runs[0] : runs[runs.length - 1];
      return { kind: 'focus', item: { lane: item.lane, run: run.index } };
    }
    case 'Enter':
    case ' ': {
      if (item.run > 0) return { kind: 'pick', item };
      const row = m.rows[at];
      return row.expandable ? { kind: 'toggle', lane: item.lane } : null;
    }
    default:
      return viewKeyAction(e.key);
  }
}
