import {
  adoptStyles,
  nothing,
  supportsAdoptingStyleSheets,
  type CSSResultOrNative,
  type PropertyValues,
  type ReactiveElement,
  type TemplateResult,
} from 'lit';
import { property } from 'lit/decorators.js';
import type { CoordinatorEvent } from '../../types/model.js';
import { adaptEvent } from '../../model/adapt.js';
import { icon } from '../../pieces/icons.js';
// Lit's `html` without the indentation between tags: every template here lays out its children in
// flex, grid or block boxes, and a card is created for every row a timeline scrolls into view.
import { html, staticHtml } from '../../pieces/layout-html.js';
import { isHookEvent, isToolEvent, parseHookName, presentationOf, summarizeEvent } from '../../pieces/event-meta.js';
import { boundedStringify, formatDuration, oneLine, revealBidi } from '../../i18n/format.js';
import type { PartialStrings } from '../../i18n/translations.js';
import { serverWord, type Strings } from '../../i18n/strings.js';
import { CeElement } from '../../pieces/base-element.js';
import { CeMarkdown } from '../../pieces/markdown.js';
import { CeRelativeTime } from '../../pieces/relative-time.js';
import { toolRendererFor } from '../../pieces/tool-renderers.js';
import { renderToolChip } from '../../pieces/tool-chip.js';
import { tokenDeclarations } from '../../pieces/tokens.styles.js';
import { updateNow } from '../../pieces/update-now.js';
import type { EventCardEventMap } from './event-card.events.js';
import { eventCardStyles } from './event-card.styles.js';

/** Parts of the card's inner elements, forwarded so `event-card::part(...)` reaches them. */
const MARKDOWN_PARTS = 'content: markdown-content, show-more, show-all';

type CardViewsModule = typeof import('./card-views.js');
let views: CardViewsModule | null = null;
let viewsLoading: Promise<CardViewsModule> | null = null;

/**
 * Loads a card's detail views (tool input and output blocks, terminal, diff, JSON) once: cards load
 * them when they first show one, so a page of collapsed tool calls never downloads them.
 */
export function loadCardViews(): Promise<CardViewsModule> {
  return (viewsLoading ??= import('./card-views.js').then(
    (module) => (views = module),
    (error: unknown) => {
      // Not loaded (offline, blocked): the plain text stays; the next card that needs them tries again.
      viewsLoading = null;
      throw error;
    },
  ));
}

/**
 * What a detail block shows until its view has loaded: its label and the start of its text, as the
 * block (`part`) it stands for.
 */
function pendingBlock(part: string, label: string, value: unknown, variant: 'default' | 'error' = 'default') {
  const text = typeof value === 'string' ? value.slice(0, 2000) : boundedStringify(value, 2000).text;
  return html`<div class="pending-block ${variant}" part=${part}>
    <div class="pending-label">${label}</div>
    <pre class="pending-text">${text}</pre>
  </div>`;
}

/** A collapsed tool card's one line, per event: a card is created for every row a list shows. */
const summaries = new WeakMap<CoordinatorEvent, { strings: Strings; text: string }>();
function toolSummary(e: CoordinatorEvent, strings: Strings): string {
  const hit = summaries.get(e);
  if (hit?.strings === strings) return hit.text;
  let own: string | null | undefined;
  try {
    own = toolRendererFor(e.toolName)?.summary?.(e, strings);
  } catch {
    // A host's renderer that throws falls back to the input.
  }
  const text = oneLine(own ?? e.toolInput, 160);
  summaries.set(e, { strings, text });
  return text;
}

/** Text short enough (few characters, few lines) never reaches the clamp height (10em). */
function mayNeedClamp(text: string): boolean {
  if (text.length > 400) return true;
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++lines >= 5) return true;
  return false;
}

/** Whether `element` sits in the shadow tree of an element that resolves the tokens on its host. */
function inheritsTokens(element: Element): boolean {
  const root = element.getRootNode();
  if (!(root instanceof ShadowRoot)) return false;
  const styles = (root.host.constructor as Partial<typeof ReactiveElement>).elementStyles;
  return !!styles?.includes(tokenDeclarations);
}

/** Per card class: its styles without the token declarations (for cards that inherit them). */
const stylesWithoutTokens = new WeakMap<typeof EventCard, CSSResultOrNative[]>();

/** Reasons that only repeat what "Run completed" says. */
const COMPLETED_REASONS = new Set(['completed', 'complete', 'done', 'success', 'succeeded', 'ok']);

