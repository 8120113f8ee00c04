/**
 * How known tools read: a table from tool name to a `ToolRenderer`, which may give a collapsed
 * card's one-line summary and what its expanded input and output blocks show instead of JSON.
 * Built in: Bash, Read, Grep, Glob, WebFetch, TodoWrite, Edit, MultiEdit, Write. Unknown tools keep
 * the JSON view; a page adds or replaces renderers with `registerToolRenderer()`
 * (docs/tool-renderers.md). The JSON stays one click away ("JSON" in each block).
 *
 * Renderers run only for expanded cards (the summary for collapsed ones), and are given the
 * untrusted event: whatever they return is rendered by Lit, so text stays text.
 *
 * This module holds the table and the built-in summaries (a collapsed card's line); the built-in
 * input and output views are in tool-views.ts, which loads with a card's details (card-views.ts).
 */
import type { CoordinatorEvent } from '../types/model.js';
import type { Strings } from '../i18n/strings.js';
import type { DiffHunk } from '../model/line-diff.js';

/** What a renderer gets besides the event: the element's words and its built-in views. */
export interface ToolRenderContext {
  strings: Strings;
  /** A `<ce-terminal>` (under the card's name for it) showing `value` (a string or `{stdout, stderr}`). */
  terminal(value: unknown, options?: { label?: string; exitCode?: number | null }): unknown;
  /** A `<ce-diff>` of `hunks` (see `diffTexts()`), headed by `path`. */
  diff(hunks: readonly DiffHunk[], path: string): unknown;
}

/**
 * A tool's presentation. Each member is optional; returning `undefined` keeps the default (the
 * input as JSON, the output as a terminal or JSON). `input` and `output` may return anything Lit
 * renders: a template (`html` of the page's Lit), a DOM node (a new one each call) or a string.
 */
export interface ToolRenderer {
  /** The collapsed card's one line (plain text). */
  summary?(event: CoordinatorEvent, strings: Strings): string | null | undefined;
  /** What the input block shows. */
  input?(event: CoordinatorEvent, context: ToolRenderContext): unknown;
  /** What the output block shows. */
  output?(event: CoordinatorEvent, context: ToolRenderContext): unknown;
}

/** @internal A non-empty string, else null. */
export const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
/** @internal A finite number, else null. */
export const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A URL that may become a link: http(s) only, parsed (never `javascript:` or `data:`). */
export function safeUrl(value: unknown): URL | null {
  const text = str(value);
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** @internal The file an event's tool works on. */
export const filePath = (e: CoordinatorEvent) =>
  str(e.toolInput?.file_path) ?? str(e.toolInput?.notebook_path) ?? str(e.toolInput?.path);

/** @internal A TodoWrite's items. */
export type Todo = { content?: unknown; status?: unknown; activeForm?: unknown };
/** @internal A TodoWrite's items, when it has a list. */
export const todosOf = (e: CoordinatorEvent): Todo[] | null =>
  Array.isArray(e.toolInput?.todos) ? (e.toolInput.todos as Todo[]).filter((t) => t && typeof t === 'object') : null;

/** The built-in renderers as far as a collapsed card needs them: their summaries. */
const builtIns: Record<string, ToolRenderer> = {
  Bash: { summary: (e) => (str(e.toolInput?.command) ? `$ ${e.toolInput!.command as string}` : null) },
  Read: { summary: (e) => filePath(e) },
  Grep: {
    summary: (e) => {
      const pattern = str(e.toolInput?.pattern);
      const where = str(e.toolInput?.path) ?? str(e.toolInput?.glob);
      return pattern === null ? null : where ? `/${pattern}/ ${where}` : `/${pattern}/`;
    },
  },
  Glob: { summary: (e) => str(e.toolInput?.pattern) },
  WebFetch: { summary: (e) => str(e.toolInput?.url) },
  TodoWrite: {
    summary: (e, s) => {
      const todos = todosOf(e);
      return todos ? s.todoSummary(todos.filter((t) => t.status === 'completed').length, todos.length) : null;
    },
  },
  Edit: { summary: (e) => filePath(e) },
  MultiEdit: { summary: (e) => filePath(e) },
  Write: { summary: (e) => filePath(e) },
};

/** Which built-in renderer an entry of the table is (the views of that name go with it). */
const builtInNames = new Map<ToolRenderer, string>(Object.entries(builtIns).map(([name, r]) => [r, name]));

/** @internal The built-in tool name whose renderer `renderer` is, if it is one. */
export function builtInNameOf(renderer: ToolRenderer | undefined): string | undefined {
  return renderer && builtInNames.get(renderer);
}

const renderers = new Map<string, ToolRenderer>(Object.entries(builtIns));

/**
 * Adds a renderer for `toolName` (exact, case-sensitive: `Bash`, `mcp__github__create_issue`), or
 * replaces one, built-in ones included; `null` removes it (the tool then shows JSON). Cards rendered
 * afterwards use it.
 */
export function registerToolRenderer(toolName: string, renderer: ToolRenderer | null): void {
  if (renderer) renderers.set(toolName, renderer);
  else renderers.delete(toolName);
}

/** The renderer of a tool, if any. */
export function toolRendererFor(toolName: string | null): ToolRenderer | undefined {
  return toolName === null ? undefined : renderers.get(toolName);
}

/** Names of the built-in renderers. */
export const builtInToolRenderers: readonly string[] = Object.keys(builtIns);
