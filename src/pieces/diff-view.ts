/**
 * `<ce-diff>`: an edit as a compact unified diff: the file path, then each hunk's lines with their
 * old and new line numbers, removals and additions marked by sign and colour (never colour alone).
 * Lines are text; a long diff shows its first `limit` lines until "Show all". The copy button copies
 * the diff as unified diff text.
 *
 * @csspart path - The file path.
 * @csspart hunk - A hunk's header (`@@ -a,b +c,d @@`).
 * @csspart lines - The box of a hunk's lines.
 * @csspart copy - The copy button.
 * @csspart show-all - "Show all N lines".
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { revealBidi } from '../i18n/format.js';
import { formatHunks, type DiffHunk, type DiffLine } from '../model/line-diff.js';
import { CeElement } from './base-element.js';
import { CeCopyButton } from './copy-button.js';
import type { CopyButtonEventMap } from './events.js';
import { buttonStyles, srOnly, tokens } from './tokens.styles.js';

export class CeDiff extends CeElement<CopyButtonEventMap> {
  static override dependencies = { 'ce-copy-button': CeCopyButton };

  static override styles = [
    tokens,
    buttonStyles,
    srOnly,
    css`
      :host {
        display: block;
        min-width: 0;
        font-family: var(--_font-mono);
        font-size: var(--_font-size-code);
        line-height: 1.5;
      }
      .head {
        display: flex;
        align-items: center;
        gap: var(--_space-3);
        margin-bottom: var(--_space-2);
        min-width: 0;
      }
      .path {
        flex: 1;
        min-width: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
        unicode-bidi: isolate;
      }
      .stat {
        font-family: var(--_font);
        font-size: var(--_font-size-small);
        white-space: nowrap;
      }
      .stat .add {
        color: var(--_success);
      }
      .stat .del {
        color: var(--_error);
      }
      .sign {
        font-weight: 700;
      }
      /* On the tinted lines every text keeps the code colour: the tint and the sign tell the kind. */
      .line.add .no,
      .line.del .no {
        color: var(--_code-text);
      }
      .box {
        border: var(--_border-width) solid var(--_border);
        border-radius: var(--_radius-small);
        background: var(--_code-bg);
        color: var(--_code-text);
        max-height: var(--ce-payload-max-height, 32em);
        overflow: auto;
      }
      .box:focus-visible {
        outline: var(--_focus-ring-width) solid var(--_focus);
        outline-offset: 1px;
      }
      .hunk {
        padding: 0 var(--_space-3);
        color: var(--_text-muted);
        background: var(--_surface-muted);
        border-block: var(--_border-width) solid var(--_border);
      }
      .hunk:first-child {
        border-top: none;
      }
      .line {
        display: grid;
        grid-template-columns: auto auto 1.5ch minmax(0, 1fr);
        gap: 0 var(--_space-2);
        padding-inline-end: var(--_space-3);
      }
      .no {
        min-width: 3ch;
        padding-inline: var(--_space-2);
        text-align: end;
        color: var(--_text-muted);
        user-select: none;
        font-variant-numeric: tabular-nums;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        unicode-bidi: isolate;
      }
      .line.add {
        background: color-mix(in srgb, var(--_success) 14%, transparent);
      }
      .line.del {
        background: color-mix(in srgb, var(--_error) 14%, transparent);
      }
      .foot {
        margin-top: var(--_space-2);
        font-family: var(--_font);
      }
    `,
  ];

  /** The hunks to show (see `model/line-diff.ts`). */
  @property({ attribute: false }) hunks: readonly DiffHunk[] = [];

  /** The file the edit changes (untrusted). */
  @property() path = '';

  /** Lines shown before "Show all". */
  @property({ type: Number }) limit = 200;

  @state() private _all = false;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('hunks') && changed.get('hunks') !== undefined) this._all = false;
  }

  private _line(line: DiffLine): TemplateResult {
    const kind = line.kind === '+' ? 'add' : line.kind === '-' ? 'del' : 'same';
    const s = this._strings;
    return html`<div class="line ${kind}">
      <span class="no">${line.oldNo ?? ''}</span><span class="no">${line.newNo ?? ''}</span
      ><span class="sign" aria-hidden="true">${line.kind}</span
      ><span class="text"
        >${kind === 'same' ? nothing : html`<span class="sr-only">${kind === 'add' ? s.diffAdded : s.diffRemoved} </span>`}${revealBidi(line.text)}</span
      >
    </div>`;
  }

  override render() {
    const s = this._strings;
    let budget = this._all ? Infinity : this.limit;
    let total = 0;
    let added = 0;
    let removed = 0;
    for (const h of this.hunks)
      for (const l of h.lines) {
        total++;
        if (l.kind === '+') added++;
        else if (l.kind === '-') removed++;
      }
    const body: TemplateResult[] = [];
    for (const h of this.hunks) {
      if (budget <= 0) break;
      const lines = h.lines.length > budget ? h.lines.slice(0, budget) : h.lines;
      budget -= lines.length;
      body.push(
        html`<div class="hunk" part="hunk">@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@</div>`,
        ...lines.map((l) => this._line(l)),
      );
    }
    const copyButton = this.tagFor('ce-copy-button');
    return staticHtml`<div class="head">
        <span class="path" part="path">${revealBidi(this.path)}</span>
        <span class="stat"><span class="add">+${added}</span> <span class="del">−${removed}</span></span>
        <${copyButton}
          part="copy"
          compact
          .label=${s.copyLabel(s.diff)}
          .value=${() => formatHunks(this.hunks, this.path)}
        ></${copyButton}>
      </div>
      <div class="box" part="lines" tabindex="0" role="region" aria-label=${s.diffLabel(this.path)}>${body}</div>
      ${
        total > this.limit && !this._all
          ? html`<div class="foot">
              <button
                type="button"
                class="ce-link-button"
                part="show-all"
                @click=${(e: Event) => {
                  e.stopPropagation();
                  this._all = true;
                }}
              >
                ${s.diffShowAll(total)}
              </button>
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-diff': CeDiff;
  }
}
