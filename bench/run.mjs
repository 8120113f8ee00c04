// `npm run bench`: the performance benchmark (see bench/README.md).
//
//   npm run bench                     full run (≈5 min on 2 cores): 1 warm-up + 5 measured runs each
//   npm run bench -- --quick          fewer repeats, smaller sizes, shorter feeds (for iteration)
//   npm run bench -- --only=mount,heap   a subset: sizes, mount, heap, scroll, ingest, busy, latency, chat, sessions, swimlanes, swimlanes-live
//   npm run bench -- --profile        also writes a CPU profile of one run of each measure to
//                                     bench/profiles/ and prints the functions that cost most
//   npm run bench -- --no-naive       skip the naive baseline
//
// Headless Chromium (scripts/chrome-path.mjs) via Playwright runs a page built by Vite from src/
// (bench/page/); the simulated coordinator (server/coordinator.mjs) runs in this process and the
// live measures feed it through `instance.injectEvent` (what `POST /sessions/{id}/events` does), so
// events travel the real path: SSE → client → store → element → DOM. Results: a table on stdout and
// bench/results.json.
/* global window -- the page.evaluate callbacks run in the bench page */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { build } from 'vite';
import { CHROME_ARGS, NO_CHROME_MESSAGE, findChrome } from '../scripts/chrome-path.mjs';
import { run as runCommand } from '../scripts/bin.mjs';
import { startSimServer } from '../server/coordinator.mjs';
import { eventFields } from './lib/events.mjs';
import { composition, minifiedClientGzip } from './lib/size-report.mjs';
import { BUDGETS, ROOT, distPaths, measureSizes } from './lib/sizes.mjs';
import { epochNow, serveStatic } from './lib/static-server.mjs';
import { summarize } from './lib/stats.mjs';
import {
  explainLongestTask,
  longestMainThreadTask,
  mainThreadBreakdown,
  profileOfLongestTask,
  summarizeProfile,
} from './lib/profile.mjs';
import { originalPosition } from './lib/sourcemap.mjs';

const MEASURES = [
  'sizes',
  'mount',
  'heap',
  'scroll',
  'ingest',
  'busy',
  'latency',
  'chat',
  'sessions',
  'swimlanes',
  'swimlanes-live',
];

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-naive': { type: 'boolean', default: false },
    repeats: { type: 'string' },
    'explain-long': { type: 'boolean', default: false },
  },
});
const only = new Set(opts.only ? opts.only.split(',').map((s) => s.trim()) : MEASURES);
for (const m of only) if (!MEASURES.includes(m)) throw new Error(`--only: unknown measure ${m} (one of ${MEASURES})`);
const QUICK = opts.quick;
const NAIVE = !opts['no-naive'];

const CONFIG = {
  repeats: Number(opts.repeats ?? (QUICK ? 2 : 5)),
  mountSizes: QUICK ? [100, 1000, 10000] : [100, 1000, 10000, 100000],
  ingest: { rate: 1000, seconds: QUICK ? 3 : 10, warmupSeconds: 2 },
  latency: { rate: 100, seconds: QUICK ? 3 : 4 },
  // A steady stream while another process keeps all cores but one busy.
  busy: { rate: 100, seconds: QUICK ? 3 : 10 },
  // Heap is read on the mount runs of this size.
  heap: { events: 10000 },
  // Scrolled on the 10,000-event mount.
  scroll: { durationMs: QUICK ? 2000 : 3000 },
  chat: { messages: 500 },
  // <session-list>: 10,000 sessions; live, 1,000 events/s across 200 of them and 100 session_updated/s.
  sessions: { count: 10000, active: 200, rate: 1000, updates: 100, seconds: QUICK ? 3 : 10 },
  // <run-swimlanes>: 1,000 sessions × 10 runs; a 5 s zoom/pan gesture; live, 1,000 events/s across 200 sessions.
  swimlanes: { count: 1000, runs: 10, gestureMs: 5000, active: 200, rate: 1000, seconds: QUICK ? 3 : 10 },
};
// The naive baseline gets as many measured runs as ours (after its own warm-up), so that its
// min–max mean the same; only `--quick` runs it less. It stops at 10,000 events: 100,000 cards in
// one template would take minutes and gigabytes (10,000 take ≈6 s to mount on 2 cores).
CONFIG.naive = QUICK
  ? { mount: { 1000: 1 }, scroll: 0, ingest: 1, latency: 1 }
  : {
      mount: { 1000: CONFIG.repeats, 10000: CONFIG.repeats },
      scroll: CONFIG.repeats,
      ingest: CONFIG.repeats,
      latency: CONFIG.repeats,
    };

