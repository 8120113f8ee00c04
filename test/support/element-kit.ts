/**
 * Test helpers shared by the element tests (not part of the library build): deep shadow-DOM
 * queries, presence checks and an XSS payload set.
 */
/** All elements matching `selector` in `root` and every shadow root below it. */
export function deepQueryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const out: E[] = [];
  const visit = (node: ParentNode) => {
    out.push(...(Array.from(node.querySelectorAll(selector)) as E[]));
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

/** Concatenated text of an element including its shadow trees. */
export function deepText(root: Node): string {
  let text = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    const el = node as Element;
    if (el.shadowRoot) el.shadowRoot.childNodes.forEach(visit);
    node.childNodes.forEach(visit);
  };
  visit(root);
  return text.replace(/\s+/g, ' ');
}

export const XSS = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=1</script>',
  svg: '<svg onload="window.__pwned=1"></svg>',
  iframe: '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  jsLink: '[click me](javascript:window.__pwned=1)',
  jsLinkEncoded: '[x](JaVaScRiPt&#58;window.__pwned=1)',
  mdImage: '![pic](x" onerror="window.__pwned=1)',
  dataLink: '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
};

/** Every payload in one string. */
export const XSS_ALL = Object.values(XSS).join('\n\n');

/**
 * Presence checks that never put an element into a failed assertion: the test runner cannot
 * serialize DOM nodes in an error (it would lose the whole test file instead of one test).
 */
export function present(value: unknown, what = 'element'): void {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
}

export function absent(value: unknown, what = 'element'): void {
  if (value !== null && value !== undefined) {
    const desc =
      value instanceof Element ? `<${value.tagName.toLowerCase()} ${value.getAttribute('part') ?? ''}>` : typeof value;
    throw new Error(`expected ${what} to be absent, found ${desc}`);
  }
}
