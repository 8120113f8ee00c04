/**
 * Accessibility bugs in the elements that these stories found, reported to the elements' owners
 * (see the Storybook report). Each entry narrows ONE axe rule so that it skips exactly the faulty
 * markup and keeps checking everything else; the stories stay otherwise under
 * `a11y.test = 'error'`. Delete an entry when its element is fixed: the stories that use it then
 * check the rule in full again.
 */
interface AxeRuleOverride {
  id: string;
  selector: string;
}

const issues = {
  /**
   * src/internal/json-view.ts (`_node`): an open object/array renders `<ul role="group">` around
   * its `<li>` entries; a `group` is not a list, so every entry fails axe `listitem`.
   * Fix: drop `role="group"` (plain nested list), or make the whole tree a `tree`/`treeitem`/`group`.
   */
  jsonViewListitem: { id: 'listitem', selector: 'li:not([role="group"] > li)' },
  /**
   * src/internal/payload-view.ts: the text payload `<pre part="text">` scrolls (max-height +
   * overflow:auto) but cannot take keyboard focus (axe `scrollable-region-focusable`); keyboard
   * users cannot scroll a long output. Fix: `tabindex="0"` (with `role="region"` and an
   * `aria-label` from the payload label) on the `<pre>`.
   */
  payloadScrollFocus: { id: 'scrollable-region-focusable', selector: '*:not(select, textarea, pre[part~="text"])' },
  /**
   * src/components/event-timeline/event-timeline.component.ts (`render`): the list keeps
   * `role="feed"` while it holds no rows, and a feed must contain articles (axe
   * `aria-required-children`). Fix: set the role only when there are rows, or `aria-busy="true"`
   * while waiting for the first events.
   */
  emptyFeed: { id: 'aria-required-children', selector: '[role]:not([role="feed"][part~="list"])' },
} satisfies Record<string, AxeRuleOverride>;

export type KnownIssue = keyof typeof issues;

/** Story/meta `parameters` that apply the named overrides. */
export function knownA11yIssues(...names: KnownIssue[]) {
  return { a11y: { config: { rules: names.map((name) => issues[name]) } } };
}
