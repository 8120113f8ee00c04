import { expect } from '@open-wc/testing';
import type { Session } from '../types/model.js';
import { normalizeSession } from './normalize.js';
import {
  buildSessionTree,
  effectiveParents,
  sessionTitle,
  statusGroupOf,
  type SessionTreeOptions,
} from './session-tree.js';

let minute = 0;
/** A session created one minute after the previous one. */
function session(id: string, fields: { parent?: string | null; status?: string; agent?: string | null } = {}): Session {
  minute++;
  return normalizeSession({
    session_id: id,
    status: fields.status ?? 'idle',
    created_at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    agent_name: fields.agent ?? null,
    parent_session_id: fields.parent ?? null,
  });
}

const ids = (options: SessionTreeOptions, sessions: Session[]) =>
  buildSessionTree(sessions, options).rows.map((r) => `${'  '.repeat(r.level - 1)}${r.id}`);
const all = () => true;

describe('statusGroupOf and sessionTitle', () => {
  it('groups the statuses of both coordinator generations', () => {
    const groups = ['pending', 'running', 'stopping', 'idle', 'finished', 'failed', 'stopped', 'paused', ''].map(
      statusGroupOf,
    );
    expect(groups).to.deep.equal([
      'running',
      'running',
      'running',
      'idle',
      'idle',
      'failed',
      'stopped',
      'other',
      'other',
    ]);
  });

  it('is the first prompt, else the agent, else null (never the id)', () => {
    expect(sessionTitle({ agentName: 'coder' }, 'Fix the bug')).to.equal('Fix the bug');
    expect(sessionTitle({ agentName: 'coder' }, null)).to.equal('coder');
    expect(sessionTitle({ agentName: null }, '')).to.equal(null);
  });
});

