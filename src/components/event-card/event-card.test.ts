import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './event-card.js';
import type { EventCard } from './event-card.component.js';
import { normalizeEvent } from '../../model/normalize.js';
import type { CoordinatorEvent } from '../../types/model.js';
import type { WireSessionEvent } from '../../types/wire.js';
import { relativeTimeStats } from '../../pieces/relative-time.js';
import { icon } from '../../pieces/icons.js';
import { tokenDeclarations } from '../../pieces/tokens.styles.js';
import '../event-timeline/event-timeline.js';
import type { EventTimeline } from '../event-timeline/event-timeline.component.js';
import { XSS, XSS_ALL, absent, present, deepQueryAll, deepText } from '../../../test/support/element-kit.js';
import { loadHistoryFixture, loadSseEvents } from '../../../test/support/fixtures.js';
import { wireEvent } from '../../../test/support/wire-events.mjs';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

// The `event` setter also takes wire events; lit-analyzer checks bindings against the getter's type.
const asBound = (event: unknown) => event as CoordinatorEvent;

async function card(event: unknown, props: Partial<EventCard> = {}): Promise<EventCard> {
  const el = await fixture<EventCard>(html`<event-card .event=${asBound(event)}></event-card>`);
  Object.assign(el, props);
  await el.updateComplete;
  await settle(el);
  return el;
}

/** Waits for the card and the elements inside it to finish rendering. */
async function settle(el: EventCard) {
  await el.updateComplete;
  for (const inner of deepQueryAll<HTMLElement & { updateComplete?: Promise<unknown> }>(el.shadowRoot!, '*')) {
    if (inner.updateComplete) await inner.updateComplete;
  }
  await el.updateComplete;
}

const q = <E extends Element = HTMLElement>(el: EventCard, sel: string) =>
  el.shadowRoot!.querySelector<E>(sel as string) as E | null;

function byType(events: WireSessionEvent[], type: string, pick: (e: WireSessionEvent) => boolean = () => true) {
  const found = events.find((e) => e.event_type === type && pick(e));
  if (!found) throw new Error(`fixture has no ${type}`);
  return found;
}

