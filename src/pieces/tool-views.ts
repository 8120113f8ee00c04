/**
 * The built-in tool renderers' input and output views (Bash, Read, Grep, Glob, WebFetch, TodoWrite,
 * Edit, MultiEdit, Write) and their styles. Only expanded cards show them, so they load with a card's
 * details (card-views.ts); the table and the summaries a collapsed card shows are in tool-renderers.ts.
 */
import { css, html, nothing } from 'lit';
import type { CoordinatorEvent } from '../types/model.js';
import type { Strings } from '../i18n/strings.js';
import { revealBidi } from '../i18n/format.js';
import { diffTexts, hunksFromPatch, type DiffHunk } from '../model/line-diff.js';
import {
  builtInNameOf,
  filePath,
  num,
  safeUrl,
  str,
  todosOf,
  toolRendererFor,
  type ToolRenderer,
} from './tool-renderers.js';

type ToolViews = Pick<ToolRenderer, 'input' | 'output'>;

/** Items of a list output: an array of strings, or lines of a string. */
function listOf(output: unknown): string[] | null {
  if (Array.isArray(output) && output.every((item) => typeof item === 'string')) return output as string[];
  if (typeof output === 'string') return output.split('\n').filter((line) => line.trim() !== '');
  return null;
}

const LIST_LIMIT = 200;

function renderList(items: readonly string[], s: Strings) {
  const shown = items.length > LIST_LIMIT ? items.slice(0, LIST_LIMIT) : items;
  return html`<div class="tv-count">${s.fileCount(items.length)}</div>
    <ul class="tv-list">
      ${shown.map((item) => html`<li>${revealBidi(item)}</li>`)}
    </ul>
    ${items.length > shown.length ? html`<div class="tv-caption">${s.moreItems(items.length - shown.length)}</div>` : nothing}`;
}

const code = (text: string, prefix = '') =>
  html`<code class="tv-code"
    >${prefix ? html`<span class="tv-prompt" aria-hidden="true">${prefix}</span>` : nothing}${revealBidi(text)}</code
  >`;
const caption = (text: string | null) => (text ? html`<div class="tv-caption">${revealBidi(text)}</div>` : nothing);
const path = (text: string | null) => (text ? html`<div class="tv-path">${revealBidi(text)}</div>` : nothing);

/** Hunks of an Edit/MultiEdit/Write, memoized per event (a card renders again on a language change). */
const hunksOf = new WeakMap<CoordinatorEvent, DiffHunk[]>();
function editHunks(event: CoordinatorEvent): DiffHunk[] {
  let hunks = hunksOf.get(event);
  if (hunks) return hunks;
  const input = event.toolInput ?? {};
  const output = event.toolOutput as { structuredPatch?: unknown } | null;
  const reported = output && typeof output === 'object' ? hunksFromPatch(output.structuredPatch) : null;
  if (reported) hunks = reported;
  else if (Array.isArray(input.edits))
    hunks = (input.edits as { old_string?: unknown; new_string?: unknown }[]).flatMap((edit) =>
      diffTexts(String(edit?.old_string ?? ''), String(edit?.new_string ?? '')),
    );
  else if (typeof input.content === 'string' && input.old_string === undefined) hunks = diffTexts('', input.content);
  else hunks = diffTexts(String(input.old_string ?? ''), String(input.new_string ?? ''));
  hunksOf.set(event, hunks);
  return hunks;
}

const edit: ToolViews = {
  input: (e, ctx) =>
    html`${ctx.diff(editHunks(e), filePath(e) ?? '')}${
      e.toolInput?.replace_all === true ? caption(ctx.strings.replaceAll) : nothing
    }`,
  output: (e, ctx) => {
    const out = e.toolOutput as { structuredPatch?: unknown } | null;
    // The reported patch is the diff above: say so rather than show it twice.
    return out && typeof out === 'object' && hunksFromPatch(out.structuredPatch)
      ? caption(ctx.strings.changeShownAbove)
      : undefined;
  },
};

const TODO_MARK: Record<string, string> = { completed: '☑', in_progress: '◐', pending: '☐' };

