import { expect } from '@open-wc/testing';
import { normalizeEvent } from './normalize.js';
import { eventAnchor, isAnchor } from './anchor.js';
import { historyForm, liveEvent, ts } from '../../test/support/wire-events.mjs';

describe('eventAnchor', () => {
  it('names an event the same live and from history, in any client, and tells events apart', () => {
    const wire = liveEvent({ event_type: 'post_tool', timestamp: ts(5), tool_name: 'Bash', tool_output: '' });
    const live = normalizeEvent(wire, { seq: 1 });
    const fromHistory = normalizeEvent(historyForm(wire, 42), { seq: 900 });
    expect(live.key).to.not.equal(fromHistory.key);
    expect(eventAnchor(live)).to.equal(eventAnchor(fromHistory));
    expect(eventAnchor(live)).to.match(/^ev-[0-9a-z]+$/);
    expect(isAnchor(eventAnchor(live))).to.equal(true);
    expect(isAnchor(live.key)).to.equal(false);
    const anchors = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      anchors.add(
        eventAnchor(normalizeEvent(liveEvent({ event_type: 'post_tool', timestamp: ts(i), tool_name: 'Bash' }))),
      );
    }
    expect(anchors.size).to.equal(2000);
  });
});
