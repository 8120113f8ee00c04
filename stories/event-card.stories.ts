import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/components/event-card/event-card.js';
import '../src/locales/de.js';
import type { EventCard } from '../src/components/event-card/event-card.component.js';
import type { WireSessionEvent } from '../src/types/wire.js';
import { deepQuery, deepQueryAll, shadow } from './support/dom.js';
import { attributeArgTypes, renderElement, type ElementArgs } from './support/render.js';
import { samples } from './support/samples.js';
import { registerToolRenderer } from '../src/pieces/tool-renderers.js';

const meta = {
  title: 'Elements/event-card',
  component: 'event-card',
  render: (args) => renderElement('event-card', args),
  argTypes: {
    ...attributeArgTypes('event-card'),
    event: { control: 'object', description: 'A wire SessionEvent or a normalized CoordinatorEvent.' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  args: { onCeToggle: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'One coordinator event. Stories use captured events from `test/fixtures/` where the captures hold the case, and events built in the same wire form otherwise.',
      },
    },
  },
} satisfies Meta<ElementArgs>;

export default meta;
type Story = StoryObj<ElementArgs>;

function cardIn(canvasElement: HTMLElement): EventCard {
  const card = canvasElement.querySelector('event-card');
  if (!card) throw new Error('no <event-card> rendered');
  return card;
}

/** The rendered markdown of a card (inside `<ce-markdown>`'s own shadow root). */
function markdownOf(card: Element): HTMLElement | null {
  const md = deepQuery(card, 'ce-markdown');
  return md ? deepQuery(md, '[part~="content"]') : null;
}

/** A column of cards, for stories that compare several events. */
function gallery(events: WireSessionEvent[], args: ElementArgs = {}) {
  return html`<div style="display: grid; gap: 8px; max-width: 60rem;">
    ${events.map((event) => renderElement('event-card', { ...args, event }))}
  </div>`;
}

// ---------------------------------------------------------------- every event type

export const RunStarted: Story = {
  args: { event: samples.runStart, 'run-index': 1 },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(card).toHaveAttribute('type', 'run_start');
    await expect(shadow(card).getByText('Run started')).toBeVisible();
    await expect(shadow(card).getByText('Run 1')).toBeVisible();
  },
};

export const RunResumed: Story = {
  args: { event: samples.runStart, 'run-index': 2, resumed: true },
  play: async ({ canvasElement }) => {
    await expect(shadow(cardIn(canvasElement)).getByText('Run 2 · resumed')).toBeVisible();
  },
};

export const RunCompleted: Story = {
  args: { event: samples.runCompleted },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(shadow(card).getByText('Run completed')).toBeVisible();
    // "exit 0", not "exit 0 · completed" beside "Run completed".
    await expect(shadow(card).getByText('exit 0')).toBeVisible();
  },
};

export const ToolCall: Story = {
  name: 'Tool call (pre_tool)',
  args: { event: samples.preTool },
};

export const ToolResult: Story = {
  name: 'Tool result (post_tool): expand and collapse',
  args: { event: samples.bashTool },
  play: async ({ canvasElement, args, step }) => {
    const card = cardIn(canvasElement);
    const ui = shadow(card);
    await expect(ui.getByText('Bash')).toBeVisible();
    const toggle = ui.getByRole('button', { name: 'Expand' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await step('expand shows input and output', async () => {
      await userEvent.click(toggle);
      await waitFor(() => expect(card.expanded).toBe(true));
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(args.onCeToggle).toHaveBeenCalledTimes(1);
      // The views load on the first expand (the text shows meanwhile).
      await card.updateComplete;
      await expect(deepQuery(card, '[part~="input"]')).not.toBeNull();
      await expect(deepQuery(card, '[part~="output"]')).not.toBeNull();
      // The command as a code line, the output as terminal text.
      await waitFor(() => expect(deepQuery(card, '[part~="formatted"] code')?.textContent).toBe('$ ls'));
      await waitFor(() => expect(deepQuery(card, '[part~="stdout"] pre')?.textContent).toContain('README.md'));
    });
    await step('collapse hides them again', async () => {
      await userEvent.click(ui.getByRole('button', { name: 'Collapse' }));
      await waitFor(() => expect(deepQuery(card, '[part~="output"]')).toBeNull());
      await expect(card).not.toHaveAttribute('expanded');
    });
  },
};

export const ToolWithListOutput: Story = {
  args: { event: samples.globTool, expanded: true },
};

export const UserMessage: Story = {
  args: { event: samples.userMessage },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(shadow(card).getByText('User')).toBeVisible();
    await waitFor(() => expect(markdownOf(card)?.textContent).toContain('list the files'));
  },
};

export const AssistantMessage: Story = {
  args: { event: samples.assistantMessage },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(shadow(card).getByText('Assistant')).toBeVisible();
    // Markdown is rendered (bold, inline code), not shown as source.
    await waitFor(() => expect(markdownOf(card)?.querySelector('strong')?.textContent).toBe('README.md'));
    await expect(markdownOf(card)?.querySelector('code')?.textContent).toBe('src');
  },
};

