/**
 * The classes entry on a page where another library took every default tag name: the elements a page
 * defines under names of its own (`acme-…`) render their inner elements under the names those resolve
 * to (src/pieces/define.ts), never the other library's. (That importing it defines nothing:
 * classes-entry.test.ts.) web-test-runner gives this file a page of its own, so the dummies below reach
 * no other test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createSim, type SimInstance } from '../support/sim.js';
import { deepQueryAll, deepText } from '../support/element-kit.js';
import { wireEvent } from '../support/wire-events.mjs';
import type * as Classes from '../../src/classes.js';

const DEFAULT_NAMES = [
  'event-timeline',
  'event-card',
  'chat-panel',
  'session-list',
  'ce-session-row',
  'ce-duration',
  'ce-markdown',
  'ce-payload',
  'ce-json-view',
  'ce-copy-button',
  'ce-relative-time',
];

/** Another library's element: renders nothing, marks itself. */
const dummy = () =>
  class extends HTMLElement {
    connectedCallback() {
      this.setAttribute('data-dummy', '');
    }
  };
for (const name of DEFAULT_NAMES) customElements.define(name, dummy());

type Rendering = HTMLElement & { updateComplete: Promise<unknown> };

/** The element, then every Lit element in its shadow trees, have rendered. */
async function settle(el: Rendering): Promise<void> {
  await el.updateComplete;
  for (const inner of deepQueryAll<Rendering>(el.shadowRoot!, '*'))
    if (inner.updateComplete) await inner.updateComplete;
}

/** The names of `el`'s shadow tree's elements with `part~=name`. */
const tagsOfPart = (el: Element, name: string) =>
  [...el.shadowRoot!.querySelectorAll(`[part~="${name}"]`)].map((n) => n.localName);

let lib: typeof Classes;

