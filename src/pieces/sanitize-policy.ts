/**
 * What rendered markdown may hold, in one place for both sanitizers (the browser's own `setHTML`
 * and DOMPurify where it is missing), so that both give the same DOM for the same input:
 * - only formatting elements; anything else is removed with its content (what `setHTML` does with
 *   an element outside its list; DOMPurify is told the same with `KEEP_CONTENT: false`);
 * - only the attributes below, on any of them; no comments, no `data-*`;
 * - then `finishSanitized()` on the result of either: links only to http(s), mailto and `#`
 *   targets (others lose their `href`), opened in a new tab without opener or referrer; no
 *   attribute value that could close a comment or a raw-text element if the DOM were serialized
 *   and parsed again (as DOMPurify's `SAFE_FOR_XML` has it).
 */

export const ALLOWED_ELEMENTS = [
  'a',
  'p',
  'br',
  'hr',
  'strong',
  'b',
  'em',
  'i',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
  'sup',
  'sub',
  'kbd',
];

export const ALLOWED_ATTRIBUTES = ['href', 'title', 'align', 'start', 'colspan', 'rowspan', 'class'];

/** Link targets kept (checked without the whitespace and control characters a browser ignores). */
export const ALLOWED_URL = /^(?:https?:|mailto:|#)/i;
// eslint-disable-next-line no-control-regex -- the characters a URL parser skips or strips
const URL_IGNORED = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
const VALUE_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;

/** Whether `href` may stay on a link (an empty one may: it goes nowhere). */
export function isAllowedLink(href: string): boolean {
  return !href || ALLOWED_URL.test(href.replace(URL_IGNORED, ''));
}

/** The last step of both sanitizers, on the sanitized nodes (see the header). */
export function finishSanitized(root: ParentNode): void {
  for (const el of root.querySelectorAll('*')) {
    for (const { name, value } of Array.from(el.attributes)) {
      if (VALUE_BREAKOUT.test(value)) el.removeAttribute(name);
    }
    const href = el.getAttribute('href');
    if (href === null) continue;
    if (el.localName !== 'a' || !isAllowedLink(href)) {
      el.removeAttribute('href');
      continue;
    }
    el.setAttribute('target', '_blank');
    el.setAttribute('rel', 'noopener noreferrer');
  }
}
