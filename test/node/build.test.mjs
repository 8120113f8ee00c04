// Checks what `npm run build` put in dist/ against package.json, and loads the self-contained bundle in
// Chromium on a plain page (no bundler, no import map) the way the README tells people to use it.
// Run after the build: `npm test` does; alone: `npm run build && node --test test/node/build.test.mjs`.
/* global document, customElements -- page.evaluate callbacks run in the browser */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome-path.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const TAGS = { 'event-card': 'EventCard', 'event-timeline': 'EventTimeline', 'chat-panel': 'ChatPanel' };
const BUNDLE = 'coordinator-elements.bundle.min.js';

const read = (file) => readFileSync(join(ROOT, file), 'utf8');
const isCdn = (file) => relative(DIST, file).split(sep)[0] === 'cdn';
const targetsOf = (value) => (typeof value === 'string' ? { default: value } : value);

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Import specifiers of an ES module's static and dynamic imports and re-exports. */
function importsOf(code) {
  const specifiers = new Set();
  for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g))
    specifiers.add(m[1]);
  for (const m of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) specifiers.add(m[1]);
  return [...specifiers];
}

before(() => {
  assert.ok(existsSync(DIST), 'dist/ is missing: run `npm run build` first');
});

describe('package.json and dist/', () => {
  test('every file the exports map names exists', () => {
    const missing = [];
    for (const [subpath, value] of Object.entries(pkg.exports)) {
      for (const file of Object.values(targetsOf(value)))
        if (!existsSync(join(ROOT, file))) missing.push(`${subpath} → ${file}`);
    }
    assert.deepEqual(missing, []);
  });

  test('main, module, types and customElements point at built files', () => {
    for (const field of ['main', 'module', 'types', 'customElements']) {
      assert.ok(existsSync(join(ROOT, pkg[field])), `${field}: ${pkg[field]} does not exist`);
    }
  });

  test('every module entry has a declaration file next to it', () => {
    for (const [subpath, value] of Object.entries(pkg.exports)) {
      const { types, default: js } = targetsOf(value);
      if (!js.endsWith('.js') || js.includes('bundle')) continue;
      assert.ok(types, `${subpath} has no "types" condition`);
      assert.equal(types, js.replace(/\.js$/, '.d.ts'), `${subpath}: types and module disagree`);
    }
  });

  test('the per-entry modules keep dependencies external and import nothing undeclared', () => {
    const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
    const modules = filesUnder(DIST).filter((f) => f.endsWith('.js') && !f.endsWith(BUNDLE) && !isCdn(f));
    assert.ok(modules.length >= 5);
    for (const file of modules) {
      const code = readFileSync(file, 'utf8');
      for (const specifier of importsOf(code)) {
        if (specifier.startsWith('./') || specifier.startsWith('../')) {
          const target = join(file, '..', specifier);
          assert.ok(existsSync(target), `${relative(ROOT, file)} imports missing ${specifier}`);
          continue;
        }
        assert.ok(
          deps.some((d) => specifier === d || specifier.startsWith(`${d}/`)),
          `${relative(ROOT, file)} imports ${specifier}, which is not a dependency`,
        );
      }
      // Lit's own code registers its version here: it must come from the app's copy of `lit`.
      assert.doesNotMatch(code, /litHtmlVersions/, `${relative(ROOT, file)} contains a copy of lit-html`);
    }
    assert.ok(
      modules.some((file) => importsOf(readFileSync(file, 'utf8')).includes('lit')),
      'dist/ imports lit nowhere: was it bundled?',
    );
  });

  test('the code has source maps beside it, which it does not name (they are not packed)', () => {
    // Modules that only import and re-export (the entries, facades) have no code of their own, hence no map.
    const onlyLinks = (code) => !code.replace(/^\s*(import|export)\b[^;]*;?\s*$/gm, '').trim();
    // The bundler's own helpers (rolldown-runtime) have no source either.
    const withCode = filesUnder(DIST).filter(
      (f) => f.endsWith('.js') && !/rolldown-runtime/.test(f) && !onlyLinks(readFileSync(f, 'utf8')),
    );
    assert.ok(withCode.length >= 3);
    for (const file of withCode) {
      assert.doesNotMatch(
        readFileSync(file, 'utf8'),
        /\/\/# sourceMappingURL=/,
        `${relative(ROOT, file)} names its map`,
      );
      const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
      assert.ok(sources.length > 0, `${relative(ROOT, file)}.map maps no sources`);
    }
    assert.ok(pkg.files.includes('!dist/**/*.map'), 'package.json files should leave the maps out');
  });

  test('no declaration maps (they would point at src/, which is not shipped)', () => {
    assert.deepEqual(
      filesUnder(DIST)
        .filter((f) => f.endsWith('.d.ts.map'))
        .map((f) => relative(ROOT, f)),
      [],
    );
  });

  test('the element entries declare their classes; the client entry declares the client', () => {
    for (const [tag, className] of Object.entries(TAGS)) {
      assert.match(read(`dist/${tag}.d.ts`), new RegExp(`\\b${className}\\b`));
      assert.match(read('dist/index.d.ts'), new RegExp(`\\b${className}\\b`));
    }
    assert.match(read('dist/client.d.ts'), /client\/index\.js/);
  });

  test('the client entry runs in Node without a DOM and registers nothing', async () => {
    assert.equal(typeof globalThis.customElements, 'undefined');
    const client = await import(pathToFileURL(join(DIST, 'client.js')).href);
    assert.equal(typeof client.acquireClient, 'function');
    assert.equal(typeof client.normalizeEvent, 'function');
    const event = client.normalizeEvent({
      event_type: 'session_start',
      session_id: 'ses_0123456789ab',
      timestamp: 't',
    });
    assert.equal(event.type, 'run_start');
    assert.equal(event.legacy, true);
  });

  test('client.js loads the stepwise JSON parser only on demand (the first big frame or answer)', async () => {
    const { moduleGraphSize } = await import('../../bench/lib/sizes.mjs');
    const graph = moduleGraphSize(join(DIST, 'client.js'));
    assert.deepEqual(
      graph.files.filter((f) => /json-slices/.test(f.path)),
      [],
      'not among the files client.js imports statically',
    );
    const code = graph.files.map((f) => read(f.path)).join('\n');
    const lazy = [...code.matchAll(/\bimport\(\s*[`'"]([^`'"]*json-slices-[\w-]+\.js)[`'"]\s*\)/g)].map((m) => m[1]);
    assert.equal(lazy.length, 1, 'one dynamic import of it');
    assert.ok(existsSync(join(DIST, lazy[0])), `${lazy[0]} exists`);
    // It is the parser: its one export parses a text in steps.
    const exports = Object.values(await import(pathToFileURL(join(DIST, lazy[0])).href));
    assert.equal(exports.length, 1);
    const parser = exports[0]('{"a":[1,"x"]}');
    while (!parser.step(4));
    assert.deepEqual(parser.value, { a: [1, 'x'] });
  });

  test('dist/cdn/ is self-contained: relative imports only, the parser and DOMPurify only imported on demand', () => {
    const modules = filesUnder(join(DIST, 'cdn')).filter((f) => f.endsWith('.js'));
    assert.ok(existsSync(join(DIST, 'cdn', 'autoloader.js')));
    for (const tag of Object.keys(TAGS)) assert.ok(existsSync(join(DIST, 'cdn', `${tag}.js`)), `cdn/${tag}.js`);
    const chunk = (name) => modules.filter((f) => new RegExp(`[\\\\/]${name}-[\\w-]+\\.js$`).test(f));
    for (const name of ['marked', 'dompurify', 'markdown-render', 'sanitize-purify']) {
      assert.equal(chunk(name).length, 1, `one ${name} chunk`);
    }
    const lazy = [...chunk('marked'), ...chunk('dompurify')].map((f) => `./${f.split(/[\\/]/).pop()}`);
    for (const file of modules) {
      const code = readFileSync(file, 'utf8');
      for (const specifier of importsOf(code)) {
        assert.ok(
          specifier.startsWith('./') || specifier.startsWith('../'),
          `${relative(ROOT, file)} imports ${specifier}`,
        );
        assert.ok(existsSync(join(file, '..', specifier)), `${relative(ROOT, file)} imports missing ${specifier}`);
      }
    }
    // Statically, marked is imported only by the markdown renderer and DOMPurify only by its sanitizer,
    // which the elements import dynamically.
    const staticImporters = (target) =>
      modules
        .filter((f) => !lazy.includes(`./${f.split(/[\\/]/).pop()}`))
        .filter((f) =>
          [...readFileSync(f, 'utf8').matchAll(/\bimport\s*[\w{},\s*$]*from\s*["']([^"']+)["']/g)].some(
            (m) => m[1] === target,
          ),
        )
        .map((f) =>
          f
            .split(/[\\/]/)
            .pop()
            .replace(/-[\w-]{8}\.js$/, ''),
        );
    assert.deepEqual(staticImporters(lazy[0]), ['markdown-render']);
    assert.deepEqual(staticImporters(lazy[1]), ['sanitize-purify']);
  });

  test('the bundle is one file that imports nothing', () => {
    const code = read(`dist/${BUNDLE}`);
    assert.deepEqual(importsOf(code), []);
    assert.match(code, /litHtmlVersions/, 'Lit should be inside the bundle');
    // Minified: no module banners or other line comments (only the source map reference).
    const lineComments = code.split('\n').filter((l) => l.startsWith('//'));
    assert.deepEqual(lineComments, [], 'the bundle does not look minified');
  });
});

describe('custom-elements.json', () => {
  const manifest = () => JSON.parse(read('dist/custom-elements.json'));
  const declarations = () =>
    manifest().modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, modulePath: m.path })));

  test('describes the three elements with their tag names, at paths the package ships', () => {
    for (const [tag, className] of Object.entries(TAGS)) {
      const decl = declarations().find((d) => d.tagName === tag);
      assert.ok(decl, `no declaration with tagName ${tag}`);
      assert.equal(decl.name, className);
      assert.equal(decl.customElement, true);
      assert.ok(existsSync(join(ROOT, decl.modulePath)), `${decl.modulePath} does not exist`);
      const mod = manifest().modules.find((m) => m.path === decl.modulePath);
      assert.ok(
        mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag),
        `${tag} has no custom-element-definition export`,
      );
    }
  });

  test('carries the JSDoc of each element and the attributes of the documented API', () => {
    for (const tag of Object.keys(TAGS)) {
      const decl = declarations().find((d) => d.tagName === tag);
      assert.ok(decl.summary || decl.description, `${tag} has no @summary or description`);
    }
    for (const tag of ['event-timeline', 'chat-panel']) {
      const names = (declarations().find((d) => d.tagName === tag).attributes ?? []).map((a) => a.name);
      for (const attribute of ['src', 'session-id']) assert.ok(names.includes(attribute), `${tag} lacks ${attribute}`);
    }
  });
});

