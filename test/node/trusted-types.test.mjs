// Markdown under Trusted Types (docs/security.md): pages served by a real HTTP server with the strict CSP
// the README gives, loading the built library as a page without a build step would (the CDN layout's
// autoloader, and the one-file bundle), in Chromium, through both sanitizers (the browser's setHTML, and
// DOMPurify with setHTML taken away before the library loads). Markdown renders, with zero violations
// and zero errors. On a page that does not allow our policy, DOMPurify's path shows the text as text.
// Run after the build: `npm test` does; alone: `npm run build && node --test test/node/trusted-types.test.mjs`.
/* global document, window, Element -- page callbacks run in the browser */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome-path.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const BUNDLE = 'coordinator-elements.bundle.min.js';
/** What the README tells a strict page to send. */
const STRICT = "require-trusted-types-for 'script'; trusted-types lit-html coordinator-elements";
/** The page: DOMPurify's default policy name and Lit's, not ours. */
const WITHOUT_OURS = "require-trusted-types-for 'script'; trusted-types dompurify lit-html";

const PAGES = {
  cdn: '<script type="module" src="/dist/cdn/autoloader.js"></script>',
  bundle: `<script type="module" src="/dist/${BUNDLE}"></script>`,
};

const MESSAGE = {
  session_id: 'ses_0000000000tt',
  event_type: 'message',
  timestamp: '2026-11-24T02:00:00Z',
  role: 'assistant',
  content: [
    { type: 'text', text: 'The **tests** pass: see [the log](https://example.com/log) <img src=x onerror=alert(1)>' },
  ],
};

let server;
let origin;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST, 'cdn', 'autoloader.js')), 'dist/ is missing: run `npm run build` first');
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const csp = url.searchParams.get('csp') ?? STRICT;
    if (url.pathname === '/page.html') {
      const page = PAGES[url.searchParams.get('page')];
      res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': csp });
      res.end(
        `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><event-card></event-card>${page}</body></html>`,
      );
      return;
    }
    const file = join(ROOT, decodeURIComponent(url.pathname));
    if (!file.startsWith(DIST + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
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

/**
 * Opens `page` under `csp`, renders a message in its <event-card> and returns what the markdown
 * became, the violations and errors seen, and which sanitizer chunk the page fetched.
 */
async function render(page, { csp = STRICT, withoutSetHTML = false } = {}) {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  tab.on('pageerror', (err) => errors.push(err.message));
  await tab.addInitScript((strip) => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.sample || e.blockedURI}`),
    );
    // A browser without the HTML Sanitizer API (Safari today).
    if (strip) delete Element.prototype.setHTML;
  }, withoutSetHTML);
  try {
    await tab.goto(`${origin}/page.html?page=${page}&csp=${encodeURIComponent(csp)}`);
    const result = await tab.evaluate(async (event) => {
      await window.customElements.whenDefined('event-card');
      const card = document.querySelector('event-card');
      card.event = event;
      await card.updateComplete;
      const markdown = card.shadowRoot.querySelector('[part~="markdown"]');
      await markdown.updateComplete;
      const content = markdown.shadowRoot.querySelector('.content');
      return {
        html: content.innerHTML,
        text: content.textContent,
        trustedTypes: typeof window.trustedTypes,
        fetched: performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname.split('/').pop())
          .filter((f) => /dompurify|sanitize-purify|marked/.test(f)),
      };
    }, MESSAGE);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ...result, violations: await tab.evaluate(() => window.__violations), errors };
  } finally {
    await tab.close();
  }
}

describe(`markdown under Trusted Types (${STRICT})`, () => {
  for (const page of Object.keys(PAGES)) {
    for (const withoutSetHTML of [false, true]) {
      const path = withoutSetHTML ? 'DOMPurify (no setHTML)' : "the browser's setHTML";
      test(`${page === 'cdn' ? 'dist/cdn/autoloader.js' : 'the bundle'}, through ${path}: rendered, zero violations`, async () => {
        const r = await render(page, { withoutSetHTML });
        assert.equal(r.trustedTypes, 'object');
        assert.match(r.html, /<strong>tests<\/strong>/);
        assert.match(
          r.html,
          /<a href="https:\/\/example.com\/log" target="_blank" rel="noopener noreferrer">the log<\/a>/,
        );
        assert.match(r.text, /<img src=x onerror=alert\(1\)>/, 'raw HTML shown as text');
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.errors, []);
        if (page === 'cdn') {
          const purify = r.fetched.filter((f) => /dompurify|sanitize-purify/.test(f));
          assert.equal(purify.length, withoutSetHTML ? 2 : 0, `sanitizer chunks: ${r.fetched}`);
        }
      });
    }
  }
});

describe(`a page that does not allow our policy (${WITHOUT_OURS})`, () => {
  test("through the browser's setHTML: rendered, zero violations (no policy needed)", async () => {
    const r = await render('cdn', { csp: WITHOUT_OURS });
    assert.match(r.html, /<strong>tests<\/strong>/);
    assert.deepEqual(r.violations, []);
    assert.deepEqual(r.errors, []);
  });

  test('through DOMPurify: the text as text, not an empty box, and no uncaught error', async () => {
    const r = await render('cdn', { csp: WITHOUT_OURS, withoutSetHTML: true });
    assert.doesNotMatch(r.html, /<strong>/);
    assert.match(r.text, /The \*\*tests\*\* pass/);
    // The one violation: creating our policy, which this page does not allow.
    assert.deepEqual(
      r.violations.map((v) => v.split(':')[0]),
      ['trusted-types'],
    );
    assert.deepEqual(
      r.errors.filter((e) => !/Trusted Types|trusted-types|Content Security Policy/i.test(e)),
      [],
    );
  });
});