describe('effectiveParents', () => {
  it('a child of an unknown parent, or of itself, is a root', () => {
    const parents = effectiveParents([session('a'), session('b', { parent: 'zzz' }), session('c', { parent: 'c' })]);
    expect([...parents]).to.deep.equal([
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
  });

  it('breaks a cycle of parents at its smallest id, whatever the input order', () => {
    const make = () => [
      session('x1', { parent: 'x3' }),
      session('x2', { parent: 'x1' }),
      session('x3', { parent: 'x2' }),
      session('y', { parent: 'x2' }),
    ];
    const forward = effectiveParents(make());
    const backward = effectiveParents(make().reverse());
    for (const parents of [forward, backward]) {
      expect(parents.get('x1')).to.equal(null);
      expect(parents.get('x2')).to.equal('x1');
      expect(parents.get('x3')).to.equal('x2');
      expect(parents.get('y')).to.equal('x2');
    }
  });

  it('follows a chain thousands deep without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => session(`d${i}`, { parent: i ? `d${i - 1}` : null }));
    const tree = buildSessionTree(chain, { expanded: all });
    expect(tree.rows).to.have.length(20_000);
    expect(tree.rows.at(-1)!.level).to.equal(20_000);
    expect(tree.rows[0].descendantCount).to.equal(19_999);
  });
});

describe('buildSessionTree', () => {
  const family = () => [
    session('root1'),
    session('child1', { parent: 'root1', agent: 'coder' }),
    session('grandchild', { parent: 'child1', status: 'running' }),
    session('root2', { agent: 'researcher' }),
    session('child2', { parent: 'root1', status: 'failed' }),
    session('orphan', { parent: 'gone' }),
  ];

  it('nests children under their parent, newest activity first, collapsed unless expanded', () => {
    const sessions = family();
    expect(ids({}, sessions)).to.deep.equal(['orphan', 'root1', 'root2']);
    expect(ids({ expanded: all }, sessions)).to.deep.equal([
      'orphan',
      'root1',
      '  child2',
      '  child1',
      '    grandchild',
      'root2',
    ]);
  });

  it('tells a collapsed parent its children and the busy ones below it', () => {
    const { rows } = buildSessionTree(family());
    const root1 = rows.find((r) => r.id === 'root1')!;
    expect(root1).to.include({ childCount: 2, descendantCount: 3, busyDescendants: 1, expanded: false, level: 1 });
    expect(rows.find((r) => r.id === 'orphan')).to.include({ childCount: 0, expanded: false, parentId: null });
  });

  it('gives each row its level, parent and position among the siblings shown', () => {
    const { rows, index } = buildSessionTree(family(), { expanded: all });
    const grandchild = rows[index.get('grandchild')!];
    expect(grandchild).to.include({ level: 3, parentId: 'child1', posInSet: 1, setSize: 1 });
    expect(rows[index.get('child2')!]).to.include({ level: 2, posInSet: 1, setSize: 2 });
    expect(rows[index.get('root2')!]).to.include({ posInSet: 3, setSize: 3 });
  });

  it('sorts by activity with a parent where its most recent descendant would go', () => {
    const sessions = family();
    const activity = new Map([['grandchild', Date.UTC(2030, 0, 1)]]);
    const activityOf = (s: Session) => activity.get(s.sessionId) ?? Date.parse(s.createdAt!);
    expect(ids({ activityOf }, sessions)).to.deep.equal(['root1', 'orphan', 'root2']);
    expect(ids({ activityOf, expanded: all }, sessions).slice(0, 3)).to.deep.equal([
      'root1',
      '  child1',
      '    grandchild',
    ]);
  });

  it('sorts by creation (newest first) or by title (A to Z, numbers as numbers), ties by id', () => {
    const sessions = family();
    expect(ids({ sort: 'created' }, sessions)).to.deep.equal(['orphan', 'root2', 'root1']);
    const titles: Record<string, string> = { root1: 'task 10', root2: 'Task 9', orphan: 'apple' };
    expect(ids({ sort: 'title', titleOf: (s) => titles[s.sessionId] ?? '' }, sessions)).to.deep.equal([
      'orphan',
      'root2',
      'root1',
    ]);
    const same = [session('b'), session('a'), session('c')];
    expect(ids({ sort: 'title', titleOf: () => 'same' }, same)).to.deep.equal(['a', 'b', 'c']);
  });

  it('search shows matches with their ancestors for context, expanded, and counts per status group', () => {
    const sessions = family();
    const tree = buildSessionTree(sessions, { query: 'CODER' });
    expect(tree.rows.map((r) => [r.id, r.matches, r.expanded])).to.deep.equal([
      ['root1', false, true],
      ['child1', true, false],
    ]);
    expect(tree.matched).to.equal(1);
    expect(tree.total).to.equal(6);
    expect(tree.counts).to.deep.equal({ running: 0, idle: 1, failed: 0, stopped: 0, other: 0 });
    // Title and id match too.
    expect(buildSessionTree(sessions, { query: 'grand' }).rows.map((r) => r.id)).to.deep.equal([
      'root1',
      'child1',
      'grandchild',
    ]);
    expect(
      buildSessionTree(sessions, { query: 'fix', titleOf: (s) => (s.sessionId === 'root2' ? 'Fix it' : '') }).rows.map(
        (r) => r.id,
      ),
    ).to.deep.equal(['root2']);
  });

  it('a status filter keeps the matching sessions (and their ancestors); counts ignore it', () => {
    const sessions = family();
    const tree = buildSessionTree(sessions, { statuses: new Set(['running', 'failed']) });
    expect(tree.rows.map((r) => `${r.id}:${r.matches}`)).to.deep.equal([
      'root1:false',
      'child2:true',
      'child1:false',
      'grandchild:true',
    ]);
    expect(tree.counts).to.deep.equal({ running: 1, idle: 4, failed: 1, stopped: 0, other: 0 });
    expect(tree.matched).to.equal(2);
    // The caller may keep a forced parent collapsed.
    const collapsed = buildSessionTree(sessions, {
      statuses: new Set(['running']),
      expanded: (id, forced) => forced && id !== 'child1',
    });
    expect(collapsed.rows.map((r) => r.id)).to.deep.equal(['root1', 'child1']);
  });

  it('lists a session given twice once', () => {
    const a = session('dup');
    expect(buildSessionTree([a, { ...a, status: 'failed' }]).rows).to.have.length(1);
  });
});
