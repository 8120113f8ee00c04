/**
 * Markdown for untrusted coordinator text, and `<ce-markdown>`, the element that shows it. The parser
 * and sanitizer are loaded on the first text that needs them (markdown-render.ts, a dynamic
 * `import()`): a page that shows only tool calls never downloads them. Until they are there, the
 * text is shown as it is, in the same box, line breaks kept.
 *
 * Safety, in layers (markdown-render.ts, sanitize-policy.ts):
 * - raw HTML in the markdown is rendered as visible text, never as markup;
 * - images become plain links (no remote fetches / tracking pixels, no `img` in the DOM);
 * - the browser's own sanitizer (`setHTML`) or, where it has none, DOMPurify keeps only formatting
 *   elements, and links only with http(s)/mailto/# targets (`javascript:` and friends lose their href);
 * - every remaining link opens in a new tab with `rel="noopener noreferrer"`.
 *
 * Cost: parse + sanitize once per distinct text (LRU cache), clone a template per render;
 * `<ce-markdown>` renders only when connected and only the first `limit` characters until asked.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { formatBytes } from '../i18n/format.js';
import { CeElement } from './base-element.js';
import { CeCopyButton } from './copy-button.js';
import type { MarkdownEventMap } from './events.js';
import { buttonStyles, tokens } from './tokens.styles.js';

type Renderer = typeof import('./markdown-render.js');
let renderer: Renderer | null = null;
let loading: Promise<Renderer> | null = null;

/** Loads the parser and sanitizer (once); resolves when markdown can be rendered. */
export function loadMarkdown(): Promise<Renderer> {
  return (loading ??= import('./markdown-render.js').then(
    async (module) => {
      await module.prepareSanitizer();
      return (renderer = module);
    },
    (error: unknown) => {
      // Not loaded (offline, blocked): the text stays as it is; a later text tries again.
      loading = null;
      throw error;
    },
  ));
}

/**
 * Text that markdown turns into one paragraph of the same text: it starts with a letter (no list,
 * heading, quote or code block), ends without a space, and holds only letters, digits, spaces and
 * punctuation without a markdown meaning (none of * _ ` [ ] < > & | ~ \ / @ # ! nor a newline),
 * and no `www.` (a GFM autolink).
 */