export const Result: Story = {
  args: { event: samples.result },
};

export const ResultData: Story = {
  name: 'Result with result_data',
  args: { event: samples.resultData },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await waitFor(() => expect(deepQueryAll(card, '.key').map((k) => k.textContent)).toContain('"files_changed"'));
  },
};

// ---------------------------------------------------------------- old names

export const LegacyRunStart: Story = {
  name: 'Old name: session_start',
  args: { event: samples.legacyStart },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    // Shown exactly like run_start, with a hint about the old name.
    await expect(card).toHaveAttribute('type', 'run_start');
    await expect(card).toHaveAttribute('original-type', 'session_start');
    await expect(shadow(card).getByText('Run started')).toBeVisible();
    await expect(shadow(card).getByText('legacy name')).toBeVisible();
  },
};

export const LegacyRunCompleted: Story = {
  name: 'Old name: session_stop',
  args: { event: samples.legacyStop },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(card).toHaveAttribute('type', 'run_completed');
    await expect(card).toHaveAttribute('original-type', 'session_stop');
    await expect(shadow(card).getByText('Run completed')).toBeVisible();
  },
};

export const OldAndNewNamesSideBySide: Story = {
  render: () => gallery([samples.legacyStart, samples.runStart, samples.legacyStop, samples.runCompleted]),
  play: async ({ canvasElement }) => {
    const types = [...canvasElement.querySelectorAll('event-card')].map((c) => c.getAttribute('type'));
    await expect(types).toEqual(['run_start', 'run_start', 'run_completed', 'run_completed']);
  },
};

// ---------------------------------------------------------------- errors

export const FailedTool: Story = {
  args: { event: samples.failedTool },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    const ui = shadow(card);
    await expect(card).toHaveAttribute('failed');
    await expect(ui.getByText('Error', { selector: '[part~="error-badge"]' })).toBeVisible();
    await expect(ui.getByText('File does not exist.')).toBeVisible();
    await userEvent.click(ui.getByRole('button', { name: 'Expand' }));
    await waitFor(() => expect(deepQuery(card, '[part~="error-block"]')).not.toBeNull());
  },
};

export const NonZeroExit: Story = {
  name: 'Non-zero exit code',
  args: { event: samples.nonZeroExit },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(card).toHaveAttribute('failed');
    await expect(shadow(card).getByText('Error', { selector: '[part~="error-badge"]' })).toBeVisible();
    await userEvent.click(shadow(card).getByRole('button', { name: 'Expand' }));
    await waitFor(() => expect(deepQuery(card, '[part~="stderr"] pre')?.textContent).toContain('AssertionError'));
    await expect(deepQuery(card, '[part~="exit-code"]')?.textContent).toBe('exit 1');
  },
};

// ---------------------------------------------------------------- size

export const LongMarkdown: Story = {
  args: { event: samples.longMarkdown },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    const content = await waitFor(() => {
      const el = markdownOf(card);
      expect(el?.querySelector('h2')?.textContent).toBe('Plan');
      return el as HTMLElement;
    });
    // Untrusted text: the raw HTML in the message is not markup.
    await expect(content.querySelector('img, script, [onerror]')).toBeNull();
    await expect(content.querySelector('table')).not.toBeNull();
    // Clamped, with a way to read the rest.
    const more = await waitFor(() => {
      const button = deepQueryAll<HTMLButtonElement>(card, 'button').find((b) => b.textContent?.trim() === 'Show more');
      expect(button).toBeDefined();
      return button as HTMLButtonElement;
    });
    await userEvent.click(more);
    await waitFor(() => expect(more).toHaveAttribute('aria-expanded', 'true'));
  },
};

