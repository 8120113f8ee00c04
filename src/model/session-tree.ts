/**
 * Sessions as a tree of rows: child sessions under their parent (`parent_session_id`, docs/protocol.md
 * §13), siblings in one order, filtered by status group and search. Pure: the same sessions and
 * options give the same rows, so every view of a coordinator's sessions (a list, swimlanes) shows
 * them in the same order.
 *
 * - A session whose parent is unknown (not (yet) listed, or itself) is a root; so is the session of
 *   a cycle of parents with the smallest id (hostile data must not hang or drop anything).
 * - Sorting by activity puts a parent where its most recent descendant would go: a tree whose
 *   sub-agent is busy rises with it.
 * - While a search or status filter is on, the rows are the matching sessions and their ancestors
 *   (for context, `matches: false`), expanded as the caller decides (`expanded(id, forced)`).
 */
import type { Session } from '../types/model.js';
import { busyStateOf } from './busy.js';
import { sessionStartTime, sessionTimes } from './session-activity.js';

export { sessionStartTime };

export type SessionSort = 'activity' | 'created' | 'title';
export const SESSION_SORTS: readonly SessionSort[] = ['activity', 'created', 'title'];

/** The status groups of filter chips: both coordinator generations' statuses (§8) fall in one of them. */
export type StatusGroup = 'running' | 'idle' | 'failed' | 'stopped' | 'other';
export const STATUS_GROUPS: readonly StatusGroup[] = ['running', 'idle', 'failed', 'stopped', 'other'];

/** pending, running, stopping → running; idle, finished (resumable on the rename-era server) → idle. */
export function statusGroupOf(status: string | null | undefined): StatusGroup {
  if (busyStateOf(status) === 'busy') return 'running';
  if (status === 'idle' || status === 'finished') return 'idle';
  return status === 'failed' || status === 'stopped' ? status : 'other';
}

/**
 * A session's title: its first prompt when known, else its agent's name, else null (the caller
 * words the default agent). Never only an id.
 */
export function sessionTitle(session: Pick<Session, 'agentName'>, prompt: string | null | undefined): string | null {
  return prompt || session.agentName || null;
}

export interface SessionRow {
  id: string;
  session: Session;
  /** 1 for roots (as `aria-level`). */
  level: number;
  /** The parent it is shown under (null for roots, also when its `parentSessionId` is unknown). */
  parentId: string | null;
  /** Direct children, and all sessions below, in the whole tree (filters aside). */
  childCount: number;
  descendantCount: number;
  /** Sessions below it that are busy (pending, running, stopping). */
  busyDescendants: number;
  /** Expanding it would show children (it has some, and while filtering, some below it match). */
  expandable: boolean;
  /** Its children are shown. False for leaves. */
  expanded: boolean;
  /** Position among the siblings shown, 1-based, and their number (as `aria-posinset`/`aria-setsize`). */
  posInSet: number;
  setSize: number;
  /** False for an ancestor shown only because something below it matches the filter. */
  matches: boolean;
}

export interface SessionTreeOptions {
  sort?: SessionSort;
  /** Search text: matches the title, the id and the agent's name (case-insensitive). */
  query?: string;
  /** Status groups shown; null or empty: all. */
  statuses?: ReadonlySet<StatusGroup> | null;
  /** A session's title, for the title sort and the search (default: its agent's name). */
  titleOf?(session: Session): string;
  /** A session's last activity (epoch ms), for the activity sort (default: resumed or created). */
  activityOf?(session: Session): number | null;
  /**
   * Whether a parent's children are shown. `forced` is true while a filter is on and something
   * below matches it (a caller usually shows those). Default: `forced`.
   */
  expanded?(id: string, forced: boolean): boolean;
}

export interface SessionTree {
  rows: SessionRow[];
  /** Row index by session id (shown rows only). */
  index: Map<string, number>;
  /** Sessions per status group among those matching the search (the chips' counts). */
  counts: Record<StatusGroup, number>;
  /** Sessions matching search and status filter. */
  matched: number;
  total: number;
  /** The parent a session is shown under (null: a root; undefined: not listed). */
  parentOf(id: string): string | null | undefined;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The sessions by position (the first listing of an id), and each one's parent position (-1: a root). */
function parentIndexes(sessions: readonly Session[]): {
  nodes: Session[];
  index: Map<string, number>;
  parent: Int32Array;
} {
  const index = new Map<string, number>();
  const nodes: Session[] = [];
  for (const s of sessions) {
    if (index.has(s.sessionId)) continue;
    index.set(s.sessionId, nodes.length);
    nodes.push(s);
  }
  const n = nodes.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = nodes[i].parentSessionId;
    const at = p ? index.get(p) : undefined;
    parent[i] = at === undefined || at === i ? -1 : at;
  }
  // 1: on the walk being followed, 2: settled. A cycle loses the parent of its smallest id.
  const state = new Uint8Array(n);
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    path.length = 0;
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      path.push(i);
      i = parent[i];
    }
    if (i >= 0 && state[i] === 1) {
      let smallest = i;
      for (let k = path.indexOf(i); k < path.length; k++) {
        if (nodes[path[k]].sessionId < nodes[smallest].sessionId) smallest = path[k];
      }
      parent[smallest] = -1;
    }
    for (const k of path) state[k] = 2;
  }
  return { nodes, index, parent };
}

