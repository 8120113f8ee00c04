// The React example (examples/react-dashboard) end to end: built with Vite's JS API from the
// repository (no npm install of its own), served, pointed at the simulated coordinator, and clicked
// through in Chromium: the live session list, a session's events in <event-timeline>, a prompt and
// its answer in <chat-panel>, "New chat", "Stop", and a follow-up that has to start a new session.
// Also checks that the React wrappers cover every event the elements document, and that
// examples/plain-html works with the built bundle (after `npm run build`; skipped without it).
/* global document -- page.evaluate callbacks run in the browser */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build } from 'vite';
import { CHROME_ARGS, NO_CHROME_MESSAGE, findChrome } from '../../scripts/chrome-path.mjs';
import { startSimServer } from '../../server/coordinator.mjs';
import { planRun } from '../../server/script.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples', 'react-dashboard');
const BUNDLE = join(ROOT, 'dist', 'coordinator-elements.bundle.min.js');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** A static file server for `dir`, answering only below the given sub-folders. */
async function serveFiles(dir, folders = ['']) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    const allowed = folders.some((f) => file.startsWith(join(dir, f, sep)));
    if (!allowed || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
// The machine is shared with other browser runs: be patient, but wait for conditions, never sleep.
const WAIT = 20_000;

const PROMPT_A = 'List the files and summarize the project';
const PROMPT_B = 'Find the TODOs in src and explain them';
const PROMPT_C = 'Run the lint and tell me why it would fail';
const FOLLOW_UP = 'Now explain the reconnect logic';
const SLOW_PROMPT = 'slow walk through the stream parser';
const AFTER_STOP = 'Summarize that in three bullets';

/** The first line of a scripted answer as the dashboard's activity log shows it. */
const answerLine = (prompt) =>
  planRun(prompt)
    .answer.split('\n')
    .find((l) => l.trim())
    .replace(/^#+\s*/, '');

/** The `@fires` names of an element's class (its JSDoc is the documented contract): `@fires {Type} ce-x - …`. */
function documentedEvents(tag) {
  const source = readFileSync(join(ROOT, 'src', 'components', tag, `${tag}.component.ts`), 'utf8');
  return [...source.matchAll(/@fires\s+(?:\{[^}]*\}\s+)?(ce-[\w-]+)/g)].map((m) => m[1]).sort();
}

/** `export const NAME = 'ce-x'` of the events modules (src/components/<tag>/<tag>.events.ts, src/pieces/events.ts). */
function eventNameConstants() {
  const files = [
    join(ROOT, 'src', 'pieces', 'events.ts'),
    ...readdirSync(join(ROOT, 'src', 'components')).map((tag) =>
      join(ROOT, 'src', 'components', tag, `${tag}.events.ts`),
    ),
  ].filter(existsSync);
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  return new Map([...text.matchAll(/export const ([A-Z_]+) = '(ce-[\w-]+)'/g)].map((m) => [m[1], m[2]]));
}

/**
 * The event names of an element's `…Events = handlerNames<…>()({ onX: X_EVENT, … })` map in its events
 * module, which src/react/props.ts re-exports for the wrappers.
 */
function wrappedEvents(tag, mapName) {
  const file = join('src', 'components', tag, `${tag}.events.ts`);
  const source = readFileSync(join(ROOT, file), 'utf8');
  const body = new RegExp(`export const ${mapName} = [^{]*\\{([^}]*)\\}`).exec(source)?.[1];
  assert.ok(body, `${mapName} not found in ${file}`);
  assert.match(
    readFileSync(join(ROOT, 'src', 'react', 'props.ts'), 'utf8'),
    new RegExp(`export \\{ ${mapName} \\}`),
    `src/react/props.ts does not re-export ${mapName}`,
  );
  const constants = eventNameConstants();
  return [...body.matchAll(/(\w+):\s*(?:'(ce-[\w-]+)'|([A-Z_]+))/g)].map((m) => {
    const event = m[2] ?? constants.get(m[3]);
    assert.ok(event, `${mapName}.${m[1]}: ${m[3]} is no event name constant`);
    return { prop: m[1], event };
  });
}

describe('the React wrappers', () => {
  const cases = [
    ['event-card', 'eventCardEvents'],
    ['event-timeline', 'eventTimelineEvents'],
    ['chat-panel', 'chatPanelEvents'],
  ];
  for (const [tag, mapName] of cases) {
    test(`have an on… prop for every event <${tag}> documents`, () => {
      const wrapped = wrappedEvents(tag, mapName);
      assert.deepEqual(wrapped.map((w) => w.event).sort(), documentedEvents(tag));
      for (const { prop, event } of wrapped) {
        // `ce-event-select` → `onEventSelect`.
        const expected = `on${event
          .replace(/^ce-/, '')
          .split('-')
          .map((w) => w[0].toUpperCase() + w.slice(1))
          .join('')}`;
        assert.equal(prop, expected, `${event} should be ${expected}`);
      }
    });
  }
});

describe('examples/react-dashboard against the simulated coordinator', () => {
  let outDir;
  let files;
  let sim;
  let coordinator;
  let browser;
  let page;
  const pageErrors = [];
  const ids = {};

  before(async () => {
    const executablePath = findChrome();
    assert.ok(executablePath, NO_CHROME_MESSAGE);

    outDir = mkdtempSync(join(tmpdir(), 'ce-react-dashboard-'));
    await build({ configFile: join(EXAMPLE, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
    assert.ok(
      readdirSync(join(outDir, 'assets')).some((f) => f.endsWith('.js')),
      'the build wrote no script',
    );

    files = await serveFiles(outDir);

    sim = await startSimServer();
    coordinator = sim.createInstance({ stepMs: 25 });
    ids.a = coordinator.startScriptedSession({ prompt: PROMPT_A, agent_name: 'researcher' }).session_id;
    ids.b = coordinator.startScriptedSession({ prompt: PROMPT_B, agent_name: 'coder' }).session_id;

    browser = await chromium.launch({ executablePath, args: CHROME_ARGS });
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT);
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? String(error)));
    await page.goto(`${files.origin}/?coordinator=${encodeURIComponent(coordinator.base)}`);
  });

  after(async () => {
    await browser?.close();
    await sim?.close();
    await new Promise((resolve) => (files ? files.server.close(resolve) : resolve()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const session = (id) => page.locator(`.session[data-session-id="${id}"]`);
  const timelineCards = () => page.locator('.pane event-timeline event-card');
  const chat = () => page.locator('.pane chat-panel');
  const activity = () => page.locator('.activity li');

  /** Waits until a session's status in the list is one of `statuses`. */
  async function statusOf(id, statuses) {
    await page.waitForFunction(
      ([sid, want]) => want.includes(document.querySelector(`.session[data-session-id="${sid}"] .status`)?.textContent),
      [id, statuses],
      { timeout: WAIT },
    );
  }

  async function send(prompt) {
    await chat().locator('textarea').fill(prompt);
    await chat().locator('[part~="send-button"]').click();
  }

  test('lists the sessions with status, agent and created time, and follows new ones live', async () => {
    await session(ids.a).waitFor();
    await session(ids.b).waitFor();
    assert.equal(await page.locator('header.top > .connection').getAttribute('data-status'), 'open');
    assert.equal(await session(ids.a).locator('.agent').textContent(), 'researcher');
    assert.equal(await session(ids.b).locator('.agent').textContent(), 'coder');
    await statusOf(ids.a, ['idle']);
    assert.match(await session(ids.a).locator('.created').textContent(), /^created /);
    assert.ok(await session(ids.a).locator('.created').getAttribute('datetime'));

    // Newest first, and a session started now appears without a reload.
    ids.c = coordinator.startScriptedSession({ prompt: PROMPT_C }).session_id;
    await session(ids.c).waitFor();
    const order = await page.locator('.session').evaluateAll((els) => els.map((e) => e.dataset.sessionId));
    assert.deepEqual(order, [ids.c, ids.b, ids.a]);
    assert.equal(await session(ids.c).locator('.agent').textContent(), 'default agent');
  });

  test('selecting a session shows its events in the timeline', async () => {
    await session(ids.a).click();
    assert.equal(await session(ids.a).getAttribute('aria-current'), 'true');
    await page.locator('.detail-meta', { hasText: `${ids.a} · idle` }).waitFor();

    // The wrapper set `sessionId` and the shared `client` as properties.
    const props = await page.locator('.pane event-timeline').evaluate((el) => ({
      sessionId: el.sessionId,
      hasClient: typeof el.client?.watchSession === 'function',
    }));
    assert.deepEqual(props, { sessionId: ids.a, hasClient: true });

    await timelineCards().filter({ hasText: PROMPT_A }).first().waitFor();
    assert.ok((await timelineCards().count()) >= 4, 'the run start, the prompt, tools and the answer');
    assert.equal(await timelineCards().filter({ hasText: PROMPT_B }).count(), 0, 'only the selected session');
  });

  test('a prompt sent in the chat continues the session; its answer shows in chat, timeline and log', async () => {
    await chat().locator('[part~="assistant-message"]').first().waitFor();
    await send(FOLLOW_UP);

    await chat()
      .locator('[part~="assistant-message"]', { hasText: `You asked: ${FOLLOW_UP}` })
      .waitFor();
    await activity()
      .filter({ hasText: `Sent “${FOLLOW_UP}” to ${ids.a}` })
      .waitFor();
    await activity()
      .filter({ hasText: `Answer in ${ids.a}: ${answerLine(FOLLOW_UP)}` })
      .waitFor();
    // The timeline follows the new run as it arrives.
    await timelineCards().filter({ hasText: FOLLOW_UP }).first().waitFor();
    await statusOf(ids.a, ['idle']);
    assert.equal(await session(ids.a).getAttribute('aria-current'), 'true', 'still the same session');
  });

  test('selecting an event in the timeline shows it below (onEventSelect)', async () => {
    const card = timelineCards().filter({ hasText: FOLLOW_UP }).first();
    const clicked = await card.evaluate((el) => el.event.key);
    // Scroll up to it as a user does, with the wheel: the timeline follows the newest event until the
    // user scrolls, and a programmatic scroll (Playwright's own before a click) does not count as theirs.
    const list = page.locator('.pane event-timeline [part~="list"]');
    await list.hover();
    for (let i = 0; i < 40; i++) {
      const inView = await card.evaluate((el) => {
        const scroller = el.closest('[part~="list"]') ?? el.parentElement;
        const r = el.getBoundingClientRect();
        const v = scroller.getBoundingClientRect();
        return r.top >= v.top && r.bottom <= v.bottom;
      });
      if (inView) break;
      await page.mouse.wheel(0, -150);
      await page.waitForTimeout(50);
    }
    await card.click();
    // `onEventSelect` → React state → a raw <event-card> given that event as its property.
    const selected = page.locator('.selected-event event-card');
    await selected.waitFor();
    const shown = await selected.evaluate((el) => ({ key: el.event?.key, sessionId: el.event?.sessionId }));
    assert.deepEqual(shown, { key: clicked, sessionId: ids.a });
    await selected.filter({ hasText: FOLLOW_UP }).waitFor();
  });

  test('New chat with a picked agent starts a session that becomes the selected one; Stop stops it', async () => {
    await page.getByRole('button', { name: 'New chat', exact: true }).first().click();
    await page.locator('#detail-title', { hasText: 'New chat' }).waitFor();
    assert.equal(await chat().evaluate((el) => el.sessionId), null);

    // The panel's picker sets its `agent`; a re-render of the dashboard meanwhile (a session started
    // elsewhere changes the list) must not undo that.
    const picker = chat().locator('[part~="agent-picker"]');
    await picker.locator('option[value="coder"]').waitFor({ state: 'attached' });
    await picker.selectOption('coder');
    ids.e = coordinator.startScriptedSession({ prompt: PROMPT_C }).session_id;
    await session(ids.e).waitFor();
    assert.equal(await chat().evaluate((el) => el.agent), 'coder');

    const known = coordinator.listSessions().map((s) => s.session_id);
    await send(SLOW_PROMPT);
    await page.waitForFunction(
      (known) => {
        const current = document.querySelector('.session[aria-current="true"]');
        return current && !known.includes(current.dataset.sessionId);
      },
      known,
      { timeout: WAIT },
    );
    ids.d = await page.locator('.session[aria-current="true"]').getAttribute('data-session-id');
    assert.equal(coordinator.listSessions().find((s) => s.session_id === ids.d)?.agent_name, 'coder');
    assert.equal(await page.locator('.pane event-timeline').evaluate((el) => el.sessionId), ids.d);
    await timelineCards().filter({ hasText: SLOW_PROMPT }).first().waitFor();

    await statusOf(ids.d, ['pending', 'running']);
    const stop = page.locator('.button.stop');
    await stop.click();
    await statusOf(ids.d, ['stopped']);
    assert.equal(await stop.isDisabled(), true, 'a stopped session cannot be stopped again');
    assert.equal(coordinator.listSessions().find((s) => s.session_id === ids.d)?.status, 'stopped');
  });

  test('a prompt after Stop starts a new session and the dashboard follows it', async () => {
    // The coordinator announces the new session on the stream before it answers `POST /runs`. Hold
    // that answer until the dashboard has re-rendered with the new session listed: the panel, between
    // leaving the stopped session and adopting the new one, must not be sent back to the old one.
    let started = null;
    await page.route(`${coordinator.base}/runs`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      started = (await response.json()).session_id;
      await session(started).waitFor();
      await route.fulfill({ response });
    });
    await send(AFTER_STOP);
    await page.waitForFunction(
      (stopped) => {
        const current = document.querySelector('.session[aria-current="true"]');
        return current && current.dataset.sessionId !== stopped;
      },
      ids.d,
      { timeout: WAIT },
    );
    await page.unroute(`${coordinator.base}/runs`);
    const id = await page.locator('.session[aria-current="true"]').getAttribute('data-session-id');
    assert.equal(id, started);
    await chat()
      .locator('[part~="assistant-message"]', { hasText: `You asked: ${AFTER_STOP}` })
      .waitFor();
    await activity()
      .filter({ hasText: `Answer in ${id}: ${answerLine(AFTER_STOP)}` })
      .waitFor();
    assert.equal(await chat().evaluate((el) => el.sessionId), id);
    await timelineCards().filter({ hasText: AFTER_STOP }).first().waitFor();
  });

  test('the list, the timeline and the chat share one stream; no page errors', async () => {
    assert.equal(coordinator.stats().openStreams, 1);
    assert.deepEqual(pageErrors, []);
  });
});

describe(
  'examples/plain-html with the built bundle',
  { skip: !existsSync(BUNDLE) && 'no dist/: run npm run build' },
  () => {
    let files;
    let sim;
    let browser;

    before(async () => {
      files = await serveFiles(ROOT, ['dist', join('examples', 'plain-html')]);
      sim = await startSimServer();
      browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
    });

    after(async () => {
      await browser?.close();
      await sim?.close();
      await new Promise((resolve) => (files ? files.server.close(resolve) : resolve()));
    });

    test('lists the sessions, shows the chosen one, and chats in it', async () => {
      const coordinator = sim.createInstance({ stepMs: 25 });
      const id = coordinator.startScriptedSession({ prompt: PROMPT_A }).session_id;
      const page = await browser.newPage();
      page.setDefaultTimeout(WAIT);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? String(error)));
      await page.goto(`${files.origin}/examples/plain-html/?coordinator=${encodeURIComponent(coordinator.sseUrl)}`);

      await page.locator(`#session option[value="${id}"]`).waitFor({ state: 'attached' });
      await page.waitForFunction(
        (sid) => document.querySelector(`#session option[value="${sid}"]`)?.text.includes('idle'),
        id,
      );
      await page.locator('#session').selectOption(id);
      await page.locator('event-timeline event-card').filter({ hasText: PROMPT_A }).first().waitFor();

      const chat = page.locator('chat-panel');
      await chat.locator('textarea').fill(FOLLOW_UP);
      await chat.locator('[part~="send-button"]').click();
      await chat.locator('[part~="assistant-message"]', { hasText: `You asked: ${FOLLOW_UP}` }).waitFor();
      await page.locator('event-timeline event-card').filter({ hasText: FOLLOW_UP }).first().waitFor();
      assert.equal(coordinator.stats().openStreams, 1, 'the elements and the list share one stream');
      assert.deepEqual(errors, []);
    });
  },
);