describe('the bundle on a page with no build step', () => {
  let server;
  let origin;
  let browser;

  const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/page.html') {
        // Plain HTML: the bundle, loaded `copies` times as separate module instances (two copies of the
        // library on one page), then an element.
        const copies = Number(url.searchParams.get('copies') ?? 1);
        const scripts = Array.from(
          { length: copies },
          (_, i) => `<script type="module" src="/dist/${BUNDLE}?copy=${i + 1}"></script>`,
        ).join('\n');
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">${scripts}</head><body></body></html>`,
        );
        return;
      }
      const file = join(ROOT, decodeURIComponent(url.pathname));
      if (!file.startsWith(DIST + sep) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
    const executablePath = findChrome();
    assert.ok(executablePath, 'no Chromium (see scripts/chrome-path.mjs)');
    browser = await chromium.launch({ executablePath, args: CHROME_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  /** Opens the page; `goto` waits for `load`, which follows the run of every (deferred) module script. */
  async function open(copies) {
    const page = await browser.newPage();
    const warnings = [];
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'warning') warnings.push(msg.text());
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/page.html?copies=${copies}`);
    return { page, warnings, errors };
  }

  test('defines the three elements and renders an <event-card> for a post_tool event', async () => {
    const { page, errors } = await open(1);
    try {
      const line = read('test/fixtures/current-two-runs.sse')
        .split('\n')
        .find((l) => l.startsWith('data: ') && l.includes('"tool_name": "Bash"'));
      const wire = JSON.parse(line.slice('data: '.length)).data;
      const text = await page.evaluate(
        async ({ wire, bundle }) => {
          const lib = await import(`/dist/${bundle}?copy=1`);
          const card = document.createElement('event-card');
          card.event = lib.normalizeEvent(wire);
          document.body.append(card);
          await card.updateComplete;
          return card.shadowRoot.textContent;
        },
        { wire, bundle: BUNDLE },
      );
      for (const tag of Object.keys(TAGS)) {
        assert.equal(await page.evaluate((t) => typeof customElements.get(t), tag), 'function', `${tag} not defined`);
      }
      assert.match(text, /Bash/);
      assert.match(text, /List files|ls/);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a second copy on the page does not throw, warns once per element and keeps the first', async () => {
    const { page, warnings, errors } = await open(2);
    try {
      const same = await page.evaluate(async (bundle) => {
        const first = await import(`/dist/${bundle}?copy=1`);
        const second = await import(`/dist/${bundle}?copy=2`);
        return {
          distinctCopies: first.EventCard !== second.EventCard,
          keptFirst: customElements.get('event-card') === first.EventCard,
        };
      }, BUNDLE);
      assert.deepEqual(same, { distinctCopies: true, keptFirst: true });
      assert.deepEqual(errors, []);
      for (const tag of Object.keys(TAGS)) {
        const about = warnings.filter((w) => w.includes(`<${tag}>`));
        assert.equal(about.length, 1, `expected one warning about <${tag}>, got ${JSON.stringify(warnings)}`);
      }
    } finally {
      await page.close();
    }
  });
});
