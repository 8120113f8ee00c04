/**
 * `<ce-json-view>`: a small collapsible JSON tree for untrusted values of any size.
 *
 * Work is proportional to what is open, never to the value's size: collapsed branches are not
 * rendered, containers show their first 100 entries ("Show N more items" for the rest), long
 * strings show their first 300 characters ("Show all (N KB)"), and the copy button stringifies
 * only when clicked. Keys and values are always text (Lit escapes them), never markup.
 *
 * @csspart tree - The root list.
 * @csspart toggle - Expand/collapse buttons of objects and arrays.
 * @csspart copy - The copy button.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { formatBytes, fullStringify } from '../i18n/format.js';
import { CeElement } from './base-element.js';
import { CeCopyButton } from './copy-button.js';
import type { CopyButtonEventMap } from './events.js';
import { icon } from './icons.js';
import { buttonStyles, tokens } from './tokens.styles.js';

const PAGE = 100;
const STRING_PREVIEW = 300;

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

function entriesOf(value: Container, limit: number): { entries: [string, unknown][]; total: number } {
  if (Array.isArray(value)) {
    const n = Math.min(limit, value.length);
    const entries: [string, unknown][] = new Array(n);
    for (let i = 0; i < n; i++) entries[i] = [String(i), value[i]];
    return { entries, total: value.length };
  }
  // Object.keys on a huge object is still linear, but only runs for an open branch.
  const keys = Object.keys(value);
  return { entries: keys.slice(0, limit).map((k) => [k, (value as Record<string, unknown>)[k]]), total: keys.length };
}

export class CeJsonView extends CeElement<CopyButtonEventMap> {
  static override dependencies = { 'ce-copy-button': CeCopyButton };

  static override styles = [
    tokens,
    buttonStyles,
    css`
      :host {
        display: block;
        position: relative;
        font-family: var(--_font-mono);
        font-size: var(--_font-size-code);
        line-height: 1.5;
        color: var(--_code-text);
        background: var(--_code-bg);
        border: var(--_border-width) solid var(--_border);
        border-radius: var(--_radius-small);
        padding: var(--_space-3);
        overflow: auto;
        max-height: var(--ce-json-max-height, 32em);
        min-width: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 0 0 1.25em;
      }
      ul.root {
        padding: 0;
      }
      li {
        /* Template whitespace between a toggle and its list must not render as blank lines. */
        white-space: normal;
        overflow-wrap: anywhere;
      }
      .toggle {
        font: inherit;
        color: inherit;
        background: none;
        border: none;
        padding: 0;
        margin: 0;
        cursor: pointer;
        display: inline-flex;
        align-items: center;
        gap: 2px;
      }
      .toggle:focus-visible {
        outline: var(--_focus-ring-width) solid var(--_focus);
        outline-offset: 1px;
      }
      .toggle svg {
        width: 12px;
        height: 12px;
      }
      .key {
        color: var(--_json-key);
      }
      .string {
        color: var(--_json-string);
        white-space: pre-wrap;
      }
      .number {
        color: var(--_json-number);
      }
      .literal {
        color: var(--_json-literal);
      }
      .summary {
        color: var(--_text-muted);
      }
      /* A shared link button (tokens.styles), at the size of the JSON around it. */
      .more {
        font-size: inherit;
      }
      .copy {
        position: sticky;
        float: right;
        top: 0;
      }
    `,
  ];

  /** The value to show (any JSON-like data). */
  @property({ attribute: false }) value: unknown = null;

  /** Levels open initially (1 = the root's entries are visible, nested containers closed). */
  @property({ type: Number, attribute: 'expand-depth' }) expandDepth = 1;

  /** Accessible label of the tree (e.g. "Tool input"). */
  @property() label = '';

  /** Show the copy button. */
  @property({ type: Boolean, attribute: 'no-copy' }) noCopy = false;

  /** Paths whose open state the user toggled (overrides the depth default). */
  @state() private _toggled = new Set<string>();
  /** Entries shown per open container path, beyond the first page. */
  @state() private _limits = new Map<string, number>();
  /** String paths shown in full. */
  @state() private _fullStrings = new Set<string>();

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && changed.get('value') !== undefined) {
      this._toggled = new Set();
      this._limits = new Map();
      this._fullStrings = new Set();
    }
  }

  private _isOpen(path: string, depth: number): boolean {
    const byDefault = depth < this.expandDepth;
    return this._toggled.has(path) ? !byDefault : byDefault;
  }

  private _toggle(path: string) {
    const next = new Set(this._toggled);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    this._toggled = next;
  }

  private _showMore(path: string, current: number) {
    this._limits = new Map(this._limits).set(path, current + PAGE * 10);
  }

  private _showFullString(path: string) {
    this._fullStrings = new Set(this._fullStrings).add(path);
  }

  private _primitive(value: unknown, path: string): TemplateResult {
    if (value === null || value === undefined) return html`<span class="literal">null</span>`;
    switch (typeof value) {
      case 'string': {
        if (value.length > STRING_PREVIEW && !this._fullStrings.has(path)) {
          return html`<span class="string">"${value.slice(0, STRING_PREVIEW)}…"</span>
            <button type="button" class="ce-link-button more" @click=${() => this._showFullString(path)}>
              ${this._strings.showAll(formatBytes(value.length, this._strings.locale))}
            </button>`;
        }
        return html`<span class="string">${JSON.stringify(value)}</span>`;
      }
      case 'number':
        return html`<span class="number">${Number.isFinite(value) ? String(value) : 'null'}</span>`;
      case 'boolean':
        return html`<span class="literal">${String(value)}</span>`;
      default:
        return html`<span class="literal">${String(value)}</span>`;
    }
  }

  private _node(key: string | null, value: unknown, path: string, depth: number): TemplateResult {
    const keyPart = key === null ? nothing : html`<span class="key">${JSON.stringify(key)}</span>: `;
    if (!isContainer(value)) return html`${keyPart}${this._primitive(value, path)}`;

    const isArray = Array.isArray(value);
    const open = this._isOpen(path, depth);
    const [openBr, closeBr] = isArray ? ['[', ']'] : ['{', '}'];
    const size = isArray ? value.length : Object.keys(value).length;
    if (size === 0) return html`${keyPart}<span class="summary">${openBr}${closeBr}</span>`;
    const sizeText = isArray ? this._strings.jsonItems(size) : this._strings.jsonKeys(size);
    const toggle = html`<button
      type="button"
      class="toggle"
      part="toggle"
      aria-expanded=${open ? 'true' : 'false'}
      aria-label=${`${open ? this._strings.jsonCollapse : this._strings.jsonExpand} ${key ?? ''} (${sizeText})`}
      @click=${() => this._toggle(path)}
    >
      ${icon(open ? 'chevronDown' : 'chevronRight')}${keyPart}<span>${openBr}</span>
    </button>`;
    if (!open) return html`${toggle}<span class="summary"> ${sizeText} </span>${closeBr}`;

    const limit = this._limits.get(path) ?? PAGE;
    const { entries, total } = entriesOf(value, limit);
    return html`${toggle}
      <ul>
        ${entries.map(([k, v]) => html`<li>${this._node(isArray ? null : k, v, `${path}/${k}`, depth + 1)}</li>`)}
        ${
          total > entries.length
            ? html`<li>
                <button type="button" class="ce-link-button more" @click=${() => this._showMore(path, limit)}>
                  ${this._strings.showMoreItems(Math.min(total - entries.length, PAGE * 10))}
                </button>
              </li>`
            : nothing
        }
      </ul>
      ${closeBr}`;
  }

  override render() {
    const copyButton = this.tagFor('ce-copy-button');
    return html`${
        this.noCopy
          ? nothing
          : staticHtml`<${copyButton}
              class="copy"
              part="copy"
              compact
              .label=${this._strings.copyLabel(this.label || 'JSON')}
              .value=${() => fullStringify(this.value)}
            ></${copyButton}>`
      }
      <ul class="root" part="tree" aria-label=${this.label || nothing}>
        <li>${this._node(null, this.value, '', 0)}</li>
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-json-view': CeJsonView;
  }
}