const started = Date.now();
const log = (...args) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s]`, ...args);

// ----------------------------------------------------------------------------- results

/** @typedef {{ median: number, min: number, max: number, runs: number[] }} Summary */
/**
 * @typedef {object} Row
 * @property {string} id
 * @property {string} label
 * @property {string} unit
 * @property {'<=' | '>='} [op]
 * @property {number} [target]
 * @property {Summary} [ours]
 * @property {Summary | null} [naive]
 * @property {Record<string, unknown>} [info]
 */
/** @type {Row[]} */
const rows = [];
const details = {};

function addRow(row) {
  rows.push(row);
  const s = row.ours;
  if (s) log(`${row.label}: ${fmt(s.median, row.unit)} (${fmt(s.min, row.unit)}–${fmt(s.max, row.unit)})`);
  return row;
}

const r0 = (v) => (Number.isFinite(v) ? v.toFixed(1) : String(v));

function fmt(v, unit) {
  if (!Number.isFinite(v)) return 'n/a';
  if (unit === '%') return `${v.toFixed(1)} %`;
  if (unit === 'KB') return `${v.toFixed(1)} KB`;
  if (unit === 'MB') return `${v.toFixed(1)} MB`;
  if (unit === 'ms') return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
  if (unit === 'events' || unit === 'count') return `${v.toFixed(0)}`;
  return `${v}`;
}

// ----------------------------------------------------------------------------- setup

const chrome = findChrome();
if (!chrome && [...only].some((m) => m !== 'sizes')) {
  console.error(NO_CHROME_MESSAGE);
  process.exit(1);
}

if (!existsSync(distPaths().bundle) && only.has('sizes')) {
  log('dist/ is missing: running npm run build');
  if ((await runCommand(process.execPath, [join(ROOT, 'scripts/build.mjs')])) !== 0) {
    console.error('bench: npm run build failed; sizes cannot be measured');
  }
}

const PROFILES = join(ROOT, 'bench/profiles');
const pageDir = mkdtempSync(join(tmpdir(), 'ce-bench-page-'));
let browser;
let statik;
let sim;

async function shutdown() {
  await browser?.close().catch(() => {});
  await statik?.close().catch(() => {});
  await sim?.close().catch(() => {});
  rmSync(pageDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void shutdown().finally(() => process.exit(130));
  });
}

try {
  if (only.has('sizes')) await measureSizeRows();
  if ([...only].some((m) => m !== 'sizes')) await browserMeasures();
} finally {
  await shutdown();
}

report();

// ----------------------------------------------------------------------------- sizes

async function measureSizeRows() {
  let sizes;
  try {
    sizes = measureSizes();
  } catch (error) {
    log(`sizes: ${error.message}`);
    return;
  }
  const one = (v) => summarize([v / 1024]);
  addRow({
    id: 'size.timeline',
    label: 'gzip JS before first paint: page with only <event-timeline> of tool events (dist/cdn/, autoloader)',
    unit: 'KB',
    op: '<=',
    target: BUDGETS.timeline / 1024,
    ours: one(sizes.timeline.gzip),
  });
  addRow({
    id: 'size.allNative',
    label: 'gzip all three elements with markdown, browser with setHTML (dist/cdn/, autoloader)',
    unit: 'KB',
    op: '<=',
    target: BUDGETS.allNative / 1024,
    ours: one(sizes.allNative.gzip),
  });
  addRow({
    id: 'size.bundle',
    label: `gzip ${sizes.bundle.path} (all-in)`,
    unit: 'KB',
    op: '<=',
    target: BUDGETS.bundle / 1024,
    ours: one(sizes.bundle.gzip),
  });
  addRow({
    id: 'size.client',
    label: `gzip ${sizes.client.files[0].path} + ${sizes.client.files.length - 1} chunks`,
    unit: 'KB',
    op: '<=',
    target: BUDGETS.client / 1024,
    ours: one(sizes.client.gzip),
  });
  const info = { client: sizes.client, timeline: sizes.timeline, allNative: sizes.allNative, purify: sizes.purify };
  try {
    info.bundleComposition = composition(distPaths().bundle, { perFile: true });
  } catch (error) {
    info.bundleComposition = `no source map: ${error.message}`;
  }
  try {
    info.clientMinifiedGzip = await minifiedClientGzip(distPaths().client);
  } catch (error) {
    info.clientMinifiedGzip = `could not minify: ${error.message}`;
  }
  details.sizes = info;
}

// ----------------------------------------------------------------------------- browser

async function buildPage() {
  log('building the bench page (Vite, production mode, from src/)');
  await build({
    root: join(ROOT, 'bench/page'),
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    base: './',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: pageDir,
      emptyOutDir: true,
      target: 'es2022',
      // Readable and one module per source file: profiles name the function and the file.
      minify: false,
      sourcemap: true,
      modulePreload: false,
      rolldownOptions: { output: { preserveModules: true, preserveModulesRoot: ROOT } },
    },
  });
}

async function browserMeasures() {
  await buildPage();
  statik = await serveStatic(pageDir);
  sim = await startSimServer({ host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: chrome,
    args: [
      ...CHROME_ARGS,
      // Keep timers and frames at full rate: the page is never "in the background" here.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(`${statik.origin}/index.html`);
  await page.waitForFunction(() => window.bench?.ready === true, null, { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  const env = { page, cdp, pageErrors };

  details.environment = {
    chromium: browser.version(),
    cpus: (await import('node:os')).cpus().length,
    loadAverage: (await import('node:os')).loadavg(),
    idleFps: await page.evaluate(() => window.bench.fps(1000)),
  };
  log(`Chromium ${details.environment.chromium}; idle frame rate ${details.environment.idleFps.toFixed(1)} Hz`);

  if (only.has('mount') || only.has('heap') || only.has('scroll')) await listMeasures(env);
  if (only.has('ingest')) await ingestMeasures(env);
  if (only.has('busy')) await busyMeasures(env);
  if (only.has('latency')) await latencyMeasures(env);
  if (only.has('chat')) await chatMeasures(env);
  if (only.has('sessions')) await sessionMeasures(env);
  if (only.has('swimlanes') || only.has('swimlanes-live')) await swimlaneMeasures(env, only);
  if (pageErrors.length) details.pageErrors = [...new Set(pageErrors)].slice(0, 20);
}

/** Runs `fn(i)` for one warm-up (`i` = -1) and `n` measured runs; returns the measured results. */
async function repeat(n, fn, warmups = 1) {
  for (let i = 0; i < warmups; i++) await fn(-1);
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}

/** CPU profile of one call of `fn` (CDP sampling profiler), summarized and saved. */
async function profiled({ cdp, page }, name, fn) {
  if (!opts.profile) return fn();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  let result;
  try {
    result = await fn();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Profiler.disable');
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents ?? [];
    mkdirSync(PROFILES, { recursive: true });
    const file = join(PROFILES, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    writeFileSync(join(PROFILES, `${name}.trace.json`), JSON.stringify({ traceEvents: trace }));
    const summary = summarizeProfile(profile, { top: 25, locate: sourceLocation });
    const mainThread = mainThreadBreakdown(trace);
    (details.profiles ??= {})[name] = { file: relative(ROOT, file), mainThread, ...summary };
    log(
      `profile ${name}: ${relative(ROOT, file)} (${summary.sampledMs.toFixed(0)} ms sampled, idle ${summary.idleMs.toFixed(0)}, GC ${summary.gcMs.toFixed(0)})`,
    );
    log(`  main thread: ${mainThread.map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join(', ')}`);
    for (const f of summary.topSelf.slice(0, 10)) {
      log(`  self  ${f.selfMs.toFixed(1).padStart(8)} ms  ${f.functionName} (${f.location})`);
    }
    const deps = summary.topTotal.filter((f) => f.location.startsWith('node_modules/')).slice(0, 6);
    for (const f of [...summary.topOwn.slice(0, 12), ...deps]) {
      log(`  total ${f.totalMs.toFixed(1).padStart(8)} ms  ${f.functionName} (${f.location})`);
    }
    // What the longest task spent its time on (an outlier: GC, layout, many new rows?).
    const longest = profileOfLongestTask(trace, profile, { locate: sourceLocation });
    if (longest) {
      details.profiles[name].longestTask = longest;
      const phases = Object.entries(longest.phases).map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`);
      log(`  longest task ${longest.ms.toFixed(1)} ms (GC ${longest.gcMs.toFixed(1)} ms; ${phases.join(', ')}):`);
      for (const f of longest.topTotal.slice(0, 12)) {
        log(`    total ${f.totalMs.toFixed(1).padStart(7)} ms  ${f.functionName} (${f.location})`);
      }
    }
  }
  return result;
}

