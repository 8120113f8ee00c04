/**
 * Queries for play functions: what a user sees lives inside shadow roots (and nested ones), which
 * `within(canvasElement)` does not enter.
 */
import { within } from 'storybook/test';

type Queries = ReturnType<typeof within>;

/**
 * Testing Library queries scoped to an element's shadow root. Testing Library cannot print a
 * ShadowRoot in its failure messages (it throws a TypeError instead), so failures are rethrown
 * with the query and the shadow root's markup.
 */
export function shadow(el: Element): Queries {
  const root = el.shadowRoot;
  if (!root) throw new Error(`<${el.localName}> has no (open) shadow root`);
  const queries = within(root as unknown as HTMLElement);
  return new Proxy(queries, {
    get(target, name) {
      const query: unknown = Reflect.get(target, name);
      if (typeof query !== 'function') return query;
      return (...args: unknown[]) => {
        const describe = (error: unknown) =>
          new Error(
            `${String(name)}(${args.map((a) => (a instanceof RegExp ? String(a) : JSON.stringify(a))).join(', ')}) in <${el.localName}>'s shadow root failed` +
              (error instanceof Error && !error.message.startsWith('Expected an element')
                ? `: ${error.message.split('\n')[0]}`
                : '') +
              `\n${root.innerHTML.replace(/<!--[^>]*-->/g, '').slice(0, 3000)}`,
          );
        try {
          const result = (query as (...a: unknown[]) => unknown)(...args);
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(describe(error))) : result;
        } catch (error) {
          throw describe(error);
        }
      };
    },
  });
}

/** Every element matching `selector` in `root` and all shadow roots below it, in document order. */
export function deepQueryAll<E extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): E[] {
  const found: E[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el as E);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  // A host's own shadow content comes before its light children in what a user sees.
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return found;
}

export function deepQuery<E extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): E | null {
  return deepQueryAll<E>(root, selector)[0] ?? null;
}

/** Waits for a custom element's pending Lit update, if it has one. */
export async function settled(el: Element): Promise<void> {
  const update = (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  if (update) await update;
}

/**
 * Text of an element as a reader gets it, shadow roots included (`textContent` stops at them).
 * Light children of a host are included after its shadow content; our elements do not slot.
 */
export function deepText(node: Node | null | undefined): string {
  if (!node) return '';
  if (node.nodeType === Node.TEXT_NODE) return (node as Text).data;
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
  if (node instanceof HTMLStyleElement || node instanceof HTMLScriptElement) return '';
  let text = '';
  if (node instanceof Element && node.shadowRoot) text += deepText(node.shadowRoot);
  for (const child of node.childNodes) text += deepText(child);
  return text;
}

/** Resolves once `read()` returned the same value for `frames` animation frames in a row (layout settled). */
export async function stableFor(read: () => unknown, frames = 5, maxFrames = 600): Promise<void> {
  let last = read();
  let same = 0;
  for (let i = 0; i < maxFrames && same < frames; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = read();
    same = Object.is(now, last) ? same + 1 : 0;
    last = now;
  }
  if (same < frames) throw new Error(`value kept changing for ${maxFrames} frames`);
}
