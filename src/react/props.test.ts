import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { ChatPanel } from '../components/chat-panel/chat-panel.component.js';
import { EventCard } from '../components/event-card/event-card.component.js';
import { EventTimeline } from '../components/event-timeline/event-timeline.component.js';
import { SessionList } from '../components/session-list/session-list.component.js';
import { RunSwimlanes } from '../components/run-swimlanes/run-swimlanes.component.js';
import {
  chatPanelProperties,
  eventCardProperties,
  eventTimelineProperties,
  runSwimlanesProperties,
  sessionListProperties,
} from './props.js';

/** The public reactive properties Lit knows for a class (`@property`, not `@state`). */
function declaredProperties(ctor: typeof LitElement): string[] {
  return [...ctor.elementProperties]
    .filter(([, options]) => !options.state)
    .map(([name]) => String(name))
    .sort();
}

// The React wrappers type their props from these lists: a property added to an element without
// being listed would be missing from the wrapper's props.
describe('React wrapper property lists', () => {
  it('<event-card>: exactly the @property declarations', () => {
    expect([...eventCardProperties].sort()).to.deep.equal(declaredProperties(EventCard));
  });

  it('<event-timeline>: exactly the @property declarations', () => {
    expect([...eventTimelineProperties].sort()).to.deep.equal(declaredProperties(EventTimeline));
  });

  it('<chat-panel>: exactly the @property declarations', () => {
    expect([...chatPanelProperties].sort()).to.deep.equal(declaredProperties(ChatPanel));
  });

  it('<session-list>: exactly the @property declarations', () => {
    expect([...sessionListProperties].sort()).to.deep.equal(declaredProperties(SessionList));
  });

  it('<run-swimlanes>: exactly the @property declarations', () => {
    expect([...runSwimlanesProperties].sort()).to.deep.equal(declaredProperties(RunSwimlanes));
  });

  it('every listed property is an accessor on the prototype, so @lit/react sets it as a property', () => {
    const cases: [typeof LitElement, readonly string[]][] = [
      [EventCard, eventCardProperties],
      [EventTimeline, eventTimelineProperties],
      [ChatPanel, chatPanelProperties],
      [SessionList, sessionListProperties],
      [RunSwimlanes, runSwimlanesProperties],
    ];
    for (const [ctor, names] of cases) {
      for (const name of names) expect(name in ctor.prototype, `${ctor.name}.${name}`).to.be.true;
    }
  });
});
