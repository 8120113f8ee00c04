/**
 * Lit's `html` for templates whose whitespace between tags is only indentation, such as the
 * children of flex, grid and block containers (where it renders as nothing). Import it as `html`
 * (the name ESLint, lit-analyzer and Prettier look for) in place of Lit's.
 *
 * Every run of whitespace in a template becomes a text node that Lit clones, and the browser
 * inserts and removes, for every instance: a collapsed `<event-card>` held a dozen, and a
 * scrolling timeline creates and drops cards by the dozen each frame. This tag drops the whitespace
 * that sits between two tags, a tag and a binding, or two bindings (also once the build's literal
 * minifier has collapsed it to one space); text and the whitespace inside tags stay as they are.
 *
 * Not for inline content, nor for words in separate elements that are read as one text (a tool
 * chip's name and status make a button's label in `<chat-panel>`): there the whitespace between
 * two elements or bindings is a space.
 */
import { html as litHtml, type TemplateResult } from 'lit';
import { withStatic } from 'lit/static-html.js';

const compacted = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/** Whitespace between `>` or a string's start, and `<` or the string's end. */
const BETWEEN_TAGS = /(^|>)\s+(?=<|$)/g;

function compact(strings: TemplateStringsArray): TemplateStringsArray {
  let result = compacted.get(strings);
  if (!result) {
    const parts = strings.map((s) => s.replace(BETWEEN_TAGS, '$1'));
    // One array per call site (Lit caches its template by the array's identity), with its `raw`.
    result = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
    compacted.set(strings, result);
  }
  return result;
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): TemplateResult<1> {
  return litHtml(compact(strings), ...values);
}

/** The same for templates with static values (`lit/static-html.js`), such as scoped tag names. */
export const staticHtml = withStatic(html);
