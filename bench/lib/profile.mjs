// Summaries of a V8 CPU profile (CDP `Profiler.stop`): which functions cost the most, by self time
// and by total time (inclusive, each function counted once per sample even when recursive).
// The bench page keeps one module per source file, so a function's URL names its source file.

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function defaultLocation(callFrame) {
  let url = callFrame.url || '';
  try {
    url = new URL(url).pathname.replace(/^\//, '');
  } catch {
    // Not a URL (native or anonymous code): keep it as it is.
  }
  return url ? `${url}:${callFrame.lineNumber + 1}` : '(native)';
}

/**
 * @param {{ nodes: any[], samples: number[], timeDeltas: number[] }} profile
 * @param {{ top?: number, locate?: (callFrame: any) => string }} [options] `locate` names a frame's
 *   source position (e.g. through source maps)
 */
export function summarizeProfile(profile, { top = 15, locate = defaultLocation } = {}) {
  const located = new Map();
  const location = (callFrame) => {
    const k = `${callFrame.url}:${callFrame.lineNumber}:${callFrame.columnNumber}`;
    if (!located.has(k)) located.set(k, callFrame.url ? locate(callFrame) : '(native)');
    return located.get(k);
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'}\u0000${location(n.callFrame)}`;
  const self = new Map();
  const total = new Map();
  const special = new Map();
  let sampledMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    sampledMs += ms;
    const leaf = byId.get(id);
    if (!leaf) return;
    if (IDLE.has(leaf.callFrame.functionName)) {
      special.set(leaf.callFrame.functionName, (special.get(leaf.callFrame.functionName) ?? 0) + ms);
      return;
    }
    self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + ms);
    const seen = new Set();
    for (let n = leaf; n; n = byId.get(parent.get(n.id))) {
      if (n.callFrame.functionName === '(root)') break;
      const k = keyOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const list = (m, field, only = () => true) =>
    [...m.entries()]
      .filter(([k]) => only(k.split('\u0000')[1]))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => {
        const [functionName, loc] = k.split('\u0000');
        return { functionName, location: loc, [field]: ms };
      });
  return {
    sampledMs,
    idleMs: special.get('(idle)') ?? 0,
    gcMs: special.get('(garbage collector)') ?? 0,
    programMs: special.get('(program)') ?? 0,
    topSelf: list(self, 'selfMs'),
    topTotal: list(total, 'totalMs'),
    /** Total time of this library's own functions (`src/…`). */
    topOwn: list(total, 'totalMs', (loc) => loc.startsWith('src/')),
  };
}

/** `pid:tid` of the renderer main threads in a Chromium trace. */
function rendererMains(traceEvents) {
  const mains = new Set();
  for (const e of traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  }
  return mains;
}

/** The renderer main thread with the most traced time (the bench page's), as `pid:tid`. */
function busiestMain(traceEvents, mains) {
  const busy = new Map();
  for (const e of traceEvents) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && mains.has(key)) busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  return [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The top-level tasks of the renderers' main threads, and which of those threads was the page's (the busiest). */
function mainThreadTasks(traceEvents) {
  const mains = rendererMains(traceEvents);
  const tasks = traceEvents.filter(
    (e) =>
      e.ph === 'X' &&
      mains.has(`${e.pid}:${e.tid}`) &&
      (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'),
  );
  return { tasks, main: busiestMain(tasks, mains) };
}

/** Longest task on the page's main thread in a Chromium trace (category `toplevel`). */
export function longestMainThreadTask(traceEvents) {
  const { tasks, main } = mainThreadTasks(traceEvents);
  if (!main) return null;
  let max = 0;
  let total = 0;
  let count = 0;
  let longest = null;
  for (const e of tasks) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    if (e.dur > max) longest = e;
    max = Math.max(max, e.dur);
    total += e.dur;
    count++;
  }
  // What the longest was: where in the trace, and its biggest nested event (a DevTools protocol
  // message is `Receive mojo message`; the page's own work is a microtask checkpoint, a timer…).
  let first = Infinity;
  let inside = null;
  for (const e of traceEvents) {
    if (`${e.pid}:${e.tid}` !== main || !(e.ts > 0)) continue;
    first = Math.min(first, e.ts);
    if (!longest || e === longest || e.ph !== 'X' || e.ts < longest.ts || e.ts > longest.ts + longest.dur) continue;
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') continue;
    if (!inside || e.dur > inside.dur) inside = e;
  }
  const longestTask = longest && {
    ms: longest.dur / 1000,
    atMs: (longest.ts - first) / 1000,
    biggestInside: inside ? `${inside.name} ${(inside.dur / 1000).toFixed(1)} ms` : null,
  };
  return { maxMs: max / 1000, tasks: count, busyMs: total / 1000, longestTask };
}

/**
 * Where the page's main thread spent its time in a trace (category `devtools.timeline`): total
 * duration per event name (style recalc `UpdateLayoutTree`, `Layout`, `Paint`, script `FunctionCall`…).
 * Events nest (a forced `Layout` inside a `FunctionCall`), so the figures overlap and do not add up.
 */
export function mainThreadBreakdown(traceEvents, { top = 12 } = {}) {
  const mains = rendererMains(traceEvents);
  const main = busiestMain(traceEvents, mains);
  const totals = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main) continue;
    const t = totals.get(e.name) ?? { ms: 0, count: 0 };
    t.ms += (e.dur ?? 0) / 1000;
    t.count++;
    totals.set(e.name, t);
  }
  return [...totals.entries()]
    .map(([name, t]) => ({ name, ms: t.ms, count: t.count }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/**
 * What the longest task on the page's main thread did (`--explain-long`): its duration and the
 * events nested in it, summed by name (and by function for script), longest first.
 */
export function explainLongestTask(traceEvents, { top = 10 } = {}) {
  const { tasks, main } = mainThreadTasks(traceEvents);
  if (!main) return 'no task';
  let longest = null;
  for (const e of tasks) if (`${e.pid}:${e.tid}` === main && (!longest || e.dur > longest.dur)) longest = e;
  const first = Math.min(...traceEvents.filter((e) => e.ts > 0).map((e) => e.ts));
  const end = longest.ts + longest.dur;
  const inside = new Map();
  for (const e of traceEvents) {
    if (e === longest || `${e.pid}:${e.tid}` !== main || e.ts < longest.ts || e.ts > end) continue;
    if (e.ph !== 'X' || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
    const d = e.args?.data ?? {};
    const what = d.functionName || d.type || (d.url ? d.url.replace(/^.*\/assets\//, '') : '');
    const key = what ? `${e.name}(${what})` : e.name;
    const t = inside.get(key) ?? { ms: 0, count: 0 };
    t.ms += (e.dur ?? 0) / 1000;
    t.count++;
    inside.set(key, t);
  }
  const parts = [...inside.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, top)
    .map(([k, t]) => `${k} ${t.ms.toFixed(1)} ms${t.count > 1 ? ` ×${t.count}` : ''}`);
  return `${(longest.dur / 1000).toFixed(1)} ms at +${((longest.ts - first) / 1000).toFixed(0)} ms: ${parts.join(', ')}`;
}

/**
 * The longest task of the page's main thread in a trace (`toplevel` category) and what the CPU
 * profile sampled during it (same clock): its duration and the functions that cost most in it.
 */
export function profileOfLongestTask(traceEvents, profile, { top = 12, locate = defaultLocation } = {}) {
  const { tasks, main } = mainThreadTasks(traceEvents);
  if (!main) return null;
  // Tasks that began while sampling (the one that ran `Profiler.start` itself began before).
  let longest = null;
  for (const e of tasks) {
    if (`${e.pid}:${e.tid}` !== main || e.ts < profile.startTime) continue;
    if (!longest || e.dur > longest.dur) longest = e;
  }
  if (!longest) return null;
  const from = longest.ts;
  const to = longest.ts + longest.dur;
  const samples = [];
  const deltas = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= from && t <= to) {
      samples.push(id);
      deltas.push(profile.timeDeltas[i] ?? 0);
    }
  });
  const summary = summarizeProfile({ ...profile, samples, timeDeltas: deltas }, { top, locate });
  const phases = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main || e.ts < from || e.ts > to || e === longest) continue;
    if (
      ![
        'UpdateLayoutTree',
        'Layout',
        'Paint',
        'PrePaint',
        'MajorGC',
        'MinorGC',
        'Layerize',
        'V8.GC_MARK_COMPACTOR',
        'ParseHTML',
      ].includes(e.name)
    )
      continue;
    phases.set(e.name, (phases.get(e.name) ?? 0) + e.dur / 1000);
  }
  return { ms: longest.dur / 1000, phases: Object.fromEntries(phases), ...summary };
}
