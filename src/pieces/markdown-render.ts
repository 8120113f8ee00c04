/**
 * Markdown → sanitized nodes: marked (GFM), then the browser's own sanitizer where it has one, else
 * DOMPurify (loaded only then), both with one policy (sanitize-policy.ts). Loaded by markdown.ts on
 * the first text that needs it, so a page that shows no markdown never downloads any of this.
 */
import { Marked, type Tokens } from 'marked';
import { hasNativeSanitizer, sanitizeNatively } from './sanitize-native.js';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({
  renderer: {
    // Raw HTML from a coordinator is shown as text.
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    // Images as links: no network requests from untrusted data, no <img> in the DOM.
    image({ href, title, text }: Tokens.Image) {
      const label = escapeHtml(text || href || '');
      return `<a href="${escapeHtml(href ?? '')}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label}</a>`;
    },
    // Task list boxes as characters: no form controls from untrusted data.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Which sanitizer renders: the browser's (`native`) or DOMPurify (`purify`). */
export type SanitizerKind = 'native' | 'purify';
type Sanitize = (template: HTMLTemplateElement, html: string) => void;

let sanitize: Sanitize | null = null;
let kind: SanitizerKind | null = null;
let loading: Promise<void> | null = null;

/**
 * Gets the sanitizer ready (the browser's own, else DOMPurify, downloaded now); `force` picks one
 * (tests run the same inputs through both).
 */
export function prepareSanitizer(force?: SanitizerKind): Promise<void> {
  if (force && force !== kind) loading = null;
  return (loading ??= (async () => {
    if (force !== 'purify' && hasNativeSanitizer()) {
      sanitize = sanitizeNatively;
      kind = 'native';
    } else {
      const { sanitizeWithPurify } = await import('./sanitize-purify.js');
      sanitize = sanitizeWithPurify;
      kind = 'purify';
    }
  })());
}

/** The sanitizer in use (null until `prepareSanitizer()` resolved). */
export function sanitizerKind(): SanitizerKind | null {
  return kind;
}

/** Parses `text` and sanitizes it into `template` (after `prepareSanitizer()`); plain text if either fails. */
export function renderMarkdownInto(template: HTMLTemplateElement, text: string): void {
  try {
    sanitize!(template, marked.parse(text, { async: false }) as string);
  } catch {
    const p = document.createElement('p');
    p.textContent = text;
    template.content.replaceChildren(p);
  }
}

/** Sanitizes HTML (not markdown) into `template`, for tests of the sanitizers themselves. */
export function sanitizeHtmlInto(template: HTMLTemplateElement, html: string): void {
  sanitize!(template, html);
}
