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
