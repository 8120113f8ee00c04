// Size check (part of `npm test`, no browser): gzip size of the self-contained bundle and of
// `dist/client.js` with the chunks it statically imports. Fails (exit 1) above the enforced ceiling
// (CEILINGS in lib/sizes.mjs: today's sizes plus a little room) or when dist/ is incomplete, and says
// how far each size is from the performance issue's target (BUDGETS). Writes
// `.test-results/size.json` as `{passed, failed}` (one check per file).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS, CEILINGS, ROOT, kb, measureSizes } from './lib/sizes.mjs';

const checks = [];
try {
  const { bundle, client } = measureSizes();
  checks.push({
    name: `bundle ${bundle.path}`,
    gzip: bundle.gzip,
    budget: CEILINGS.bundle,
    target: BUDGETS.bundle,
    detail: `${kb(bundle.bytes)} raw`,
  });
  const external = client.external.length ? `; external: ${client.external.join(', ')}` : '';
  checks.push({
    name: `client ${client.files[0].path} + ${client.files.length - 1} chunk(s)`,
    gzip: client.gzip,
    budget: CEILINGS.client,
    target: BUDGETS.client,
    detail: `${client.files.map((f) => `${f.path} ${kb(f.gzip)}`).join(', ')}${external}`,
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