/** `src/…/file.ts:line` of a profiled frame of the bench page, through the page's source maps. */
function sourceLocation(callFrame) {
  let path;
  try {
    path = decodeURIComponent(new URL(callFrame.url).pathname);
  } catch {
    return callFrame.url;
  }
  const built = join(pageDir, path);
  const pos = originalPosition(built, callFrame.lineNumber, callFrame.columnNumber);
  if (!pos) return `${path.replace(/^\//, '')}:${callFrame.lineNumber + 1}`;
  const source = relative(ROOT, resolve(dirname(built), pos.source));
  return `${source}:${pos.line}`;
}

// ----------------------------------------------------------------------------- mount

async function heapUsage({ cdp }) {
  // Twice: the first pass can leave objects that only die after their finalizers ran.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { js: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? null };
}

/**
 * One mount: an empty element and fresh events (untimed), then the timed assignment. With `heap`,
 * the heap is read after GC before the events exist, while only the page holds them, and once the
 * element alone holds them: retained = what the element keeps (the wire data included).
 */
async function mountOnce(env, kind, n, seed, { heap = false, profileName = null } = {}) {
  const { page } = env;
  await page.evaluate(() => window.bench.clear());
  const before = heap ? await heapUsage(env) : null;
  await page.evaluate(([kind, n, seed]) => window.bench.mountPrepare(kind, n, seed), [kind, n, seed]);
  const held = heap ? await heapUsage(env) : null;
  // A profile covers the first frame only.
  const measure = () => page.evaluate((follow) => window.bench.mountMeasure(follow), !profileName);
  const result = profileName ? await profiled(env, profileName, measure) : await measure();
  if (heap) {
    const after = await heapUsage(env);
    const per10k = (bytes) => ((bytes / 1024 / 1024) * 10000) / n;
    result.heap = {
      retainedMB: per10k(after.js - before.js),
      wireDataMB: per10k(held.js - before.js),
      blinkMB: after.embedder !== null && before.embedder !== null ? per10k(after.embedder - before.embedder) : NaN,
    };
  }
  return result;
}

function frameSplit(r) {
  return r.longFrames.map(
    (f) => `${f.duration.toFixed(0)} = ${f.tasksMs.toFixed(0)} + ${f.rafMs.toFixed(0)} + ${f.renderMs.toFixed(0)}`,
  );
}

/**
 * Scroll runs on what the last mount left on the stage. Also what the runs left behind: the JS heap
 * (after GC) and the nodes in the list, after them minus before them (a list that keeps the rows it
 * scrolled past, or their markers, grows with every run).
 */
