// Size check (part of `npm test`, no browser): gzip size of what two pages on the CDN layout load (only
// a timeline; all three elements with markdown), of the self-contained bundle and of `dist/client.js`
// with the chunks it statically imports (lib/sizes.mjs). Fails (exit 1) above the enforced ceiling
// (CEILINGS in lib/sizes.mjs: today's sizes plus a little room) or when dist/ is incomplete, and says
// how far each size is from the performance issue's target (BUDGETS). Writes
// `.test-results/size.json` as `{passed, failed}` (one check per size).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS, CEILINGS, ROOT, kb, measureSizes } from './lib/sizes.mjs';

const checks = [];
const listed = (files) =>
  files.map((f) => `${f.path.replace(/^dist\/(cdn\/)?(chunks\/)?/, '')} ${kb(f.gzip)}`).join(', ');
try {
  const sizes = measureSizes();
  checks.push({
    name: `page with only <event-timeline> of tool events (dist/cdn/autoloader.js, ${sizes.timeline.files.length} files)`,
    gzip: sizes.timeline.gzip,
    budget: CEILINGS.timeline,
    target: BUDGETS.timeline,
    detail: listed(sizes.timeline.files),
  });
  checks.push({
    name: `page with all three elements and markdown, browser sanitizer (dist/cdn/, ${sizes.allNative.files.length} files)`,
    gzip: sizes.allNative.gzip,
    budget: CEILINGS.allNative,
    target: BUDGETS.allNative,
    detail: `without DOMPurify (+${kb(sizes.purify.gzip)} where the browser has no sanitizer)`,
  });
  checks.push({
    name: `bundle ${sizes.bundle.path}`,
    gzip: sizes.bundle.gzip,
    budget: CEILINGS.bundle,
    target: BUDGETS.bundle,
    detail: `${kb(sizes.bundle.bytes)} raw, all-in`,
  });
  const { client } = sizes;
  const external = client.external.length ? `; external: ${client.external.join(', ')}` : '';
  checks.push({
    name: `client ${client.files[0].path} + ${client.files.length - 1} chunk(s)`,
    gzip: client.gzip,
    budget: CEILINGS.client,
    target: BUDGETS.client,
    detail: `${listed(client.files)}${external}`,
  });
} catch (error) {
  console.error(`size: ${error instanceof Error ? error.message : error}`);
  checks.push({ name: 'dist files', gzip: Infinity, budget: 0, detail: 'could not be measured' });
}

let passed = 0;
let failed = 0;
for (const c of checks) {
  const ok = c.gzip <= c.budget;
  if (ok) passed++;
  else failed++;
  const target =
    c.target === undefined
      ? ''
      : c.gzip <= c.target
        ? `, target ${kb(c.target)} met`
        : `, target ${kb(c.target)} MISSED by ${kb(c.gzip - c.target)}`;
  const figure = Number.isFinite(c.gzip) ? `${kb(c.gzip)} gzip (ceiling ${kb(c.budget)}${target})` : 'not measured';
  console.log(`${ok ? '✓' : '✗'} ${c.name}: ${figure} — ${c.detail}`);
}

const results = join(ROOT, '.test-results');
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'size.json'), `${JSON.stringify({ passed, failed })}\n`);
console.log(`size: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
