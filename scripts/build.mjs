// `npm run build`: everything under dist/ that package.json's `exports` promises.
//   1. ES modules per entry (src/<entry>.ts → dist/<entry>.js) with shared chunks and source maps;
//      dependencies stay external so an app's bundler dedupes Lit and friends.
//   2. One self-contained, minified module with everything (Lit, marked, DOMPurify included) for a
//      page without a build step.
//   3. Type declarations for every entry (tsc -p tsconfig.build.json).
//   4. dist/custom-elements.json (custom-elements-manifest.config.mjs).
// The entries are read from `exports`, so the build and the package map cannot drift apart.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { ROOT, runBin } from './bin.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const target = (value) => (typeof value === 'string' ? value : value?.default);

/** `{ index: 'src/index.ts', 'event-card': 'src/event-card.ts', ... }` from `exports`. */
export function libraryEntries(exportsMap = pkg.exports) {
  const entries = {};
  for (const value of Object.values(exportsMap)) {
    const match = /^\.\/dist\/([\w-]+)\.js$/.exec(target(value) ?? '');
    if (match && !match[1].includes('bundle')) entries[match[1]] = join(ROOT, 'src', `${match[1]}.ts`);
  }
  return entries;
}

/** File name of the no-build-step bundle, from the `./bundle.js` export. */
export function bundleFileName(exportsMap = pkg.exports) {
  return target(exportsMap['./bundle.js']).replace(/^\.\/dist\//, '');
}

const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// `lit` and `lit/decorators.js` are external; `./lit-thing.js` is not.
const external = new RegExp(`^(${deps.map(escape).join('|')})(/|$)`);

const common = {
  root: ROOT,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  // A browser library: `process` does not exist on the page.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

async function buildModules() {
  await build({
    ...common,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      // Minified like Lit's own published modules; source maps keep them debuggable.
      minify: true,
      lib: { entry: libraryEntries(), formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        external,
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
}

async function buildBundle() {
  const fileName = bundleFileName();
  await build({
    ...common,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      minify: true,
      lib: { entry: { bundle: join(ROOT, 'src/index.ts') }, formats: ['es'], fileName: () => fileName },
      rolldownOptions: {
        output: {
          codeSplitting: false,
          // Vite keeps whitespace in ES library builds; this file is for direct use, so minify fully
          // but keep the licence comments of the bundled packages.
          minify: true,
          comments: { legal: true, annotation: false, jsdoc: false },
        },
      },
    },
  });
}

async function step(name, fn) {
  const started = Date.now();
  console.log(`build: ${name}`);
  const ok = await fn();
  if (ok === false) {
    console.error(`build: ${name} failed`);
    process.exit(1);
  }
  console.log(`build: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  try {
    await step('ES modules per entry', buildModules);
    await step('self-contained bundle', buildBundle);
  } catch (err) {
    console.error(err?.message ?? err);
    process.exit(1);
  }
  await step('type declarations', async () => (await runBin('typescript', 'tsc', ['-p', 'tsconfig.build.json'])) === 0);
  await step(
    'custom-elements.json',
    async () =>
      (await runBin('@custom-elements-manifest/analyzer', 'cem', [
        'analyze',
        '--litelement',
        '--config',
        'custom-elements-manifest.config.mjs',
      ])) === 0,
  );
}
