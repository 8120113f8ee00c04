/**
 * The browser's own sanitizer (the HTML Sanitizer API, `Element.prototype.setHTML`: Chromium 146+,
 * Firefox 148+) with our allow-list: nothing to download, and not a Trusted Types sink (it cannot
 * produce script), so a page that enforces Trusted Types needs no policy of ours on this path.
 */
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, finishSanitized } from './sanitize-policy.js';

interface SanitizerConfig {
  elements: string[];
  attributes: string[];
  comments: boolean;
  dataAttributes: boolean;
}
type SetHTML = (this: Element, html: string, options: { sanitizer: SanitizerConfig }) => void;

const CONFIG: SanitizerConfig = {
  elements: ALLOWED_ELEMENTS,
  attributes: ALLOWED_ATTRIBUTES,
  comments: false,
  dataAttributes: false,
};

function setHTMLOf(el: Element): SetHTML | undefined {
  const fn = (el as Element & { setHTML?: SetHTML }).setHTML;
  return typeof fn === 'function' ? fn : undefined;
}

/**
 * Whether this browser's `setHTML` exists and applies an allow-list of this shape (an early
 * implementation took another shape and would ignore ours, allowing its defaults instead).
 */
export function hasNativeSanitizer(): boolean {
  const probe = document.createElement('template');
  const setHTML = setHTMLOf(probe);
  if (!setHTML) return false;
  try {
    setHTML.call(probe, '<b>b</b><i>i</i>', { sanitizer: { ...CONFIG, elements: ['b'] } });
  } catch {
    return false;
  }
  return probe.innerHTML === '<b>b</b>';
}

/** Sanitizes `html` into `template`'s content with the browser's sanitizer and our policy. */
export function sanitizeNatively(template: HTMLTemplateElement, html: string): void {
  setHTMLOf(template)!.call(template, html, { sanitizer: CONFIG });
  finishSanitized(template.content);
}