/** The built-in renderers' input and output views, by tool name (their summaries: tool-renderers.ts). */
export const builtInViews: Record<string, ToolViews> = {
  Bash: {
    input: (e) => {
      const command = str(e.toolInput?.command);
      if (command === null) return undefined;
      return html`${code(command, '$ ')}${caption(str(e.toolInput?.description))}`;
    },
  },
  Read: {
    input: (e, ctx) => {
      const offset = num(e.toolInput?.offset);
      const limit = num(e.toolInput?.limit);
      return html`${path(filePath(e))}${
        offset !== null || limit !== null ? caption(ctx.strings.lineRange(offset, limit)) : nothing
      }`;
    },
    output: (e, ctx) =>
      typeof e.toolOutput === 'string'
        ? ctx.terminal(e.toolOutput, {
            label: `${ctx.strings.output} · ${ctx.strings.lineCount(e.toolOutput.split('\n').length)}`,
          })
        : undefined,
  },
  Grep: {
    input: (e, ctx) => {
      const pattern = str(e.toolInput?.pattern);
      if (pattern === null) return undefined;
      const where = [str(e.toolInput?.path), str(e.toolInput?.glob), str(e.toolInput?.type)]
        .filter(Boolean)
        .join(' · ');
      return html`${code(pattern)}${where ? caption(ctx.strings.searchIn(where)) : nothing}`;
    },
    output: (e, ctx) => {
      if (Array.isArray(e.toolOutput)) {
        const items = listOf(e.toolOutput);
        return items ? renderList(items, ctx.strings) : undefined;
      }
      if (typeof e.toolOutput !== 'string') return undefined;
      const lines = e.toolOutput.split('\n').filter((l) => l !== '').length;
      return ctx.terminal(e.toolOutput, { label: `${ctx.strings.output} · ${ctx.strings.matchCount(lines)}` });
    },
  },
  Glob: {
    input: (e, ctx) => {
      const pattern = str(e.toolInput?.pattern);
      if (pattern === null) return undefined;
      const where = str(e.toolInput?.path);
      return html`${code(pattern)}${where ? caption(ctx.strings.searchIn(where)) : nothing}`;
    },
    output: (e, ctx) => {
      const items = listOf(e.toolOutput);
      return items ? renderList(items, ctx.strings) : undefined;
    },
  },
  WebFetch: {
    input: (e) => {
      const raw = str(e.toolInput?.url);
      if (raw === null) return undefined;
      const url = safeUrl(raw);
      return html`<div class="tv-path">
          ${url ? html`<a href=${url.href} target="_blank" rel="noopener noreferrer">${revealBidi(url.href)}</a>` : revealBidi(raw)}
        </div>
        ${caption(str(e.toolInput?.prompt))}`;
    },
  },
  TodoWrite: {
    input: (e, ctx) => {
      const todos = todosOf(e);
      if (!todos) return undefined;
      const s = ctx.strings;
      return html`<ul class="tv-todos">
        ${todos.map((t) => {
          const status = typeof t.status === 'string' ? t.status : 'pending';
          return html`<li class="tv-todo ${status}">
            <span class="tv-mark" aria-hidden="true">${TODO_MARK[status] ?? '☐'}</span>
            <span class="sr-only">${s.todoStatus[status] ?? revealBidi(status)}:</span>
            <span>${revealBidi(String(t.content ?? ''))}</span>
          </li>`;
        })}
      </ul>`;
    },
  },
  Edit: edit,
  MultiEdit: edit,
  Write: edit,
};

/** The renderer a card uses for a tool: the page's, or a built-in one with its views. */
export function toolViewsFor(toolName: string | null): ToolRenderer | undefined {
  const renderer = toolRendererFor(toolName);
  const name = builtInNameOf(renderer);
  return name ? { ...renderer, ...builtInViews[name] } : renderer;
}

/** Styles of what the built-in renderers render (inside `<ce-payload>`). */
export const toolViewStyles = css`
  .tv-code {
    display: block;
    padding: var(--_space-2) var(--_space-3);
    font-family: var(--_font-mono);
    font-size: var(--_font-size-code);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
    background: var(--_code-bg);
    color: var(--_code-text);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius-small);
  }
  .tv-prompt {
    color: var(--_text-muted);
    user-select: none;
  }
  .tv-path {
    font-family: var(--_font-mono);
    font-size: var(--_font-size-code);
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .tv-path a {
    color: var(--_link);
  }
  .tv-caption,
  .tv-count {
    margin-top: var(--_space-2);
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .tv-count {
    margin-top: 0;
  }
  .tv-list,
  .tv-todos {
    margin: var(--_space-2) 0 0;
    padding: 0;
    list-style: none;
    font-size: var(--_font-size-code);
    max-height: var(--ce-payload-max-height, 32em);
    overflow: auto;
  }
  .tv-list li {
    font-family: var(--_font-mono);
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .tv-todos {
    margin: 0;
    font-size: inherit;
  }
  .tv-todo {
    display: flex;
    gap: var(--_space-2);
    overflow-wrap: anywhere;
  }
  .tv-todo.completed > :last-child {
    color: var(--_text-muted);
    text-decoration: line-through;
  }
  .tv-todo.in_progress > :last-child {
    font-weight: 600;
  }
  .tv-mark {
    flex: none;
  }
`;
