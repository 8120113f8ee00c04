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
  /** Effective parent of every session (null: a root). */
  parents: Map<string, string | null>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function timeOf(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : -Infinity;
}

/**
 * The parent each session is shown under: its `parentSessionId` when that session is listed,
 * else none; in a cycle of parents, the member with the smallest id becomes a root.
 */
export function effectiveParents(sessions: readonly Session[]): Map<string, string | null> {
  const byId = new Map<string, Session>();
  for (const s of sessions) if (!byId.has(s.sessionId)) byId.set(s.sessionId, s);
  const parent = new Map<string, string | null>();
  for (const [id, s] of byId) {
    const p = s.parentSessionId;
    parent.set(id, p && p !== id && byId.has(p) ? p : null);
  }
  // 1: on the walk being followed, 2: settled.
  const state = new Map<string, 1 | 2>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    let id: string | null = start;
    while (id !== null && !state.has(id)) {
      state.set(id, 1);
      path.push(id);
      id = parent.get(id) ?? null;
    }
    if (id !== null && state.get(id) === 1) {
      const cycle = path.slice(path.indexOf(id));
      parent.set(
        cycle.reduce((a, b) => (a < b ? a : b)),
        null,
      );
    }
    for (const p of path) state.set(p, 2);
  }
  return parent;
}

/** Builds the rows (see the module comment). */
export function buildSessionTree(sessions: readonly Session[], options: SessionTreeOptions = {}): SessionTree {
  const sort = options.sort ?? 'activity';
  const titleOf = options.titleOf ?? ((s: Session) => s.agentName ?? '');
  const activityOf = options.activityOf ?? ((s: Session) => Math.max(timeOf(s.lastResumedAt), timeOf(s.createdAt)));
  const expandedOf = options.expanded ?? ((_id: string, forced: boolean) => forced);
  const query = (options.query ?? '').trim().toLowerCase();
  const statuses = options.statuses?.size ? options.statuses : null;
  const filtering = query !== '' || statuses !== null;

  const parents = effectiveParents(sessions);
  const byId = new Map<string, Session>();
  for (const s of sessions) if (!byId.has(s.sessionId)) byId.set(s.sessionId, s);
  const ids = [...byId.keys()];

  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const id of ids) {
    const p = parents.get(id) ?? null;
    if (p === null) roots.push(id);
    else {
      const list = children.get(p);
      if (list) list.push(id);
      else children.set(p, [id]);
    }
  }

  // Whole-tree order (parents before children), for the aggregates below, computed children first.
  const order: string[] = [];
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    const kids = children.get(id);
    if (kids) for (const k of kids) stack.push(k);
  }

  const counts: Record<StatusGroup, number> = { running: 0, idle: 0, failed: 0, stopped: 0, other: 0 };
  const key = new Map<string, number>();
  const titles = new Map<string, string>();
  const busyBelow = new Map<string, number>();
  const below = new Map<string, number>();
  /** Matches itself / has a match below it. */
  const matches = new Set<string>();
  const matchBelow = new Set<string>();
  let matched = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    const s = byId.get(id)!;
    const title = titleOf(s);
    if (sort === 'title') titles.set(id, title);
    const group = statusGroupOf(s.status);
    const found =
      query === '' ||
      title.toLowerCase().includes(query) ||
      id.toLowerCase().includes(query) ||
      (s.agentName ?? '').toLowerCase().includes(query);
    if (found) counts[group]++;
    if (found && (statuses === null || statuses.has(group))) {
      matches.add(id);
      matched++;
    }
    let own = sort === 'activity' ? (activityOf(s) ?? -Infinity) : sort === 'created' ? timeOf(s.createdAt) : 0;
    let busy = 0;
    let n = 0;
    for (const k of children.get(id) ?? []) {
      if (sort === 'activity') own = Math.max(own, key.get(k)!);
      busy += busyBelow.get(k)! + (busyStateOf(byId.get(k)!.status) === 'busy' ? 1 : 0);
      n += below.get(k)! + 1;
      if (matches.has(k) || matchBelow.has(k)) matchBelow.add(id);
    }
    key.set(id, own);
    busyBelow.set(id, busy);
    below.set(id, n);
  }

  // Newest first for times; titles A to Z; ties by id, so the order never depends on the input's.
  const compare =
    sort === 'title'
      ? (a: string, b: string) => collator.compare(titles.get(a)!, titles.get(b)!) || (a < b ? -1 : a > b ? 1 : 0)
      : (a: string, b: string) => key.get(b)! - key.get(a)! || (a < b ? -1 : a > b ? 1 : 0);
  const shown = (id: string) => !filtering || matches.has(id) || matchBelow.has(id);

  const rows: SessionRow[] = [];
  const index = new Map<string, number>();
  // Depth first, each level sorted: a stack of sibling lists and positions.
  const levels: { ids: string[]; at: number; parentId: string | null }[] = [
    { ids: roots.filter(shown).sort(compare), at: 0, parentId: null },
  ];
  while (levels.length) {
    const top = levels[levels.length - 1];
    if (top.at >= top.ids.length) {
      levels.pop();
      continue;
    }
    const id = top.ids[top.at++];
    const kids = children.get(id);
    const forced = filtering && matchBelow.has(id);
    const open = !!kids && expandedOf(id, forced);
    index.set(id, rows.length);
    rows.push({
      id,
      session: byId.get(id)!,
      level: levels.length,
      parentId: top.parentId,
      childCount: kids?.length ?? 0,
      descendantCount: below.get(id)!,
      busyDescendants: busyBelow.get(id)!,
      expandable: !!kids && (!filtering || forced),
      expanded: open,
      posInSet: top.at,
      setSize: top.ids.length,
      matches: !filtering || matches.has(id),
    });
    if (open) {
      const next = kids.filter(shown).sort(compare);
      if (next.length) levels.push({ ids: next, at: 0, parentId: id });
    }
  }
  return { rows, index, counts, matched, total: byId.size, parents };
}
