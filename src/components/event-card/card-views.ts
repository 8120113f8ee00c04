/**
 * A card's detail views: tool input and output blocks (`<ce-payload>`, `<ce-terminal>`, `<ce-diff>`
 * and the built-in tool views) and JSON (`<ce-json-view>`). A collapsed tool card shows none of
 * them, so the card loads this module when it first renders one (`loadCardViews()` in
 * event-card.component.ts) and a page of collapsed tool calls never downloads it.
 *
 * The elements here render under the names they are defined under on the page, as a card's own
 * dependencies do (pieces/define.ts): `CardViews` holds them and resolves their names.
 */
import type { StaticValue } from 'lit/static-html.js';
import type { CoordinatorEvent } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import type { DiffHunk } from '../../model/line-diff.js';
import { scopedTag } from '../../pieces/define.js';
import { CeDiff } from '../../pieces/diff-view.js';
import { CeJsonView } from '../../pieces/json-view.js';
import { staticHtml } from '../../pieces/layout-html.js';
import { CePayload } from '../../pieces/payload-view.js';
import { CeTerminal, terminalOutput } from '../../pieces/terminal-view.js';
import type { ToolRenderContext } from '../../pieces/tool-renderers.js';
import { toolViewsFor } from '../../pieces/tool-views.js';

/** The elements of a card's details, and the names they render under. */
export class CardViews {
  static readonly dependencies = {
    'ce-payload': CePayload,
    'ce-json-view': CeJsonView,
    'ce-terminal': CeTerminal,
    'ce-diff': CeDiff,
  };

  /** The tag of one of them for a `lit/static-html.js` template (see `CeElement.tagFor()`). */
  static tagFor(name: keyof typeof CardViews.dependencies): StaticValue {
    return scopedTag(CardViews, name).literal;
  }
}

/** Parts of these elements, forwarded so `event-card::part(...)` reaches them. */
const PAYLOAD_PARTS =
  'label: payload-label, text: payload-text, json: payload-json, show-all, copy, formatted: tool-view, json-toggle';
const TERMINAL_PARTS =
  'label: payload-label, text: terminal-text, stream: terminal-stream, stream-label: terminal-stream-label, stdout, stderr, exit-code, interrupted, show-all, copy';
const DIFF_PARTS = 'path: diff-path, hunk: diff-hunk, lines: diff-lines, show-all, copy';

/** Terminals made for an output renderer: rendered as the output block itself. */
const standalone = new WeakSet<object>();

/** A labelled block of a tool's input, output or error. */
export function payloadBlock(
  label: string,
  value: unknown,
  part: string,
  variant: 'default' | 'error' = 'default',
  formatted: unknown = undefined,
) {
  const payload = CardViews.tagFor('ce-payload');
  return staticHtml`<${payload}
    part=${part}
    exportparts=${PAYLOAD_PARTS}
    .label=${label}
    .value=${value}
    .variant=${variant}
    .formatted=${formatted}
  ></${payload}>`;
}

function terminalBlock(value: unknown, part: string, options: { label?: string; exitCode?: number | null } = {}) {
  const terminal = CardViews.tagFor('ce-terminal');
  return staticHtml`<${terminal}
    part=${part}
    exportparts=${TERMINAL_PARTS}
    .label=${options.label ?? ''}
    .value=${value}
    .exitCode=${options.exitCode ?? null}
  ></${terminal}>`;
}

/**
 * The built-in views, for tool renderers. A terminal an output renderer returns is the output
 * block itself, not a view inside a payload block.
 */
function toolContext(strings: Strings, block: 'input' | 'output'): ToolRenderContext {
  return {
    strings,
    terminal: (value, options) => {
      const view = terminalBlock(value, block === 'output' ? 'output terminal' : 'terminal', options);
      if (block === 'output') standalone.add(view);
      return view;
    },
    diff: (hunks: readonly DiffHunk[], path: string) => {
      const diff = CardViews.tagFor('ce-diff');
      return staticHtml`<${diff} part="diff" exportparts=${DIFF_PARTS} .hunks=${hunks} .path=${path}></${diff}>`;
    },
  };
}

/** A tool's input and output blocks, through its renderer when it has one. */
export function toolBlocks(e: CoordinatorEvent, strings: Strings, blocks: unknown[]): void {
  const renderer = toolViewsFor(e.toolName);
  const view = (
    fn: ((e: CoordinatorEvent, c: ToolRenderContext) => unknown) | undefined,
    block: 'input' | 'output',
  ) => {
    if (!fn) return undefined;
    try {
      return fn(e, toolContext(strings, block));
    } catch {
      // A host's renderer that throws leaves the default view.
      return undefined;
    }
  };
  if (e.toolInput)
    blocks.push(payloadBlock(strings.input, e.toolInput, 'input', 'default', view(renderer?.input, 'input')));
  if (e.toolOutput !== null && e.toolOutput !== undefined) {
    const formatted = view(renderer?.output, 'output');
    if (standalone.has(formatted as object)) blocks.push(formatted);
    else if (formatted === undefined && terminalOutput(e.toolOutput))
      blocks.push(terminalBlock(e.toolOutput, 'output terminal', { exitCode: e.exitCode }));
    else blocks.push(payloadBlock(strings.output, e.toolOutput, 'output', 'default', formatted));
  }
}

/** A labelled JSON view (result data, a message's other content, the raw event). */
export function jsonBlock(label: string, value: unknown) {
  const jsonView = CardViews.tagFor('ce-json-view');
  return staticHtml`<${jsonView} part="json" .label=${label} .value=${value}></${jsonView}>`;
}
