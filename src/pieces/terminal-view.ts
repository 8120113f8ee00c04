/**
 * `<ce-terminal>`: a tool's output as a terminal shows it. A string, or the streams of
 * `{stdout, stderr, interrupted}`, as monospaced lines with their ANSI colours; stderr set apart;
 * the exit code and an interruption in the head; a copy button for the whole output (as the
 * coordinator sent it) and one per stream (its text without escape codes).
 *
 * Big output stays out of the DOM: each stream shows its first `limit` characters (default 2,000)
 * and "Show all (N KB)" renders the rest on demand. Everything is text (Lit escapes it); the colours
 * are classes, never markup or styles taken from the data.
 *
 * @csspart label - The block's label ("Output").
 * @csspart exit-code - The exit code ("exit 1"), when known.
 * @csspart interrupted - The "interrupted" marker.
 * @csspart stream - Each stream's box.
 * @csspart stdout - The stdout stream's box (with `stream`).
 * @csspart stderr - The stderr stream's box (with `stream`).
 * @csspart stream-label - The name of a stream ("stdout", "stderr") when there are streams.
 * @csspart text - The `<pre>` of a stream.
 * @csspart copy - The copy buttons.
 * @csspart show-all - "Show all (N KB)" of a stream.
 */
import { css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { formatBytes, fullStringify, revealBidi } from '../i18n/format.js';
import { parseAnsi, stripAnsi } from '../model/ansi.js';
import { CeElement } from './base-element.js';
import { CeCopyButton } from './copy-button.js';
import type { CopyButtonEventMap } from './events.js';
import { icon } from './icons.js';
import { buttonStyles, tokens } from './tokens.styles.js';

export interface TerminalStream {
  /** `text` for a plain string output. */
  name: 'text' | 'stdout' | 'stderr';
  text: string;
}

export interface TerminalOutput {
  streams: TerminalStream[];
  interrupted: boolean;
}

/** A tool output a terminal can show (a string, or an object with string `stdout`/`stderr`); else null. */
export function terminalOutput(value: unknown): TerminalOutput | null {
  if (typeof value === 'string') return { streams: [{ name: 'text', text: value }], interrupted: false };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as { stdout?: unknown; stderr?: unknown; interrupted?: unknown };
  const hasOut = typeof v.stdout === 'string';
  const hasErr = typeof v.stderr === 'string';
  if (!hasOut && !hasErr) return null;
  const streams: TerminalStream[] = [];
  if (hasOut && v.stdout) streams.push({ name: 'stdout', text: v.stdout as string });
  if (hasErr && v.stderr) streams.push({ name: 'stderr', text: v.stderr as string });
  return { streams, interrupted: v.interrupted === true };
}

/** The 16 terminal colours, readable on the code background in both schemes. */
const ansiColours = css`
  :host {
    --_ansi-0: light-dark(#24292f, #a0a8b8);
    --_ansi-1: light-dark(#b3261e, #ff7b72);
    --_ansi-2: light-dark(#116329, #56d364);
    --_ansi-3: light-dark(#6f4a00, #e3b341);
    --_ansi-4: light-dark(#0550ae, #79c0ff);
    --_ansi-5: light-dark(#7d3fc8, #d2a8ff);
    --_ansi-6: light-dark(#0e6b72, #56d4dd);
    --_ansi-7: light-dark(#4b535d, #e6edf3);
    --_ansi-8: light-dark(#3d444d, #b1bac4);
    --_ansi-9: light-dark(#a40e26, #ffa198);
    --_ansi-10: light-dark(#176b30, #7ee787);
    --_ansi-11: light-dark(#5e4200, #f2cc60);
    --_ansi-12: light-dark(#0b5cd5, #a5d6ff);
    --_ansi-13: light-dark(#6e3ab8, #e2c5ff);
    --_ansi-14: light-dark(#0c6068, #b3f0ff);
    --_ansi-15: light-dark(#3d444d, #ffffff);
  }
  ${unsafeCSS(
    Array.from(
      { length: 16 },
      (_, i) =>
        `.fg-${i}{color:var(--_ansi-${i})}.bg-${i}{background:color-mix(in srgb,var(--_ansi-${i}) 22%,transparent)}`,
    ).join(''),
  )}
  .b {
    font-weight: 700;
  }
  .d {
    opacity: 0.75;
  }
  .i {
    font-style: italic;
  }
  .u {
    text-decoration: underline;
  }
  .inv {
    color: var(--_code-bg);
    background: var(--_code-text);
  }
`;

export class CeTerminal extends CeElement<CopyButtonEventMap> {
  static override dependencies = { 'ce-copy-button': CeCopyButton };

  static override styles = [
    tokens,
    buttonStyles,
    ansiColours,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .head,
      .stream-head {
        display: flex;
        align-items: center;
        gap: var(--_space-3);
        margin-bottom: var(--_space-2);
        min-width: 0;
      }
      .label,
      .stream-label {
        font-size: var(--_font-size-small);
        font-weight: 600;
        color: var(--_text-muted);
        text-transform: uppercase;
        letter-spacing: 0.03em;
      }
      .stream-label {
        text-transform: none;
        font-family: var(--_font-mono);
        letter-spacing: 0;
      }
      .stderr .stream-label {
        color: var(--_error);
      }
      .spacer {
        flex: 1;
      }
      .pill {
        display: inline-flex;
        align-items: center;
        gap: var(--_space-1);
        font-size: var(--_font-size-small);
        padding: 0 var(--_space-2);
        border-radius: 999px;
        border: var(--_border-width) solid var(--_border);
        color: var(--_text-muted);
        white-space: nowrap;
      }
      .pill svg {
        width: 12px;
        height: 12px;
      }
      .pill.bad {
        color: var(--_error);
        border-color: var(--_error);
      }
      .stream + .stream {
        margin-top: var(--_space-3);
      }
      pre {
        margin: 0;
        padding: var(--_space-3);
        font-family: var(--_font-mono);
        font-size: var(--_font-size-code);
        line-height: 1.5;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        unicode-bidi: isolate;
        tab-size: 4;
        background: var(--_code-bg);
        color: var(--_code-text);
        border: var(--_border-width) solid var(--_border);
        border-radius: var(--_radius-small);
        max-height: var(--ce-payload-max-height, 32em);
        overflow: auto;
      }
      .stderr pre {
        border-inline-start: var(--_accent-width) solid var(--_error);
      }
      pre:focus-visible {
        outline: var(--_focus-ring-width) solid var(--_focus);
        outline-offset: 1px;
      }
      .empty {
        color: var(--_text-muted);
        font-size: var(--_font-size-small);
        font-style: italic;
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

  /** The output (untrusted): a string or `{stdout, stderr, interrupted}`. */
  @property({ attribute: false }) value: unknown = null;

  /** Visible label (default "Output"). */
  @property() label = '';

  /** The exit code, when the event tells it (shown as "exit N"). */
  @property({ type: Number, attribute: 'exit-code' }) exitCode: number | null = null;

  /** Characters of each stream shown before "Show all". */
  @property({ type: Number }) limit = 2000;

  /** Streams shown in full ("Show all" pressed). */
  @state() private _full = new Set<string>();

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && changed.get('value') !== undefined) this._full = new Set();
  }

  private _stream(stream: TerminalStream, labelled: boolean): TemplateResult {
    const s = this._strings;
    const full = this._full.has(stream.name);
    const cut = !full && stream.text.length > this.limit;
    const shown = cut ? stream.text.slice(0, this.limit) : stream.text;
    const spans = parseAnsi(shown);
    const copyButton = this.tagFor('ce-copy-button');
    const name = stream.name === 'text' ? this.label || s.output : stream.name;
    const size = formatBytes(stream.text.length, s.locale);
    const content = staticHtml`      ${
      labelled
        ? staticHtml`<div class="stream-head">
              <span class="stream-label" part="stream-label">${stream.name}</span>
              <span class="spacer"></span>
              <${copyButton}
                part="copy"
                compact
                .label=${s.copyLabel(stream.name)}
                .value=${() => stripAnsi(stream.text)}
              ></${copyButton}>
            </div>`
        : nothing
    }
      <pre part="text" tabindex="0" role="region" aria-label=${name}>${spans.map((span) =>
        span.classes ? html`<span class=${span.classes}>${revealBidi(span.text)}</span>` : revealBidi(span.text),
      )}${cut ? '…' : ''}</pre>
      ${
        cut
          ? html`<div class="foot">
              <span>${s.truncatedPreview(formatBytes(this.limit, s.locale), size)}</span>
              <button
                type="button"
                class="ce-link-button"
                part="show-all"
                @click=${(e: Event) => {
                  e.stopPropagation();
                  this._full = new Set(this._full).add(stream.name);
                }}
              >
                ${s.showAll(size)}
              </button>
            </div>`
          : nothing
      }
`;
    // One literal part list per kind of stream (the parts are documented, so spelled out).
    if (stream.name === 'stdout') return html`<div class="stream stdout" part="stream stdout">${content}</div>`;
    if (stream.name === 'stderr') return html`<div class="stream stderr" part="stream stderr">${content}</div>`;
    return html`<div class="stream text" part="stream">${content}</div>`;
  }

  override render() {
    const s = this._strings;
    const output = terminalOutput(this.value) ?? { streams: [], interrupted: false };
    const copyButton = this.tagFor('ce-copy-button');
    const label = this.label || s.output;
    const labelled = output.streams.some((st) => st.name !== 'text');
    return staticHtml`<div class="head">
        <span class="label" part="label">${label}</span>
        ${
          this.exitCode !== null
            ? html`<span class="pill ${this.exitCode === 0 ? '' : 'bad'}" part="exit-code"
                >${s.exitCode(this.exitCode)}</span
              >`
            : nothing
        }
        ${
          output.interrupted
            ? html`<span class="pill bad" part="interrupted">${icon('stop')}${s.interrupted}</span>`
            : nothing
        }
        <span class="spacer"></span>
        <${copyButton}
          part="copy"
          compact
          .label=${s.copyLabel(label)}
          .value=${() => fullStringify(this.value)}
        ></${copyButton}>
      </div>
      ${
        output.streams.length
          ? output.streams.map((stream) => this._stream(stream, labelled))
          : html`<div class="empty">${s.noOutput}</div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-terminal': CeTerminal;
  }
}
