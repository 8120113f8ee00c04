/**
 * Inline SVG icons (24×24 viewBox, stroked with `currentColor`), as Lit templates. Icons are
 * decorative: they are `aria-hidden` and always sit next to a text label.
 *
 * Cost: a list shows several icons per row and creates rows as it scrolls. Each icon is one static
 * template (cloned, nothing to bind), and its stroke and fill come from `tokens` (tokens.styles.ts)
 * rather than presentation attributes, which the browser parses and styles for every `<svg>`.
 */
import type { TemplateResult } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';

const paths = {
  play: '<polygon points="6 4 20 12 6 20 6 4"></polygon>',
  resume:
    '<path d="M4 12a8 8 0 1 0 2.3-5.6"></path><polyline points="4 3 4 8 9 8"></polyline><polygon points="10 9 16 12 10 15 10 9"></polygon>',
  flag: '<path d="M5 21V4"></path><path d="M5 4h11l-2 4 2 4H5"></path>',
  tool: '<path d="M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.77-3.77a6 6 0 0 1-7.94 7.94l-6.91 6.91a2.12 2.12 0 0 1-3-3l6.91-6.91a6 6 0 0 1 7.94-7.94l-3.76 3.76z"></path>',
  user: '<circle cx="12" cy="8" r="4"></circle><path d="M4 21a8 8 0 0 1 16 0"></path>',
  bot: '<rect x="4" y="8" width="16" height="12" rx="2"></rect><path d="M12 8V4"></path><circle cx="12" cy="3" r="1"></circle><circle cx="9" cy="14" r="1"></circle><circle cx="15" cy="14" r="1"></circle>',
  message: '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"></path>',
  result:
    '<path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z"></path><polyline points="14 3 14 9 20 9"></polyline><polyline points="9 15 11 17 15 13"></polyline>',
  hook: '<path d="M18 4v7a6 6 0 0 1-12 0V9"></path><polyline points="3 12 6 9 9 12"></polyline>',
  unknown:
    '<circle cx="12" cy="12" r="9"></circle><path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14"></path><circle cx="12" cy="17.5" r="0.5"></circle>',
  alert:
    '<path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"></path><line x1="12" y1="9" x2="12" y2="13"></line><line x1="12" y1="17" x2="12.01" y2="17"></line>',
  check: '<polyline points="20 6 9 17 4 12"></polyline>',
  x: '<line x1="18" y1="6" x2="6" y2="18"></line><line x1="6" y1="6" x2="18" y2="18"></line>',
  copy: '<rect x="9" y="9" width="12" height="12" rx="2"></rect><path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"></path>',
  chevronRight: '<polyline points="9 6 15 12 9 18"></polyline>',
  chevronDown: '<polyline points="6 9 12 15 18 9"></polyline>',
  chevronUp: '<polyline points="6 15 12 9 18 15"></polyline>',
  arrowDown: '<line x1="12" y1="5" x2="12" y2="19"></line><polyline points="19 12 12 19 5 12"></polyline>',
  search: '<circle cx="11" cy="11" r="7"></circle><line x1="21" y1="21" x2="16.65" y2="16.65"></line>',
  expandAll: '<polyline points="7 15 12 20 17 15"></polyline><polyline points="7 9 12 4 17 9"></polyline>',
  collapseAll: '<polyline points="7 20 12 15 17 20"></polyline><polyline points="7 4 12 9 17 4"></polyline>',
  stop: '<rect x="6" y="6" width="12" height="12" rx="1"></rect>',
  live: '<circle cx="12" cy="12" r="4" fill="currentColor"></circle><path d="M6.3 6.3a8 8 0 0 0 0 11.4M17.7 6.3a8 8 0 0 1 0 11.4"></path>',
  offline:
    '<line x1="2" y1="2" x2="22" y2="22"></line><path d="M8.5 16.5a5 5 0 0 1 7 0"></path><path d="M2 8.8a15 15 0 0 1 4.2-2.8M10.7 5.1A15 15 0 0 1 22 8.8"></path><line x1="12" y1="20" x2="12.01" y2="20"></line>',
  lock: '<rect x="4" y="11" width="16" height="10" rx="2"></rect><path d="M8 11V7a4 4 0 0 1 8 0v4"></path>',
  refresh: '<path d="M21 12a9 9 0 1 1-2.6-6.4"></path><polyline points="21 3 21 9 15 9"></polyline>',
  more: '<circle cx="5" cy="12" r="1"></circle><circle cx="12" cy="12" r="1"></circle><circle cx="19" cy="12" r="1"></circle>',
  trash: '<polyline points="4 7 20 7"></polyline><path d="M6 7l1 13h10l1-13"></path><path d="M9 7V4h6v3"></path>',
  filter: '<polygon points="3 4 21 4 14 12.5 14 19 10 21 10 12.5 3 4"></polygon>',
  download: '<path d="M12 4v11"></path><polyline points="7 10 12 15 17 10"></polyline><path d="M4 19h16"></path>',
  clock: '<circle cx="12" cy="12" r="9"></circle><polyline points="12 7 12 12 15 14"></polyline>',
  history:
    '<path d="M3 12a9 9 0 1 0 3-6.7"></path><polyline points="3 3 3 8 8 8"></polyline><polyline points="12 7 12 12 15 14"></polyline>',
} satisfies Record<string, string>;

export type IconName = keyof typeof paths;

const templates = new Map<string, TemplateResult>();

/** `<svg>` for an icon; size and colour come from CSS (`width/height`, `color`). */
export function icon(name: IconName, className = 'icon'): TemplateResult {
  const key = `${name} ${className}`;
  let template = templates.get(key);
  if (!template) {
    // A template without bindings (static values are part of the template; the markup is our own
    // constants): Lit clones it and is done.
    template = html`<svg
      class="${unsafeStatic(className)}"
      part="icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      ${unsafeStatic(paths[name])}
    </svg>`;
    templates.set(key, template);
  }
  return template;
}

export const iconNames = Object.keys(paths) as IconName[];