/** "exit 0", "exit 1 · error": the server's reason in the element's words, unless the label says it already. */
function completionDetail(s: Strings, e: CoordinatorEvent): string {
  const reason = e.reason && !COMPLETED_REASONS.has(e.reason.trim().toLowerCase()) ? serverWord(s, e.reason) : null;
  return s.runCompletedExit(e.exitCode, reason);
}

/** True when the card has details to show when expanded. */
export function hasDetails(event: CoordinatorEvent): boolean {
  if (isToolEvent(event) || isHookEvent(event)) return true;
  if (event.type === 'run_start' || event.type === 'run_completed') return true;
  if (event.type === 'message') return (event.content ?? []).some((b) => b.type !== 'text');
  return false;
}

/**
 * One coordinator event: icon, label and accent per type, the type's details, relative time
 * (absolute time on hover). Everything it shows is untrusted data rendered as text; messages and
 * result texts go through sanitized markdown.
 *
 * @summary Shows one Agent Coordinator session event.
 *
 * @attr lang - Language of the element's words and of its number and date formats (BCP 47, e.g. `de`, `de-CH`). Absent: inherited from the nearest ancestor with `lang` (across shadow roots), e.g. `<html lang>`. Words come from the registered translations (English built in, `coordinator-elements/locales/de.js`), falling back to English.
 *
 * @fires {CustomEvent<EventToggleDetail>} ce-toggle - The user expanded or collapsed the card; `detail: { expanded: boolean, event: CoordinatorEvent }`.
 * @fires {CustomEvent<CopyDetail>} ce-copy - A copy button in the card (tool input/output, JSON, code block) copied, or failed to; `detail: { ok: boolean, length: number }`.
 * @fires {CustomEvent<MarkdownExpandDetail>} ce-markdown-expand - The user asked for more of a long message or result ("Show more", or "Show all" with `detail.showAll`).
 *
 * @csspart card - The card box (accent border on the inline start).
 * @csspart header - The first line: type, details, badges, time, expand button.
 * @csspart type - Icon and label of the event type.
 * @csspart icon - Icons.
 * @csspart detail - The header's type-specific text (tool name, run number, exit code, hook, role).
 * @csspart legacy-badge - The "legacy name" hint on events sent with an old type name.
 * @csspart error-badge - The error marker (icon and text).
 * @csspart time - The relative time (absolute time in its title).
 * @csspart expand-button - The expand/collapse toggle.
 * @csspart summary - One-line summary of a collapsed tool call's input.
 * @csspart error - The error line of a failed event.
 * @csspart dropped - The note on an event whose big bodies the session's byte budget cut to a preview.
 * @csspart body - Content below the header (markdown, payloads, JSON).
 * @csspart markdown - Markdown of messages and results.
 * @csspart markdown-content - The rendered markdown inside it.
 * @csspart show-more - "Show more / less" of clamped text.
 * @csspart show-all - "Show all (N KB)" of big payloads and texts.
 * @csspart input - Tool input block.
 * @csspart output - Tool output block.
 * @csspart error-block - Tool error block.
 * @csspart payload-label - The label of a tool input/output/error block.
 * @csspart payload-text - The text of a tool input/output/error block holding a string.
 * @csspart payload-json - The JSON view of a tool input/output/error block holding an object.
 * @csspart json - JSON views (result data, raw event).
 * @csspart copy - Copy buttons of payload blocks.
 * @csspart duration - How long a tool call took (`timing`); with the class `slow` when it was slow.
 * @csspart echo - The line that stands for a result's text repeating the answer above (`echo`).
 * @csspart terminal - A tool output shown as a terminal (also `output` for the output block).
 * @csspart terminal-text - The `<pre>` of a terminal stream.
 * @csspart terminal-stream - A terminal stream's box (stdout, stderr or the text).
 * @csspart terminal-stream-label - A terminal stream's name ("stdout", "stderr").
 * @csspart stdout - A terminal's stdout box.
 * @csspart stderr - A terminal's stderr box.
 * @csspart exit-code - A terminal's exit code ("exit 1").
 * @csspart interrupted - A terminal's "interrupted" marker.
 * @csspart diff - An edit shown as a diff.
 * @csspart diff-path - The file path of a diff.
 * @csspart diff-hunk - A diff hunk's header (`@@ -a,b +c,d @@`).
 * @csspart diff-lines - The box of a diff hunk's lines.
 * @csspart tool-view - What a tool renderer shows in an input or output block instead of JSON.
 * @csspart json-toggle - The "JSON" button of a block a tool renderer formats.
 * @csspart tool-chip - Tool name and status.
 * @csspart tool-chip-failed - The tool chip of a failed tool (in addition to `tool-chip`).
 *
 * @cssprop --ce-color-accent-run - Accent of run start/completed.
 * @cssprop --ce-color-accent-tool - Accent of tool events.
 * @cssprop --ce-color-accent-user - Accent of user messages.
 * @cssprop --ce-color-accent-assistant - Accent of assistant messages.
 * @cssprop --ce-color-accent-result - Accent of results.
 * @cssprop --ce-color-accent-hook - Accent of hook events.
 * @cssprop --ce-color-accent-other - Accent of unknown events.
 * @cssprop --ce-color-error - Error text and borders.
 * @cssprop --ce-color-error-bg - Background of failed events.
 * @cssprop --ce-color-highlight - Background of search matches (a timeline's search highlights them in its cards).
 * @cssprop --ce-color-highlight-current - Background of the selected search match's occurrences.
 * @cssprop --ce-color-warning - The note on an event whose bodies the byte budget cut.
 * @cssprop --ce-color-surface - Card background.
 * @cssprop --ce-color-border - Borders.
 * @cssprop --ce-color-text - Text.
 * @cssprop --ce-color-text-muted - Secondary text.
 * @cssprop --ce-color-surface-muted - Background of badges and tool chips.
 * @cssprop --ce-color-surface-hover - Hovered buttons.
 * @cssprop --ce-color-focus - Focus ring and the selected card's ring.
 * @cssprop --ce-color-link - Links and link buttons.
 * @cssprop --ce-color-success - Tools that finished; added lines of diffs.
 * @cssprop --ce-color-warning - Slow tool calls.
 * @cssprop --ce-color-code-bg - Background of code, payloads and JSON.
 * @cssprop --ce-color-code-text - Text of code, payloads and JSON.
 * @cssprop --ce-color-json-key - JSON keys.
 * @cssprop --ce-color-json-string - JSON strings.
 * @cssprop --ce-color-json-number - JSON numbers.
 * @cssprop --ce-color-json-literal - JSON `true`, `false` and `null`.
 * @cssprop --ce-shadow - Card shadow.
 * @cssprop --ce-font-family - UI font.
 * @cssprop --ce-font-family-mono - Code font.
 * @cssprop --ce-font-size - Base font size (default 14px).
 * @cssprop --ce-font-size-small - Small text: badges, details, time (default 12px).
 * @cssprop --ce-font-size-code - Code, payloads and JSON (default 12.5px).
 * @cssprop --ce-line-height - Line height (default 1.45).
 * @cssprop --ce-icon-size - Size of the type and header icons (default 16px).
 * @cssprop --ce-radius - Card corner radius (default 8px).
 * @cssprop --ce-radius-small - Corner radius of badges, buttons and blocks (default 4px).
 * @cssprop --ce-border-width - Border width (default 1px).
 * @cssprop --ce-accent-width - Width of the accent border (default 3px).
 * @cssprop --ce-focus-ring-width - Width of the focus ring (default 2px).
 * @cssprop --ce-space-1 - Spacing scale, step 1 (default 2px).
 * @cssprop --ce-space-2 - Spacing scale, step 2 (default 4px).
 * @cssprop --ce-space-3 - Spacing scale, step 3 (default 8px).
 * @cssprop --ce-space-4 - Spacing scale, step 4 (default 12px).
 * @cssprop --ce-transition-duration - Transitions (0s under prefers-reduced-motion).
 * @cssprop --ce-card-clamp-height - Height at which long messages are clamped (default 10em).
 * @cssprop --ce-payload-max-height - Tallest a tool input/output/error block gets before it scrolls (default 32em).
 * @cssprop --ce-json-max-height - Tallest a JSON view gets before it scrolls (default 32em).
 * @cssprop --ce-color-scheme - `light`, `dark` or `light dark` (default: follow the OS); the `theme` attribute sets it.
 */