describe('<event-card>', () => {
  let current: WireSessionEvent[];

  before(async () => {
    current = await loadSseEvents('current-two-runs.sse');
  });

  afterEach(() => {
    delete window.__pwned;
  });

  describe('event property', () => {
    it('accepts a wire event and reads back the normalized one', async () => {
      const wire = byType(current, 'post_tool');
      const el = await card(wire);
      const read = el.event as CoordinatorEvent;
      expect(read.type).to.equal('post_tool');
      expect(read.raw).to.equal(wire);
      expect(read.toolName).to.equal('Bash');
      expect(el.getAttribute('type')).to.equal('post_tool');
      expect(el.hasAttribute('original-type')).to.be.false;
    });

    it('adapts a wire object once: setting it again does not render again', async () => {
      const wire = byType(current, 'post_tool');
      const el = await card(wire);
      const first = el.event;
      let updates = 0;
      const original = (el as unknown as { update(changed: unknown): void }).update;
      (el as unknown as { update(changed: unknown): void }).update = function (this: EventCard, changed: unknown) {
        updates++;
        original.call(this, changed);
      };
      el.event = wire;
      await el.updateComplete;
      expect(el.event).to.equal(first);
      expect(updates).to.equal(0);
      // Another card given the same object shows the same normalized event (one adaptation).
      const other = await card(wire);
      expect(other.event).to.equal(first);
    });

    it('accepts a normalized event without re-normalizing it', async () => {
      const normalized = normalizeEvent(byType(current, 'message'));
      const el = await card(normalized);
      expect(el.event).to.equal(normalized);
    });

    it('accepts a stream payload nested under data', async () => {
      const el = await card({ data: byType(current, 'result') });
      expect(el.getAttribute('type')).to.equal('result');
    });

    it('clears its attributes when the event is removed', async () => {
      const el = await card(byType(current, 'message'));
      el.event = null;
      await el.updateComplete;
      expect(el.hasAttribute('type')).to.be.false;
      absent(el.shadowRoot!.querySelector('.card'));
    });

    it('has the article role and a label describing the event', async () => {
      const el = await card(byType(current, 'post_tool'));
      expect(el.getAttribute('role')).to.equal('article');
      expect(el.getAttribute('aria-label')).to.contain('Bash');
    });
  });

  describe('old and new names', () => {
    it('shows session_start/session_stop exactly like run_start/run_completed plus a legacy hint', async () => {
      const legacy = await loadHistoryFixture('legacy-history.json');
      const oldStart = await card(
        legacy.find((e) => e.event_type === 'session_start'),
        { runIndex: 1, resumed: false },
      );
      const newStart = await card(byType(current, 'run_start'), { runIndex: 1, resumed: false });
      expect(oldStart.getAttribute('type')).to.equal('run_start');
      expect(oldStart.getAttribute('original-type')).to.equal('session_start');
      expect(q(oldStart, '[part~="legacy-badge"]')!.textContent!.trim()).to.equal('legacy name');
      absent(q(newStart, '[part~="legacy-badge"]'));
      expect(q(oldStart, '[part~="type"]')!.textContent!.trim()).to.equal(
        q(newStart, '[part~="type"]')!.textContent!.trim(),
      );
      expect(q(oldStart, '[part~="detail"]')!.textContent).to.equal(q(newStart, '[part~="detail"]')!.textContent);
      expect(getComputedStyle(q(oldStart, '.card')!).borderInlineStartColor).to.equal(
        getComputedStyle(q(newStart, '.card')!).borderInlineStartColor,
      );

      const oldStop = await card(legacy.find((e) => e.event_type === 'session_stop'));
      expect(oldStop.getAttribute('type')).to.equal('run_completed');
      expect(oldStop.getAttribute('original-type')).to.equal('session_stop');
      // The reason "completed" is what the label "Run completed" says already.
      expect(q(oldStop, '[part~="detail"]')!.textContent).to.equal('exit 0');
      expect(q(oldStop, '[part~="type"]')!.textContent).to.contain('Run completed');
    });
  });

  describe('per type', () => {
    it('run start shows the run number and start vs resume', async () => {
      const first = await card(byType(current, 'run_start'), { runIndex: 1, resumed: false });
      expect(q(first, '[part~="detail"]')!.textContent).to.equal('Run 1 · started');
      const second = await card(byType(current, 'run_start'), { runIndex: 2, resumed: true });
      expect(q(second, '[part~="detail"]')!.textContent).to.equal('Run 2 · resumed');
      expect(q(second, '[part~="type"]')!.textContent).to.contain('Run started');
      present(q(second, 'svg'));
    });

    it('run completed shows exit code and reason; a non-zero exit is an error in red with icon and text', async () => {
      const ok = await card(byType(current, 'run_completed'));
      // Not "Run completed · exit 0 · completed": the reason repeats the label.
      expect(q(ok, '[part~="detail"]')!.textContent).to.equal('exit 0');
      expect(ok.hasAttribute('failed')).to.be.false;
      absent(q(ok, '[part~="error-badge"]'));

      const bad = await card(wireEvent({ event_type: 'run_completed', exit_code: 2, reason: 'crashed' }));
      expect(q(bad, '[part~="detail"]')!.textContent).to.equal('exit 2 · crashed');
      expect(bad.hasAttribute('failed')).to.be.true;
      const badge = q(bad, '[part~="error-badge"]')!;
      expect(badge.textContent!.trim()).to.equal('Error');
      present(badge.querySelector('svg'));
      expect(getComputedStyle(q(bad, '.card')!).borderInlineStartColor).to.not.equal(
        getComputedStyle(q(ok, '.card')!).borderInlineStartColor,
      );
      expect(getComputedStyle(badge).color).to.equal(getComputedStyle(q(bad, '.card')!).borderInlineStartColor);
    });

    it('tool events show name and status, and input/output/error only when expanded', async () => {
      const wire = byType(current, 'post_tool', (e) => e.tool_name === 'Bash');
      const el = await card(wire);
      const chip = q(el, '[part~="tool-chip"]')!;
      expect(chip.textContent).to.contain('Bash').and.contain('ok');
      absent(q(el, 'ce-payload'));
      expect(q(el, '[part~="summary"]')!.textContent).to.contain('ls');

      el.expanded = true;
      await settle(el);
      const input = q(el, '[part~="input"]')!;
      const output = q(el, '[part~="output"]')!;
      present(input);
      present(output);
      // A known tool reads naturally (Bash: the command line), its JSON one click away.
      expect(input.shadowRoot!.querySelector('[part~="formatted"]')!.textContent).to.contain('$ ls');
      absent(input.shadowRoot!.querySelector('ce-json-view'));
      const toggle = input.shadowRoot!.querySelector<HTMLButtonElement>('[part~="json-toggle"]')!;
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      toggle.click();
      await settle(el);
      present(input.shadowRoot!.querySelector('ce-json-view'));
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      expect(deepText(output)).to.contain('README.md');
      absent(q(el, '[part~="error-block"]'));
      expect(q(el, '[part~="expand-button"]')!.getAttribute('aria-expanded')).to.equal('true');
    });

    it("an unknown tool's object input is a JSON view", async () => {
      const el = await card(wireEvent({ event_type: 'post_tool', tool_name: 'Frobnicate', tool_input: { level: 3 } }), {
        expanded: true,
      });
      const input = q(el, '[part~="input"]')!;
      present(input.shadowRoot!.querySelector('ce-json-view'));
      absent(input.shadowRoot!.querySelector('[part~="json-toggle"]'));
    });

    it('string tool output is text, arrays are JSON', async () => {
      const text = await card(wireEvent({ event_type: 'post_tool', tool_name: 'Echo', tool_output: 'plain *text*' }), {
        expanded: true,
      });
      const out = q(text, '[part~="output"]')!;
      expect(out.shadowRoot!.querySelector('pre')!.textContent).to.equal('plain *text*');
      const arr = await card(
        wireEvent({ event_type: 'post_tool', tool_name: 'Lister', tool_output: ['README.md', 'src'] }),
        {
          expanded: true,
        },
      );
      const arrOut = q(arr, '[part~="output"]')!;
      present(arrOut.shadowRoot!.querySelector('ce-json-view'));
      expect(deepText(arrOut)).to.contain('"README.md"');
      // Glob's list of paths reads as a list with its count.
      const pre = await loadSseEvents('pre-rename-run.sse');
      const glob = await card(byType(pre, 'post_tool'), { expanded: true });
      const globOut = q(glob, '[part~="output"]')!;
      expect(globOut.shadowRoot!.querySelector('.tv-count')!.textContent).to.match(/^\d+ files?$/);
      expect([...globOut.shadowRoot!.querySelectorAll('.tv-list li')].map((li) => li.textContent)).to.include(
        'README.md',
      );
    });

    it('failed tools are red with icon and text, show the error collapsed and as a block expanded', async () => {
      const wire = byType(current, 'post_tool', (e) => !!e.error);
      const el = await card(wire);
      expect(el.hasAttribute('failed')).to.be.true;
      const chip = q(el, '[part~="tool-chip"]')!;
      expect(chip.getAttribute('part')).to.contain('tool-chip-failed');
      present(chip.querySelector('svg'));
      // Said once: the error badge, not "Read × failed" beside it.
      expect(chip.textContent).to.contain('Read').and.not.contain('failed');
      expect(q(el, '[part~="error-badge"]')!.textContent!.trim()).to.equal('Error');
      expect(q(el, '[part~="error"]')!.textContent).to.contain('File does not exist.');
      el.expanded = true;
      await settle(el);
      const block = q(el, '[part~="error-block"]')!;
      expect(block.shadowRoot!.querySelector('pre')!.textContent).to.equal('File does not exist.');
      expect(block.shadowRoot!.querySelector('.label')!.textContent).to.contain('Error');
      present(block.shadowRoot!.querySelector('.label svg'));
    });

    it('clicking the header or pressing Enter toggles and fires ce-toggle', async () => {
      const el = await card(byType(current, 'post_tool'));
      const seen: boolean[] = [];
      el.addEventListener('ce-toggle', (e) => seen.push((e as CustomEvent).detail.expanded));
      q(el, '[part~="header"]')!.click();
      await el.updateComplete;
      expect(el.expanded).to.be.true;
      expect(el.hasAttribute('expanded')).to.be.true;
      el.tabIndex = 0;
      el.focus();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(el.expanded).to.be.false;
      expect(seen).to.deep.equal([true, false]);
    });

    it('messages show the role and GFM markdown', async () => {
      const assistant = await card(byType(current, 'message', (e) => e.role === 'assistant'));
      expect(q(assistant, '[part~="type"]')!.textContent).to.contain('Assistant');
      const md = q(assistant, '[part~="markdown"]')!;
      expect(md.shadowRoot!.querySelector('strong')!.textContent).to.equal('README.md');
      expect(md.shadowRoot!.querySelector('code')!.textContent).to.equal('src');

      const user = await card(byType(current, 'message', (e) => e.role === 'user'));
      expect(q(user, '[part~="type"]')!.textContent).to.contain('User');

      const gfm = await card(
        wireEvent({
          event_type: 'message',
          role: 'assistant',
          content: [
            { type: 'text', text: '| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.com\n\n- [x] done' },
          ],
        }),
      );
      const root = q(gfm, 'ce-markdown')!.shadowRoot!;
      expect(root.querySelector('table td')!.textContent).to.equal('1');
      expect(root.querySelector('del')!.textContent).to.equal('old');
      const link = root.querySelector('a')!;
      expect(link.getAttribute('href')).to.equal('https://example.com');
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
      absent(root.querySelector('input'));
      expect(root.textContent).to.contain('☑');
    });

    it('clamps long messages with "Show more"', async () => {
      const long = Array.from({ length: 80 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n');
      const el = await card(
        wireEvent({ event_type: 'message', role: 'assistant', content: [{ type: 'text', text: long }] }),
      );
      const md = q(el, 'ce-markdown')!;
      const content = md.shadowRoot!.querySelector<HTMLElement>('.content')!;
      await waitUntil(() => md.shadowRoot!.querySelector('[part="show-more"]'), 'show more appears', { timeout: 5000 });
      const clampedHeight = content.getBoundingClientRect().height;
      expect(content.scrollHeight).to.be.greaterThan(clampedHeight);
      const button = md.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!;
      expect(button.textContent!.trim()).to.equal('Show more');
      button.click();
      await settle(el);
      expect(content.getBoundingClientRect().height).to.be.greaterThan(clampedHeight * 2);
      expect(button.textContent!.trim()).to.equal('Show less');
      expect(button.getAttribute('aria-expanded')).to.equal('true');

      const short = await card(byType(current, 'message', (e) => e.role === 'user'));
      const shortMd = q(short, 'ce-markdown')!;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      absent(shortMd.shadowRoot!.querySelector('[part="show-more"]'));
    });

    it('results show result_text as markdown and result_data as JSON', async () => {
      const el = await card(
        wireEvent({ event_type: 'result', result_text: 'All **done**', result_data: { files: 2, ok: true } }),
      );
      expect(q(el, '[part~="type"]')!.textContent).to.contain('Result');
      expect(q(el, 'ce-markdown')!.shadowRoot!.querySelector('strong')!.textContent).to.equal('done');
      const json = q(el, 'ce-json-view')!;
      expect(deepText(json)).to.contain('"files": 2').and.contain('true');

      const fromFixture = await card(byType(current, 'result'));
      expect(deepText(fromFixture).length).to.be.greaterThan(10);
    });

    it('hook events read as hooks; failed hooks are errors', async () => {
      const ok = await card(wireEvent({ event_type: 'hook_complete', tool_name: 'hook:on_run_start:coder' }));
      expect(q(ok, '[part~="type"]')!.textContent).to.contain('Hook completed');
      expect(q(ok, '[part~="detail"]')!.textContent).to.equal('on_run_start (coder)');
      expect(ok.hasAttribute('failed')).to.be.false;

      const failed = await card(
        wireEvent({ event_type: 'hook_failed', tool_name: 'hook:on_run_finish:coder', error: 'exit status 1' }),
      );
      expect(q(failed, '[part~="type"]')!.textContent).to.contain('Hook failed');
      expect(q(failed, '[part~="detail"]')!.textContent).to.equal('on_run_finish (coder)');
      expect(failed.hasAttribute('failed')).to.be.true;
      expect(q(failed, '[part~="error-badge"]')!.textContent!.trim()).to.equal('Error');

      const timeout = await card(wireEvent({ event_type: 'hook_timeout', tool_name: 'hook:on_run_start:a' }));
      expect(timeout.hasAttribute('failed')).to.be.true;
      present(q(timeout, '[part~="error-badge"]'));
    });

    it('unknown types show their type and a JSON view of the raw event', async () => {
      const el = await card(wireEvent({ event_type: 'telemetry_sample', cpu: 0.93, extra: { nested: [1, 2] } }));
      expect(el.getAttribute('type')).to.equal('telemetry_sample');
      expect(q(el, '[part~="type"]')!.textContent).to.contain('telemetry_sample');
      const json = q(el, 'ce-json-view')!;
      expect(deepText(json)).to.contain('"cpu": 0.93').and.contain('"event_type": "telemetry_sample"');
    });

    it('never crashes on odd data', async () => {
      for (const odd of [
        { event_type: 'post_tool' },
        { event_type: 'message', content: 'plain string content' },
        { event_type: 'message', content: [{ type: 'tool_use', name: 'x' }, null, 5] },
        { event_type: 'run_completed', exit_code: 'NaN', timestamp: 'not a date' },
        { event_type: 42 },
      ]) {
        const el = await card(odd);
        if ((odd as { event_type: unknown }).event_type === 42) absent(el.event);
        else present(el.shadowRoot!.querySelector('.card'));
      }
    });
  });

  describe('copy', () => {
    let writes: string[];
    let original: PropertyDescriptor | undefined;

    beforeEach(() => {
      writes = [];
      original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async (t: string) => void writes.push(t) },
      });
    });

    afterEach(() => {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    });

    it('copies tool input and output', async () => {
      const el = await card(
        byType(current, 'post_tool', (e) => e.tool_name === 'Bash'),
        { expanded: true },
      );
      const copyIn = q(el, '[part~="input"]')!.shadowRoot!.querySelector('ce-copy-button')!;
      copyIn.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => writes.length === 1);
      expect(JSON.parse(writes[0])).to.deep.equal({ command: 'ls', description: 'List files' });
      const copyOut = q(el, '[part~="output"]')!.shadowRoot!.querySelector('ce-copy-button')!;
      copyOut.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => writes.length === 2);
      expect(JSON.parse(writes[1]).stdout).to.equal('README.md\nsrc');
      await waitUntil(() => copyOut.shadowRoot!.textContent!.includes('Copied'));
    });

    it('adds copy buttons to code blocks in markdown', async () => {
      const el = await card(
        wireEvent({
          event_type: 'message',
          role: 'assistant',
          content: [{ type: 'text', text: 'Run:\n\n```sh\nnpm test -- --watch\n```' }],
        }),
      );
      const md = q(el, 'ce-markdown')!.shadowRoot!;
      const button = md.querySelector('.code-block ce-copy-button')!;
      present(button);
      button.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => writes.length === 1);
      expect(writes[0]).to.equal('npm test -- --watch\n');
    });
  });

  describe('time', () => {
    it('shows relative time with the absolute time as title, updated without re-rendering the card', async () => {
      const el = await card(
        wireEvent({
          event_type: 'message',
          role: 'user',
          content: 'hi',
          timestamp: new Date(Date.now() - 4000).toISOString(),
        }),
      );
      const time = q(el, '[part~="time"]')!;
      expect(time.textContent).to.equal('just now');
      expect(time.title).to.match(/\d/);
      expect(relativeTimeStats().timerRunning).to.be.true;
      let renders = 0;
      const originalUpdate = (el as unknown as { update: (c: unknown) => void }).update;
      (el as unknown as { update: (c: unknown) => void }).update = function (this: EventCard, c: unknown) {
        renders++;
        originalUpdate.call(this, c);
      };
      await waitUntil(() => /second/.test(time.textContent ?? ''), 'relative time ticks', { timeout: 8000 });
      expect(renders).to.equal(0);
    });

    it('keeps the one timer running while a list replaces all its rows at once', async () => {
      const make = () => Object.assign(document.createElement('ce-relative-time'), { time: Date.now() });
      const first = make();
      document.body.append(first);
      expect(relativeTimeStats().timerRunning).to.be.true;
      const calls: string[] = [];
      const { setInterval: set, clearInterval: clear } = window;
      window.setInterval = ((...args: Parameters<typeof set>) => (calls.push('set'), set(...args))) as typeof set;
      window.clearInterval = ((id?: number) => (calls.push('clear'), clear(id))) as typeof clear;
      try {
        // A virtualizer's frame: the old rows leave, then the new ones arrive.
        first.remove();
        const second = make();
        document.body.append(second);
        expect(calls).to.deep.equal([]);
        expect(relativeTimeStats()).to.deep.equal({ instances: 1, timerRunning: true });
        second.remove();
        // With nothing to update, the timer stops at its next tick.
        await waitUntil(() => !relativeTimeStats().timerRunning, 'timer stopped', { timeout: 3000 });
        expect(calls).to.deep.equal(['clear']);
      } finally {
        window.setInterval = set;
        window.clearInterval = clear;
      }
    });

    it('says "invalid time" for an out-of-range or far-future timestamp, with what was sent as its title', async () => {
      for (const timestamp of ['2026-13-45T99:99:99Z', '0000-00-00T00:00:00Z', '2999-01-01T00:00:00Z']) {
        const el = await card(wireEvent({ event_type: 'message', role: 'user', content: 'hi', timestamp }));
        const time = q(el, '[part~="time"]')!;
        expect(time.textContent?.trim(), timestamp).to.equal('invalid time');
        expect(time.title).to.equal(timestamp);
        expect(time.hasAttribute('data-invalid')).to.be.true;
      }
    });

    it('shows older times in larger units', async () => {
      const el = await card(
        wireEvent({
          event_type: 'message',
          role: 'user',
          content: 'hi',
          timestamp: new Date(Date.now() - 3 * 3600_000).toISOString(),
        }),
      );
      expect(q(el, '[part~="time"]')!.textContent).to.equal('3 hours ago');
    });
  });

  describe('large payloads', () => {
    it('renders a 5 MB string output as a bounded preview with "show all"', async () => {
      const big = 'x'.repeat(5 * 1024 * 1024);
      const t0 = performance.now();
      const el = await card(
        wireEvent({ event_type: 'post_tool', tool_name: 'Huge', tool_input: { q: 1 }, tool_output: big }),
        {
          expanded: true,
        },
      );
      const elapsed = performance.now() - t0;
      expect(elapsed).to.be.lessThan(1500);
      const out = q(el, '[part~="output"]')!;
      const pre = out.shadowRoot!.querySelector('pre')!;
      expect(pre.textContent!.length).to.be.lessThan(2100);
      const showAll = out.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-all"]')!;
      expect(showAll.textContent).to.contain('Show all (5.0 MB)');
      showAll.click();
      await (out as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(out.shadowRoot!.querySelector('pre')!.textContent!.length).to.equal(big.length);
    });

    it('renders a 5 MB object output lazily (no full stringify)', async () => {
      const rows = Array.from({ length: 60_000 }, (_, i) => ({ i, line: 'y'.repeat(80) }));
      const stringify = JSON.stringify;
      let stringifiedChars = 0;
      JSON.stringify = ((...args: Parameters<typeof stringify>) => {
        const s = stringify(...args);
        stringifiedChars += s?.length ?? 0;
        return s;
      }) as typeof JSON.stringify;
      try {
        const el = await card(wireEvent({ event_type: 'post_tool', tool_name: 'Rows', tool_output: { rows } }), {
          expanded: true,
        });
        const out = q(el, '[part~="output"]')!;
        const view = out.shadowRoot!.querySelector('ce-json-view')!;
        await (view as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        expect(deepText(view)).to.contain('60,000 items');
        expect(deepQueryAll(view.shadowRoot!, 'li').length).to.be.lessThan(50);
        expect(stringifiedChars).to.be.lessThan(100_000);
      } finally {
        JSON.stringify = stringify;
      }
    });

    it('bounds huge message text to a rendered prefix', async () => {
      const text = 'word '.repeat(200_000);
      const el = await card(wireEvent({ event_type: 'message', role: 'assistant', content: text }));
      const md = q(el, 'ce-markdown')!;
      expect(md.shadowRoot!.querySelector('.content')!.textContent!.length).to.be.lessThan(25_000);
    });
  });

  describe('security', () => {
    function assertInert(el: Element) {
      expect(deepQueryAll(el.shadowRoot!, 'img, script, iframe, svg[onload], object, embed').length).to.equal(0);
      for (const node of deepQueryAll(el.shadowRoot!, '*')) {
        for (const attr of Array.from(node.attributes)) {
          expect(attr.name.startsWith('on'), `${node.tagName} has ${attr.name}`).to.be.false;
        }
      }
      for (const a of deepQueryAll<HTMLAnchorElement>(el.shadowRoot!, 'a[href]')) {
        expect(a.getAttribute('href')!.toLowerCase()).to.not.match(/^\s*(javascript|data|vbscript):/);
        expect(a.rel).to.equal('noopener noreferrer');
      }
    }

    const settleAll = () => new Promise((r) => setTimeout(r, 50));

    it('keeps script in messages and markdown inert', async () => {
      const el = await card(
        wireEvent({ event_type: 'message', role: 'assistant', content: [{ type: 'text', text: XSS_ALL }] }),
      );
      await settleAll();
      assertInert(el);
      expect(window.__pwned).to.equal(undefined);
      // Raw HTML is shown as text, not dropped silently.
      expect(deepText(el)).to.contain('<img src=x onerror="window.__pwned=1">');
      const links = deepQueryAll<HTMLAnchorElement>(el.shadowRoot!, 'a');
      const click = links.find((a) => a.textContent === 'click me');
      present(click, 'the javascript: link keeps its text');
      expect(click!.hasAttribute('href')).to.be.false;
    });

    it('keeps tool names, inputs, outputs, errors and session ids inert', async () => {
      const el = await card(
        wireEvent({
          event_type: 'post_tool',
          session_id: XSS.img,
          tool_name: XSS.img,
          tool_input: { [XSS.script]: XSS.img, nested: [XSS.svg] },
          tool_output: XSS_ALL,
          error: XSS.iframe,
        }),
        { expanded: true },
      );
      await settleAll();
      assertInert(el);
      expect(window.__pwned).to.equal(undefined);
      expect(deepText(q(el, '[part~="tool-chip"]')!)).to.contain(XSS.img);
      expect(el.getAttribute('aria-label')).to.contain('<img');
    });

    it('keeps result text/data and unknown fields inert', async () => {
      const res = await card(wireEvent({ event_type: 'result', result_text: XSS_ALL, result_data: { html: XSS.img } }));
      const unk = await card(wireEvent({ event_type: XSS.img, [XSS.script]: XSS.img, other: XSS_ALL }));
      const hook = await card(wireEvent({ event_type: 'hook_failed', tool_name: `hook:${XSS.img}:${XSS.script}` }), {
        expanded: true,
      });
      await settleAll();
      for (const el of [res, unk, hook]) assertInert(el);
      expect(window.__pwned).to.equal(undefined);
      expect(q(unk, '[part~="type"]')!.textContent).to.contain(XSS.img);
    });
  });

  describe('theming', () => {
    it('follows theme="dark|light" and --ce-* overrides; exposes parts', async () => {
      const light = await fixture<EventCard>(
        html`<event-card theme="light" .event=${asBound(byType(current, 'message'))}></event-card>`,
      );
      const dark = await fixture<EventCard>(
        html`<event-card theme="dark" .event=${asBound(byType(current, 'message'))}></event-card>`,
      );
      const bg = (el: EventCard) => getComputedStyle(el.shadowRoot!.querySelector('.card')!).backgroundColor;
      expect(bg(light)).to.equal('rgb(255, 255, 255)');
      expect(bg(dark)).to.not.equal(bg(light));
      dark.style.setProperty('--ce-color-surface', 'rgb(1, 2, 3)');
      expect(bg(dark)).to.equal('rgb(1, 2, 3)');
      for (const part of ['card', 'header', 'type', 'time', 'body', 'markdown']) {
        present(dark.shadowRoot!.querySelector(`[part~="${part}"]`), part);
      }
    });

    it('inside a timeline inherits the tokens the timeline resolved: same look, theme and overrides', async () => {
      const tool = byType(current, 'post_tool', (e) => e.tool_name === 'Bash');
      const alone = await card(tool);
      alone.setAttribute('theme', 'dark');
      const timeline = await fixture<EventTimeline>(
        html`<event-timeline theme="dark" style="height:600px"></event-timeline>`,
      );
      timeline.events = [tool];
      await waitUntil(() => deepQueryAll(timeline.shadowRoot!, 'event-card').length === 1, 'card in the timeline');
      const nested = deepQueryAll<EventCard>(timeline.shadowRoot!, 'event-card')[0];
      await settle(nested);
      // The ~50 declarations are resolved once, on the timeline, not again on each card it creates.
      const declares = (el: EventCard) => el.shadowRoot!.adoptedStyleSheets.includes(tokenDeclarations.styleSheet!);
      expect(declares(alone), 'a card alone declares the tokens').to.be.true;
      expect(declares(nested), 'a card in a timeline inherits them').to.be.false;
      const look = (el: EventCard) =>
        ['.card', '[part~="tool-chip"]', '[part~="time"]', '[part~="summary"]', '[part~="icon"]'].map((sel) => {
          const c = getComputedStyle(q(el, sel)!);
          return [c.color, c.backgroundColor, c.borderInlineStartColor, c.fontSize, c.fontFamily, c.padding, c.stroke];
        });
      expect(look(nested)).to.deep.equal(look(alone));
      timeline.style.setProperty('--ce-color-surface', 'rgb(1, 2, 3)');
      expect(getComputedStyle(q(nested, '.card')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    });

    it('draws the accent and the icons from its stylesheets, not per-card attributes or text nodes', async () => {
      const el = await card(byType(current, 'post_tool'));
      // An inline style or SVG presentation attributes are parsed for every card a list creates.
      expect(q(el, '.card')!.hasAttribute('style')).to.be.false;
      const svg = q(el, '[part~="type"] svg')!;
      for (const name of ['fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin']) {
        expect(svg.hasAttribute(name), name).to.be.false;
      }
      const style = getComputedStyle(svg);
      expect([style.fill, style.stroke, style.strokeWidth]).to.deep.equal(['none', style.color, '2px']);
      expect(getComputedStyle(q(el, '.card')!).borderInlineStartColor).to.equal(style.color);
      // One static template per icon: cloned, nothing to bind.
      expect(icon('tool')).to.equal(icon('tool'));
      // No text nodes for the card's indentation: a list creates and drops them with every card.
      const blank = [el.shadowRoot!, q(el, '.card')!, q(el, '.header')!, q(el, '[part~="type"]')!].flatMap((box) =>
        [...box.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && !n.textContent!.trim()),
      );
      expect(blank.length).to.equal(0);
    });

    it('nested elements inherit the theme of their host', async () => {
      const el = await card(
        wireEvent({ event_type: 'post_tool', tool_name: 'Frobnicate', tool_input: { a: 1 }, tool_output: 'text' }),
        { expanded: true },
      );
      el.setAttribute('theme', 'dark');
      await settle(el);
      const payload = q(el, '[part~="input"]')!;
      const json = payload.shadowRoot!.querySelector('ce-json-view')!;
      expect(getComputedStyle(json).colorScheme).to.equal('dark');
      const terminal = q(el, '[part~="output"]')!;
      expect(getComputedStyle(terminal.shadowRoot!.querySelector('pre')!).colorScheme).to.equal('dark');
    });
  });
});
