// Gzip sizes of what a page downloads: the self-contained bundle; `dist/client.js` with every chunk it
// loads through static imports (followed transitively; dynamic `import()` is not loaded up front and
// bare specifiers are the app's own dependencies, so neither counts); and two pages on the CDN layout
// (dist/cdn/, each file gzipped on its own as a browser fetches it): one with only a timeline of
// tool events (the autoloader and the timeline's modules, no markdown), and one with all three
// elements showing markdown on a browser with its own sanitizer (+ the parser's chunk, no DOMPurify).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Budgets in bytes (gzip), from the issues: the targets the benchmark reports against. */
export const BUDGETS = { timeline: 45 * 1024, allNative: 60 * 1024, bundle: 72 * 1024, client: 8 * 1024 };

/**
 * What `npm test` enforces (bench/size-check.mjs): the sizes as they are today plus a little room, so
 * nothing grows unnoticed while the targets above are not met. Lower them whenever the sizes go down;
 * once a size is under its target, its target becomes its ceiling. (Raised knowingly with readable
 * cards, issue 21, and hostile servers, issue 22; lowered again as a card's details and the stepwise
 * JSON parser came to load on first use; raised knowingly again for <session-list>, issue 18, to
 * 68.7 / 101.4 / 118.4 / 14.9 KB measured: the element itself in the bundle, and on every page the
 * client's activity counting and shared history loader and the list's words in the shared strings —
 * a timeline-only page pays for those until they load apart; then for issue 20 — pointing at events,
 * search highlights, errors only, an empty state per reason, the chat's thread that never drops a
 * send, why a run failed (74.4 / 108.1 / 124.4 / 16.1 KB measured with both); and the bundle for
 * <run-swimlanes>, issue 19 (135.4 KB; its words in the shared strings 0.7 KB on the other pages): the element with its lanes, axis, activity strip, table and
 * keyboard, the runs of many sessions and the time scale (kept out of client.js), its words in two
 * languages; and again for the rest of issue 19 (136.4 KB): the time axis as a slider, the frame loop
 * that renders once per frame, lanes kept across a reconnect, the inner frame of three elements.
 * bench/README.md has the history.)
 */
export const CEILINGS = { timeline: 76.1 * 1024, allNative: 109.8 * 1024, bundle: 137.4 * 1024, client: 17.2 * 1024 };

const pkg = () => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const target = (value) => (typeof value === 'string' ? value : value?.default);

/** Gzip at level 9, as bundle size reporters (gzip-size, bundlephobia) count it. */
export const gzipBytes = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** Relative static import/export specifiers of one ES module. */
export function staticImports(code) {
  const out = [];
  for (const node of parseAst(code).body) {
    const source = node.source?.value;
    if (
      typeof source === 'string' &&
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportAllDeclaration' ||
        node.type === 'ExportNamedDeclaration')
    ) {
      out.push(source);
    }
  }
  return out;
}

/**
 * `entry` and the files it statically imports, transitively.
 * @returns {{ files: { path: string, bytes: number, gzip: number }[], external: string[], bytes: number, gzip: number }}
 */
export function moduleGraphSize(entry) {
  const seen = new Set();
  const external = new Set();
  const files = [];
  const queue = [resolve(entry)];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is imported but missing`);
    const buffer = readFileSync(file);
    files.push({ path: relative(ROOT, file), bytes: buffer.length, gzip: gzipBytes(buffer) });
    for (const spec of staticImports(buffer.toString('utf8'))) {
      if (spec.startsWith('./') || spec.startsWith('../')) queue.push(resolve(dirname(file), spec));
      else external.add(spec);
    }
  }
  return {
    files,
    external: [...external].sort(),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

/** Paths of the bundle, the client entry and the CDN layout, read from package.json `exports`. */
export function distPaths() {
  const exportsMap = pkg().exports ?? {};
  return {
    bundle: join(ROOT, target(exportsMap['./bundle.js']) ?? 'dist/coordinator-elements.bundle.min.js'),
    client: join(ROOT, target(exportsMap['./client.js']) ?? 'dist/client.js'),
    cdn: join(ROOT, 'dist/cdn'),
  };
}

/** The file of CDN chunk `name` (`chunks/<name>-<hash>.js`). */
export function cdnChunk(name) {
  const dir = join(distPaths().cdn, 'chunks');
  const file = existsSync(dir) && readdirSync(dir).find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  if (!file) throw new Error(`dist/cdn/chunks/${name}-*.js is missing: run npm run build`);
  return join(dir, file);
}

/** What a page loads from several entry files (each with its static imports), every file once. */
export function pageSize(entries) {
  const files = new Map();
  for (const entry of entries) for (const f of moduleGraphSize(entry).files) files.set(f.path, f);
  const list = [...files.values()];
  return { files: list, bytes: list.reduce((n, f) => n + f.bytes, 0), gzip: list.reduce((n, f) => n + f.gzip, 0) };
}

/** Every measured size; throws when dist/ lacks a file (run `npm run build`). */
export function measureSizes() {
  const paths = distPaths();
  if (!existsSync(paths.bundle)) throw new Error(`${relative(ROOT, paths.bundle)} is missing: run npm run build`);
  const bundleBuffer = readFileSync(paths.bundle);
  const cdn = (file) => join(paths.cdn, file);
  const timeline = [cdn('autoloader.js'), cdn('event-timeline.js')];
  const allNative = [...timeline, cdn('event-card.js'), cdn('chat-panel.js'), cdnChunk('markdown-render')];
  const all = pageSize(allNative);
  const withPurify = pageSize([...allNative, cdnChunk('sanitize-purify')]);
  return {
    bundle: { path: relative(ROOT, paths.bundle), bytes: bundleBuffer.length, gzip: gzipBytes(bundleBuffer) },
    client: moduleGraphSize(paths.client),
    timeline: pageSize(timeline),
    allNative: all,
    // Where the browser has no sanitizer of its own (Safari today): what that page loads on top.
    purify: { files: withPurify.files.filter((f) => !all.files.includes(f)), gzip: withPurify.gzip - all.gzip },
  };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The size budgets, for size-limit (.size-limit.mjs): each a name, the files a page loads for it
 * (which size-limit sums, each gzipped on its own at level 9), the enforced ceiling and the target.
 */
export function budgets() {
  const sizes = measureSizes();
  const paths = (files) => files.map((f) => f.path);
  return [
    {
      id: 'timeline',
      name: 'page with only <event-timeline> of tool events (dist/cdn/autoloader.js)',
      files: paths(sizes.timeline.files),
      ceiling: CEILINGS.timeline,
      target: BUDGETS.timeline,
    },
    {
      id: 'allNative',
      name: 'page with all three elements and markdown, browser sanitizer (dist/cdn/)',
      files: paths(sizes.allNative.files),
      ceiling: CEILINGS.allNative,
      target: BUDGETS.allNative,
      note: `without DOMPurify (+${kb(sizes.purify.gzip)} where the browser has no sanitizer)`,
    },
    {
      id: 'bundle',
      name: `${sizes.bundle.path} (all-in)`,
      files: [sizes.bundle.path],
      ceiling: CEILINGS.bundle,
      target: BUDGETS.bundle,
    },
    {
      id: 'client',
      name: `${sizes.client.files[0].path} + ${sizes.client.files.length - 1} chunk(s)`,
      files: paths(sizes.client.files),
      ceiling: CEILINGS.client,
      target: BUDGETS.client,
      note: sizes.client.external.length ? `external: ${sizes.client.external.join(', ')}` : '',
    },
  ];
}
