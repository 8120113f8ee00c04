import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ANNOUNCE_WINDOW_MS, AnnouncerController } from './announcer.js';

class AnnounceHost extends LitElement {
  readonly announcer = new AnnouncerController(this);
  override render() {
    return this.announcer.render();
  }
}
customElements.define('announce-host', AnnounceHost);

const region = (el: AnnounceHost) => el.renderRoot.querySelector('[role=status]')!;

describe('AnnouncerController', () => {
  it('says a text in a polite live region, and the same text again so that it is heard again', async () => {
    const el = await fixture<AnnounceHost>(testHtml`<announce-host></announce-host>`);
    expect(region(el).getAttribute('aria-live')).to.equal('polite');
    el.announcer.say('Reconnecting');
    await el.updateComplete;
    expect(region(el).textContent).to.equal('Reconnecting');
    el.announcer.say('Reconnecting');
    await el.updateComplete;
    expect(region(el).textContent).to.equal('Reconnecting\u00a0');
  });

  it('sums up what happened within a window in one announcement', async () => {
    const el = await fixture<AnnounceHost>(testHtml`<announce-host></announce-host>`);
    const summarize = (count: number, last: string) => `${count} new, last ${last}`;
    el.announcer.tally(['a', 'b'], summarize);
    el.announcer.tally(['c'], summarize);
    await el.updateComplete;
    expect(region(el).textContent).to.equal('');
    await new Promise((r) => setTimeout(r, ANNOUNCE_WINDOW_MS + 50));
    await el.updateComplete;
    expect(region(el).textContent).to.equal('3 new, last c');
    el.announcer.tally(['d'], summarize);
    await new Promise((r) => setTimeout(r, ANNOUNCE_WINDOW_MS + 50));
    await el.updateComplete;
    expect(region(el).textContent).to.equal('1 new, last d');
  });

  it('says nothing after its host left', async () => {
    const el = await fixture<AnnounceHost>(testHtml`<announce-host></announce-host>`);
    el.announcer.tally(['a'], (n) => `${n}`);
    el.remove();
    await new Promise((r) => setTimeout(r, ANNOUNCE_WINDOW_MS + 50));
    expect(el.announcer.text).to.equal('');
  });
});