async function scrollRuns(env, repeats, profileName = null) {
  const { page } = env;
  const run = () => page.evaluate((d) => window.bench.scrollRun(d), CONFIG.scroll.durationMs);
  const nodes = () => page.evaluate(() => window.bench.listNodeCount());
  const heapBefore = await heapUsage(env);
  const nodesBefore = await nodes();
  const out = await repeat(repeats, run, 1);
  const heapAfter = await heapUsage(env);
  const nodesAfter = await nodes();
  if (profileName) await profiled(env, profileName, run);
  const runs = repeats + 1;
  const mb = (bytes) => bytes / 1024 / 1024;
  const jsMB = mb(heapAfter.js - heapBefore.js);
  // The DOM (Blink's heap) is where kept rows weigh most.
  const domMB =
    heapAfter.embedder !== null && heapBefore.embedder !== null ? mb(heapAfter.embedder - heapBefore.embedder) : 0;
  out.leftBehind = {
    runs,
    heapMB: jsMB + domMB,
    jsMB,
    domMB,
    listNodesBefore: nodesBefore,
    listNodesAfter: nodesAfter,
  };
  const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} MB`;
  log(
    `  after ${runs} scrolls: JS heap ${signed(jsMB)}, DOM heap ${signed(domMB)}, list nodes ${nodesBefore} → ${nodesAfter}`,
  );
  return out;
}

/**
 * Mount (100 / 1,000 / 10,000 / 100,000: first paint and fully loaded), heap (read on the 10,000 mounts) and scroll (on the last
 * 10,000 mount), for the timeline and the naive list; the heap is read on every mount of that size.
 */
async function listMeasures(env) {
  const mountTargets = { 100: 20, 1000: 20, 10000: 60, 100000: 300 };
  // Fully loaded (ce-load): the issue's targets (two frames for a small session).
  const loadedTargets = { 100: 33, 1000: 60, 10000: 150, 100000: 500 };
  const listed = CONFIG.heap.events;
  const sizes = only.has('mount') ? CONFIG.mountSizes : [listed];
  let naiveWarm = false;
  for (const n of sizes) {
    const isListed = n === listed;
    const wantMount = only.has('mount');
    const wantScroll = isListed && only.has('scroll');
    const wantHeap = isListed && (only.has('heap') || wantMount);

    log(`mount ${n.toLocaleString('en')} events into <event-timeline>`);
    const ours =
      wantMount || wantHeap
        ? await repeat(CONFIG.repeats, (i) => mountOnce(env, 'timeline', n, 100 + i, { heap: wantHeap }))
        : [await mountOnce(env, 'timeline', n, 100)];
    let scroll = null;
    if (wantScroll) {
      log(`scroll through ${n.toLocaleString('en')} events in ${CONFIG.scroll.durationMs} ms (timeline)`);
      scroll = await scrollRuns(env, CONFIG.repeats, opts.profile ? 'scroll' : null);
    }
    if (opts.profile && wantMount) await mountOnce(env, 'timeline', n, 999, { profileName: `mount-${n}` });

    let naive = null;
    let naiveScroll = null;
    const naiveRuns = CONFIG.naive.mount[n] ?? 0;
    if (NAIVE && naiveRuns) {
      log(`mount ${n.toLocaleString('en')} events naively`);
      // One small warm-up serves every size: the code paths are the same.
      if (!naiveWarm) await mountOnce(env, 'naive', 1000, 199);
      naiveWarm = true;
      naive = await repeat(naiveRuns, (i) => mountOnce(env, 'naive', n, 200 + i, { heap: wantHeap }), 0);
      if (wantScroll) {
        log(`scroll through ${n.toLocaleString('en')} events in ${CONFIG.scroll.durationMs} ms (naive)`);
        naiveScroll = await scrollRuns(env, CONFIG.naive.scroll);
      }
    }
    await env.page.evaluate(() => window.bench.clear());

    if (wantMount) {
      addRow({
        id: `mount.${n}`,
        label: `mount ${n.toLocaleString('en')} events → first painted frame`,
        unit: 'ms',
        op: '<=',
        target: mountTargets[n],
        ours: summarize(ours.map((r) => r.ms)),
        naive: naive && summarize(naive.map((r) => r.ms)),
        info: {
          settledAtLatestMs: summarize(ours.map((r) => r.settledMs ?? NaN)),
          framesUntilCards: ours.map((r) => r.frames),
          // Long frames (> 50 ms) until then, split: tasks before rendering + rAF callbacks + style/layout/paint.
          longFrames: ours.map(frameSplit),
          naiveLongFrames: naive?.map(frameSplit),
          cardsInDom: ours.map((r) => r.cards),
          naiveCardsInDom: naive?.map((r) => r.cards),
        },
      });
      addRow({
        id: `loaded.${n}`,
        label: `mount ${n.toLocaleString('en')} events → fully loaded (ce-load)`,
        unit: 'ms',
        op: '<=',
        target: loadedTargets[n],
        ours: summarize(ours.map((r) => r.loadedMs ?? NaN)),
        naive: null,
      });
    }
    if (wantHeap) {
      addRow({
        id: 'heap.10k',
        label: `JS heap retained per 10,000 events (after GC)`,
        unit: 'MB',
        op: '<=',
        target: 25,
        ours: summarize(ours.map((r) => r.heap.retainedMB)),
        naive: naive && summarize(naive.map((r) => r.heap.retainedMB)),
        info: {
          wireDataAloneMB: summarize(ours.map((r) => r.heap.wireDataMB)),
          blinkHeapMB: summarize(ours.map((r) => r.heap.blinkMB)),
          naiveBlinkHeapMB: naive && summarize(naive.map((r) => r.heap.blinkMB)),
        },
      });
    }
    if (scroll) {
      const pct = (r) => (100 * r.frames) / r.expectedFrames;
      const top = (runs) =>
        runs
          .flatMap((r) => r.topLongAnimationFrames)
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3);
      addRow({
        id: 'scroll.10k',
        label: `scroll through ${n.toLocaleString('en')} events: frames delivered`,
        unit: '%',
        op: '>=',
        target: 95,
        ours: summarize(scroll.map(pct)),
        naive: naiveScroll && summarize(naiveScroll.map(pct)),
        info: {
          longestTaskMs: summarize(scroll.map((r) => r.longestTaskMs)),
          maxFrameGapMs: summarize(scroll.map((r) => r.maxFrameGapMs)),
          maxCardsInDom: scroll.map((r) => r.maxCardsInDom),
          reachedBottom: scroll.map((r) => r.reachedBottom),
          topLongAnimationFrames: top(scroll),
          longAnimationFrameTotals: scroll.map((r) => r.longAnimationFrameTotals),
          naiveLongestTaskMs: naiveScroll && summarize(naiveScroll.map((r) => r.longestTaskMs)),
          leftBehind: scroll.leftBehind,
          naiveLeftBehind: naiveScroll?.leftBehind,
        },
      });
      addRow({
        id: 'scroll.10k.heap',
        label: `heap kept after ${scroll.leftBehind.runs} scrolls through ${n.toLocaleString('en')} events (JS + DOM heap)`,
        unit: 'MB',
        op: '<=',
        ours: summarize([scroll.leftBehind.heapMB]),
      });
    }
  }
}

// ----------------------------------------------------------------------------- live ingest

/** A fresh coordinator instance with one finished session (its short scripted run is the history). */
async function freshSession(options = {}) {
  const inst = sim.createInstance({ stepMs: 1, ...options });
  const { session_id } = inst.startScriptedSession({ prompt: 'bench warm-up run' });
  const t0 = Date.now();
  while (inst.listSessions().find((s) => s.session_id === session_id)?.status !== 'idle') {
    if (Date.now() - t0 > 20_000) throw new Error('bench: the scripted session did not finish');
    await new Promise((r) => setTimeout(r, 10));
  }
  return { inst, sessionId: session_id };
}

/**
 * Injects `rate` events per second for `seconds` (paced by the clock, so a late tick catches up);
 * post_tool events carry `bench_seq` and the write time `bench_sent` in their tool_input.
 */
function feed(inst, sessionId, { rate, seconds, seed }) {
  const total = Math.round(rate * seconds);
  let sent = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        const fields = eventFields(seed, sent);
        if (fields.event_type === 'post_tool') {
          fields.tool_input = { ...fields.tool_input, bench_seq: sent, bench_sent: epochNow() };
        }
        inst.injectEvent(sessionId, fields);
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve(total);
      }
    }, 2);
  });
}

async function liveRun(env, kind, { rate, seconds, seed, trace = false, profileName = null }) {
  const { page } = env;
  const { inst, sessionId } = await freshSession();
  try {
    const history = await page.evaluate(
      ([k, src, id]) => window.bench.ingestSetup(k, src, id),
      [kind, inst.sseUrl, sessionId],
    );
    const { offset } = await page.evaluate((u) => window.bench.calibrate(u), `${statik.origin}/__bench/now`);
    if (trace) {
      // --explain-long: a detailed trace, to tell what the longest task did (costs some speed).
      const categories = opts['explain-long']
        ? ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-v8.gc']
        : ['toplevel'];
      await browser.startTracing(page, { categories });
    }
    await page.evaluate((o) => window.bench.probeStart(o), offset);
    const go = async () => {
      const injected = await feed(inst, sessionId, { rate, seconds, seed });
      await page.evaluate(() => window.bench.probeStopFrames());
      return injected;
    };
    const injected = profileName ? await profiled(env, profileName, go) : await go();
    let traced = null;
    if (trace) {
      const buffer = await browser.stopTracing();
      const traceEvents = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
      traced = longestMainThreadTask(traceEvents);
      if (opts['explain-long']) log(`  longest task: ${explainLongestTask(traceEvents)}`);
      else if (traced?.longestTask) {
        const l = traced.longestTask;
        log(
          `  longest traced task ${l.ms.toFixed(1)} ms at +${l.atMs.toFixed(0)} ms (${l.biggestInside}); longtask entries max ${r0(await page.evaluate(() => window.bench.longestTaskSoFar()))} ms`,
        );
      }
      if (!traced) log('the trace has no RunTask of the page: longest task from long-task entries only');
    }
    const r = await page.evaluate(
      ([expected, timeout]) => window.bench.probeFinish(expected, timeout),
      [history + injected, 30_000],
    );
    // Every marked event reaches `events`; one that never reached the DOM (scrolled past before it
    // was rendered) counts as infinitely late, so a percentile above the rendered share is ∞ (NaN).
    const marked = r.eventLatency.length;
    const latencies = (list) => {
      const xs = [...list].sort((a, b) => a - b);
      while (xs.length < marked) xs.push(Infinity);
      const at = (p) => {
        const v = xs[Math.ceil((p / 100) * xs.length) - 1];
        return Number.isFinite(v) ? v : NaN;
      };
      return { p50: at(50), p95: at(95), max: list.length ? Math.max(...list) : NaN, samples: list.length };
    };
    return {
      injected,
      history,
      shownNew: r.shown - history,
      lastInDom: r.lastInDom,
      framesPct: (100 * r.frames) / r.expectedFrames,
      longestTaskMs: Math.max(r.longestTaskMs, traced?.maxMs ?? 0),
      longestTaskEntryMs: r.longestTaskMs,
      longestTraced: traced?.longestTask ?? null,
      longtasks: r.longtasks,
      traced,
      maxFrameGapMs: r.maxFrameGapMs,
      maxCardsInDom: r.maxCardsInDom,
      drainMs: r.drainMs,
      dom: latencies(r.domLatency),
      event: latencies(r.eventLatency),
      topLongAnimationFrames: r.topLongAnimationFrames,
      longAnimationFrameTotals: r.longAnimationFrameTotals,
    };
  } finally {
    await page.evaluate(() => window.bench.clear());
    inst.close();
  }
}

async function ingestMeasures(env) {
  const { rate, seconds, warmupSeconds } = CONFIG.ingest;
  const runKind = async (kind, repeats) => {
    log(`live ingest ${rate} events/s for ${seconds} s over SSE (${kind})`);
    await liveRun(env, kind, { rate, seconds: warmupSeconds, seed: 600 });
    const out = [];
    for (let i = 0; i < repeats; i++) out.push(await liveRun(env, kind, { rate, seconds, seed: 610 + i, trace: true }));
    if (kind === 'timeline' && opts.profile) {
      await liveRun(env, kind, { rate, seconds: Math.min(seconds, 5), seed: 699, profileName: 'ingest' });
    }
    return out;
  };
  const ours = await runKind('timeline', CONFIG.repeats);
  const naive = NAIVE ? await runKind('naive', CONFIG.naive.ingest) : null;
  const info = (runs) => ({
    longtaskEntriesOver50ms: runs.map((r) => r.longtasks),
    // The longest `longtask` entry and the longest traced task (where, what was in it), per run.
    longestTaskEntryMs: runs.map((r) => r.longestTaskEntryMs),
    longestTraced: runs.map((r) => r.longestTraced),
    maxFrameGapMs: summarize(runs.map((r) => r.maxFrameGapMs)),
    maxCardsInDom: runs.map((r) => r.maxCardsInDom),
    drainAfterFeedMs: summarize(runs.map((r) => r.drainMs)),
    // At this rate most cards scroll past before a frame renders them; p50 over all marked events.
    markedEventsThatReachedDom: runs.map((r) => `${r.dom.samples}/${r.event.samples}`),
    latencyP50DomMs: summarize(runs.map((r) => r.dom.p50)),
    latencyP95InEventsMs: summarize(runs.map((r) => r.event.p95)),
    lastEventInDom: runs.map((r) => r.lastInDom),
    topLongAnimationFrames: runs
      .flatMap((r) => r.topLongAnimationFrames)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3),
    longAnimationFrameTotals: runs.map((r) => r.longAnimationFrameTotals),
  });
  addRow({
    id: 'ingest.longestTask',
    label: `ingest ${rate}/s for ${seconds} s: longest main-thread task`,
    unit: 'ms',
    op: '<=',
    target: 50,
    ours: summarize(ours.map((r) => r.longestTaskMs)),
    naive: naive && summarize(naive.map((r) => r.longestTaskMs)),
    info: { ...info(ours), naive: naive && info(naive) },
  });
  addRow({
    id: 'ingest.frames',
    label: `ingest ${rate}/s for ${seconds} s: frames delivered`,
    unit: '%',
    op: '>=',
    target: 95,
    ours: summarize(ours.map((r) => r.framesPct)),
    naive: naive && summarize(naive.map((r) => r.framesPct)),
  });
  const shownPct = (r) => (100 * r.shownNew) / r.injected;
  addRow({
    id: 'ingest.shown',
    label: `ingest ${rate}/s for ${seconds} s: events shown at the end`,
    unit: '%',
    op: '>=',
    target: 100,
    ours: summarize(ours.map(shownPct)),
    naive: naive && summarize(naive.map(shownPct)),
    info: { shown: ours.map((r) => `${r.shownNew}/${r.injected}`) },
  });
}

/**
 * Threads that keep all cores but one busy until stopped: the machine of someone running a build
 * meanwhile (with every core taken, the OS parks the browser itself for hundreds of ms, which no page
 * code can change).
 */
function burnCores() {
  const workers = Array.from(
    { length: Math.max(1, cpus().length - 1) },
    () => new Worker('const end = Date.now() + 120000; while (Date.now() < end) {}', { eval: true }),
  );
  return () => Promise.all(workers.map((w) => w.terminate()));
}

async function busyMeasures(env) {
  const { rate, seconds } = CONFIG.busy;
  log(`ingest ${rate} events/s for ${seconds} s while all cores but one are busy`);
  const out = [];
  for (let i = -1; i < CONFIG.repeats; i++) {
    const stop = burnCores();
    try {
      const r = await liveRun(env, 'timeline', { rate, seconds: i < 0 ? 2 : seconds, seed: 800 + i, trace: i >= 0 });
      if (i >= 0) out.push(r);
    } finally {
      await stop();
    }
  }
  addRow({
    id: 'busy.longestTask',
    label: `ingest ${rate}/s for ${seconds} s on a busy machine (all cores but one): longest main-thread task`,
    unit: 'ms',
    op: '<=',
    target: 50,
    ours: summarize(out.map((r) => r.longestTaskMs)),
    naive: null,
    info: {
      longestTraced: out.map((r) => r.longestTraced),
      framesPct: summarize(out.map((r) => r.framesPct)),
      shown: out.map((r) => `${r.shownNew}/${r.injected}`),
    },
  });
}

async function latencyMeasures(env) {
  const { rate, seconds } = CONFIG.latency;
  const runKind = async (kind, repeats) => {
    log(`latency at ${rate} events/s for ${seconds} s (${kind})`);
    await liveRun(env, kind, { rate, seconds: 2, seed: 700 });
    const out = [];
    for (let i = 0; i < repeats; i++) out.push(await liveRun(env, kind, { rate, seconds, seed: 710 + i }));
    if (kind === 'timeline' && opts.profile) {
      await liveRun(env, kind, { rate, seconds, seed: 799, profileName: 'latency' });
    }
    return out;
  };
  const ours = await runKind('timeline', CONFIG.repeats);
  const naive = NAIVE ? await runKind('naive', CONFIG.naive.latency) : null;
  addRow({
    id: 'latency.p95',
    label: `latency server write → DOM, p95 at ${rate} events/s`,
    unit: 'ms',
    op: '<=',
    target: 50,
    ours: summarize(ours.map((r) => r.dom.p95)),
    naive: naive && summarize(naive.map((r) => r.dom.p95)),
    info: {
      p50DomMs: summarize(ours.map((r) => r.dom.p50)),
      maxDomMs: summarize(ours.map((r) => r.dom.max)),
      samplesInDom: ours.map((r) => `${r.dom.samples}/${r.event.samples}`),
      p95InEventsMs: summarize(ours.map((r) => r.event.p95)),
      longAnimationFrameTotals: ours.map((r) => r.longAnimationFrameTotals),
      p50InEventsMs: summarize(ours.map((r) => r.event.p50)),
      naiveP95InEventsMs: naive && summarize(naive.map((r) => r.event.p95)),
    },
  });
}

// ----------------------------------------------------------------------------- chat

async function chatRun(env, messages, i) {
  const { page } = env;
  const runs = messages / 2;
  // A long-finished conversation: the scripted run plus (runs − 1) injected user/assistant turns.
  const { inst, sessionId } = await freshSession({ historyCap: 100_000 });
  try {
    for (let r = 1; r < runs; r++) {
      inst.injectEvent(sessionId, { event_type: 'run_start' });
      inst.injectEvent(sessionId, {
        event_type: 'message',
        role: 'user',
        content: [{ type: 'text', text: `Question ${r}: what does module ${r} do?` }],
      });
      inst.injectEvent(sessionId, {
        event_type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: `Module ${r} **parses** the input and \`returns\` a tree.\n\n- one\n- two` }],
      });
      inst.injectEvent(sessionId, { event_type: 'run_completed', exit_code: 0, reason: 'completed' });
    }
    // The resumed run must not progress while we measure.
    inst.fault({ stepMs: 60_000 });
    const shown = await page.evaluate(
      ([src, id, n]) => window.bench.chatSetup(src, id, n),
      [inst.sseUrl, sessionId, messages],
    );
    const send = () => page.evaluate((text) => window.bench.chatSend(text), `bench prompt ${i}`);
    const r = opts.profile && i === 0 ? await profiled(env, 'chat-send', send) : await send();
    return { ...r, shown };
  } finally {
    await page.evaluate(() => window.bench.clear());
    inst.close();
  }
}

