import { html } from 'lit';
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { configure } from 'storybook/test';
import manifest from 'virtual:custom-elements-manifest';

// Play functions wait for what a user would see; the machines running them are shared and slow
// at times, so a condition gets 5 s (instead of 1 s) before a wait fails.
configure({ asyncUtilTimeout: 5000 });

// Autodocs tables and controls come from the Custom Elements Manifest (see main.ts).
setCustomElementsManifest(manifest);

type Theme = 'auto' | 'light' | 'dark';

/** Page backgrounds matching the library's `--ce-color-bg` defaults, so contrast checks see what users see. */
const PAGE_BACKGROUND: Record<Exclude<Theme, 'auto'>, string> = { light: '#ffffff', dark: '#15171c' };

const consoleErrors: unknown[][] = [];

/**
 * Not errors of the story: Chromium dispatches "ResizeObserver loop completed with undelivered
 * notifications" as a window error event (without logging it) when observers defer work to the
 * next frame, which the virtualized list does by design; Vitest's browser runner turns that event
 * into a console.error.
 */
const BENIGN_CONSOLE_ERRORS = [/ResizeObserver loop completed with undelivered notifications/];

function isBenign(args: unknown[]): boolean {
  const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return BENIGN_CONSOLE_ERRORS.some((re) => re.test(text));
}
const originalConsoleError = console.error.bind(console);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    // Accessibility violations fail the story tests (and show as errors in the a11y panel).
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { toc: true },
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the page around the elements (--ce-color-scheme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'auto', title: 'Follow the system' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'auto' },
  decorators: [
    (story, context) => {
      const theme = (context.globals.theme ?? 'auto') as Theme;
      // The canvas page itself too (its padding around the story), but never the shared docs page.
      if (context.viewMode === 'story') document.body.style.background = theme === 'auto' ? '' : PAGE_BACKGROUND[theme];
      if (theme === 'auto') return story();
      // The public way for a page to pick a scheme: the inherited --ce-color-scheme property.
      return html`<div
        data-theme=${theme}
        style="--ce-color-scheme: ${theme}; color-scheme: ${theme}; background: ${PAGE_BACKGROUND[theme]}; padding: 1rem; min-height: 100%; box-sizing: border-box;"
      >
        ${story()}
      </div>`;
    },
  ],
  // A story must render without console errors: collect them while it runs and fail afterwards.
  // A story that shows an error on purpose sets `parameters.allowConsoleErrors: true`.
  beforeEach() {
    consoleErrors.length = 0;
    console.error = (...args: unknown[]) => {
      if (!isBenign(args)) consoleErrors.push(args);
      originalConsoleError(...args);
    };
    return () => {
      console.error = originalConsoleError;
    };
  },
  afterEach({ parameters }) {
    if (parameters.allowConsoleErrors || consoleErrors.length === 0) return;
    const first = consoleErrors[0].map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ');
    throw new Error(`The story logged ${consoleErrors.length} console error(s); first: ${first}`);
  },
};

export default preview;
