/**
 * The XSS corpus (test/support/xss-corpus.ts) in every rendered field of every element, through both
 * sanitizers (the browser's own `setHTML`, then DOMPurify as where it is missing): no payload runs,
 * none reaches the network (the test server records `/__xss-beacon/<id>`), nothing dangerous is in
 * the DOM, and both sanitizers render the same markdown. A new element's fields are one more entry
 * in TARGETS.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/event-card.js';
import '../../src/event-timeline.js';
import '../../src/session-list.js';
import '../../src/run-swimlanes.js';
import '../../src/chat-panel.js';
import type { EventCard } from '../../src/components/event-card/event-card.component.js';
import type { EventTimeline } from '../../src/components/event-timeline/event-timeline.component.js';
import type { SessionList } from '../../src/components/session-list/session-list.component.js';
import type { RunSwimlanes } from '../../src/components/run-swimlanes/run-swimlanes.component.js';
import type { ChatPanel } from '../../src/components/chat-panel/chat-panel.component.js';
import { clearMarkdownCache, loadMarkdown } from '../../src/pieces/markdown.js';
import type { SanitizerKind } from '../../src/pieces/markdown-render.js';
import { createSim, type SimInstance } from '../support/sim.js';
import { wireEvent } from '../support/wire-events.mjs';
import {
  XSS_CORPUS,
  dangersIn,
  deepElements,
  runCorpus,
  takeBeacons,
  takeExecutions,
  type XssField,
  type XssOutcome,
  type XssPayload,
  type XssTarget,
} from '../support/xss-corpus.js';

const SES = 'ses_00000000c0de';
const at = (i: number) => new Date(Date.UTC(2026, 10, 24, 2, 0, 0) + i * 1000).toISOString();

/** Waits for `el` and what it renders inside (cards wait for their markdown). */
const rendered = async (elements: Iterable<Element>) =>
  Promise.all([...elements].map((el) => (el as EventCard).updateComplete));

// ----------------------------------------------------------------------------- <event-card>

/** A field of an expanded card: one card per payload, given the event `make(payload)`. */
type Fields = { event_type: string } & Record<string, unknown>;

function cardField(name: string, make: (p: XssPayload) => Fields): XssField {
  return {
    name,
    async render(container, payloads) {
      for (const p of payloads) {
        const card = document.createElement('event-card') as EventCard;
        card.expanded = true;
        card.event = wireEvent({ session_id: SES, timestamp: at(0), ...make(p) });
        container.append(card);
      }
      await rendered(container.children);
      // The pieces inside (payload and JSON views) render in their own updates.
      await rendered(deepElements(container));
    },
  };
}