export class EventCard extends CeElement<EventCardEventMap> {
  static override styles = eventCardStyles;

  /** The elements a card renders (default tag name → class); see `CeElement.tagFor()`. */
  static override dependencies = {
    'ce-markdown': CeMarkdown,
    'ce-relative-time': CeRelativeTime,
  };

  /** While the detail views load for this card: resolves once it rendered them. */
  private _viewsWait: Promise<void> | null = null;

  private _event: CoordinatorEvent | null = null;

  /**
   * The event to show: a normalized `CoordinatorEvent` (what a timeline hands its cards), or a wire
   * `SessionEvent` (live or history form, or a stream `{data: …}` payload), adapted once per object:
   * setting the same object again does not render again. Reading it back gives the normalized event.
   */
  @property({ attribute: false })
  get event(): CoordinatorEvent | null {
    return this._event;
  }
  set event(value: unknown) {
    const old = this._event;
    const next = adaptEvent(value, Date.now());
    if (next === old) return;
    this._event = next;
    this.requestUpdate('event', old);
  }

  /** Details (tool input/output/error, raw event) are shown. */
  @property({ type: Boolean, reflect: true }) expanded = false;

  /** Run number, for `run_start` cards (set by `<event-timeline>`). */
  @property({ type: Number, attribute: 'run-index' }) runIndex: number | null = null;

