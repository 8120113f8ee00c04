// Finds a Chromium for the browser tests, Storybook tests and benchmarks.
// CHROME_PATH wins; then the usual system locations; then Playwright's downloaded browsers.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function playwrightChromes() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => d.startsWith('chromium-'))
    .sort()
    .reverse()
    .flatMap((d) => [
      join(root, d, 'chrome-linux', 'chrome'),
      join(root, d, 'chrome-linux64', 'chrome'),
      join(root, d, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    ]);
}

export const NO_CHROME_MESSAGE =
  'No Chromium found: set CHROME_PATH to a Chrome/Chromium binary, or install Debian\'s "chromium" package (apt-get install -y chromium), or install Playwright\'s browsers (npx playwright install chromium).';

/** Returns the path of a Chromium binary, or undefined. */
export function findChrome() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  return [...SYSTEM_PATHS, ...playwrightChromes()].find((p) => existsSync(p));
}

/** Returns the path of a Chromium binary or exits the process with one clear sentence. */
export function requireChrome() {
  const path = findChrome();
  if (!path) {
    console.error(NO_CHROME_MESSAGE);
    process.exit(1);
  }
  return path;
}

// Flags needed where Chromium runs as root on a machine with a closed network.
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(requireChrome());
}
