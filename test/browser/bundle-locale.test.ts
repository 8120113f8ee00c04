/**
 * The self-contained bundle with a translation module loaded beside it, as a page without a build
 * step would: `dist/locales/de.js` brings its own copy of the strings code, and its registration
 * must still reach the bundle's elements (the registry is shared through `globalThis`).
 */
import { expect, waitUntil } from '@open-wc/testing';

const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url).href;

describe('bundle + dist/locales/de.js', () => {
  it("registers German for the bundle's elements, also when loaded after they rendered", async () => {
    const bundle = (await import(/* @vite-ignore */ dist('coordinator-elements.bundle.min.js'))) as {
      EventCard: CustomElementConstructor;
    };
    expect(customElements.get('event-card')).to.equal(bundle.EventCard);
    const card = document.createElement('event-card') as HTMLElement & { event: unknown };
    card.lang = 'de';
    card.event = {
      session_id: 'ses_000000000001',
      event_type: 'message',
      timestamp: new Date().toISOString(),
      role: 'user',
      content: [{ type: 'text', text: 'Hallo' }],
    };
    document.body.append(card);
    await waitUntil(() => card.shadowRoot?.textContent?.includes('User'), 'English before the translation');

    await import(/* @vite-ignore */ dist('locales/de.js'));
    await waitUntil(() => card.shadowRoot?.textContent?.includes('Benutzer'), 'German after the translation');
    card.remove();
  });
});
