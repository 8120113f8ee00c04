// `npm run build`: everything under dist/ that package.json's `exports` promises.
//   1. ES modules per entry (src/<entry>.ts → dist/<entry>.js) with shared chunks, minified, with source
//      maps; dependencies stay external so an app's bundler dedupes Lit and friends.
//   2. One self-contained, minified module with everything (Lit, marked, DOMPurify included) for a
//      page without a build step that copies one file.
//   3. dist/cdn/: the same entries with their dependencies, as ES module chunks for a page without a
//      build step that loads them from a CDN, `autoloader.js` first: each element, then the markdown
//      parser, then DOMPurify (only where the browser has no sanitizer) load when first needed.
//   4. Type declarations for every entry (tsc -p tsconfig.build.json).
//   5. dist/custom-elements.json (custom-elements-manifest.config.mjs).
// Source maps are written beside the modules without a `sourceMappingURL` comment ('hidden'): for the
// benchmark's profiles and size reports here; the package does not ship them (package.json `files`).
// The entries are read from `exports`, so the build and the package map cannot drift apart. Both
// builds also minify the CSS and markup inside our `css`/`html`/`svg` templates (minifyLiterals).
import { readFileSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultStrategy } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
import { build, parseAst } from 'vite';
import { ROOT, runBin } from './bin.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const target = (value) => (typeof value === 'string' ? value : value?.default);

/** `{ index: 'src/index.ts', 'event-card': 'src/event-card.ts', ... }` from `exports`. */
export function libraryEntries(exportsMap = pkg.exports) {
  const entries = {};
  for (const value of Object.values(exportsMap)) {
    const match = /^\.\/dist\/([\w/-]+)\.js$/.exec(target(value) ?? '');
    if (match && !match[1].includes('bundle')) entries[match[1]] = join(ROOT, 'src', `${match[1]}.ts`);
  }
  return entries;
}

/** The entries of dist/cdn/: the library's entries without the React wrappers (they need a bundler). */
export function cdnEntries(exportsMap = pkg.exports) {
  const { react: _react, ...entries } = libraryEntries(exportsMap);
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

const SRC = join(ROOT, 'src') + sep;

/**
 * The text of our `html`, `svg` and `css` tagged templates, minified in the build only (the sources
 * stay readable): CSS through Lightning CSS, markup with runs of whitespace collapsed to one space
 * (`conservativeCollapse`: whitespace between inline elements and in text is significant, so none is
 * removed outright). Expressions are left as they are; a template it cannot handle fails the build.
 */
const minifyLiterals = () =>
  minifyHTMLLiterals({
    filter: (id) => id.startsWith(SRC) && id.endsWith('.ts'),
    failOnError: true,
    options: { minifyOptions: { conservativeCollapse: true }, strategy: staticTagStrategy },
  });

/**
 * The minifier stands a placeholder (`@TEMPLATE_EXPRESSION();`, with more `_` when the template holds
 * that text) for each binding, which does not parse as a tag name: a binding there (a scoped tag of
 * `lit/static-html.js`, `<${tag}>`) is minified as a placeholder element, named after the count of
 * `_`, and put back afterwards.
 */
const TAG_BINDING = /(<\/?)@TEMPLATE_EXPRESSION(_*)\(\);/g;
const TAG_PLACEHOLDER = /(<\/?)ce-tag-binding-(\d+)(?=[\s/>])/g;
const staticTagStrategy = {
  ...defaultStrategy,
  combineHTMLStrings(parts, placeholder) {
    const combined = defaultStrategy.combineHTMLStrings(parts, placeholder);
    return combined.replace(TAG_BINDING, (_m, open, underscores) => `${open}ce-tag-binding-${underscores.length}`);
  },
  async minifyHTML(html, options) {
    const minified = await defaultStrategy.minifyHTML(html, options);
    return minified.replace(TAG_PLACEHOLDER, (_m, open, n) => `${open}@TEMPLATE_EXPRESSION${'_'.repeat(Number(n))}();`);
  },
};

const isLink = (node) =>
  node.type === 'ImportDeclaration' ||
  node.type === 'ExportAllDeclaration' ||
  (node.type === 'ExportNamedDeclaration' && !node.declaration);

/**
 * Minified modules that only import and re-export other chunks (entry facades) get one statement per
 * line back: they have no code of their own (hence no source map) and read as the list of what an
 * entry exports.
 */
const facadesOneStatementPerLine = () => ({
  name: 'facades-one-statement-per-line',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const { body } = parseAst(chunk.code);
      if (body.every(isLink)) {
        chunk.code = `${body.map((node) => chunk.code.slice(node.start, node.end)).join('\n')}\n`;
      }
    }
  },
});

