/**
 * `<ce-copy-button>`: copies text to the clipboard and confirms with "Copied".
 *
 * `value` may be a string or a function returning one: pass a function for big payloads so the
 * text (e.g. a 5 MB JSON stringify) is only produced when the user actually copies.
 *
 * @fires {CustomEvent<CopyDetail>} ce-copy - After a copy attempt; `detail: { ok: boolean, length: number }`.
 * @csspart button - The button.
 */
import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CeElement } from './base-element.js';
import type { CopyButtonEventMap } from './events.js';
import { icon } from './icons.js';
import { buttonStyles, srOnly, tokens } from './tokens.styles.js';

/** Writes text to the clipboard: async Clipboard API, else a hidden textarea + execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or insecure context: fall through to the legacy path.
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

export class CeCopyButton extends CeElement<CopyButtonEventMap> {
  static override styles = [
    tokens,
    buttonStyles,
    srOnly,
    css`
      :host {
        display: inline-flex;
      }
      .ok {
        color: var(--_success);
      }
      .fail {
        color: var(--_error);
      }
      :host([compact]) .ce-button {
        padding: var(--_space-1) var(--_space-2);
      }
    `,
  ];

  /** The text, or a function producing it on demand. */
  @property({ attribute: false }) value: string | (() => string) = '';

  /** Accessible name (e.g. "Copy input"); the visible text stays "Copy". */
  @property() label = '';

  /** Icon only (the label is still read by screen readers). */
  @property({ type: Boolean, reflect: true }) compact = false;

  @state() private _status: 'idle' | 'copied' | 'failed' = 'idle';
  private _timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    this._status = 'idle';
  }

  /** Copies the current value; resolves to whether it worked. */
  async copy(): Promise<boolean> {
    const text = typeof this.value === 'function' ? this.value() : this.value;
    const ok = await copyText(text ?? '');
    this._status = ok ? 'copied' : 'failed';
    clearTimeout(this._timer);
    this._timer = setTimeout(() => (this._status = 'idle'), 1500);
    this.emit('ce-copy', { ok, length: (text ?? '').length });
    return ok;
  }

  private _onClick(e: Event) {
    // Copying must not toggle the card or row the button sits in.
    e.stopPropagation();
    void this.copy();
  }

  override render() {
    const text =
      this._status === 'copied'
        ? this._strings.copied
        : this._status === 'failed'
          ? this._strings.copyFailed
          : this._strings.copy;
    const cls = this._status === 'copied' ? 'ok' : this._status === 'failed' ? 'fail' : '';
    return html`<button
        type="button"
        class="ce-button ${cls}"
        part="button"
        aria-label=${this.label || this._strings.copy}
        title=${this.label || this._strings.copy}
        @click=${this._onClick}
      >
        ${icon(this._status === 'copied' ? 'check' : 'copy')}
        <span class=${this.compact ? 'sr-only' : ''}>${text}</span>
      </button>
      <span class="sr-only" role="status">${this._status === 'idle' ? '' : text}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-copy-button': CeCopyButton;
  }
}