const card: XssTarget = {
  element: 'event-card',
  fields: [
    cardField('assistant message', (p) => ({
      event_type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: p.text }],
    })),
    cardField('user message', (p) => ({ event_type: 'message', role: 'user', content: p.text })),
    cardField('message blocks', (p) => ({
      event_type: 'message',
      role: 'assistant',
      content: [{ type: p.text, text: 'x', [p.text]: p.text }],
    })),
    cardField('result text and data', (p) => ({
      event_type: 'result',
      result_text: p.text,
      result_data: { [p.text]: p.text, list: [p.text] },
    })),
    cardField('tool name, input, output, error', (p) => ({
      event_type: 'post_tool',
      tool_name: p.text,
      tool_input: { command: p.text, [p.text]: 1 },
      tool_output: p.text,
      error: p.text,
    })),
    cardField('tool output as an object', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Bash',
      tool_input: { command: 'x' },
      tool_output: { stdout: p.text, nested: { [p.text]: [p.text] } },
    })),
    // The tool views (issue 21): the terminal, diffs and the known tools' own views.
    cardField('terminal: stdout, stderr, ANSI colours, Bash command and description', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Bash',
      tool_input: { command: p.text, description: p.text },
      tool_output: { stdout: `\x1b[31m${p.text}\x1b[0m\n${p.text}`, stderr: `\x1b[1;33m${p.text}`, interrupted: true },
      exit_code: 2,
    })),
    cardField('diff of an Edit: path, old and new text', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Edit',
      tool_input: { file_path: p.text, old_string: `a\n${p.text}\n`, new_string: `a\n${p.text}!\n${p.text}\n` },
    })),
    cardField('diffs of MultiEdit, Write and a reported patch', (p) => ({
      event_type: 'post_tool',
      tool_name: 'MultiEdit',
      tool_input: { file_path: p.text, edits: [{ old_string: p.text, new_string: `${p.text}\n` }] },
      tool_output: {
        structuredPatch: [
          { oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, lines: [`-${p.text}`, `+${p.text}`, ` ${p.text}`] },
        ],
      },
    })),
    cardField('Write as a diff', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Write',
      tool_input: { file_path: p.text, content: p.text },
    })),
    cardField('Read: path, range, output', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Read',
      tool_input: { file_path: p.text, offset: 1, limit: 2 },
      tool_output: `${p.text}\n${p.text}`,
    })),
    cardField('Grep: pattern, where, matches', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Grep',
      tool_input: { pattern: p.text, path: p.text, glob: p.text, type: p.text },
      tool_output: `${p.text}\n${p.text}`,
    })),
    cardField('Glob: a list of paths', (p) => ({
      event_type: 'post_tool',
      tool_name: 'Glob',
      tool_input: { pattern: p.text, path: p.text },
      tool_output: [p.text, `src/${p.text}`],
    })),
    cardField('WebFetch: the payload as URL, and prompt', (p) => ({
      event_type: 'post_tool',
      tool_name: 'WebFetch',
      tool_input: { url: p.text, prompt: p.text },
    })),
    cardField('WebFetch: the payload in an https URL', (p) => ({
      event_type: 'post_tool',
      tool_name: 'WebFetch',
      tool_input: { url: `https://example.com/${p.text}` },
    })),
    cardField('TodoWrite: items and their status', (p) => ({
      event_type: 'post_tool',
      tool_name: 'TodoWrite',
      tool_input: {
        todos: [
          { content: p.text, status: p.text, activeForm: p.text },
          { content: p.text, status: 'completed' },
        ],
      },
    })),
    cardField('hook name', (p) => ({ event_type: 'hook', tool_name: `PreToolUse:${p.text}` })),
    cardField('run completion', (p) => ({ event_type: 'run_completed', exit_code: 1, reason: p.text })),
    cardField('unknown type', (p) => ({ event_type: p.text, [p.text]: p.text })),
  ],
};

// ----------------------------------------------------------------------------- <event-timeline>

/** A field of the timeline's events, a few payloads per timeline (all its rows in view). */
function timelineField(name: string, make: (p: XssPayload, i: number) => Fields[]): XssField {
  return {
    name,
    async render(container, payloads) {
      for (let start = 0; start < payloads.length; start += 6) {
        const el = document.createElement('event-timeline') as EventTimeline;
        el.style.height = '3000px';
        el.events = payloads
          .slice(start, start + 6)
          .flatMap((p, i) => make(p, i).map((fields) => wireEvent({ session_id: SES, timestamp: at(i), ...fields })));
        // Each batch its own timeline, kept for the checks.
        container.append(el);
        await el.updateComplete;
        await rendered(deepElements(el.shadowRoot!));
      }
    },
  };
}

const timeline: XssTarget = {
  element: 'event-timeline',
  fields: [
    timelineField('run with messages, tools and result', (p) => [
      { event_type: 'run_start' },
      { event_type: 'message', role: 'user', content: [{ type: 'text', text: p.text }] },
      { event_type: 'post_tool', tool_name: p.text, tool_input: { command: p.text }, error: p.text },
      { event_type: 'message', role: 'assistant', content: [{ type: 'text', text: p.text }] },
      { event_type: 'result', result_text: p.text },
      { event_type: 'run_completed', exit_code: 1, reason: p.text },
    ]),
    timelineField('unknown type', (p) => [{ event_type: p.text }]),
  ],
};