async function chatMeasures(env) {
  const { messages } = CONFIG.chat;
  log(`chat with ${messages} messages: send → optimistic bubble`);
  const ours = await repeat(CONFIG.repeats, (i) => chatRun(env, messages, i));
  addRow({
    id: 'chat.send',
    label: `chat with ${messages} messages: send → optimistic bubble in DOM`,
    unit: 'ms',
    op: '<=',
    target: 16,
    ours: summarize(ours.map((r) => r.domMs)),
    naive: null,
    info: {
      toNextPaintMs: summarize(ours.map((r) => r.paintMs)),
      messagesShown: ours.map((r) => r.shown),
      bubbleFound: ours.map((r) => r.found),
    },
  });
}

// ----------------------------------------------------------------------------- session list

/** A fresh coordinator with `count` sessions with a past (trees of 5); their ids, oldest first. */
function seededInstance(count) {
  const inst = sim.createInstance({ stepMs: 1 });
  const { session_ids: ids } = inst.seedSessions({ count, group: 5, spacingMs: 1000 });
  return { inst, ids };
}

/**
 * Feeds `rate` events per second across `ids` (in turn) and `updates` session_updated per second
 * (their status flipping between running and idle), for `seconds`, paced by the clock. Returns the
 * events sent per session.
 */
