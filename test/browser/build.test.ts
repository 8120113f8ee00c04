/**
 * The built per-entry modules (dist/, from `npm run build`) as an app's bundler would load them: each
 * element entry registers its element and what it uses, nothing else; the client and classes entries
 * register nothing; the main entry shares the same classes. web-test-runner resolves the bare imports (lit, …)
 * the way a bundler does. The imports are made in order within one page, so each step checks what
 * the previous ones did not define.
 */
import { expect } from '@open-wc/testing';

const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url).href;

async function load(file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(/* @vite-ignore */ dist(file))) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`could not import dist/${file} (run \`npm run build\` first): ${String(err)}`);
  }
}

const defined = () =>
  ['event-card', 'event-timeline', 'chat-panel'].filter((tag) => customElements.get(tag) !== undefined);

describe('dist/ per-entry modules', () => {
  it('register only what each entry needs, and share one class per element', async () => {
    expect(defined()).to.deep.equal([]);

    const client = await load('client.js');
    expect(client.acquireClient).to.be.a('function');
    expect(defined(), 'client.js registers nothing').to.deep.equal([]);

    const classes = await load('classes.js');
    const pieces = ['ce-markdown', 'ce-payload', 'ce-json-view', 'ce-copy-button', 'ce-relative-time'];
    expect(
      [...defined(), ...pieces.filter((tag) => customElements.get(tag))],
      'classes.js registers nothing',
    ).to.deep.equal([]);

    const card = await load('event-card.js');
    expect(customElements.get('event-card')).to.equal(card.EventCard);
    expect(defined(), 'event-card.js registers only <event-card>').to.deep.equal(['event-card']);

    const timeline = await load('event-timeline.js');
    expect(customElements.get('event-timeline')).to.equal(timeline.EventTimeline);
    expect(customElements.get('chat-panel'), 'event-timeline.js does not register <chat-panel>').to.equal(undefined);

    const chat = await load('chat-panel.js');
    expect(customElements.get('chat-panel')).to.equal(chat.ChatPanel);

    const index = await load('index.js');
    expect(index.EventCard).to.equal(card.EventCard);
    expect(index.EventTimeline).to.equal(timeline.EventTimeline);
    expect(index.ChatPanel).to.equal(chat.ChatPanel);
    expect([classes.EventCard, classes.EventTimeline, classes.ChatPanel]).to.deep.equal([
      card.EventCard,
      timeline.EventTimeline,
      chat.ChatPanel,
    ]);
    expect(index.acquireClient).to.equal(client.acquireClient);
  });
});
