// `npm run lint`: ESLint, Prettier (check only) and lit-analyzer (types inside Lit templates).
// All three run even when one fails, so one run shows every problem; exits 1 if any failed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runBin } from './bin.mjs';

// lit-analyzer reads React's `JSX.IntrinsicElements` entries (src/react) as element declarations
// that shadow the real classes, and then reports every property binding as unknown. The React
// bindings contain no Lit templates, so they are left out of its run (ESLint and tsc still check them).
const litSources = readdirSync(join(ROOT, 'src'))
  .filter((name) => name !== 'react' && name !== 'react.ts')
  .map((name) => `src/${name}`);

const checks = [
  ['eslint', () => runBin('eslint', 'eslint', ['.'])],
  ['prettier', () => runBin('prettier', 'prettier', ['--check', '.'])],
  // no-invalid-css is off: the analyzer's CSS data predates properties we use (e.g. color-scheme).
  [
    'lit-analyzer',
    () => runBin('lit-analyzer', 'lit-analyzer', [...litSources, '--strict', '--rules.no-invalid-css', 'off']),
  ],
];

const failed = [];
for (const [name, check] of checks) {
  console.log(`lint: ${name}`);
  if ((await check()) !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`lint: failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('lint: all clean');