export const NarrowTable: Story = {
  name: 'Table in a narrow card',
  args: { event: samples.tableMarkdown },
  render: (args) => html`<div style="width: 260px">${renderElement('event-card', args)}</div>`,
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    const table = await waitFor(() => {
      const el = markdownOf(card)?.querySelector('table');
      expect(el).not.toBeNull();
      return el as HTMLTableElement;
    });
    // Whole words in every cell ("Lines", not "Line|s"); the table scrolls sideways instead.
    const lines = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    };
    const broken = Array.from(table.querySelectorAll('th, td')).filter((cell) => lines(cell) > 1);
    await expect(broken.map((cell) => cell.textContent)).toEqual([]);
    await expect(table.scrollWidth).toBeGreaterThan(table.clientWidth);
    // A sideways scroller takes keyboard focus (given once its size is known, after layout).
    await waitFor(() => expect(table.tabIndex).toBe(0));
  },
};

export const HugeOutput: Story = {
  name: 'Huge output (1.2 MB)',
  // Passed by closure, not as an arg: args travel to the manager UI on every change.
  render: (args) => renderElement('event-card', { ...args, event: samples.hugeOutput }),
  args: { expanded: true },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    const showAll = await waitFor(() => {
      const button = deepQueryAll<HTMLButtonElement>(card, 'button').find((b) => b.textContent?.includes('Show all'));
      expect(button).toBeDefined();
      return button as HTMLButtonElement;
    });
    // Only a preview is in the DOM until the user asks for everything.
    const pre = deepQuery(card, '[part~="output"] pre, pre[part~="text"]');
    await expect((pre?.textContent ?? '').length).toBeLessThan(10_000);
    await userEvent.click(showAll);
    await waitFor(() =>
      expect((deepQuery(card, 'pre[part~="text"]')?.textContent ?? '').length).toBeGreaterThan(1_000_000),
    );
  },
};

export const HugeOutputObject: Story = {
  name: 'Huge output in a Bash {stdout} object',
  render: (args) => renderElement('event-card', { ...args, event: samples.hugeBashOutput }),
  args: { expanded: true },
};

// ---------------------------------------------------------------- tool views

/** A card's inner element by part, through the shadow roots. */
const inner = (card: Element, name: string) => deepQuery(card, `[part~="${name}"]`);

export const TerminalOutput: Story = {
  name: 'Tool output as a terminal (stdout, stderr, colours, exit code)',
  args: { event: samples.terminalColours, expanded: true },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await waitFor(() => expect(inner(card, 'stdout')).not.toBeNull());
    const stdout = inner(card, 'stdout')!;
    // Lines, not an escaped JSON string; colours from the ANSI codes; the codes themselves gone.
    await expect(stdout.querySelector('pre')?.textContent).toContain('✓ test/math.test.ts (4 tests)\n');
    await expect(stdout.querySelector('pre')?.textContent).not.toContain('[32m');
    await expect(stdout.querySelector('.fg-2')?.textContent).toBe('✓');
    await expect(inner(card, 'stderr')?.textContent).toContain('upload timed out');
    await expect(inner(card, 'exit-code')?.textContent).toBe('exit 1');
  },
};

export const InterruptedCommand: Story = {
  args: { event: samples.interrupted, expanded: true },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await waitFor(() => expect(inner(card, 'interrupted')?.textContent).toContain('interrupted'));
  },
};

export const EditAsDiff: Story = {
  name: 'Edit as a diff (JSON on request)',
  args: { event: samples.edit, expanded: true },
  play: async ({ canvasElement, step }) => {
    const card = cardIn(canvasElement);
    await waitFor(() => expect(inner(card, 'hunk')?.textContent).toBe('@@ -11,5 +11,5 @@'));
    await expect(inner(card, 'path')?.textContent).toBe('/srv/projects/demo/src/server.ts');
    await step('JSON on request', async () => {
      const toggle = deepQuery<HTMLButtonElement>(
        card,
        '[part~="input"]',
      )!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="json-toggle"]')!;
      await userEvent.click(toggle);
      await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'));
      await waitFor(() => expect(deepQueryAll(card, '.key').map((k) => k.textContent)).toContain('"old_string"'));
      await userEvent.click(toggle);
      await waitFor(() => expect(inner(card, 'hunk')).not.toBeNull());
    });
  },
};