const common = {
  root: ROOT,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  // A browser library: `process` does not exist on the page.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [minifyLiterals()],
};

async function buildModules() {
  await build({
    ...common,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: 'hidden',
      // Minified like Lit's own published modules.
      minify: true,
      lib: { entry: libraryEntries(), formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        external,
        preserveEntrySignatures: 'allow-extension',
        plugins: [facadesOneStatementPerLine()],
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          // The client (and the wire types it normalizes) in one chunk, which is `client.js` itself (its
          // entry may export what the elements' chunks import from it, `allow-extension`): the client
          // alone is one file, and the elements import the client from it.
          codeSplitting: {
            groups: [
              {
                name: 'client',
                // What only the elements use (a host's events, the tool views' text models, transcripts)
                // stays out of client.js, and so does the stepwise JSON parser, which client.js loads
                // with the first big frame or answer.
                test: /[\\/]src[\\/](client|model|types)[\\/](?!local-session|adapt\.|ansi\.|line-diff\.|transcript\.|json-slices\.)|[\\/]src[\\/]client\.ts$/,
              },
            ],
          },
          // Vite keeps whitespace in ES library builds: minify fully, keeping licence comments and the
          // `@__PURE__` annotations an app's bundler tree-shakes with.
          minify: true,
          comments: { legal: true, annotation: true, jsdoc: false },
        },
      },
    },
  });
}

/**
 * For the one-file bundle, which holds everything anyway: the modules the library loads on first
 * use without side effects at load (a card's detail views, the markdown parser, the stepwise JSON
 * parser) are imported statically, so they are hoisted with the rest instead of wrapped for a
 * deferred start. DOMPurify's
 * module stays deferred: it creates the Trusted Types policy, which only a browser without its own
 * sanitizer needs.
 */
const HOISTED = ['./card-views.js', './markdown-render.js', '../model/json-slices.js'];
const hoistLazyModules = () => ({
  name: 'hoist-lazy-modules',
  transform(code, id) {
    if (!id.startsWith(SRC)) return null;
    let n = 0;
    const imports = [];
    const out = code.replace(/\bimport\((['"])([^'"]+)\1\)/g, (call, _q, spec) => {
      if (!HOISTED.includes(spec)) return call;
      const name = `__hoisted${n++}`;
      imports.push(`import * as ${name} from '${spec}';`);
      return `Promise.resolve(${name})`;
    });
    return n ? { code: `${imports.join('\n')}\n${out}`, map: null } : null;
  },
});

async function buildBundle() {
  const fileName = bundleFileName();
  await build({
    ...common,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: 'hidden',
      minify: true,
      lib: { entry: { bundle: join(ROOT, 'src/index.ts') }, formats: ['es'], fileName: () => fileName },
      rolldownOptions: {
        plugins: [hoistLazyModules()],
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

async function buildCdn() {
  await build({
    ...common,
    build: {
      outDir: 'dist/cdn',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: 'hidden',
      minify: true,
      lib: { entry: cdnEntries(), formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        preserveEntrySignatures: 'allow-extension',
        plugins: [facadesOneStatementPerLine()],
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          // Named after what they hold: the lazy ones are recognizable on the wire and in tests.
          codeSplitting: {
            groups: [
              { name: 'marked', test: /[\\/]node_modules[\\/]marked[\\/]/ },
              { name: 'dompurify', test: /[\\/]node_modules[\\/]dompurify[\\/]/ },
            ],
          },
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
    await step('CDN modules with the autoloader', buildCdn);
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