// ----------------------------------------------------------------------------- <chat-panel>

let sim: SimInstance | null = null;

const chat: XssTarget = {
  element: 'chat-panel',
  fields: [
    {
      name: 'prompts, tool names, inputs, outputs, errors, answers, results',
      async render(container, payloads) {
        sim ??= await createSim({ historyCap: 10_000 });
        const events = payloads.flatMap((p, i) =>
          [
            { event_type: 'run_start' },
            { event_type: 'message', role: 'user', content: [{ type: 'text', text: p.text }] },
            { event_type: 'post_tool', tool_name: p.text, tool_input: { command: p.text }, tool_output: p.text },
            { event_type: 'post_tool', tool_name: 'Bash', tool_input: { command: 'x' }, error: p.text },
            { event_type: 'message', role: 'assistant', content: [{ type: 'text', text: p.text }] },
            { event_type: 'result', result_text: p.text, result_data: { [p.text]: p.text } },
            { event_type: 'run_completed', exit_code: 0, reason: 'completed' },
          ].map((fields, j) => ({ ...fields, timestamp: at(i * 10 + j) })),
        );
        const { session_id } = await sim.addSession({
          session: { session_id: `ses_${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`, status: 'idle' },
          events,
        });
        const el = document.createElement('chat-panel') as ChatPanel;
        el.style.height = '3000px';
        el.src = sim.sseUrl;
        el.sessionId = session_id;
        container.append(el);
        const root = el.shadowRoot!;
        await waitUntil(
          () => root.querySelectorAll('[part~="assistant-message"]').length === payloads.length,
          'all runs',
          {
            timeout: 20_000,
          },
        );
        for (const chip of root.querySelectorAll<HTMLButtonElement>('[part~="tool-button"]')) chip.click();
        await el.updateComplete;
        await rendered(deepElements(root));
      },
    },
  ],
};

// ----------------------------------------------------------------------------- <session-list>, <run-swimlanes>

/**
 * A session per payload, the payload in every field a row or lane shows: agent, status, project, and the
 * first prompt (its title), a failed tool and the run's outcome; given as host data.
 */
function fleet(payloads: readonly XssPayload[]) {
  const sessions = payloads.map((p, i) => ({
    session_id: `ses_${(0xc0de000000 + i).toString(16).padStart(12, '0')}`,
    status: i % 3 === 0 ? p.text : i % 3 === 1 ? 'failed' : 'idle',
    created_at: at(i * 10),
    agent_name: p.text,
    project_dir: p.text,
    parent_session_id: null,
  }));
  const events = sessions.flatMap((session, i) =>
    [
      { event_type: 'run_start' },
      { event_type: 'message', role: 'user', content: [{ type: 'text', text: payloads[i].text }] },
      {
        event_type: 'post_tool',
        tool_name: payloads[i].text,
        tool_input: { command: payloads[i].text },
        error: payloads[i].text,
      },
      { event_type: 'run_completed', exit_code: 1, reason: payloads[i].text },
    ].map((fields, j) => wireEvent({ session_id: session.session_id, timestamp: at(i * 10 + j), ...fields })),
  );
  return { sessions, events };
}

/** `el`'s shadow root once it shows `count` rows (`selector`), and what they render inside. */
async function rowsShown(el: HTMLElement, selector: string, count: number): Promise<void> {
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelectorAll(selector).length >= count, `${count} rows`, { timeout: 20_000 });
  await rendered(deepElements(root));
}

const sessionList: XssTarget = {
  element: 'session-list',
  fields: [
    {
      name: 'titles, agents, statuses, projects',
      async render(container, payloads) {
        const { sessions, events } = fleet(payloads);
        const el = document.createElement('session-list') as SessionList;
        el.style.height = `${payloads.length * 80}px`;
        el.sessions = sessions;
        el.appendEvents(events);
        container.append(el);
        await rowsShown(el, '[role="treeitem"]', payloads.length);
      },
    },
  ],
};