function feedSessions(inst, ids, { rate, updates, seconds, seed }) {
  const total = Math.round(rate * seconds);
  const totalUpdates = Math.round(updates * seconds);
  const sent = Object.fromEntries(ids.map((id) => [id, 0]));
  let events = 0;
  let changes = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      const due = Math.min(total, Math.floor(elapsed * rate));
      while (events < due) {
        const id = ids[events % ids.length];
        inst.injectEvent(id, eventFields(seed, events));
        sent[id]++;
        events++;
      }
      const dueUpdates = Math.min(totalUpdates, Math.floor(elapsed * updates));
      while (changes < dueUpdates) {
        const id = ids[(changes * 7) % ids.length];
        inst.emit('session_updated', { session: { session_id: id, status: changes % 2 ? 'idle' : 'running' } });
        changes++;
      }
      if (events >= total && changes >= totalUpdates) {
        clearInterval(timer);
        resolve(sent);
      }
    }, 2);
  });
}

async function sessionMeasures(env) {
  const { page } = env;
  const { count, active, rate, updates, seconds } = CONFIG.sessions;

  log(`mount ${count.toLocaleString('en')} sessions into <session-list>`);
  const mounts = await repeat(CONFIG.repeats, async (i) => {
    await page.evaluate(([n, seed]) => window.bench.sessionsMountPrepare(n, seed), [count, 300 + i]);
    return page.evaluate(() => window.bench.sessionsMountMeasure());
  });
  if (opts.profile) {
    await page.evaluate(([n, seed]) => window.bench.sessionsMountPrepare(n, seed), [count, 399]);
    await profiled(env, 'sessions-mount', () => page.evaluate(() => window.bench.sessionsMountMeasure()));
  }
  await page.evaluate(() => window.bench.clear());
  addRow({
    id: 'sessions.mount',
    label: `session list: ${count.toLocaleString('en')} sessions → first painted rows`,
    unit: 'ms',
    op: '<=',
    target: 50,
    ours: summarize(mounts.map((r) => r.ms)),
    info: { framesUntilRows: mounts.map((r) => r.frames), longFrames: mounts.map(frameSplit) },
  });
  addRow({
    id: 'sessions.nodes',
    label: `session list: DOM nodes with ${count.toLocaleString('en')} sessions (rows in the DOM)`,
    unit: 'count',
    ours: summarize(mounts.map((r) => r.domNodes)),
    info: { rowsInDom: mounts.map((r) => r.rows) },
  });

  log(`open a list of ${count.toLocaleString('en')} sessions: history requests for the titles in view`);
  const opened = await repeat(
    CONFIG.repeats,
    async () => {
      const { inst } = seededInstance(count);
      try {
        await page.evaluate((src) => window.bench.sessionsLiveSetup(src), inst.sseUrl);
        const r = await page.evaluate(() => window.bench.sessionsTitles());
        r.serverRequests = inst.stats().requests.filter((q) => /^\/sessions\/[^/]+\/events$/.test(q.path)).length;
        return r;
      } finally {
        await page.evaluate(() => window.bench.clear());
        inst.close();
      }
    },
    0,
  );
  addRow({
    id: 'sessions.titles',
    label: `session list: history requests to open ${count.toLocaleString('en')} sessions`,
    unit: 'count',
    op: '<=',
    // The rows in view, and a page of rows below them.
    target: 3 * Math.max(...opened.map((r) => r.rowsInView)),
    ours: summarize(opened.map((r) => r.serverRequests)),
    info: {
      rowsInView: opened.map((r) => r.rowsInView),
      rowsInDom: opened.map((r) => r.rowsInDom),
      requestedByTheClient: opened.map((r) => r.requested),
    },
  });

  log(`live: ${rate} events/s across ${active} sessions + ${updates} session_updated/s for ${seconds} s`);
  const liveRuns = await repeat(CONFIG.repeats, async (i) => {
    const { inst, ids } = seededInstance(count);
    // Spread through the list: their activity brings them up as they go.
    const step = Math.floor(ids.length / active);
    const hot = Array.from({ length: active }, (_, k) => ids[ids.length - 1 - k * step]);
    try {
      await page.evaluate((src) => window.bench.sessionsLiveSetup(src), inst.sseUrl);
      await browser.startTracing(page, { categories: ['toplevel'] });
      await page.evaluate(() => window.bench.probeStart(0));
      const sent = await feedSessions(inst, hot, { rate, updates, seconds: i < 0 ? 2 : seconds, seed: 900 + i });
      await page.evaluate(() => window.bench.probeStopFrames());
      const traceEvents = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents ?? [];
      const traced = longestMainThreadTask(traceEvents);
      const probe = await page.evaluate(() => window.bench.probeFinish(null, 0));
      const check = await page.evaluate((s) => window.bench.sessionsLiveCheck(s), sent);
      return {
        framesPct: (100 * probe.frames) / probe.expectedFrames,
        longestTaskMs: Math.max(probe.longestTaskMs, traced?.maxMs ?? 0),
        longestTraced: traced?.longestTask ?? null,
        maxRowsInDom: probe.maxCardsInDom,
        check,
        topLongAnimationFrames: probe.topLongAnimationFrames,
      };
    } finally {
      await page.evaluate(() => window.bench.clear());
      inst.close();
    }
  });
  addRow({
    id: 'sessions.live.frames',
    label: `session list live (${rate}/s over ${active} sessions, ${updates} updates/s): frames delivered`,
    unit: '%',
    op: '>=',
    target: 95,
    ours: summarize(liveRuns.map((r) => r.framesPct)),
  });
  addRow({
    id: 'sessions.live.longestTask',
    label: `session list live: longest main-thread task`,
    unit: 'ms',
    op: '<=',
    target: 50,
    ours: summarize(liveRuns.map((r) => r.longestTaskMs)),
    info: {
      longestTraced: liveRuns.map((r) => r.longestTraced),
      maxRowsInDom: liveRuns.map((r) => r.maxRowsInDom),
      topLongAnimationFrames: liveRuns
        .flatMap((r) => r.topLongAnimationFrames)
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3),
    },
  });
  addRow({
    id: 'sessions.live.sparklines',
    label: `session list live: sessions whose activity count is exact`,
    unit: '%',
    op: '>=',
    target: 100,
    ours: summarize(liveRuns.map((r) => (100 * r.check.correct) / r.check.sessions)),
    info: { charts: liveRuns.map((r) => `${r.check.chartsRight}/${r.check.chartsInView} charts in view right`) },
  });
}

