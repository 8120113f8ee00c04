// Where the bytes go: the bundle's source map attributed per package, and what dist/client.js with
// its chunks would weigh minified (as an app's bundler would ship it). Diagnostics for the report;
// the budget itself is checked on dist/ as built (size-check.mjs).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ROOT, gzipBytes } from './sizes.mjs';
import { decodeMappings } from './sourcemap.mjs';

/** `node_modules/@scope/name/...` → `@scope/name`; our own files → `src/…` (or just `src`). */
function ownerOf(source, perFile) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (m) return m[1];
  const own = /(?:^|\/)(src\/.*)$/.exec(source);
  if (own) return perFile ? own[1] : 'src (this library)';
  return source;
}

/**
 * Bytes of a minified file per package, from its source map; the gzip figure of each package is its
 * share of the file's gzip size in proportion to raw bytes (gzip does not split exactly). `perFile`
 * lists this library's own source files one by one.
 */
export function composition(file, { perFile = false } = {}) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = code.split('\n');
  const bytes = new Map();
  const add = (owner, n) => bytes.set(owner, (bytes.get(owner) ?? 0) + n);
  // Text before a line's first mapping (and lines without any, e.g. inside a multi-line CSS or HTML
  // template literal) continues the previous segment, so it belongs to the same owner.
  let owner = '(unmapped)';
  decodeMappings(map.mappings).forEach((segments, lineNo) => {
    const line = lines[lineNo] ?? '';
    add(owner, (segments.length ? segments[0].col : line.length) + 1);
    segments.forEach((s, i) => {
      const end = i + 1 < segments.length ? segments[i + 1].col : line.length;
      if (s.src >= 0) owner = ownerOf(map.sources[s.src] ?? '?', perFile);
      add(owner, Math.max(0, end - s.col));
    });
  });
  const total = Buffer.byteLength(code);
  const gzip = gzipBytes(Buffer.from(code));
  return [...bytes.entries()]
    .map(([owner, n]) => ({ owner, bytes: n, share: n / total, gzipEstimate: Math.round((gzip * n) / total) }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Gzip size of dist/client.js and its chunks after minification (dependencies stay external). */
export async function minifiedClientGzip(clientEntry) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const out = mkdtempSync(join(tmpdir(), 'ce-bench-client-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      publicDir: false,
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        lib: { entry: clientEntry, formats: ['es'], fileName: () => 'client.js' },
        rolldownOptions: { external: (id) => deps.some((d) => id === d || id.startsWith(`${d}/`)) },
      },
    });
    let gzip = 0;
    for (const f of readdirSync(out, { recursive: true })) {
      if (String(f).endsWith('.js')) gzip += gzipBytes(readFileSync(join(out, String(f))));
    }
    return gzip;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
