// `npm test`: every check in one run, ending with exactly one line `N passed, N failed`.
//
// Order: Chromium check, typecheck, lint, build, Node tests, web-test-runner, Storybook story tests,
// then the size and pack checks when their scripts exist. Every step runs even after an earlier one
// failed, so one run reports everything. Test runners contribute their test counts (read from the JSON
// their count reporters write into .test-results/); any other step that fails counts as 1 failed, and
// so does a runner that fails without reporting a failed test (it crashed or could not start).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, binPath } from './bin.mjs';
import { NO_CHROME_MESSAGE, findChrome } from './chrome-path.mjs';

const RESULTS = join(ROOT, '.test-results');
const MINUTE = 60_000;

const chrome = findChrome();
if (!chrome) {
  console.error(NO_CHROME_MESSAGE);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

let current;
function stop(child) {
  try {
    if (process.platform === 'win32') child.kill();
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
// Children run in their own process group (see run), so Ctrl-C must be passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) stop(current);
    process.exit(1);
  });
}

/** Runs a command with output streaming through; resolves to `{ code, timedOut }`. */
function run(command, args, timeoutMs, env = {}) {
  return new Promise((resolve) => {
    const child = (current = spawn(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      // Own process group, so a hung runner can be stopped with everything it started.
      detached: process.platform !== 'win32',
      env: { ...process.env, CHROME_PATH: chrome, ...env },
    }));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`test: ${[command, ...args].join(' ')} took longer than ${timeoutMs / MINUTE} min; stopping it`);
      stop(child);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      console.error(`test: ${command}: ${err.message}`);
      resolve({ code: 1, timedOut });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), timedOut });
    });
  });
}

const node = (args, timeoutMs, env) => run(process.execPath, args, timeoutMs, env);
const bin = (pkg, name, args, timeoutMs) => node([binPath(pkg, name), ...args], timeoutMs);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(RESULTS, file), 'utf8'));
  } catch {
    return undefined;
  }
}

const steps = [];

function banner(name) {
  console.log(`\n━━━ ${name} ━━━`);
}

/** A step that is not a test runner: failing counts as 1 failed. */
async function check(name, exec) {
  banner(name);
  const started = Date.now();
  const { code } = await exec();
  const note = code === 0 ? 'ok' : `failed (exit ${code})`;
  steps.push({ name, passed: 0, failed: code === 0 ? 0 : 1, note, ms: Date.now() - started });
}

/** A test runner whose counts come from `counts()` after it exits. */
async function runner(name, exec, counts) {
  banner(name);
  const started = Date.now();
  const { code, timedOut } = await exec();
  const totals = counts();
  let passed = totals?.passed ?? 0;
  let failed = totals?.failed ?? 0;
  const skipped = totals?.skipped ?? 0;
  let note = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (timedOut) {
    failed += 1;
    note += ' + 1 failed: timed out';
  } else if (!totals) {
    failed += 1;
    note = `no results reported (exit ${code})`;
  } else if (code !== 0 && failed === 0) {
    failed = 1;
    note += ` (exit ${code} without a failed test)`;
  }
  steps.push({ name, passed, failed, note, ms: Date.now() - started });
}

const testFiles = (dir, suffix) =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith(suffix))
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];

console.log(`test: Chromium at ${chrome}`);

await check('typecheck', async () => {
  const library = await bin('typescript', 'tsc', ['-p', 'tsconfig.json', '--noEmit'], 5 * MINUTE);
  const demo = await bin('typescript', 'tsc', ['-p', 'demo/tsconfig.json'], 5 * MINUTE);
  const example = await bin('typescript', 'tsc', ['-p', 'examples/react-dashboard/tsconfig.json'], 5 * MINUTE);
  return [library, demo, example].find((r) => r.code) ?? library;
});
await check('lint', () => node([join(ROOT, 'scripts/lint.mjs')], 5 * MINUTE));
await check('build', () => node([join(ROOT, 'scripts/build.mjs')], 5 * MINUTE));

const nodeTests = [...testFiles('server', '.test.mjs'), ...testFiles('test/node', '.test.mjs')];
if (nodeTests.length) {
  await runner(
    'node tests',
    () =>
      node(
        [
          '--test',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          `--test-reporter=${pathToFileURL(join(ROOT, 'scripts/node-count-reporter.mjs')).href}`,
          '--test-reporter-destination=stdout',
          ...nodeTests,
        ],
        6 * MINUTE,
        { NODE_TEST_COUNT_FILE: join(RESULTS, 'node.json') },
      ),
    () => readJson('node.json'),
  );
}

// Its count reporter (scripts/wtr-count-reporter.mjs) writes wtr.json.
await runner(
  'web-test-runner',
  () => bin('@web/test-runner', 'wtr', [], 10 * MINUTE),
  () => readJson('wtr.json'),
);

if (['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js'].some((f) => existsSync(join(ROOT, f)))) {
  await runner(
    'story tests (vitest)',
    () =>
      bin(
        'vitest',
        'vitest',
        [
          'run',
          '--project=storybook',
          '--reporter=default',
          '--reporter=json',
          '--outputFile=.test-results/vitest.json',
        ],
        10 * MINUTE,
      ),
    () => {
      const json = readJson('vitest.json');
      return (
        json && {
          passed: json.numPassedTests,
          failed: json.numFailedTests,
          skipped: json.numPendingTests + json.numTodoTests,
        }
      );
    },
  );
}

// Later checks: each may write .test-results/<name>.json ({passed, failed}) or just exit non-zero.
const laterChecks = { size: 'bench/size-check.mjs', pack: 'scripts/check-pack.mjs' };
for (const [name, path] of Object.entries(laterChecks)) {
  const script = join(ROOT, path);
  if (!existsSync(script)) continue;
  const file = `${name}.json`;
  await runner(
    `${name} check`,
    () => node([script], 5 * MINUTE),
    () => readJson(file) ?? { passed: 0, failed: 0 },
  );
}

const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log('\n━━━ summary ━━━');
for (const s of steps) {
  console.log(`${s.failed ? '✗' : '✓'} ${s.name.padEnd(22)} ${`${Math.round(s.ms / 1000)} s`.padStart(6)}  ${s.note}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