// ----------------------------------------------------------------------------- swimlanes

async function swimlaneMeasures(env, only) {
  const { page } = env;
  const { count, runs, gestureMs, active, rate, seconds } = CONFIG.swimlanes;

  if (only.has('swimlanes')) {
    log(
      `mount ${count.toLocaleString('en')} sessions × ${runs} runs into <run-swimlanes>, then a ${gestureMs / 1000} s zoom/pan gesture`,
    );
    const mounts = [];
    const gestures = await repeat(CONFIG.repeats, async (i) => {
      await page.evaluate(([n, r, seed]) => window.bench.lanesMountPrepare(n, r, seed), [count, runs, 500 + i]);
      mounts.push(await page.evaluate(() => window.bench.lanesMountMeasure()));
      await browser.startTracing(page, { categories: ['toplevel'] });
      const g = await page.evaluate((ms) => window.bench.lanesGesture(ms), gestureMs);
      const traceEvents = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents ?? [];
      const traced = longestMainThreadTask(traceEvents);
      return { ...g, longestTaskMs: Math.max(g.longestTaskMs, traced?.maxMs ?? 0) };
    });
    if (opts.profile) {
      await page.evaluate(([n, r, seed]) => window.bench.lanesMountPrepare(n, r, seed), [count, runs, 599]);
      await profiled(env, 'swimlanes-mount', () => page.evaluate(() => window.bench.lanesMountMeasure()));
      await profiled(env, 'swimlanes-gesture', () => page.evaluate((ms) => window.bench.lanesGesture(ms), gestureMs));
    }
    await page.evaluate(() => window.bench.clear());
    // The warm-up run's mount is not counted.
    const counted = mounts.slice(mounts.length - gestures.length);
    addRow({
      id: 'swimlanes.mount',
      label: `swimlanes: ${count.toLocaleString('en')} sessions × ${runs} runs → first painted blocks`,
      unit: 'ms',
      op: '<=',
      target: 50,
      ours: summarize(counted.map((r) => r.ms)),
      info: { frames: counted.map((r) => r.frames), longFrames: counted.map(frameSplit) },
    });
    addRow({
      id: 'swimlanes.nodes',
      label: `swimlanes: DOM nodes with ${count.toLocaleString('en')} sessions (lanes and blocks in the DOM)`,
      unit: 'count',
      ours: summarize(counted.map((r) => r.domNodes)),
      info: { lanes: counted.map((r) => r.lanes), blocks: counted.map((r) => r.blocks) },
    });
    addRow({
      id: 'swimlanes.gesture.frames',
      label: `swimlanes: ${gestureMs / 1000} s zoom/pan gesture over ${count.toLocaleString('en')} lanes: frames delivered`,
      unit: '%',
      op: '>=',
      target: 95,
      ours: summarize(gestures.map((r) => (100 * r.frames) / r.expectedFrames)),
      info: { maxBlocksInDom: gestures.map((r) => r.maxCardsInDom) },
    });
    addRow({
      id: 'swimlanes.gesture.longestTask',
      label: 'swimlanes gesture: longest main-thread task',
      unit: 'ms',
      op: '<=',
      target: 50,
      ours: summarize(gestures.map((r) => r.longestTaskMs)),
    });
  }
  if (!only.has('swimlanes-live')) return;
  log(`swimlanes live: ${rate} events/s across ${active} sessions for ${seconds} s`);
  const liveRuns = await repeat(CONFIG.repeats, async (i) => {
    const inst = sim.createInstance({ stepMs: 1 });
    const { session_ids: ids } = inst.seedSessions({ count: active, spacingMs: 1000 });
    for (const id of ids) inst.emit('session_updated', { session: { session_id: id, status: 'running' } });
    try {
      const setup = await page.evaluate((src) => window.bench.lanesLiveSetup(src), inst.sseUrl);
      for (const id of ids) inst.injectEvent(id, { event_type: 'run_start' });
      await browser.startTracing(page, { categories: ['toplevel'] });
      await page.evaluate(() => window.bench.probeStart(0));
      await page.evaluate(() => window.bench.lanesMotionStart());
      await feedSessions(inst, ids, { rate, updates: 0, seconds: i < 0 ? 2 : seconds, seed: 700 + i });
      await page.evaluate(() => window.bench.probeStopFrames());
      const motion = await page.evaluate(() => window.bench.lanesMotionStop());
      const traceEvents = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents ?? [];
      const traced = longestMainThreadTask(traceEvents);
      const probe = await page.evaluate(() => window.bench.probeFinish(null, 0));
      return {
        framesPct: (100 * probe.frames) / probe.expectedFrames,
        longestTaskMs: Math.max(probe.longestTaskMs, traced?.maxMs ?? 0),
        motion,
        setup,
      };
    } finally {
      await page.evaluate(() => window.bench.clear());
      inst.close();
    }
  });
  addRow({
    id: 'swimlanes.live.frames',
    label: `swimlanes live (${rate}/s over ${active} running sessions): frames delivered`,
    unit: '%',
    op: '>=',
    target: 95,
    ours: summarize(liveRuns.map((r) => r.framesPct)),
    info: { historyRequestsToOpen: liveRuns.map((r) => r.setup.requested) },
  });
  addRow({
    id: 'swimlanes.live.longestTask',
    label: 'swimlanes live: longest main-thread task',
    unit: 'ms',
    op: '<=',
    target: 50,
    ours: summarize(liveRuns.map((r) => r.longestTaskMs)),
  });
  addRow({
    id: 'swimlanes.live.motion',
    label: 'swimlanes live: frames in which now line or running blocks moved',
    unit: '%',
    op: '>=',
    target: 95,
    ours: summarize(liveRuns.map((r) => r.motion.movedPct)),
    info: {
      runningBlocksInView: liveRuns.map((r) => r.motion.runningBlocks),
      widestRunning: liveRuns.map(
        (r) => `${Math.round(r.motion.widestRunningBefore)} → ${Math.round(r.motion.widestRunningAfter)} px`,
      ),
    },
  });
}

