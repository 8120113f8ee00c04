// Runs the CLI of an installed package with this Node, so the scripts work without npm's PATH
// (`node scripts/test.mjs`) and on every OS (no shell, no .cmd shims).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Absolute path of the script behind `bin` of package `pkg` in node_modules. */
export function binPath(pkg, bin) {
  const dir = join(ROOT, 'node_modules', pkg);
  const { bin: bins } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const rel = typeof bins === 'string' ? bins : bins[bin ?? Object.keys(bins)[0]];
  return join(dir, rel);
}

/**
 * Runs `node <bin> ...args` in the project root with output streaming through.
 * Resolves to the exit code (signals count as failure).
 */
export function runBin(pkg, bin, args, { env } = {}) {
  return run(process.execPath, [binPath(pkg, bin), ...args], { env });
}

/** Runs a command in the project root with inherited stdio; resolves to its exit code. */
export function run(command, args, { env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      console.error(`${command}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
