/**
 * The CDN layout (dist/cdn/, from `npm run build`) as a page without a build step uses it: one
 * module script, `autoloader.js`, and the tags. What the page downloads is read from the resource
 * timing entries. The steps run in order within one page (the autoloader is loaded once), each
 * checking what the previous ones did not load.
 */
import { expect, waitUntil } from '@open-wc/testing';

const cdn = (file: string) => new URL(`../../dist/cdn/${file}`, import.meta.url).href;

interface Autoloader {
  discover(root?: ParentNode): Promise<void>;
  observe(root?: Document | ShadowRoot | Element): () => void;
  tags: readonly string[];
}

/** Files of dist/cdn/ this page requested, without their hashes (`chunks/marked`). */
function requested(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((path) => path.includes('/dist/cdn/'))
    .map((path) => path.replace(/^.*\/dist\/cdn\//, '').replace(/^(chunks\/.+)-[\w-]{8}\.js$/, '$1'));
}

/** Waits for requests in flight to be answered (and so listed). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const isDetails = (file: string) => file.startsWith('chunks/card-views');
const isMarkdown = (file: string) => /^chunks\/(markdown-render|marked|sanitize-|dompurify)/.test(file);

const tool = (i: number) => ({
  session_id: 'ses_0000000000cd',
  event_type: 'post_tool',
  timestamp: new Date(Date.UTC(2026, 10, 24, 2, 0, i)).toISOString(),
  tool_name: 'Bash',
  tool_input: { command: `ls ${i}` },
  tool_output: `file-${i}.txt`,
});

describe('dist/cdn/autoloader.js', () => {
  let autoloader: Autoloader;

  before(async () => {
    try {
      autoloader = (await import(/* @vite-ignore */ cdn('autoloader.js'))) as Autoloader;
    } catch (err) {
      throw new Error(`could not import dist/cdn/autoloader.js (run \`npm run build\` first): ${String(err)}`);
    }
  });

  it('loads nothing more while no tag of it is used', async () => {
    expect(autoloader.tags).to.deep.equal([
      'event-timeline',
      'event-card',
      'chat-panel',
      'session-list',
      'run-swimlanes',
    ]);
    await settle();
    expect(requested()).to.deep.equal(['autoloader.js']);
    expect(customElements.get('event-timeline')).to.equal(undefined);
  });

  it('defines a tag added later, loading only its element: a timeline of tool events loads no markdown', async () => {
    const el = document.createElement('event-timeline') as unknown as HTMLElement & {
      events: unknown[];
      updateComplete: Promise<boolean>;
    };
    el.style.height = '400px';
    el.events = Array.from({ length: 30 }, (_, i) => tool(i));
    document.body.append(el);
    await customElements.whenDefined('event-timeline');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('event-card').length).to.be.greaterThan(0);
    // Its cards are defined with it (not by the autoloader).
    expect(customElements.get('event-card')).to.not.equal(undefined);
    // A request shows in the timing entries once answered: give any in flight the time to be.
    await settle();
    const files = requested();
    expect(files).to.include('event-timeline.js');
    expect(files, 'no other element').to.not.include('chat-panel.js');
    expect(files.filter((f) => f.startsWith('chunks/chat-panel'))).to.deep.equal([]);
    expect(files.filter(isMarkdown), 'no markdown parser, no sanitizer').to.deep.equal([]);
    expect(files.filter(isDetails), 'no detail views while every card is collapsed').to.deep.equal([]);

    // Expanding a card brings its detail views: the output as a terminal.
    const first = el.shadowRoot!.querySelector('event-card') as HTMLElement & {
      toggle(force?: boolean): void;
      updateComplete: Promise<boolean>;
    };
    first.toggle(true);
    await first.updateComplete;
    expect(requested().filter(isDetails)).to.deep.equal(['chunks/card-views']);
    const output = first.shadowRoot!.querySelector('[part~="output"]');
    expect(output?.localName).to.equal('ce-terminal');
    expect(output?.shadowRoot?.textContent).to.contain('file-');
    await settle();
    expect(requested().filter(isMarkdown), 'still no markdown').to.deep.equal([]);

    // A message then brings the parser, and on a browser with its own sanitizer no DOMPurify.
    el.events = [
      ...el.events,
      {
        session_id: 'ses_0000000000cd',
        event_type: 'message',
        timestamp: new Date(Date.UTC(2026, 10, 24, 2, 1)).toISOString(),
        role: 'assistant',
        content: [{ type: 'text', text: 'Found **30** files' }],
      },
    ];
    await el.updateComplete;
    await waitUntil(() => requested().includes('chunks/marked'), 'the parser loaded');
    const card = [...el.shadowRoot!.querySelectorAll('event-card')].find((c) => c.getAttribute('type') === 'message');
    const strong = card?.shadowRoot?.querySelector('[part~="markdown"]')?.shadowRoot?.querySelector('strong');
    expect(strong?.textContent).to.equal('30');
    expect(typeof (Element.prototype as { setHTML?: unknown }).setHTML).to.equal('function');
    await settle();
    expect(requested().filter((f) => /dompurify|sanitize-purify/.test(f))).to.deep.equal([]);
    el.remove();
  });

  it('defines a tag in a shadow root once told about that root', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    root.innerHTML = '<chat-panel></chat-panel>';
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(customElements.get('chat-panel'), 'a shadow root is closed to the document observer').to.equal(undefined);
    const stop = autoloader.observe(root);
    await customElements.whenDefined('chat-panel');
    expect(requested()).to.include('chat-panel.js');
    expect(root.querySelector('chat-panel')!.shadowRoot).to.not.equal(null);
    stop();
    host.remove();
  });
});
