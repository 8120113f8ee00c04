/**
 * The events of the inner pieces that come out of the elements: `ce-copy` from every copy button
 * and `ce-markdown-expand` from `<ce-markdown>`. They bubble and are composed, so a page sees them
 * on `<event-card>`, `<event-timeline>` and `<chat-panel>`, which document them (see README.md);
 * each element's `<element>.events.ts` re-exports these types into its own event map.
 */

/** A copy button copied its value, or failed to. */
export const COPY_EVENT = 'ce-copy';
/** The user asked for more of a clamped or truncated markdown text. */
export const MARKDOWN_EXPAND_EVENT = 'ce-markdown-expand';

/** `detail` of `ce-copy`. */
export interface CopyDetail {
  /** Whether the text reached the clipboard. */
  ok: boolean;
  /** Characters copied (or attempted). */
  length: number;
}

/** `detail` of `ce-markdown-expand`. */
export interface MarkdownExpandDetail {
  /** `true` for "Show all" (the whole text of a truncated one), `false` for "Show more" (the clamp released). */
  showAll: boolean;
}

/** Events of `<ce-copy-button>` (and of the pieces holding one), by name. */
export interface CopyButtonEventMap {
  'ce-copy': CustomEvent<CopyDetail>;
}

/** Events of `<ce-markdown>`, by name (its code blocks have copy buttons). */
export interface MarkdownEventMap extends CopyButtonEventMap {
  'ce-markdown-expand': CustomEvent<MarkdownExpandDetail>;
}

/**
 * Checks an element's `on…` handler name → event name table at compile time: it must name every
 * event of `Events`, and only those (a missing event is reported as the `missing` property).
 */
export function handlerNames<Events>() {
  return <const Names extends Record<string, keyof Events & string>>(
    names: Names &
      ([Exclude<keyof Events, Names[keyof Names]>] extends [never]
        ? unknown
        : { missing: Exclude<keyof Events, Names[keyof Names]> }),
  ): Names => names;
}

declare global {
  interface HTMLElementEventMap {
    'ce-copy': CustomEvent<CopyDetail>;
    'ce-markdown-expand': CustomEvent<MarkdownExpandDetail>;
  }
}