const swimlanes: XssTarget = {
  element: 'run-swimlanes',
  fields: ['lanes', 'table'].map((view) => ({
    name: `${view}: labels, run blocks and their names`,
    async render(container, payloads) {
      const { sessions, events } = fleet(payloads);
      const el = document.createElement('run-swimlanes') as RunSwimlanes;
      el.style.height = `${payloads.length * 60}px`;
      el.table = view === 'table';
      el.sessions = sessions;
      el.events = events;
      container.append(el);
      await rowsShown(el, view === 'table' ? 'tbody tr' : '[role="row"]', payloads.length);
    },
  })),
};

/** Elements that render no markdown: every field of theirs is text (their rows shown are waited for). */
const TEXT_ONLY = new Set(['session-list', 'run-swimlanes']);

/** Every element and its rendered fields: a new element adds its entry here. */
const TARGETS: XssTarget[] = [card, timeline, chat, sessionList, swimlanes];

// ----------------------------------------------------------------------------- the runs

describe('XSS corpus', function () {
  this.timeout(180_000);

  before(async () => {
    await setViewport({ width: 1200, height: 3200 });
  });
  after(async () => {
    await sim?.close();
  });

  it('holds at least 60 payloads of every kind the issue names', () => {
    expect(XSS_CORPUS.length).to.be.at.least(60);
    const kinds = new Set(XSS_CORPUS.map((p) => p.kind));
    for (const kind of ['script', 'handler', 'url', 'srcdoc', 'namespace', 'mxss', 'clobbering', 'breakout', 'unicode'])
      expect(kinds.has(kind), kind).to.equal(true);
    expect(new Set(XSS_CORPUS.map((p) => p.id)).size).to.equal(XSS_CORPUS.length);
  });

  it('sets off nothing when parsed outside the elements (the checks see what they should)', async () => {
    // Control: the same payloads given to the DOM raw run and reach the network.
    takeExecutions();
    await takeBeacons();
    const box = document.createElement('div');
    box.innerHTML = XSS_CORPUS.filter((p) => p.kind === 'handler')
      .map((p) => p.text)
      .join('');
    document.body.append(box);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const executed = takeExecutions();
    const beacons = await takeBeacons();
    expect(dangersIn(box).length).to.be.greaterThan(5);
    box.remove();
    expect(executed.length, 'handlers ran').to.be.greaterThan(0);
    expect(beacons.length, 'beacons recorded').to.be.greaterThan(0);
  });

  const results = new Map<SanitizerKind, XssOutcome[]>();
  for (const kind of ['native', 'purify'] as const) {
    describe(`through ${kind === 'native' ? "the browser's sanitizer (setHTML)" : 'DOMPurify'}`, () => {
      before(async () => {
        const renderer = await loadMarkdown();
        await renderer.prepareSanitizer(kind);
        expect(renderer.sanitizerKind()).to.equal(kind);
        clearMarkdownCache();
        results.set(kind, []);
      });

      for (const target of TARGETS) {
        it(`<${target.element}>: no execution, no beacon, nothing dangerous in the DOM`, async () => {
          const host = document.createElement('div');
          document.body.append(host);
          try {
            const outcome = await runCorpus(target, host);
            results.get(kind)!.push(outcome);
            expect(outcome.executions, 'executions').to.deep.equal([]);
            expect(outcome.beacons, 'beacons').to.deep.equal([]);
            expect(outcome.dangers, 'dangerous nodes').to.deep.equal([]);
            if (!TEXT_ONLY.has(target.element)) {
              expect([...outcome.markdown.values()].flat().length, 'markdown was rendered').to.be.greaterThan(0);
            }
          } finally {
            host.remove();
          }
        });
      }
    });
  }

  // After both runs (mocha runs a suite's own tests before its nested suites).
  describe('both sanitizers', () => {
    it('renders the same markdown through both sanitizers, field by field', () => {
      const [native, purify] = [results.get('native'), results.get('purify')];
      expect(native?.length).to.equal(TARGETS.length);
      expect(purify?.length).to.equal(TARGETS.length);
      native!.forEach((outcome, i) => {
        for (const [where, html] of outcome.markdown) {
          const other = purify![i].markdown.get(where);
          html.forEach((h, j) => expect(other?.[j], `${where} #${j}`).to.equal(h));
          expect(other?.length, where).to.equal(html.length);
        }
      });
    });
  });

  it('gives the same DOM from both sanitizers for every payload as raw HTML, nothing dangerous in it', async () => {
    const renderer = await loadMarkdown();
    const sanitized = async (kind: SanitizerKind) => {
      await renderer.prepareSanitizer(kind);
      return XSS_CORPUS.map((p) => {
        const template = document.createElement('template');
        renderer.sanitizeHtmlInto(template, p.text);
        return template;
      });
    };
    const native = await sanitized('native');
    const purify = await sanitized('purify');
    // And what markdown is for: the same DOM from a rich GFM text.
    const gfm = [
      '# Title',
      'Some **bold**, _em_, ~~gone~~, `code` and a [link](https://example.com "t") <https://example.org>.',
      '',
      '| left | center | right |',
      '|:---|:---:|---:|',
      '| a | b | c |',
      '',
      '3. three',
      '4. four',
      '',
      '- [x] done',
      '> quoted',
      '',
      '```ts',
      'const x = 1 < 2;',
      '```',
      '![pic](https://example.com/p.png) [rel](docs/x.md) [mail](mailto:a@b.c) [top](#top)',
    ].join('\n');
    const viaMarkdown = async (kind: SanitizerKind) => {
      await renderer.prepareSanitizer(kind);
      const template = document.createElement('template');
      renderer.renderMarkdownInto(template, gfm);
      return template.innerHTML;
    };
    const gfmNative = await viaMarkdown('native');
    expect(await viaMarkdown('purify')).to.equal(gfmNative);
    for (const piece of [
      '<strong>bold</strong>',
      '<th align="center">',
      '<ol start="3">',
      '<del>gone</del>',
      'class="language-ts"',
    ])
      expect(gfmNative).to.contain(piece);
    expect(gfmNative).to.contain(
      '<a href="https://example.com" title="t" target="_blank" rel="noopener noreferrer">link</a>',
    );
    expect(gfmNative, 'a relative link loses its target').to.contain('<a>rel</a>');
    takeExecutions();
    await takeBeacons();
    XSS_CORPUS.forEach((p, i) => {
      // Raw `<noscript>` parses one way with scripting (setHTML) and another without (DOMPurify's
      // DOMParser): both drop it and the image, DOMPurify keeps an empty paragraph. Markdown never
      // gets there (raw HTML is text), and through the elements both render the same (above).
      if (p.text.startsWith('<noscript>')) {
        expect(native[i].innerHTML, p.id).to.equal('');
        expect(purify[i].innerHTML, p.id).to.equal('<p></p>');
      } else expect(purify[i].innerHTML, `${p.id}: ${p.text}`).to.equal(native[i].innerHTML);
      expect(dangersIn(purify[i].content), p.id).to.deep.equal([]);
      expect(dangersIn(native[i].content), p.id).to.deep.equal([]);
    });
    // Attached to the page, they set off nothing either.
    const box = document.createElement('div');
    box.append(...native.map((t) => t.content.cloneNode(true)));
    document.body.append(box);
    await new Promise((resolve) => setTimeout(resolve, 300));
    box.remove();
    expect(takeExecutions()).to.deep.equal([]);
    expect(await takeBeacons()).to.deep.equal([]);
  });
});
