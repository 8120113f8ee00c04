/**
 * The card's tool views: terminal output, edits as diffs, the known tools' renderers (and a host's),
 * durations, labels said once, long and hostile strings.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './event-card.js';
import '../../locales/de.js';
import type { EventCard } from './event-card.component.js';
import type { CoordinatorEvent } from '../../types/model.js';
import { registerToolRenderer, builtInToolRenderers } from '../../pieces/tool-renderers.js';
import { XSS, XSS_ALL, absent, present, deepQueryAll, deepText } from '../../../test/support/element-kit.js';
import { wireEvent } from '../../../test/support/wire-events.mjs';

const asBound = (event: unknown) => event as CoordinatorEvent;

async function settle(el: Element) {
  const ready = (e: Element) => (e as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  for (let i = 0; i < 3; i++) {
    await ready(el);
    for (const inner of deepQueryAll(el.shadowRoot!, '*')) await ready(inner);
  }
}

async function card(event: unknown, props: Partial<EventCard> = { expanded: true }): Promise<EventCard> {
  const el = await fixture<EventCard>(html`<event-card .event=${asBound(event)}></event-card>`);
  Object.assign(el, props);
  await settle(el);
  return el;
}

const part = (root: Element | ShadowRoot | null | undefined, name: string) =>
  ((root as Element)?.shadowRoot ?? (root as ShadowRoot))?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const tool = (name: string, fields: Record<string, unknown>) =>
  wireEvent({ event_type: 'post_tool', tool_name: name, ...fields });

describe('tool views', () => {
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
    delete (window as unknown as { __pwned?: unknown }).__pwned;
  });

  describe('terminal output', () => {
    it('shows stdout and stderr as multi-line text, stderr set apart, ANSI colours as classes', async () => {
      const el = await card(
        tool('Bash', {
          tool_input: { command: 'npm test' },
          tool_output: {
            stdout: 'line 1\n\x1b[32m✓ passed\x1b[0m\nline 3',
            stderr: '\x1b[31mboom\x1b[0m',
            interrupted: false,
          },
        }),
      );
      const out = part(el, 'output')!;
      expect(out.getAttribute('part')).to.contain('terminal');
      const stdout = part(out, 'stdout')!;
      const stderr = part(out, 'stderr')!;
      // Real newlines, not an escaped JSON string with literal \n.
      expect(stdout.querySelector('pre')!.textContent).to.equal('line 1\n✓ passed\nline 3');
      expect(stdout.querySelector('pre')!.textContent).to.not.contain('\\n');
      expect(stdout.querySelector('.fg-2')!.textContent).to.equal('✓ passed');
      expect(stderr.querySelector('pre .fg-1')!.textContent).to.equal('boom');
      expect(getComputedStyle(stderr.querySelector('pre')!).borderInlineStartColor).to.not.equal(
        getComputedStyle(stdout.querySelector('pre')!).borderInlineStartColor,
      );
      expect(getComputedStyle(stdout.querySelector('pre')!).fontFamily).to.match(/mono/i);
      absent(part(out, 'interrupted'));
    });

    it('copies each stream without escape codes, and the whole output as sent', async () => {
      const output = { stdout: '\x1b[1mbold\x1b[0m out', stderr: 'err', interrupted: false };
      const el = await card(tool('Bash', { tool_input: { command: 'x' }, tool_output: output }));
      const out = part(el, 'output')!;
      const copies = deepQueryAll<HTMLElement>(out.shadowRoot!, '[part~="copy"]');
      expect(copies).to.have.length(3);
      for (const copy of copies) copy.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => writes.length === 3);
      expect(JSON.parse(writes[0])).to.deep.equal(output);
      expect(writes.slice(1)).to.deep.equal(['bold out', 'err']);
    });

    it('shows the exit code and an interruption', async () => {
      const el = await card(
        tool('Bash', {
          tool_input: { command: 'sleep 100' },
          tool_output: { stdout: 'partial', stderr: '', interrupted: true },
          exit_code: 130,
        }),
      );
      const out = part(el, 'output')!;
      expect(part(out, 'exit-code')!.textContent).to.equal('exit 130');
      expect(part(out, 'interrupted')!.textContent).to.contain('interrupted');
      // An empty stream is left out.
      absent(part(out, 'stderr'));
    });

    it('previews long output with "Show all" per stream', async () => {
      const big = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
      const el = await card(
        tool('Bash', { tool_input: { command: 'seq' }, tool_output: { stdout: big, stderr: 'e' } }),
      );
      const stdout = part(part(el, 'output'), 'stdout')!;
      expect(stdout.querySelector('pre')!.textContent!.length).to.be.lessThan(2100);
      const showAll = stdout.querySelector<HTMLButtonElement>('[part~="show-all"]')!;
      showAll.click();
      await settle(el);
      expect(part(part(el, 'output'), 'stdout')!.querySelector('pre')!.textContent).to.equal(big);
    });

    it('keeps markup in output as text', async () => {
      const el = await card(
        tool('Bash', { tool_input: { command: 'cat x.html' }, tool_output: { stdout: XSS_ALL, stderr: XSS.img } }),
      );
      const out = part(el, 'output')!;
      expect(deepQueryAll(out.shadowRoot!, 'img, script, iframe, a, [onload], [onerror]')).to.have.length(0);
      expect(deepText(out)).to.contain('<img src=x onerror=');
      expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });

    it('shows a string output of any tool as terminal text', async () => {
      const el = await card(tool('Mystery', { tool_output: 'a\n\x1b[33mb\x1b[0m' }));
      const out = part(el, 'output')!;
      expect(out.shadowRoot!.querySelector('pre')!.textContent).to.equal('a\nb');
      present(out.shadowRoot!.querySelector('.fg-3'));
    });
  });

  describe('edits as diffs', () => {
    it('Edit: the file path and a unified diff with line numbers', async () => {
      const el = await card(
        tool('Edit', {
          tool_input: {
            file_path: '/srv/app/src/config.ts',
            old_string: 'a\nconst x = 1;\nc\n',
            new_string: 'a\nconst x = 2;\nc\n',
          },
        }),
      );
      const diff = part(part(el, 'input'), 'diff')!;
      expect(part(diff, 'path')!.textContent).to.equal('/srv/app/src/config.ts');
      expect(part(diff, 'hunk')!.textContent).to.equal('@@ -1,3 +1,3 @@');
      const rows = [...diff.shadowRoot!.querySelectorAll('.line')].map((l) =>
        [...l.querySelectorAll('.no, .sign')].map((n) => n.textContent).join('|'),
      );
      expect(rows).to.deep.equal(['1|1| ', '2||-', '|2|+', '3|3| ']);
      expect(diff.shadowRoot!.querySelector('.line.del .text')!.textContent).to.contain('const x = 1;');
      // Added and removed are said, not only coloured.
      expect(diff.shadowRoot!.querySelector('.line.add .sr-only')!.textContent).to.contain('added');
    });

    it('Edit: uses the line numbers the tool reported, says the output is the change, and JSON on request', async () => {
      const el = await card(
        tool('Edit', {
          tool_input: { file_path: 'src/a.ts', old_string: '  // TODO\n', new_string: '' },
          tool_output: {
            filePath: 'src/a.ts',
            structuredPatch: [
              { oldStart: 41, oldLines: 3, newStart: 41, newLines: 2, lines: [' {', '-  // TODO', '   return'] },
            ],
          },
        }),
      );
      const input = part(el, 'input')!;
      const diff = part(input, 'diff')!;
      expect(part(diff, 'hunk')!.textContent).to.equal('@@ -41,3 +41,2 @@');
      expect(diff.shadowRoot!.querySelector('.line.del .no')!.textContent).to.equal('42');
      expect(part(el, 'output')!.shadowRoot!.textContent).to.contain('The change is shown above.');
      part(input, 'json-toggle')!.click();
      await settle(el);
      absent(part(input, 'diff'));
      present(input.shadowRoot!.querySelector('ce-json-view'));
    });

    it('MultiEdit and Write are diffs too; copying gives unified diff text', async () => {
      const multi = await card(
        tool('MultiEdit', {
          tool_input: {
            file_path: 'f.py',
            edits: [
              { old_string: 'a = 1', new_string: 'a = 2' },
              { old_string: 'b', new_string: 'c' },
            ],
          },
        }),
      );
      const diff = part(part(multi, 'input'), 'diff')!;
      expect(diff.shadowRoot!.querySelectorAll('[part~="hunk"]')).to.have.length(2);
      part(diff, 'copy')!.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => writes.length === 1);
      expect(writes[0]).to.equal('--- a/f.py\n+++ b/f.py\n@@ -1,1 +1,1 @@\n-a = 1\n+a = 2\n@@ -1,1 +1,1 @@\n-b\n+c');

      const write = await card(tool('Write', { tool_input: { file_path: 'new.txt', content: 'one\ntwo\n' } }));
      const added = part(part(write, 'input'), 'diff')!.shadowRoot!.querySelectorAll('.line.add');
      expect(added).to.have.length(2);
    });

    it('keeps markup in a diff as text, and shows bidi controls in the path', async () => {
      const el = await card(
        tool('Edit', { tool_input: { file_path: 'x\u202Egnp.js', old_string: XSS.script, new_string: XSS_ALL } }),
      );
      const diff = part(part(el, 'input'), 'diff')!;
      expect(deepQueryAll(diff.shadowRoot!, 'img, script, iframe, a, [onload], [onerror]')).to.have.length(0);
      expect(diff.shadowRoot!.querySelector('.line.add .text')!.textContent).to.contain(XSS.img);
      expect(part(diff, 'path')!.textContent).to.equal('x⟨U+202E⟩gnp.js');
      expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });
  });

  describe('known tools', () => {
    it('has renderers for the common tools', () => {
      expect(builtInToolRenderers).to.include.members([
        'Bash',
        'Read',
        'Grep',
        'Glob',
        'WebFetch',
        'TodoWrite',
        'Edit',
        'MultiEdit',
        'Write',
      ]);
    });

    it('Bash: the command as a code line, the description as a caption; the summary is the command', async () => {
      const event = tool('Bash', { tool_input: { command: 'git status --short', description: 'Show status' } });
      const collapsed = await card(event, {});
      expect(part(collapsed, 'summary')!.textContent).to.equal('$ git status --short');
      const el = await card(event);
      const view = part(part(el, 'input'), 'formatted')!;
      expect(view.querySelector('code')!.textContent).to.equal('$ git status --short');
      expect(view.querySelector('.tv-caption')!.textContent).to.equal('Show status');
    });

    it('Read: the path and range; the output with its line count', async () => {
      const el = await card(
        tool('Read', { tool_input: { file_path: '/a/b.ts', offset: 10, limit: 5 }, tool_output: '1\n2\n3' }),
      );
      const view = part(part(el, 'input'), 'formatted')!;
      expect(view.querySelector('.tv-path')!.textContent).to.equal('/a/b.ts');
      expect(view.querySelector('.tv-caption')!.textContent).to.equal('from line 10, 5 lines');
      // The output block is the terminal itself.
      const terminal = part(el, 'output')!;
      expect(terminal.getAttribute('part')).to.equal('output terminal');
      expect(part(terminal, 'label')!.textContent).to.equal('Output · 3 lines');
    });

    it('Grep: the pattern and where; matches counted', async () => {
      const el = await card(
        tool('Grep', { tool_input: { pattern: 'TODO', path: 'src' }, tool_output: 'src/a.ts:1:TODO\nsrc/b.ts:9:TODO' }),
      );
      expect(part(part(el, 'input'), 'formatted')!.textContent)
        .to.contain('TODO')
        .and.contain('in src');
      expect(part(part(el, 'output'), 'label')!.textContent).to.equal('Output · 2 matches');
      const collapsed = await card(tool('Grep', { tool_input: { pattern: 'TODO', path: 'src' } }), {});
      expect(part(collapsed, 'summary')!.textContent).to.equal('/TODO/ src');
    });

    it('WebFetch: an http(s) URL as a safe link, anything else as text', async () => {
      const el = await card(
        tool('WebFetch', { tool_input: { url: 'https://example.com/a?b=1', prompt: 'Summarize' } }),
      );
      const link = part(part(el, 'input'), 'formatted')!.querySelector('a')!;
      expect(link.getAttribute('href')).to.equal('https://example.com/a?b=1');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(link.getAttribute('target')).to.equal('_blank');
      const bad = await card(tool('WebFetch', { tool_input: { url: 'javascript:window.__pwned=1' } }));
      const view = part(part(bad, 'input'), 'formatted')!;
      absent(view.querySelector('a'));
      expect(view.textContent).to.contain('javascript:window.__pwned=1');
    });

    it('TodoWrite: a checklist with each status said, and a summary', async () => {
      const todos = [
        { content: 'Read the code', status: 'completed' },
        { content: 'Fix it', status: 'in_progress' },
        { content: XSS.img, status: 'pending' },
      ];
      const collapsed = await card(tool('TodoWrite', { tool_input: { todos } }), {});
      expect(part(collapsed, 'summary')!.textContent).to.equal('1 of 3 done');
      const el = await card(tool('TodoWrite', { tool_input: { todos } }));
      const items = [...part(part(el, 'input'), 'formatted')!.querySelectorAll('li')];
      expect(items.map((li) => li.className.split(' ').at(-1))).to.deep.equal(['completed', 'in_progress', 'pending']);
      expect(items[0].querySelector('.sr-only')!.textContent).to.equal('done:');
      expect(items[2].textContent).to.contain(XSS.img);
      absent(items[2].querySelector('img'));
      absent(part(part(el, 'input'), 'formatted')!.querySelector('input'));
    });

    it('a host adds a renderer, and one that throws falls back to the default', async () => {
      registerToolRenderer('Deploy', {
        summary: (e) => `deploy ${String(e.toolInput?.env)}`,
        input: (e) => html`<strong class="env">${String(e.toolInput?.env)}</strong>`,
        output: () => {
          throw new Error('bad renderer');
        },
      });
      try {
        const event = tool('Deploy', { tool_input: { env: 'prod' }, tool_output: { ok: true } });
        expect(part(await card(event, {}), 'summary')!.textContent).to.equal('deploy prod');
        const el = await card(event);
        expect(part(part(el, 'input'), 'formatted')!.querySelector('.env')!.textContent).to.equal('prod');
        present(part(el, 'output')!.shadowRoot!.querySelector('ce-json-view'));
      } finally {
        registerToolRenderer('Deploy', null);
      }
      const plain = await card(tool('Deploy', { tool_input: { env: 'prod' } }));
      present(part(plain, 'input')!.shadowRoot!.querySelector('ce-json-view'));
    });
  });

  describe('durations and labels', () => {
    it('shows a paired call’s duration; a slow one stands out', async () => {
      const el = await card(tool('Bash', { tool_input: { command: 'x' } }), {
        timing: { durationMs: 1500, slow: false },
      });
      const badge = part(el, 'duration')!;
      expect(badge.textContent!.trim()).to.equal('1.5 s');
      expect(badge.classList.contains('slow')).to.equal(false);
      el.timing = { durationMs: 65_000, slow: true };
      await settle(el);
      expect(badge.textContent!.trim()).to.equal('1 min 05 s');
      expect(badge.classList.contains('slow')).to.equal(true);
      expect(getComputedStyle(badge).color).to.not.equal(getComputedStyle(part(el, 'time')!).color);
      el.timing = null;
      await settle(el);
      absent(part(el, 'duration'));
      // A pre_tool whose post_tool paired up is not "running" any more.
      const pre = await card(
        wireEvent({ event_type: 'pre_tool', tool_name: 'Bash', tool_input: { command: 'x' } }),
        {},
      );
      expect(part(pre, 'tool-chip')!.textContent).to.contain('running');
      pre.timing = { durationMs: 10, slow: false };
      await settle(pre);
      expect(part(pre, 'tool-chip')!.textContent).to.not.contain('running');
    });

    it('a result that repeats the answer is folded behind the expand button', async () => {
      const el = await card(wireEvent({ event_type: 'result', result_text: 'All **done**.' }), { echo: true });
      absent(el.shadowRoot!.querySelector('ce-markdown'));
      expect(part(el, 'echo')!.textContent).to.equal('Same text as the answer above');
      el.toggle();
      await settle(el);
      present(el.shadowRoot!.querySelector('ce-markdown'));
    });

    it('translates the server’s words', async () => {
      const el = await card(wireEvent({ event_type: 'run_completed', exit_code: 1, reason: 'error' }), {});
      el.setAttribute('lang', 'de');
      await settle(el);
      expect(part(el, 'detail')!.textContent).to.equal('Exit-Code 1 · Fehler');
    });
  });

  describe('long and hostile strings', () => {
    const LONG = 'x'.repeat(30_000);

    it('no field of 30,000 characters without a break widens the page', async () => {
      const events = [
        wireEvent({ event_type: LONG }),
        tool(LONG, { tool_input: { command: LONG }, error: LONG, tool_output: { stdout: LONG, stderr: LONG } }),
        tool('Edit', { tool_input: { file_path: LONG, old_string: LONG, new_string: `${LONG}y` } }),
        wireEvent({ event_type: 'run_completed', exit_code: 3, reason: LONG }),
        wireEvent({ event_type: 'message', role: LONG, content: [{ type: 'text', text: LONG }] }),
        wireEvent({ event_type: 'hook_start', tool_name: `hook:${LONG}:${LONG}` }),
      ];
      const box = await fixture<HTMLElement>(
        html`<div style="width: 320px">
          ${events.map((e) => html`<event-card .event=${asBound(e)} expanded></event-card>`)}
          ${events.map((e) => html`<event-card .event=${asBound(e)}></event-card>`)}
        </div>`,
      );
      for (const c of box.querySelectorAll('event-card')) await settle(c);
      for (const c of box.querySelectorAll('event-card')) expect(c.getBoundingClientRect().width).to.equal(320);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
      for (const c of box.querySelectorAll('event-card')) {
        const card = c.shadowRoot!.querySelector('.card')!;
        if (card.scrollWidth > card.clientWidth + 1) {
          const right = card.getBoundingClientRect().right;
          for (const n of deepQueryAll<HTMLElement>(c.shadowRoot!, '*'))
            if (n.getBoundingClientRect().right > right + 1)
              console.log('WIDE', n.tagName, n.className, n.getAttribute('part'), n.getBoundingClientRect().width);
        }
        expect(card.scrollWidth, c.getAttribute('type')!.slice(0, 20)).to.be.at.most(card.clientWidth + 1);
      }
    });

    it('isolates bidi controls in tool names and values and makes them visible', async () => {
      const el = await card(tool('Read\u202Etxt.exe', { tool_input: { file_path: 'a\u2066b' } }), {});
      const name = el.shadowRoot!.querySelector('.tool-name')!;
      expect(name.textContent).to.equal('Read⟨U+202E⟩txt.exe');
      expect(getComputedStyle(name).unicodeBidi).to.equal('isolate');
      expect(part(el, 'summary')!.textContent).to.contain('a⟨U+2066⟩b');
      expect(getComputedStyle(part(el, 'summary')!).unicodeBidi).to.equal('isolate');
      const unknown = await card(wireEvent({ event_type: 'evil\u202Eevent' }), {});
      expect(part(unknown, 'type')!.textContent).to.contain('evil⟨U+202E⟩event');
    });
  });
});
