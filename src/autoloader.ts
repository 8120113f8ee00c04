/**
 * Entry `coordinator-elements/autoloader.js` (and `dist/cdn/autoloader.js`, the page's one script
 * tag): defines each element the first time its tag appears in the page, by loading its module then,
 * so a page loads only the elements it shows:
 *
 * ```html
 * <script type="module" src="https://cdn.example/coordinator-elements@1/dist/cdn/autoloader.js"></script>
 * ```
 *
 * It watches the document for tags added later. Shadow roots are closed to it: hand it those that
 * hold its tags with `observe(root)` (`discover(root)` looks once). The elements an element renders
 * inside itself (a timeline's cards) come with it.
 */

/** Tag → the module that registers it. */
const loaders: Record<string, () => Promise<unknown>> = {
  'event-timeline': () => import('./event-timeline.js'),
  'event-card': () => import('./event-card.js'),
  'chat-panel': () => import('./chat-panel.js'),
  'session-list': () => import('./session-list.js'),
  'run-swimlanes': () => import('./run-swimlanes.js'),
};

const loads = new Map<string, Promise<unknown>>();

function load(tag: string): Promise<unknown> | undefined {
  const loader = loaders[tag];
  if (!loader || customElements.get(tag)) return undefined;
  let loading = loads.get(tag);
  if (!loading) {
    // A failed download may be retried by the next tag that turns up.
    loading = loader().catch((error: unknown) => {
      loads.delete(tag);
      console.error(`coordinator-elements: could not load <${tag}>`, error);
    });
    loads.set(tag, loading);
  }
  return loading;
}

/** Loads the elements used in `root` (itself included, when an element) that are not defined yet. */
export async function discover(root: ParentNode = document): Promise<void> {
  const found = new Set<string>();
  if (root instanceof Element) found.add(root.localName);
  for (const el of root.querySelectorAll(':not(:defined)')) found.add(el.localName);
  await Promise.all([...found].map(load));
}

/** Loads the elements used in `root` now and whenever they are added to it; returns a function that stops watching. */
export function observe(root: Document | ShadowRoot | Element = document): () => void {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  void discover(root);
  return () => observer.disconnect();
}

/** The tags this autoloader knows. */
export const tags: readonly string[] = Object.keys(loaders);

observe(document);
