import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { CountdownController, countdownHosts } from './countdown.js';

class CountdownHost extends LitElement {
  at = 0;
  running = true;
  renders = 0;
  readonly countdown = new CountdownController(this, () => this.running);
  override render() {
    this.renders++;
    return html`${this.countdown.secondsUntil(this.at)}`;
  }
}
customElements.define('countdown-host', CountdownHost);

const text = (el: CountdownHost) => el.renderRoot.textContent!.trim();

describe('CountdownController', () => {
  it('counts down on one clock: two elements never show different seconds', async () => {
    const at = Date.now() + 4_600;
    const a = await fixture<CountdownHost>(testHtml`<countdown-host .at=${at}></countdown-host>`);
    await new Promise((r) => setTimeout(r, 300));
    const b = await fixture<CountdownHost>(testHtml`<countdown-host .at=${at}></countdown-host>`);
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 250));
      await a.updateComplete;
      await b.updateComplete;
      expect(text(a)).to.equal(text(b));
    }
    expect(Number(text(a))).to.be.lessThan(5);
    a.remove();
    b.remove();
  });

  it('ticks only while running, and stops when its host leaves', async () => {
    const el = await fixture<CountdownHost>(testHtml`<countdown-host .at=${Date.now() + 10_000}></countdown-host>`);
    expect(countdownHosts()).to.equal(1);
    const renders = el.renders;
    await new Promise((r) => setTimeout(r, 1_100));
    expect(el.renders).to.be.greaterThan(renders);
    el.running = false;
    el.requestUpdate();
    await el.updateComplete;
    expect(countdownHosts()).to.equal(0);
    const after = el.renders;
    await new Promise((r) => setTimeout(r, 1_100));
    expect(el.renders).to.equal(after);
    el.running = true;
    el.requestUpdate();
    await el.updateComplete;
    el.remove();
    expect(countdownHosts()).to.equal(0);
  });
});