// ----------------------------------------------------------------------------- report

function verdict(row) {
  if (row.target === undefined || !row.ours) return '';
  const ok = row.op === '<=' ? row.ours.median <= row.target : row.ours.median >= row.target;
  return ok ? 'ok' : 'MISSED';
}

function versus(row) {
  const ours = row.ours?.median;
  const naive = row.naive?.median;
  if (!Number.isFinite(ours) || !Number.isFinite(naive) || ours === 0 || naive === 0) return '';
  const lowerIsBetter = row.op === '<=';
  const factor = lowerIsBetter ? naive / ours : ours / naive;
  if (Math.abs(factor - 1) < 0.05) return 'same';
  return `${factor.toFixed(factor >= 10 ? 0 : 1)}× ${factor >= 1 ? 'better' : 'worse'}`;
}

function report() {
  const range = (s, unit) => (s ? `${fmt(s.median, unit)} (${fmt(s.min, unit)}–${fmt(s.max, unit)})` : '');
  const table = rows.map((r) => ({
    measure: r.label,
    target: r.target === undefined ? '' : `${r.op === '<=' ? '≤' : '≥'} ${fmt(r.target, r.unit)}`,
    'median (min–max)': range(r.ours, r.unit),
    '': verdict(r),
    'naive median (min–max)': range(r.naive, r.unit),
    'vs naive': versus(r),
  }));
  const cols = Object.keys(table[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...table.map((t) => String(t[c]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(width[i])).join(' | ')} |`;
  console.log('');
  console.log(line(cols));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(cols.map((c) => t[c])));
  console.log('');
  const n = CONFIG.naive;
  const naiveRuns = `; naive: mount ${Object.entries(n.mount)
    .map(([k, v]) => `${v}×${Number(k) / 1000}k`)
    .join(', ')}, scroll ${n.scroll}, ingest ${n.ingest}, latency ${n.latency}`;
  const runs = `${CONFIG.repeats} measured runs after a warm-up${NAIVE ? naiveRuns : ''}`;
  console.log(`${QUICK ? 'quick mode; ' : ''}${runs}; ${((Date.now() - started) / 1000).toFixed(0)} s total`);
  if (details.environment) {
    const e = details.environment;
    console.log(
      `Chromium ${e.chromium}, ${e.cpus} CPUs, load ${e.loadAverage.map((l) => l.toFixed(1)).join(' ')}, idle ${e.idleFps.toFixed(1)} Hz`,
    );
  }
  if (details.pageErrors) console.log(`page errors: ${details.pageErrors.join(' | ')}`);

  const out = {
    date: new Date().toISOString(),
    quick: QUICK,
    config: CONFIG,
    rows: rows.map((r) => ({ ...r, verdict: verdict(r), versusNaive: versus(r) })),
    details,
  };
  const file = join(ROOT, 'bench/results.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`results: ${relative(ROOT, file)}`);
}
