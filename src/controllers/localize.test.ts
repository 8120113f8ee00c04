import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../components/event-card/event-card.js';
import '../components/event-timeline/event-timeline.js';
import '../components/chat-panel/chat-panel.js';
import '../locales/de.js';
import type { EventCard } from '../components/event-card/event-card.component.js';
import type { EventTimeline } from '../components/event-timeline/event-timeline.component.js';
import type { ChatPanel } from '../components/chat-panel/chat-panel.component.js';
import { stringsFor } from './localize.js';
import { registerTranslation, stringsForLang } from '../i18n/translations.js';
import { formatDuration } from '../i18n/format.js';
import { toCoordinatorEvents } from '../model/normalize.js';
import { deepQueryAll, deepText } from '../../test/support/element-kit.js';
import { wireEvent } from '../../test/support/wire-events.mjs';

const SES = 'ses_00000000l10n';
const t0 = Date.parse('2026-11-24T09:05:07Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();

/** One run: start, a user message, a tool with a big output, completion after 1.5 s. */
function run() {
  return toCoordinatorEvents([
    wireEvent({ session_id: SES, event_type: 'run_start', timestamp: at(0) }),
    wireEvent({
      session_id: SES,
      event_type: 'message',
      timestamp: at(0.5),
      role: 'user',
      content: [{ type: 'text', text: 'Hallo' }],
    }),
    wireEvent({
      session_id: SES,
      event_type: 'post_tool',
      timestamp: at(1),
      tool_name: 'Read',
      tool_input: { path: '/tmp/x' },
      tool_output: 'x'.repeat(12_345),
    }),
    wireEvent({ session_id: SES, event_type: 'run_completed', timestamp: at(1.5), exit_code: 0, reason: 'done' }),
  ]);
}

const text = (el: Element) => deepText(el.shadowRoot ?? el);

describe('localisation', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('lang');
  });

  it('falls back from a region to its language, then to English, and keeps the region for formats', () => {
    const ch = stringsForLang('de-CH');
    expect(ch.copy).to.equal('Kopieren');
    expect(ch.locale).to.equal('de-CH');
    const fr = stringsForLang('fr');
    expect(fr.copy).to.equal('Copy');
    expect(fr.locale).to.equal('fr');
    expect(fr.runEvents(1234)).to.equal(`${(1234).toLocaleString('fr')} events`);
    expect(ch.runEvents(1)).to.equal('1 Ereignis');
    expect(stringsForLang(undefined).copy).to.equal('Copy');
  });

  it('a card follows its own lang: German words, numbers and relative time', async () => {
    const [, message, tool] = run();
    const card = await fixture<EventCard>(html`<event-card lang="de" .event=${message}></event-card>`);
    expect(text(card)).to.contain('Benutzer');
    card.event = tool;
    card.expanded = true;
    await card.updateComplete;
    const all = text(card);
    expect(all).to.contain('Werkzeug');
    expect(all).to.contain('Eingabe');
    expect(all).to.contain('Ausgabe');
    // 12,345 characters → "12 KB"; German groups and decimals differ from English.
    const time = deepQueryAll(card.shadowRoot!, 'ce-relative-time')[0];
    // However long ago the fixture's time is today: "vor 5 Tagen", "gestern", "letzte Woche"…
    expect(time.textContent).to.match(/^(vor |gestern|vorgestern|letzte[nrs]? )/);
    expect(time.getAttribute('title')).to.equal(
      new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'medium' }).format(tool.time),
    );
    expect(card.getAttribute('aria-label')).to.match(/^Werkzeug: Read/);
  });

  it('inherits lang from any ancestor, across shadow roots, and follows changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de">
        <event-timeline .events=${run()}></event-timeline>
      </div>`,
    );
    const timeline = wrapper.querySelector('event-timeline') as EventTimeline;
    await waitUntil(() => deepQueryAll(timeline.shadowRoot!, 'event-card').length === 4, 'cards rendered');
    expect(text(timeline)).to.contain('Alle aufklappen');
    expect(text(timeline)).to.contain('4 von 4 Ereignissen');
    // Duration 1.5 s with a German decimal comma; start time in German format.
    expect(text(timeline)).to.contain(formatDuration(1500, 'de'));
    expect(formatDuration(1500, 'de')).to.equal('1,5 s');
    const card = deepQueryAll<EventCard>(timeline.shadowRoot!, 'event-card').find((c) => c.event?.type === 'message');
    expect(card && text(card)).to.contain('Benutzer');

    wrapper.setAttribute('lang', 'en-US');
    await waitUntil(() => text(timeline).includes('Expand all'), 'timeline switched to English');
    await waitUntil(() => text(card!).includes('User'), 'card inside switched to English');
  });

  it('follows <html lang> when nothing closer declares one', async () => {
    document.documentElement.lang = 'de';
    const card = await fixture<EventCard>(html`<event-card .event=${run()[2]}></event-card>`);
    expect(text(card)).to.contain('Werkzeug');
    document.documentElement.lang = 'en';
    await waitUntil(() => text(card).includes('Tool'), 'card switched with <html lang>');
  });

  it("a timeline's strings override its language and reach the cards inside", async () => {
    const timeline = await fixture<EventTimeline>(
      html`<event-timeline
        lang="de"
        .strings=${{ expandAll: 'Alles auf', eventTypes: { message: 'Nachr.' } }}
        .events=${run()}
      ></event-timeline>`,
    );
    await waitUntil(() => deepQueryAll(timeline.shadowRoot!, 'event-card').length === 4, 'cards rendered');
    expect(text(timeline)).to.contain('Alles auf');
    // Not overridden: still German.
    expect(text(timeline)).to.contain('Alle zuklappen');
    const card = deepQueryAll<EventCard>(timeline.shadowRoot!, 'event-card').find((c) => c.event?.type === 'message')!;
    expect(text(card)).to.contain('Benutzer');
    // eventTypes is merged one level deep: other types keep their German names.
    expect(text(timeline)).to.contain('Lauf gestartet');

    timeline.strings = { expandAll: 'Open everything' };
    await waitUntil(() => text(timeline).includes('Open everything'), 'new overrides applied');
  });

  it("a card's strings replace single labels", async () => {
    const card = await fixture<EventCard>(
      html`<event-card .strings=${{ roles: { user: 'Human' } }} .event=${run()[1]}></event-card>`,
    );
    expect(text(card)).to.contain('Human');
    expect(stringsFor(card).copy).to.equal('Copy');
  });

  it('the chat panel speaks the language of lang, with its strings on top', async () => {
    const panel = await fixture<ChatPanel>(
      html`<chat-panel lang="de-AT" .strings=${{ placeholder: 'Was soll ich tun?' }}></chat-panel>`,
    );
    expect(text(panel)).to.contain('Senden');
    expect(text(panel)).to.contain('Neuer Chat');
    const field = panel.shadowRoot!.querySelector('textarea')!;
    expect(field.placeholder).to.equal('Was soll ich tun?');
    expect(field.getAttribute('aria-label')).to.equal('Nachricht an den Agenten');
    panel.lang = 'en';
    await waitUntil(() => text(panel).includes('Send') && !text(panel).includes('Senden'), 'chat switched to English');
  });

  it('a translation registered later updates elements already on the page', async () => {
    const card = await fixture<EventCard>(html`<event-card lang="nl" .event=${run()[2]}></event-card>`);
    expect(text(card)).to.contain('Tool');
    registerTranslation('nl', { strings: { eventTypes: { post_tool: 'Gereedschap' } } });
    await waitUntil(() => text(card).includes('Gereedschap'), 'card re-rendered with Dutch');
  });
});