  /** Whether the run this `run_start` opens resumed the session (set by `<event-timeline>`). */
  @property({ type: Boolean }) resumed: boolean | null = null;

  /**
   * How long the tool call took, when its `pre_tool` and `post_tool` paired up (set by
   * `<event-timeline>` from its runs' `toolTimings`); `slow` calls stand out.
   */
  @property({ attribute: false }) timing: { durationMs: number; slow: boolean } | null = null;

  /**
   * A result whose text the assistant's message just above already says (set by
   * `<event-timeline>`): the text is folded away behind "Show text" instead of shown twice.
   */
  @property({ type: Boolean, reflect: true }) echo = false;

  /** Marks the card as the selected one (set by `<event-timeline>`). */
  @property({ type: Boolean, reflect: true }) selected = false;

  /** `dark` or `light` pins the colour scheme; absent follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'dark' | 'light' | undefined;

  /**
   * Replaces some of this card's strings (merged over those of its language, see `lang`), e.g.
   * `{ copy: 'Kopieren', eventTypes: { message: 'Nachricht' } }`.
   */
  @property({ attribute: false }) strings: PartialStrings | null = null;

  constructor() {
    super();
    // Once, not per connection: a list connects and disconnects cards as it scrolls.
    this.addEventListener('keydown', this._onKeyDown);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // In a timeline's list the tokens are resolved on the timeline: inheriting them spares every
    // card (created as the list scrolls) resolving ~50 custom properties of its own.
    if (!supportsAdoptingStyleSheets || this.shadowRoot || !inheritsTokens(this)) return super.createRenderRoot();
    const ctor = this.constructor as typeof EventCard;
    let styles = stylesWithoutTokens.get(ctor);
    if (!styles) stylesWithoutTokens.set(ctor, (styles = ctor.elementStyles.filter((s) => s !== tokenDeclarations)));
    const root = this.attachShadow(ctor.shadowRootOptions);
    adoptStyles(root, styles);
    return root;
  }

