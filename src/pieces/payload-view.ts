/**
 * `<ce-payload>`: one labelled block of untrusted data (a tool's input, output, error, a result's
 * data) with a copy button. Strings are shown as text, objects/arrays as `<ce-json-view>`.
 *
 * Big payloads stay out of the DOM: a string shows its first `limit` characters (default 2,000)
 * and "Show all (N KB)" loads the rest on demand; objects are rendered lazily by the JSON view;
 * the copy button serializes only when clicked.
 *
 * @csspart label - The block's label.
 * @csspart text - The `<pre>` of string payloads.
 * @csspart json - The JSON view of object payloads.
 * @csspart copy - The copy button.
 * @csspart show-all - The "Show all (N KB)" button.
 * @csspart formatted - What a tool renderer shows instead of the JSON (`formatted` set).
 * @csspart json-toggle - The "JSON" button that switches between that and the JSON (`formatted` set).
 */
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { boundedText, formatBytes, fullStringify } from '../i18n/format.js';
import { CeElement } from './base-element.js';
import { CeCopyButton } from './copy-button.js';
import type { CopyButtonEventMap } from './events.js';
import { icon } from './icons.js';
import { CeJsonView } from './json-view.js';
import { toolViewStyles } from './tool-views.js';
import { buttonStyles, srOnly, tokens } from './tokens.styles.js';

export class CePayload extends CeElement<CopyButtonEventMap> {
  static override dependencies = { 'ce-json-view': CeJsonView, 'ce-copy-button': CeCopyButton };

  static override styles = [
    tokens,
    buttonStyles,
    srOnly,
    toolViewStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--_space-3);
        margin-bottom: var(--_space-2);
      }
      .label {
        display: inline-flex;
        align-items: center;
        gap: var(--_space-2);
        font-size: var(--_font-size-small);
        font-weight: 600;
        color: var(--_text-muted);
        text-transform: uppercase;
        letter-spacing: 0.03em;
      }
      .label svg {
        width: 14px;
        height: 14px;
      }
      .spacer {
        flex: 1;
      }
      .formatted {
        min-width: 0;
      }
      :host([variant='error']) .label {
        color: var(--_error);
      }
      pre {
        margin: 0;
        padding: var(--_space-3);
        font-family: var(--_font-mono);
        font-size: var(--_font-size-code);
        line-height: 1.5;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: var(--_code-bg);
        color: var(--_code-text);
        border: var(--_border-width) solid var(--_border);
        border-radius: var(--_radius-small);
        max-height: var(--ce-payload-max-height, 32em);
        overflow: auto;
      }
      :host([variant='error']) pre {
        background: var(--_error-bg);
        color: var(--_error);
        border-color: var(--_error);
      }
      .foot {
        display: flex;
        align-items: center;
        gap: var(--_space-3);
        margin-top: var(--_space-2);
        font-size: var(--_font-size-small);
        color: var(--_text-muted);
      }
    `,
  ];

  /** The payload (untrusted): string, object, array, number… */
  @property({ attribute: false }) value: unknown = null;

  /** Visible label ("Input", "Output", "Error"). */
  @property() label = '';

  /** `error` styles the block as an error (red, with an icon and the label text). */
  @property({ reflect: true }) variant: 'default' | 'error' = 'default';

  /** Characters of a string payload shown before "Show all". */
  @property({ type: Number }) limit = 2000;

  /**
   * What to show instead of the value (a tool renderer's view: anything Lit renders); the JSON
   * stays one click away. `undefined`: the value itself.
   */
  @property({ attribute: false }) formatted: unknown = undefined;

  @state() private _showAll = false;
  @state() private _json = false;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && changed.get('value') !== undefined) this._showAll = this._json = false;
  }

  private _onShowAll(e: Event) {
    e.stopPropagation();
    this._showAll = true;
  }

  override render() {
    const value = this.value;
    const isText = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    const formatted = this.formatted !== undefined;
    let body;
    if (formatted && !this._json) {
      body = html`<div class="formatted" part="formatted">${this.formatted}</div>`;
    } else if (isText || value === null || value === undefined) {
      const full = value === null || value === undefined ? '' : String(value);
      const shown = this._showAll ? { text: full, truncated: false } : boundedText(full, this.limit);
      body = html`<pre part="text" tabindex="0" role="region" aria-label=${this.label || this._strings.output}>
${shown.text}${shown.truncated ? '…' : ''}</pre>
        ${
          shown.truncated
            ? html`<div class="foot">
                <span
                  >${this._strings.truncatedPreview(formatBytes(this.limit, this._strings.locale), formatBytes(full.length, this._strings.locale))}</span
                >
                <button type="button" class="ce-link-button" part="show-all" @click=${this._onShowAll}>
                  ${this._strings.showAll(formatBytes(full.length, this._strings.locale))}
                </button>
              </div>`
            : nothing
        }`;
    } else {
      const jsonView = this.tagFor('ce-json-view');
      body = staticHtml`<${jsonView} part="json" no-copy .value=${value} .label=${this.label}></${jsonView}>`;
    }
    const copyButton = this.tagFor('ce-copy-button');
    return staticHtml`<div class="head">
        <span class="label" part="label">${this.variant === 'error' ? icon('alert') : nothing}${this.label}</span>
        <span class="spacer"></span>
        ${
          formatted
            ? html`<button
                type="button"
                class="ce-button"
                part="json-toggle"
                aria-pressed=${this._json ? 'true' : 'false'}
                title=${this._strings.showJson}
                @click=${(e: Event) => {
                  e.stopPropagation();
                  this._json = !this._json;
                }}
              >
                JSON
              </button>`
            : nothing
        }
        <${copyButton}
          part="copy"
          compact
          .label=${this._strings.copyLabel(this.label || this._strings.output)}
          .value=${() => fullStringify(this.value)}
        ></${copyButton}>
      </div>
      ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-payload': CePayload;
  }
}
