// `node scripts/check-pack.mjs`: what `npm publish` would ship, checked before anyone publishes it.
// Needs a built dist/ (`npm run build`; `npm test` builds first). Four checks, each one pass or fail:
//   1. the tarball holds only dist/**, package.json, README.md, CHANGELOG.md and LICENSE
//      (package.json, README.md and, when the repository has one, LICENSE must be in it);
//   2. nothing test-only slipped into dist/ (tests, stories, test kits and helpers);
//   3. publint --strict (package.json fields, exports and files agree with what is packed);
//   4. @arethetypeswrong/cli with the esm-only profile (the types resolve for every export; the
//      package is ESM-only, so CommonJS `require` and node10 resolution are out of scope).
// Writes .test-results/pack.json `{ passed, failed }` and exits 1 when a check failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, binPath } from './bin.mjs';

const RESULTS = join(ROOT, '.test-results');
const ALWAYS = ['package.json', 'README.md'];
const ALLOWED = new Set([...ALWAYS, 'CHANGELOG.md', 'LICENSE']);
const TEST_ONLY = [
  /\.(test|spec|stories)\.[cm]?[jt]sx?(\.map)?$/,
  /\.(test|spec|stories)\.d\.[cm]?ts(\.map)?$/,
  /(^|\/)test-kit(\/|\.|$)/,
  /(^|\/)test-helpers(\/|\.|$)/,
  /(^|\/)(test|tests|__tests__|stories|fixtures)\//,
];

const results = { passed: 0, failed: 0 };

function save() {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'pack.json'), JSON.stringify(results));
}

function report(name, problems) {
  if (problems.length) {
    results.failed++;
    console.log(`✗ ${name}\n  ${problems.join('\n  ')}`);
  } else {
    results.passed++;
    console.log(`✓ ${name}`);
  }
}

/** Runs a command in the project root; returns `{ status, stdout, stderr }` (output also kept for errors). */
function run(command, args, { echo = false } = {}) {
  const child = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // `npm` is a .cmd shim on Windows.
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (child.error) return { status: 1, stdout: '', stderr: child.error.message };
  if (echo) process.stdout.write(`${child.stdout}${child.stderr}`);
  return { status: child.status ?? 1, stdout: child.stdout, stderr: child.stderr };
}

/** npm itself: the one running this script (`npm test`), else the one on PATH. */
function npm(args) {
  const cli = process.env.npm_execpath;
  return cli && /\.[cm]?js$/.test(cli) ? run(process.execPath, [cli, ...args]) : run('npm', args);
}

if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
  console.error('check-pack: dist/ is missing or incomplete: run `npm run build` first');
  results.failed++;
  save();
  process.exit(1);
}

// 1 and 2: the file list.
const packed = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
let files = null;
try {
  files = JSON.parse(packed.stdout)[0].files.map((f) => f.path.replace(/\\/g, '/'));
} catch {
  report('npm pack --dry-run lists the package', [
    `npm pack --dry-run --json failed (exit ${packed.status}): ${packed.stderr.trim()}`,
  ]);
}
if (files) {
  const required = [...ALWAYS, ...(existsSync(join(ROOT, 'LICENSE')) ? ['LICENSE'] : [])];
  report(`only dist/** and ${[...ALLOWED].join(', ')} are packed (${files.length} files)`, [
    ...files.filter((f) => !f.startsWith('dist/') && !ALLOWED.has(f)).map((f) => `not allowed: ${f}`),
    ...required.filter((f) => !files.includes(f)).map((f) => `missing: ${f}`),
    ...(files.some((f) => f.startsWith('dist/')) ? [] : ['no dist/ files at all']),
  ]);
  report(
    'no test, story or test-kit files in dist/',
    files.filter((f) => TEST_ONLY.some((re) => re.test(f))).map((f) => `test-only file packed: ${f}`),
  );
}

// 3: publint.
console.log('check-pack: publint --strict');
const publint = run(process.execPath, [binPath('publint', 'publint'), '--strict'], { echo: true });
report('publint --strict', publint.status === 0 ? [] : [`publint exited with ${publint.status}`]);

// 4: are the types wrong? `--pack .` packs the package as npm would and checks every export.
console.log('check-pack: attw --pack . --profile esm-only');
const attw = run(process.execPath, [binPath('@arethetypeswrong/cli', 'attw'), '--pack', '.', '--profile', 'esm-only'], {
  echo: true,
});
report('attw --profile esm-only', attw.status === 0 ? [] : [`attw exited with ${attw.status}`]);

save();
console.log(`check-pack: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