  protected override _ownStrings(): PartialStrings | null {
    return this.strings;
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('role')) this.setAttribute('role', 'article');
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('event')) {
      const e = this._event;
      // Reflected for styling and tests: `event-card[type="run_start"]`, `[original-type]`, `[failed]`.
      if (e) {
        this.setAttribute('type', e.type);
        this.toggleAttribute('failed', e.failed);
        if (e.legacy) this.setAttribute('original-type', e.originalType);
        else this.removeAttribute('original-type');
      } else {
        for (const name of ['type', 'original-type', 'failed', 'aria-label']) this.removeAttribute(name);
      }
    }
    if (changed.has('strings')) this._localize.overridesChanged();
    // Also on a language change (an update with no changed property).
    if (this._event) {
      const label = summarizeEvent(this._event, this._strings).slice(0, 200);
      if (this.getAttribute('aria-label') !== label) this.setAttribute('aria-label', label);
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // Rendered means with its pieces (markdown included, which may wait for its parser) and its
    // detail views (which may wait for their module).
    let result = await super.getUpdateComplete();
    while (this._viewsWait) {
      await this._viewsWait;
      result = await super.getUpdateComplete();
    }
    const pieces = Array.from(this.renderRoot.querySelectorAll('*'), (el) => (el as Partial<EventCard>).updateComplete);
    await Promise.all(pieces);
    return result;
  }

  /**
   * @internal Renders this card and the pieces in it now, not at the end of the task: for a list
   * that lays out a row right after placing it (`<event-timeline>`), so that the layout already
   * has the row's content and the frame that shows it has only positions left to do.
   */
  renderNow(): void {
    // Pieces update only when the card does (the timeline asks every row it shows, each pass).
    if (!this.isUpdatePending) return;
    updateNow(this);
    // Whatever their tag names: updateNow() skips elements without a pending Lit update.
    for (const piece of this.renderRoot.querySelectorAll('*')) updateNow(piece);
  }

  /** Toggles `expanded` as the user did (fires `ce-toggle`). */
  toggle(force?: boolean) {
    const e = this._event;
    if (!e || !this._expandable(e)) return;
    const next = force ?? !this.expanded;
    if (next === this.expanded) return;
    this.expanded = next;
    this.emit('ce-toggle', { expanded: next, event: e });
  }

  private _expandable(e: CoordinatorEvent): boolean {
    return hasDetails(e) || (this.echo && e.type === 'result' && !!e.resultText);
  }

  private _onKeyDown = (e: KeyboardEvent) => {
    // Only keys aimed at the card itself: buttons and links inside handle their own.
    if (e.composedPath()[0] !== this) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.toggle();
    }
  };

  private _onHeaderClick(e: MouseEvent) {
    const target = e.composedPath()[0] as Element | undefined;
    // Clicks on buttons/links inside the header keep their own meaning; text selection is not a click.
    if (target instanceof Element && target.closest('button, a')) return;
    if (getSelection()?.toString()) return;
    this.toggle();
  }

  private _detail(e: CoordinatorEvent): TemplateResult | typeof nothing {
    switch (e.type) {
      case 'run_start': {
        const parts = [
          this.runIndex !== null ? this._strings.runNumber(this.runIndex) : null,
          this.resumed === null ? null : this.resumed ? this._strings.runResumed : this._strings.runStarted,
        ].filter(Boolean);
        return parts.length ? html`<span class="detail" part="detail">${parts.join(' · ')}</span>` : nothing;
      }
      case 'run_completed':
        return html`<span class="detail" part="detail">${completionDetail(this._strings, e)}</span>`;
      case 'pre_tool':
      case 'post_tool':
        // A failed call has the error badge: the chip does not say "failed" beside it.
        // A call whose post_tool paired up (it has a duration) is no longer running.
        return renderToolChip(this._strings, e, {
          running: e.type === 'pre_tool' && !e.failed && !this.timing,
          status: !e.failed && !(e.type === 'pre_tool' && this.timing),
        });
      case 'message':
        return nothing;
      case 'result':
        return nothing;
      default:
        if (isHookEvent(e)) {
          const hook = parseHookName(e.toolName);
          const name = hook ? this._strings.hookName(hook.hook, hook.agent) : e.toolName;
          return name ? html`<span class="detail mono" part="detail">${revealBidi(name)}</span>` : nothing;
        }
        return nothing;
    }
  }

  private _errorLine(e: CoordinatorEvent): TemplateResult | typeof nothing {
    if (!e.error) return nothing;
    return html`<div class="error-line" part="error" role="note">
      ${icon('alert')}<strong>${this._strings.error}:</strong><span class="error-text">${oneLine(e.error, 400)}</span>
    </div>`;
  }

  /** The detail views' module, or null while it loads (this card renders again once it is there). */
  private _views(): CardViewsModule | null {
    if (views) return views;
    this._viewsWait ??= loadCardViews().then(
      () => {
        this._viewsWait = null;
        this.requestUpdate();
      },
      () => {
        this._viewsWait = null;
      },
    );
    return null;
  }

  private _json(label: string, value: unknown) {
    const v = this._views();
    return v ? v.jsonBlock(label, value) : pendingBlock('json', label, value);
  }

  private _markdown(text: string) {
    const markdown = this.tagFor('ce-markdown');
    // Only text that can exceed the clamp height gets the clamp (and its size observer).
    return staticHtml`<${markdown}
      part="markdown"
      exportparts=${MARKDOWN_PARTS}
      ?clamp=${mayNeedClamp(text)}
      .text=${text}
    ></${markdown}>`;
  }

  private _body(e: CoordinatorEvent): TemplateResult | typeof nothing {
    const blocks: unknown[] = [];
    switch (e.type) {
      case 'message': {
        if (e.text) blocks.push(this._markdown(e.text));
        const other = (e.content ?? []).filter((b) => b.type !== 'text');
        if (this.expanded && other.length) blocks.push(this._json(this._strings.details, other));
        break;
      }
      case 'result':
        if (e.resultText && this.echo && !this.expanded)
          blocks.push(html`<div class="echo" part="echo">${this._strings.sameAsAnswer}</div>`);
        else if (e.resultText) blocks.push(this._markdown(e.resultText));
        if (e.resultData !== null && e.resultData !== undefined)
          blocks.push(this._json(this._strings.resultData, e.resultData));
        break;
      default:
        if (isToolEvent(e) || isHookEvent(e)) {
          if (!this.expanded) break;
          const v = this._views();
          const s = this._strings;
          if (v) v.toolBlocks(e, s, blocks);
          else {
            if (e.toolInput) blocks.push(pendingBlock('input', s.input, e.toolInput));
            if (e.toolOutput != null) blocks.push(pendingBlock('output', s.output, e.toolOutput));
          }
          if (e.error)
            blocks.push(
              v
                ? v.payloadBlock(s.error, e.error, 'error-block', 'error')
                : pendingBlock('error-block', s.error, e.error, 'error'),
            );
          if (!e.toolInput && e.toolOutput == null && !e.error) blocks.push(this._json(this._strings.rawEvent, e.raw));
        } else if (!e.known) {
          blocks.push(this._json(this._strings.rawEvent, e.raw));
        } else if (this.expanded) {
          blocks.push(this._json(this._strings.rawEvent, e.raw));
        }
    }
    return blocks.length ? html`<div class="body" part="body">${blocks}</div>` : nothing;
  }

  override render() {
    const e = this._event;
    if (!e) return nothing;
    const p = presentationOf(e, this._strings);
    const expandable = this._expandable(e);
    const failedBadge = e.failed
      ? html`<span class="badge error" part="error-badge">${icon('alert')}${this._strings.statusError}</span>`
      : nothing;
    const summary =
      (isToolEvent(e) || isHookEvent(e)) && !this.expanded && e.toolInput
        ? html`<div class="summary" part="summary">${toolSummary(e, this._strings)}</div>`
        : nothing;
    const timing = this.timing;
    const duration = timing
      ? html`<span
          class="badge duration ${timing.slow ? 'slow' : ''}"
          part="duration"
          title=${timing.slow ? this._strings.slowTool : this._strings.toolDuration}
          >${timing.slow ? icon('clock') : nothing}${formatDuration(timing.durationMs, this._strings.locale)}</span
        >`
      : nothing;
    const relativeTime = this.tagFor('ce-relative-time');
    // The accent is a class: an inline style would be parsed for every card.
    return staticHtml`<div class="card accent-${p.accent}${e.failed ? ' failed' : ''}" part="card">
      <div
        class="header ${expandable ? 'toggleable' : ''}"
        part="header"
        @click=${expandable ? this._onHeaderClick : null}
      >
        <span class="type" part="type">${icon(p.icon)}<span class="label">${e.known ? p.label : revealBidi(p.label)}</span></span>
        ${this._detail(e)}${duration}
        ${
          e.legacy
            ? html`<span
                class="badge legacy"
                part="legacy-badge"
                title=${this._strings.legacyNameTitle(e.originalType, e.type)}
                >${this._strings.legacyName}</span
              >`
            : nothing
        }
        ${failedBadge}
        ${
          Number.isFinite(e.time)
            ? staticHtml`<${relativeTime} class="time" part="time" .time=${e.time}></${relativeTime}>`
            : // Out of range, unparsable or far after its arrival: ordered by arrival, and said so.
              html`<span class="time invalid" part="time" data-invalid title=${e.timestamp.slice(0, 80)}
                >${this._strings.invalidTime}</span
              >`
        }
        ${
          expandable
            ? html`<button
                type="button"
                class="expand"
                part="expand-button"
                aria-expanded=${this.expanded ? 'true' : 'false'}
                aria-label=${this.expanded ? this._strings.collapse : this._strings.expand}
                title=${this.expanded ? this._strings.collapse : this._strings.expand}
                @click=${() => this.toggle()}
              >
                ${icon('chevronRight')}
              </button>`
            : nothing
        }
      </div>
      ${summary}
      ${isToolEvent(e) || isHookEvent(e) ? (this.expanded ? nothing : this._errorLine(e)) : this._errorLine(e)}
      ${
        e.droppedBytes !== undefined
          ? html`<div class="dropped" part="dropped" role="note">
              ${icon('alert')}<span>${this._strings.bodyDropped(e.droppedBytes)}</span>
            </div>`
          : nothing
      }
      ${this._body(e)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'event-card': EventCard;
  }
}