const PLAIN_PARAGRAPH = /^\p{L}(?:[\p{L}\p{N} ,.;:?'"()-]*[\p{L}\p{N},.;:?'"()-])?$/u;
export function isPlainParagraph(text: string): boolean {
  return PLAIN_PARAGRAPH.test(text) && !/www\./i.test(text);
}

const CACHE_MAX = 500;
const cache = new Map<string, HTMLTemplateElement>();

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

/**
 * Markdown → a fresh DocumentFragment of sanitized nodes, or null while the parser is not loaded
 * (see `loadMarkdown()`; a plain sentence needs none). Parsing and sanitizing happen once per
 * distinct text (LRU of 500); later calls only clone.
 */
export function markdownFragment(text: string): DocumentFragment | null {
  let template = cache.get(text);
  if (template) {
    // Refresh LRU position.
    cache.delete(text);
    cache.set(text, template);
  } else {
    const plain = isPlainParagraph(text);
    if (!plain && !renderer) return null;
    template = document.createElement('template');
    // A plain sentence: what the parser and sanitizer would make of it, without them (most short
    // messages and results).
    if (plain) template.content.append(paragraph(text));
    else renderer!.renderMarkdownInto(template, text);
    cache.set(text, template);
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
  }
  return template.content.cloneNode(true) as DocumentFragment;
}

/** Stats of the markdown cache (tests, debugging). */
export function markdownCacheSize(): number {
  return cache.size;
}

/** Empties the cache (tests that render the same texts through the other sanitizer). */
export function clearMarkdownCache(): void {
  cache.clear();
}

/** Styles for rendered markdown content inside a `.markdown` container. */
export const markdownStyles = css`
  .markdown {
    overflow-wrap: anywhere;
    line-height: var(--_line-height);
  }
  .markdown > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  .markdown p,
  .markdown ul,
  .markdown ol,
  .markdown blockquote,
  .markdown table,
  .markdown .code-block {
    margin: 0 0 var(--_space-3);
  }
  .markdown h1,
  .markdown h2,
  .markdown h3,
  .markdown h4,
  .markdown h5,
  .markdown h6 {
    margin: var(--_space-4) 0 var(--_space-3);
    line-height: 1.25;
  }
  .markdown h1 {
    font-size: 1.3em;
  }
  .markdown h2 {
    font-size: 1.2em;
  }
  .markdown h3 {
    font-size: 1.1em;
  }
  .markdown h4,
  .markdown h5,
  .markdown h6 {
    font-size: 1em;
  }
  .markdown ul,
  .markdown ol {
    padding-inline-start: 1.5em;
  }
  .markdown a {
    color: var(--_link);
  }
  /* A link whose unsafe target the sanitizer removed is text, and looks it. */
  .markdown a:not([href]) {
    color: inherit;
    text-decoration: none;
    cursor: text;
  }
  .markdown a:focus-visible,
  .markdown pre:focus-visible,
  .markdown table:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 1px;
  }
  .markdown code {
    font-family: var(--_font-mono);
    font-size: var(--_font-size-code);
    background: var(--_code-bg);
    color: var(--_code-text);
    padding: 0.1em 0.3em;
    border-radius: var(--_radius-small);
  }
  /* The copy button beside the code, not over it: scrolling the code never slides it underneath. */
  .markdown .code-block {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: start;
    gap: var(--_space-2);
  }
  .markdown pre {
    margin: 0;
    padding: var(--_space-3);
    overflow: auto;
    background: var(--_code-bg);
    color: var(--_code-text);
    border-radius: var(--_radius-small);
    border: var(--_border-width) solid var(--_border);
  }
  .markdown pre code {
    padding: 0;
    background: none;
    white-space: pre;
  }

  .markdown blockquote {
    padding-inline-start: var(--_space-4);
    border-inline-start: var(--_accent-width) solid var(--_border);
    color: var(--_text-muted);
  }
  .markdown table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .markdown [align='left'] {
    text-align: left;
  }
  .markdown [align='center'] {
    text-align: center;
  }
  .markdown [align='right'] {
    text-align: right;
  }
  .markdown th,
  .markdown td {
    border: var(--_border-width) solid var(--_border);
    padding: var(--_space-2) var(--_space-3);
    /* 'anywhere' (ours or a chat bubble's) lets a table shrink its columns mid-word ("Line|s"):
       cells keep whole words and the table scrolls sideways. */
    overflow-wrap: break-word;
  }
  .markdown .pending {
    white-space: pre-wrap;
  }
  .markdown hr {
    border: none;
    border-top: var(--_border-width) solid var(--_border);
  }
`;

/**
 * Gives a table or code block a tab stop while it is wider than its box (it scrolls sideways), so
 * the keyboard can scroll it too: not every browser makes such a scroller focusable by itself.
 */
function markSidewaysScroller(box: HTMLElement): void {
  if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

/** Adds a copy button (`tagName`: the name `<ce-copy-button>` is defined under) to every code block of rendered markdown. */
export function addCodeCopyButtons(root: ParentNode, label: string, tagName = 'ce-copy-button'): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.replaceWith(wrapper);
    const button = document.createElement(tagName) as CeCopyButton;
    button.compact = true;
    button.label = label;
    button.setAttribute('part', 'copy-code');
    button.value = () => pre.textContent ?? '';
    wrapper.append(pre, button);
  }
}

/**
 * @summary Renders untrusted markdown (GFM) safely, with copy buttons on code blocks, an
 * optional height clamp with "Show more", and a character limit with "Show all (N KB)".
 *
 * @fires {CustomEvent<MarkdownExpandDetail>} ce-markdown-expand - The user asked for more: `detail.showAll` is `true` for "Show all", `false` for "Show more".
 * @fires {CustomEvent<CopyDetail>} ce-copy - A code block's copy button copied.
 * @csspart content - The rendered markdown container.
 * @csspart show-more - The "Show more / Show less" button.
 * @csspart show-all - The "Show all (N KB)" button.
 * @cssprop --ce-markdown-clamp-height - Height of clamped text (default 12em).
 */
export class CeMarkdown extends CeElement<MarkdownEventMap> {
  static override dependencies = { 'ce-copy-button': CeCopyButton };

  static override styles = [
    tokens,
    buttonStyles,
    markdownStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .content.clamped {
        max-height: var(--ce-markdown-clamp-height, 12em);
        overflow: hidden;
        -webkit-mask-image: linear-gradient(to bottom, #000 75%, transparent);
        mask-image: linear-gradient(to bottom, #000 75%, transparent);
      }
      .more {
        display: flex;
        gap: var(--_space-3);
        margin-top: var(--_space-2);
      }
    `,
  ];

  /** The markdown source (untrusted). */
  @property({ attribute: false }) text = '';

  /** Clamp the height with a "Show more" toggle. */
  @property({ type: Boolean }) clamp = false;

  /** Only the first `limit` characters are rendered until "Show all" (0 = no limit). */
  @property({ type: Number }) limit = 20_000;

  @state() private _expanded = false;
  @state() private _showAll = false;
  @state() private _overflowing = false;

  @query('.content') private _content!: HTMLElement;
  private _resizeObserver?: ResizeObserver;
  /** Watches the content's tables and code blocks for being wider than their box. */
  private _widthObserver?: ResizeObserver;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._resizeObserver?.disconnect();
    this._resizeObserver = undefined;
    this._widthObserver?.disconnect();
  }

  override connectedCallback() {
    super.connectedCallback();
    // Reattached by a recycling list: observe again.
    if (this.hasUpdated) {
      this._observe();
      this._watchWidths();
    }
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('text') && changed.get('text') !== undefined) {
      this._showAll = false;
      this._expanded = false;
    }
  }

  private get _truncated(): boolean {
    return this.limit > 0 && !this._showAll && this.text.length > this.limit;
  }

  /** The parser is loading for this text: shown as it is until then. */
  private _loading: Promise<unknown> | null = null;

  protected override async getUpdateComplete(): Promise<boolean> {
    // Rendered means rendered as markdown: wait for the parser when it is loading for this text.
    let result = await super.getUpdateComplete();
    while (this._loading) {
      await this._loading;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override updated(changed: PropertyValues) {
    if (changed.has('text') || changed.has('_showAll') || changed.has('limit')) {
      this._renderContent();
    } else {
      // Only the language may have changed: relabel the code blocks' copy buttons.
      for (const button of this._content.querySelectorAll<CeCopyButton>('[part="copy-code"]')) {
        button.label = this._strings.copyCode;
      }
    }
    if (changed.has('clamp')) this._observe();
  }

  private _renderContent(): void {
    const source = this._truncated ? this.text.slice(0, this.limit) : this.text;
    const fragment = markdownFragment(source ?? '');
    if (!fragment) {
      // The same words in the same box until the parser is here (no empty box, no jump to one).
      this._content.replaceChildren(paragraph(source, 'pending'));
      const wait = (this._loading = loadMarkdown().then(
        () => {
          if (this._loading !== wait) return;
          this._loading = null;
          this._renderContent();
        },
        () => {
          if (this._loading === wait) this._loading = null;
        },
      ));
      return;
    }
    this._loading = null;
    addCodeCopyButtons(fragment, this._strings.copyCode, this.tagNameFor('ce-copy-button'));
    this._content.replaceChildren(fragment);
    this._watchWidths();
  }

  private _observe() {
    if (!this.clamp) {
      this._resizeObserver?.disconnect();
      this._resizeObserver = undefined;
      return;
    }
    if (!this._resizeObserver) {
      // Measured after layout (no forced sync layout): is the clamped text cut off?
      // The state change waits a frame: changing layout inside a ResizeObserver callback would
      // re-trigger observers (the virtualizer's too) in the same frame ("ResizeObserver loop").
      this._resizeObserver = new ResizeObserver(() => requestAnimationFrame(() => this._measure()));
    }
    this._resizeObserver.observe(this._content);
  }

  private _watchWidths() {
    this._widthObserver?.disconnect();
    const boxes = this._content.querySelectorAll<HTMLElement>('table, pre');
    if (!boxes.length) return;
    // Measured as the boxes get their sizes, after layout: no forced layout while rendering.
    this._widthObserver ??= new ResizeObserver((entries) => {
      for (const entry of entries) markSidewaysScroller(entry.target as HTMLElement);
    });
    for (const box of boxes) this._widthObserver.observe(box);
  }

  private _measure() {
    const el = this._content;
    if (!el || this._expanded) return;
    this._overflowing = el.scrollHeight > el.clientHeight + 1;
  }

  private _toggleExpanded(e: Event) {
    e.stopPropagation();
    this._expanded = !this._expanded;
    if (this._expanded) this._fireExpand(false);
  }

  private _onShowAll(e: Event) {
    e.stopPropagation();
    this._showAll = true;
    this._expanded = true;
    this._fireExpand(true);
  }

  private _fireExpand(showAll: boolean) {
    this.emit('ce-markdown-expand', { showAll });
  }

  override render() {
    const clamped = this.clamp && !this._expanded;
    const showToggle = this.clamp && (this._overflowing || this._expanded);
    return html`<div class="content markdown ${clamped ? 'clamped' : ''}" part="content"></div>
      ${
        showToggle || this._truncated
          ? html`<div class="more">
              ${
                showToggle
                  ? html`<button
                      type="button"
                      class="ce-link-button"
                      part="show-more"
                      aria-expanded=${this._expanded ? 'true' : 'false'}
                      @click=${this._toggleExpanded}
                    >
                      ${this._expanded ? this._strings.showLess : this._strings.showMore}
                    </button>`
                  : nothing
              }
              ${
                this._truncated && (this._expanded || !this.clamp)
                  ? html`<button type="button" class="ce-link-button" part="show-all" @click=${this._onShowAll}>
                      ${this._strings.showAll(formatBytes(this.text.length, this._strings.locale))}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-markdown': CeMarkdown;
  }
}
