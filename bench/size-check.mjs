// Size check (part of `npm test`, no browser): size-limit (.size-limit.mjs) measures the gzip size of
// what two pages on the CDN layout load (only a timeline; all three elements with markdown), of the
// self-contained bundle and of `dist/client.js` with the chunks it statically imports, and checks each
// against its ceiling (CEILINGS in lib/sizes.mjs: today's sizes plus a little room). This script runs
// it, says how far each size is from its target (BUDGETS) and which files make it up, and writes
// `.test-results/size.json` as `{passed, failed}` (one check per size). Exit 1 when a check failed or
// dist/ is incomplete.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath } from '../scripts/bin.mjs';
import { ROOT, budgets, kb } from './lib/sizes.mjs';

let passed = 0;
let failed = 0;
try {
  const list = budgets();
  const child = spawnSync(process.execPath, [binPath('size-limit', 'size-limit'), '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  let results;
  try {
    results = JSON.parse(child.stdout);
  } catch {
    throw new Error(`size-limit failed (exit ${child.status}): ${child.stderr.trim() || child.stdout.trim()}`);
  }
  for (const b of list) {
    const r = results.find((x) => x.name === b.name);
    const ok = !!r?.passed;
    if (ok) passed++;
    else failed++;
    const size = r?.size ?? Infinity;
    const target =
      size <= b.target ? `target ${kb(b.target)} met` : `target ${kb(b.target)} MISSED by ${kb(size - b.target)}`;
    const files = b.files.map((f) => f.replace(/^dist\/(cdn\/)?(chunks\/)?/, '')).join(', ');
    console.log(`${ok ? '✓' : '✗'} ${b.name}: ${kb(size)} gzip (ceiling ${kb(b.ceiling)}, ${target})`);
    console.log(`    ${b.files.length} file(s): ${files}${b.note ? `; ${b.note}` : ''}`);
  }
} catch (error) {
  console.error(`size: ${error instanceof Error ? error.message : error}`);
  failed++;
}

const results = join(ROOT, '.test-results');
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'size.json'), `${JSON.stringify({ passed, failed })}\n`);
console.log(`size: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
