/**
 * Search matches highlighted in the timeline's cards with the CSS Custom Highlight API: ranges over
 * the text the cards have rendered, in their shadow roots and those of their pieces (markdown,
 * payloads, JSON), found by walking the rendered text nodes. Nothing in a card's DOM changes, so it
 * works with whatever a card renders and however it renders it (sanitized markdown, clamped or
 * lazily rendered parts); it costs only the rows in view. The styles are the `::highlight()` rules
 * of the shared `tokenRules`, present in every shadow root of the library.
 *
 * Where the API is missing (older browsers), nothing is highlighted; the search, its "n of m" and
 * next/previous work the same. A match that spans two text nodes (across formatting) is not
 * highlighted.
 */

/** The highlight names (see `tokenRules`): every match, and those of the current match's card. */
export const MATCH_HIGHLIGHT = 'ce-search-match';
export const CURRENT_HIGHLIGHT = 'ce-search-current';

interface HighlightLike {
  add(range: AbstractRange): void;
  clear(): void;
}
type HighlightCtor = new () => HighlightLike;
interface Registry {
  set(name: string, highlight: HighlightLike): void;
}

const api = (): { registry: Registry; Highlight: HighlightCtor } | null => {
  const css = (globalThis as { CSS?: { highlights?: Registry } }).CSS;
  const Highlight = (globalThis as { Highlight?: HighlightCtor }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
};

/** Whether this browser can highlight (the CSS Custom Highlight API). */
export const canHighlight = (): boolean => api() !== null;

/** The ranges of every timeline on the page: the page has one highlight per name. */
const owners = new Map<object, { matches: Range[]; current: Range[] }>();
let shared: { match: HighlightLike; current: HighlightLike } | null = null;

function publish(): void {
  const found = api();
  if (!found) return;
  if (!shared) {
    shared = { match: new found.Highlight(), current: new found.Highlight() };
    found.registry.set(MATCH_HIGHLIGHT, shared.match);
    found.registry.set(CURRENT_HIGHLIGHT, shared.current);
  }
  shared.match.clear();
  shared.current.clear();
  for (const { matches, current } of owners.values()) {
    for (const range of matches) shared.match.add(range);
    for (const range of current) shared.current.add(range);
  }
}

const SKIP = new Set(['STYLE', 'SCRIPT', 'TEMPLATE']);

/** The text nodes in `root` (its shadow root too, and theirs); elements still rendering go to `pending`. */
function collectText(root: Node, out: Text[], pending: Promise<unknown>[]): void {
  const el = root as Element & { isUpdatePending?: boolean; updateComplete?: Promise<unknown> };
  if (el.isUpdatePending && el.updateComplete) pending.push(el.updateComplete);
  if (el.shadowRoot) collectText(el.shadowRoot, out, pending);
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.TEXT_NODE) {
      if ((node as Text).data.trim()) out.push(node as Text);
    } else if (node.nodeType === Node.ELEMENT_NODE && !SKIP.has((node as Element).tagName)) {
      collectText(node, out, pending);
    }
  }
}

/** Ranges of every occurrence of `query` (lower case) in the text under `root`. */
function rangesIn(root: Node, query: string, pending: Promise<unknown>[]): Range[] {
  const nodes: Text[] = [];
  collectText(root, nodes, pending);
  const out: Range[] = [];
  for (const node of nodes) {
    const text = node.data.toLowerCase();
    for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) {
      const range = new Range();
      range.setStart(node, at);
      range.setEnd(node, at + query.length);
      out.push(range);
    }
  }
  return out;
}

/** One timeline's highlights. */
export class SearchHighlighter {
  readonly #owner = {};
  #frame = 0;
  #generation = 0;

  /**
   * Highlights `query` in `rows` (the rendered rows) in the next frame, and those of the row with
   * `currentKey` as the current match; an empty query clears. Rows still rendering are waited for.
   */
  schedule(rows: () => Iterable<HTMLElement>, query: string, currentKey: string | null): void {
    if (!canHighlight()) return;
    cancelAnimationFrame(this.#frame);
    const generation = ++this.#generation;
    this.#frame = requestAnimationFrame(() => void this.#run(rows, query, currentKey, generation, 0));
  }

  async #run(
    rows: () => Iterable<HTMLElement>,
    query: string,
    currentKey: string | null,
    generation: number,
    round: number,
  ): Promise<void> {
    const matches: Range[] = [];
    const current: Range[] = [];
    const pending: Promise<unknown>[] = [];
    if (query) {
      for (const row of rows()) {
        const found = rangesIn(row, query, pending);
        (row.dataset.key === currentKey ? current : matches).push(...found);
      }
    }
    owners.set(this.#owner, { matches, current });
    publish();
    // Pieces that render in their own update (markdown, payloads): highlight them once they did.
    if (pending.length && round < 3) {
      await Promise.all(pending);
      if (generation === this.#generation) await this.#run(rows, query, currentKey, generation, round + 1);
    }
  }

  /** Removes this timeline's highlights (it left the page). */
  clear(): void {
    cancelAnimationFrame(this.#frame);
    this.#generation++;
    if (owners.delete(this.#owner)) publish();
  }
}