export const MultiEditAndWrite: Story = {
  name: 'MultiEdit and Write as diffs',
  render: (args) => gallery([samples.multiEdit, samples.write], { ...args, expanded: true }),
  play: async ({ canvasElement }) => {
    const [multi, write] = [...canvasElement.querySelectorAll('event-card')];
    await waitFor(() => expect(deepQueryAll(multi, '[part~="hunk"]')).toHaveLength(2));
    await waitFor(() => expect(deepQueryAll(write, '.line.add')).toHaveLength(5));
  },
};

export const KnownTools: Story = {
  name: 'Known tools: Read, Grep, Glob, WebFetch, TodoWrite',
  render: (args) =>
    gallery([samples.read, samples.grep, samples.globTool, samples.webFetch, samples.todoWrite], {
      ...args,
      expanded: true,
    }),
  play: async ({ canvasElement }) => {
    const [read, grep, glob, web, todo] = [...canvasElement.querySelectorAll('event-card')];
    await waitFor(() => expect(deepQuery(read, '.tv-caption')?.textContent).toBe('from line 10, 4 lines'));
    await waitFor(() =>
      expect(inner(grep, 'output')?.shadowRoot?.querySelector('[part~="label"]')?.textContent).toContain('2 matches'),
    );
    await waitFor(() => expect(deepQuery(glob, '.tv-count')?.textContent).toMatch(/files?$/));
    const link = await waitFor(() => {
      const a = deepQuery<HTMLAnchorElement>(web, '[part~="formatted"] a');
      expect(a).not.toBeNull();
      return a!;
    });
    await expect(link).toHaveAttribute('href', 'https://nodejs.org/api/timers.html');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await waitFor(() => expect(deepQueryAll(todo, '.tv-todo')).toHaveLength(3));
  },
};

export const ToolSummaries: Story = {
  name: 'Collapsed tools: one line each',
  render: (args) => gallery([samples.bashTool, samples.edit, samples.grep, samples.webFetch, samples.todoWrite], args),
  play: async ({ canvasElement }) => {
    const lines = [...canvasElement.querySelectorAll('event-card')].map((c) => inner(c, 'summary')?.textContent);
    await expect(lines).toEqual([
      '$ ls',
      '/srv/projects/demo/src/server.ts',
      '/TIMEOUT/ src',
      'https://nodejs.org/api/timers.html',
      '1 of 3 done',
    ]);
  },
};

export const Durations: Story = {
  name: 'Durations (a slow call stands out)',
  render: () =>
    html`<div style="display: grid; gap: 8px; max-width: 60rem;">
      ${renderElement('event-card', { event: samples.bashTool, timing: { durationMs: 850, slow: false } })}
      ${renderElement('event-card', { event: samples.grep, timing: { durationMs: 42_000, slow: true } })}
    </div>`,
  play: async ({ canvasElement }) => {
    const [fast, slow] = [...canvasElement.querySelectorAll('event-card')];
    await waitFor(() => expect(inner(fast, 'duration')?.textContent?.trim()).toBe('850 ms'));
    await expect(inner(slow, 'duration')).toHaveClass('slow');
  },
};

export const HostileStrings: Story = {
  name: 'Hostile strings: markup, bidi controls, 30,000 characters without a break',
  render: (args) =>
    html`<div style="width: 360px">
      ${renderElement('event-card', { ...args, event: samples.hostile, expanded: true })}
      ${renderElement('event-card', { ...args, event: samples.hostile })}
    </div>`,
  play: async ({ canvasElement }) => {
    const [open] = [...canvasElement.querySelectorAll('event-card')];
    await waitFor(() => expect(deepQuery(open, '.tool-name')?.textContent).toBe('Read⟨U+202E⟩txt.exe'));
    await expect(deepQueryAll(open, 'img, script, b')).toHaveLength(0);
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  },
};

export const HostRenderer: Story = {
  name: 'A renderer of the page (registerToolRenderer)',
  beforeEach: () => {
    registerToolRenderer('Deploy', {
      summary: (event) => `deploy to ${String(event.toolInput?.env)}`,
      input: (event) => html`<strong>${String(event.toolInput?.env)}</strong> · ${String(event.toolInput?.version)}`,
    });
    return () => registerToolRenderer('Deploy', null);
  },
  render: (args) =>
    gallery(
      [
        {
          ...samples.preTool,
          event_type: 'post_tool',
          tool_name: 'Deploy',
          tool_input: { env: 'staging', version: '1.4.2' },
        },
      ],
      { ...args, expanded: true },
    ),
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await waitFor(() => expect(deepQuery(card, '[part~="formatted"] strong')?.textContent).toBe('staging'));
  },
};