/**
 * The parent each session is shown under: its `parentSessionId` when that session is listed,
 * else none; in a cycle of parents, the member with the smallest id becomes a root.
 */
export function effectiveParents(sessions: readonly Session[]): Map<string, string | null> {
  const { nodes, parent } = parentIndexes(sessions);
  const out = new Map<string, string | null>();
  nodes.forEach((s, i) => out.set(s.sessionId, parent[i] < 0 ? null : nodes[parent[i]].sessionId));
  return out;
}

/** Builds the rows (see the module comment). */
export function buildSessionTree(sessions: readonly Session[], options: SessionTreeOptions = {}): SessionTree {
  const sort = options.sort ?? 'activity';
  const titleOf = options.titleOf ?? ((s: Session) => s.agentName ?? '');
  const activityOf = options.activityOf ?? sessionStartTime;
  const expandedOf = options.expanded ?? ((_id: string, forced: boolean) => forced);
  const query = (options.query ?? '').trim().toLowerCase();
  const statuses = options.statuses?.size ? options.statuses : null;
  const filtering = query !== '' || statuses !== null;

  const { nodes, index: ids, parent } = parentIndexes(sessions);
  const n = nodes.length;
  const kids: (number[] | undefined)[] = new Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p < 0) roots.push(i);
    else (kids[p] ??= []).push(i);
  }

  // Whole-tree order (parents before children), for the aggregates below, computed children first.
  const order = new Int32Array(n);
  let filled = 0;
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    order[filled++] = i;
    const list = kids[i];
    if (list) for (const k of list) stack.push(k);
  }

  const counts: Record<StatusGroup, number> = { running: 0, idle: 0, failed: 0, stopped: 0, other: 0 };
  const key = new Float64Array(n);
  const titles: string[] = sort === 'title' ? new Array(n) : [];
  const busy = new Uint8Array(n);
  const busyBelow = new Int32Array(n);
  const below = new Int32Array(n);
  /** 1: matches itself; 2: has a match below it. */
  const match = new Uint8Array(n);
  let matched = 0;
  for (let o = n - 1; o >= 0; o--) {
    const i = order[o];
    const s = nodes[i];
    busy[i] = busyStateOf(s.status) === 'busy' ? 1 : 0;
    // Titles cost a lookup each: only for the title sort and a search.
    const title = sort === 'title' || query !== '' ? titleOf(s) : '';
    if (sort === 'title') titles[i] = title;
    const group = statusGroupOf(s.status);
    const found =
      query === '' ||
      title.toLowerCase().includes(query) ||
      s.sessionId.toLowerCase().includes(query) ||
      (s.agentName ?? '').toLowerCase().includes(query);
    if (found) counts[group]++;
    if (found && (statuses === null || statuses.has(group))) {
      match[i] |= 1;
      matched++;
    }
    let own = sort === 'activity' ? (activityOf(s) ?? -Infinity) : sort === 'created' ? sessionTimes(s).created : 0;
    let busyCount = 0;
    let count = 0;
    for (const k of kids[i] ?? []) {
      if (sort === 'activity' && key[k] > own) own = key[k];
      busyCount += busyBelow[k] + busy[k];
      count += below[k] + 1;
      if (match[k]) match[i] |= 2;
    }
    key[i] = own;
    busyBelow[i] = busyCount;
    below[i] = count;
  }

  // Newest first for times; titles A to Z; ties by id, so the order never depends on the input's.
  const byId = (a: number, b: number) => (nodes[a].sessionId < nodes[b].sessionId ? -1 : 1);
  const compare =
    sort === 'title'
      ? (a: number, b: number) => collator.compare(titles[a], titles[b]) || byId(a, b)
      : (a: number, b: number) => key[b] - key[a] || byId(a, b);
  const shown = (i: number) => !filtering || match[i] !== 0;

  const rows: SessionRow[] = [];
  const index = new Map<string, number>();
  // Depth first, each level sorted: a stack of sibling lists and positions.
  const levels: { ids: number[]; at: number; parentId: string | null }[] = [
    { ids: roots.filter(shown).sort(compare), at: 0, parentId: null },
  ];
  while (levels.length) {
    const top = levels[levels.length - 1];
    if (top.at >= top.ids.length) {
      levels.pop();
      continue;
    }
    const i = top.ids[top.at++];
    const s = nodes[i];
    const list = kids[i];
    const forced = filtering && (match[i] & 2) !== 0;
    const open = !!list && expandedOf(s.sessionId, forced);
    index.set(s.sessionId, rows.length);
    rows.push({
      id: s.sessionId,
      session: s,
      level: levels.length,
      parentId: top.parentId,
      childCount: list?.length ?? 0,
      descendantCount: below[i],
      busyDescendants: busyBelow[i],
      expandable: !!list && (!filtering || forced),
      expanded: open,
      posInSet: top.at,
      setSize: top.ids.length,
      matches: !filtering || (match[i] & 1) !== 0,
    });
    if (open) {
      const next = list.filter(shown).sort(compare);
      if (next.length) levels.push({ ids: next, at: 0, parentId: s.sessionId });
    }
  }
  const parentOf = (id: string) => {
    const i = ids.get(id);
    return i === undefined ? undefined : parent[i] < 0 ? null : nodes[parent[i]].sessionId;
  };
  return { rows, index, counts, matched, total: n, parentOf };
}