describe('the classes entry beside another library that took the default names', function () {
  this.timeout(60_000);

  before(async () => {
    lib = await import('../../src/classes.js');
    customElements.define('acme-card', lib.EventCard);
    customElements.define('acme-timeline', lib.EventTimeline);
    customElements.define('acme-chat', lib.ChatPanel);
    customElements.define('acme-sessions', lib.SessionList);
  });

  afterEach(() => {
    for (const el of document.querySelectorAll('body > *')) el.remove();
  });

  it('an acme-card renders its markdown, payloads, JSON, copy buttons and time under names of their own', async () => {
    const card = document.createElement('acme-card') as Classes.EventCard;
    card.event = wireEvent({
      event_type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Found **two** files:\n\n```\nls -la\n```' }],
    });
    document.body.append(card);
    await settle(card);

    const [markdown] = tagsOfPart(card, 'markdown');
    expect(markdown).to.match(/^ce-markdown-\d+$/);
    const md = card.shadowRoot!.querySelector(markdown)!;
    expect(md.hasAttribute('data-dummy')).to.equal(false);
    expect(md.shadowRoot!.querySelector('strong')?.textContent).to.equal('two');
    const [copyCode] = tagsOfPart(md, 'copy-code');
    expect(copyCode).to.match(/^ce-copy-button-\d+$/);
    expect(md.shadowRoot!.querySelector(copyCode)!.shadowRoot!.querySelector('button')).to.not.equal(null);
    const [time] = tagsOfPart(card, 'time');
    expect(time).to.match(/^ce-relative-time-\d+$/);
    expect(card.shadowRoot!.querySelector(time)!.textContent).to.not.equal('');

    // A tool card, expanded: payloads (their JSON views and copy buttons) resolve the same way.
    const tool = document.createElement('acme-card') as Classes.EventCard;
    tool.event = wireEvent({
      event_type: 'post_tool',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
      tool_output: { files: ['a', 'b'] },
    });
    tool.expanded = true;
    document.body.append(tool);
    await settle(tool);
    const payloads = tagsOfPart(tool, 'input');
    expect(payloads).to.have.length(1);
    expect(payloads[0]).to.match(/^ce-payload-\d+$/);
    const output = tool.shadowRoot!.querySelector<HTMLElement>('[part~="output"]')!;
    await settle(output as Rendering);
    const [json] = tagsOfPart(output, 'json');
    expect(json).to.match(/^ce-json-view-\d+$/);
    expect(deepText(output)).to.contain('"files"');
    expect(tagsOfPart(output, 'copy')[0]).to.match(/^ce-copy-button-\d+$/);

    // Nothing of this library was rendered as the other library's element.
    expect(deepQueryAll(card.shadowRoot!, '[data-dummy]')).to.have.length(0);
    expect(deepQueryAll(tool.shadowRoot!, '[data-dummy]')).to.have.length(0);
  });

  it('an acme-timeline renders its events as acme-cards, with their content', async () => {
    const timeline = document.createElement('acme-timeline') as Classes.EventTimeline;
    timeline.style.height = '400px';
    timeline.events = [
      wireEvent({ event_type: 'run_start' }),
      wireEvent({ event_type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Hello **there**' }] }),
    ];
    document.body.append(timeline);
    await timeline.updateComplete;
    await waitUntil(() => timeline.shadowRoot!.querySelectorAll('[data-key]:not(.run-header)').length === 2, 'rows');

    const rows = [...timeline.shadowRoot!.querySelectorAll<Rendering>('[data-key]:not(.run-header)')];
    // EventCard is defined by the page as `acme-card`: the timeline renders it under that name.
    expect(rows.map((r) => r.localName)).to.deep.equal(['acme-card', 'acme-card']);
    for (const row of rows) await settle(row);
    expect(deepText(rows[1])).to.contain('Hello there');
    expect(deepQueryAll(timeline.shadowRoot!, '[data-dummy]')).to.have.length(0);
  });

  it('an acme-chat renders its composer, and its answers through a markdown of its own', async () => {
    let sim: SimInstance | undefined;
    try {
      sim = await createSim({ stepMs: 20 });
      const chat = document.createElement('acme-chat') as Classes.ChatPanel;
      chat.style.height = '420px';
      chat.src = sim.sseUrl;
      document.body.append(chat);
      await chat.updateComplete;
      expect(chat.shadowRoot!.querySelector('[part~="composer"] textarea[part~="input"]')).to.not.equal(null);

      await chat.send('Hello, list the files please');
      await waitUntil(
        () => chat.shadowRoot!.querySelector<HTMLElement>('.msg.assistant')?.dataset.state === 'done',
        'answer done',
        { timeout: 15_000 },
      );
      const [markdown] = tagsOfPart(chat, 'markdown');
      expect(markdown).to.match(/^ce-markdown-\d+$/);
      const answer = chat.shadowRoot!.querySelector<Rendering>(markdown)!;
      await answer.updateComplete;
      expect(answer.shadowRoot!.textContent).to.contain('You asked');
      expect(deepQueryAll(chat.shadowRoot!, '[data-dummy]')).to.have.length(0);
    } finally {
      await sim?.close();
    }
  });

  it('an acme-sessions renders its rows and their times under names of their own', async () => {
    const list = document.createElement('acme-sessions') as Classes.SessionList;
    list.style.height = '400px';
    list.sessions = [
      { session_id: 'ses_000000000001', status: 'running', created_at: new Date(Date.now() - 60_000).toISOString() },
    ];
    document.body.append(list);
    await list.updateComplete;
    await waitUntil(() => list.shadowRoot!.querySelector('[role="treeitem"]'), 'a row');
    const row = list.shadowRoot!.querySelector<Rendering>('[role="treeitem"]')!;
    expect(row.localName).to.match(/^ce-session-row-\d+$/);
    // The row renders into itself (no shadow root); its times are plain elements.
    await row.updateComplete;
    const time = row.querySelector('[part~="created"] > *')!;
    expect(time.localName).to.match(/^ce-relative-time-\d+$/);
    expect(time.textContent).to.not.equal('');
    const duration = row.querySelector('[part~="duration"] > :not(svg)')!;
    expect(duration.localName).to.match(/^ce-duration-\d+$/);
    expect(deepQueryAll(list.shadowRoot!, '[data-dummy]')).to.have.length(0);
  });
});