// ---------------------------------------------------------------- unknown and hooks

export const UnknownType: Story = {
  args: { event: samples.unknownType },
  play: async ({ canvasElement }) => {
    const card = cardIn(canvasElement);
    await expect(shadow(card).getByText('Unknown event: checkpoint_saved')).toBeVisible();
    // Its data is shown as JSON rather than dropped.
    await waitFor(() => expect(deepQueryAll(card, '.key').map((k) => k.textContent)).toContain('"checkpoint"'));
  },
};

export const HookEvents: Story = {
  render: (args) =>
    gallery(
      [samples.hookStart, samples.hookComplete, samples.hookFailed, samples.hookBlocked, samples.hookTimeout],
      args,
    ),
  play: async ({ canvasElement }) => {
    const cards = [...canvasElement.querySelectorAll('event-card')];
    const labels = cards.map((c) => c.shadowRoot?.querySelector('[part~="type"]')?.textContent?.trim());
    await expect(labels).toEqual(['Hook started', 'Hook completed', 'Hook failed', 'Hook blocked', 'Hook timed out']);
    await expect(cards.map((c) => c.hasAttribute('failed'))).toEqual([false, false, true, true, true]);
    await expect(shadow(cards[0]).getByText('on_run_start (release-agent)')).toBeVisible();
  },
};

// ---------------------------------------------------------------- hostile values

export const InvalidTime: Story = {
  name: 'Invalid time (out of range, far future)',
  render: (args) =>
    gallery(
      [
        { ...samples.userMessage, timestamp: '2026-13-45T99:99:99Z' },
        { ...samples.assistantMessage, timestamp: '0000-00-00T00:00:00Z' },
        { ...samples.bashTool, timestamp: '2999-01-01T00:00:00Z' },
      ],
      args,
    ),
  play: async ({ canvasElement }) => {
    const times = [...canvasElement.querySelectorAll('event-card')].map((c) =>
      c.shadowRoot?.querySelector('[part~="time"]'),
    );
    await expect(times.map((t) => t?.textContent?.trim())).toEqual(['invalid time', 'invalid time', 'invalid time']);
    await expect(times[0]).toHaveAttribute('title', '2026-13-45T99:99:99Z');
  },
};

// ---------------------------------------------------------------- themes

const ALL = [
  samples.runStart,
  samples.userMessage,
  samples.bashTool,
  samples.failedTool,
  samples.nonZeroExit,
  samples.assistantMessage,
  samples.result,
  samples.hookFailed,
  samples.unknownType,
  samples.legacyStop,
];

export const AllTypes: Story = {
  name: 'All types (follows the system scheme)',
  render: (args) => gallery(ALL, args),
};

export const DarkTheme: Story = {
  render: (args) => gallery(ALL, args),
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector('event-card') as EventCard;
    await expect(getComputedStyle(card).colorScheme).toBe('dark');
  },
};

export const ToolViewsDark: Story = {
  name: 'Tool views, dark',
  render: (args) =>
    gallery([samples.terminalColours, samples.edit, samples.todoWrite, samples.webFetch], { ...args, expanded: true }),
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector('event-card') as EventCard;
    await waitFor(() => expect(inner(card, 'stdout')).not.toBeNull());
    await expect(getComputedStyle(card).colorScheme).toBe('dark');
  },
};

export const German: Story = {
  name: 'German (lang="de")',
  render: (args) =>
    gallery([samples.userMessage, samples.bashTool, samples.runCompleted], { ...args, lang: 'de', expanded: true }),
  play: async ({ canvasElement }) => {
    const [message, tool, completed] = [...canvasElement.querySelectorAll('event-card')];
    await expect(shadow(message).getByText('Benutzer')).toBeVisible();
    // The payload blocks (their own shadow roots) are labelled in German too.
    const payloadText = deepQueryAll(tool, 'ce-payload, ce-terminal').map((p) => p.shadowRoot?.textContent ?? '');
    await expect(payloadText.join(' ')).toContain('Eingabe');
    await expect(payloadText.join(' ')).toContain('Ausgabe');
    await expect(shadow(completed).getByText('Lauf beendet')).toBeVisible();
  },
};
