/**
 * Design tokens shared by every element of the library.
 *
 * Public, overridable tokens are `--ce-*` custom properties. Each element resolves them into
 * private `--_*` variables on its own `:host` (public value, else the built-in default), and its
 * styles use only the private ones. Because the defaults are fallbacks and never set the public
 * property, an override set on any ancestor (page, timeline, panel) reaches nested elements too.
 * A card in a timeline's list inherits the timeline's (`tokenDeclarations`, see `<event-card>`):
 * the same values, resolved once instead of for every card the list creates.
 *
 * Light and dark: colours use `light-dark()`, which follows the element's `color-scheme`. The
 * scheme is `light dark` (the user's `prefers-color-scheme`) unless a `theme="dark|light"`
 * attribute pins it. The choice travels to nested elements through the inherited
 * `--ce-color-scheme` property, so a card inside `<event-timeline theme="dark">` is dark too.
 * A page can also set `--ce-color-scheme: dark` itself.
 *
 * Usage (in an element): `static styles = [tokens, css`...uses var(--_bg)...`]`.
 */
import { css } from 'lit';

/**
 * The private tokens, resolved on `:host` (see above). An element whose host sits in the shadow tree
 * of another element of the library may leave them out and inherit them (see `<event-card>`).
 */
export const tokenDeclarations = css`
  :host {
    color-scheme: var(--ce-color-scheme, light dark);

    /* Typography */
    --_font: var(--ce-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_font-mono: var(
      --ce-font-family-mono,
      ui-monospace,
      SFMono-Regular,
      Menlo,
      Consolas,
      'Liberation Mono',
      monospace
    );
    --_font-size: var(--ce-font-size, 14px);
    --_font-size-small: var(--ce-font-size-small, 12px);
    --_font-size-code: var(--ce-font-size-code, 12.5px);
    --_line-height: var(--ce-line-height, 1.45);

    /* Spacing and shape */
    --_space-1: var(--ce-space-1, 2px);
    --_space-2: var(--ce-space-2, 4px);
    --_space-3: var(--ce-space-3, 8px);
    --_space-4: var(--ce-space-4, 12px);
    --_space-5: var(--ce-space-5, 16px);
    --_radius: var(--ce-radius, 8px);
    --_radius-small: var(--ce-radius-small, 4px);
    --_border-width: var(--ce-border-width, 1px);
    --_accent-width: var(--ce-accent-width, 3px);
    --_focus-ring-width: var(--ce-focus-ring-width, 2px);
    --_icon-size: var(--ce-icon-size, 16px);

    /* Surfaces and text */
    --_bg: var(--ce-color-bg, light-dark(#ffffff, #15171c));
    --_surface: var(--ce-color-surface, light-dark(#ffffff, #1d2027));
    --_surface-muted: var(--ce-color-surface-muted, light-dark(#f5f6f8, #252932));
    --_surface-hover: var(--ce-color-surface-hover, light-dark(#eef0f4, #2b3039));
    --_border: var(--ce-color-border, light-dark(#d9dde4, #353a45));
    --_text: var(--ce-color-text, light-dark(#1b1f27, #e6e8ec));
    --_text-muted: var(--ce-color-text-muted, light-dark(#5b6474, #a0a8b8));
    --_link: var(--ce-color-link, light-dark(#0b5cd5, #7fb0ff));
    --_focus: var(--ce-color-focus, light-dark(#0b5cd5, #7fb0ff));
    --_code-bg: var(--ce-color-code-bg, light-dark(#f3f4f7, #111318));
    --_code-text: var(--ce-color-code-text, light-dark(#1b1f27, #dde1e8));
    --_shadow: var(--ce-shadow, 0 1px 2px light-dark(rgb(0 0 0 / 0.08), rgb(0 0 0 / 0.4)));

    /* Status */
    --_error: var(--ce-color-error, light-dark(#c4231c, #ff7b72));
    --_error-bg: var(--ce-color-error-bg, light-dark(#fdeceb, #3a1d1d));
    --_success: var(--ce-color-success, light-dark(#17803d, #56d364));
    --_warning: var(--ce-color-warning, light-dark(#9a6100, #e3b341));
    --_live: var(--ce-color-live, light-dark(#17803d, #56d364));
    --_highlight: var(--ce-color-highlight, light-dark(#fff3b0, #5a4a00));
    --_highlight-current: var(--ce-color-highlight-current, light-dark(#f5c04a, #9a6c00));

    /* Per event type accents (always paired with an icon and a label, never colour alone) */
    --_accent-run: var(--ce-color-accent-run, light-dark(#6b46c1, #b794f6));
    --_accent-tool: var(--ce-color-accent-tool, light-dark(#0b72b9, #58a6ff));
    --_accent-user: var(--ce-color-accent-user, light-dark(#3b5bdb, #91a7ff));
    --_accent-assistant: var(--ce-color-accent-assistant, light-dark(#0f766e, #4fd1c5));
    --_accent-result: var(--ce-color-accent-result, light-dark(#17803d, #56d364));
    --_accent-hook: var(--ce-color-accent-hook, light-dark(#a05a00, #f0a35e));
    --_accent-other: var(--ce-color-accent-other, light-dark(#5b6474, #a0a8b8));

    /* JSON view */
    --_json-key: var(--ce-color-json-key, light-dark(#7a3e9d, #d2a8ff));
    --_json-string: var(--ce-color-json-string, light-dark(#0a6b3d, #7ee787));
    --_json-number: var(--ce-color-json-number, light-dark(#0550ae, #79c0ff));
    --_json-literal: var(--ce-color-json-literal, light-dark(#9a3412, #ffa657));

    /* Motion */
    --_duration: var(--ce-transition-duration, 150ms);
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0s;
    }
  }
`;

/**
 * What `tokens` holds besides the declarations: the `theme` attribute, the icons' stroke, and the
 * search highlights (here, so they reach the text of every shadow root of the library).
 */
export const tokenRules = css`
  ::highlight(ce-search-match) {
    background-color: var(--_highlight);
    color: var(--_text);
  }
  ::highlight(ce-search-current) {
    background-color: var(--_highlight-current);
    color: var(--_text);
  }
  :host([theme='dark']) {
    --ce-color-scheme: dark;
    color-scheme: dark;
  }
  :host([theme='light']) {
    --ce-color-scheme: light;
    color-scheme: light;
  }
  /* The icons of icons.ts: stroked with the text colour (here once, not as attributes on each). */
  svg[part~='icon'] {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;

export const tokens = [tokenDeclarations, tokenRules];

/**
 * The frame inside an element that lays out its toolbar and content (`.base`): the layout is the
 * frame's, not the host's, so a page may give the element any `display`.
 */
export const baseFrame = css`
  .base {
    display: flex;
    flex-direction: column;
    width: 100%;
    height: 100%;
    position: relative;
  }
`;

/** A visually hidden but screen-reader readable class (`.sr-only`). */
export const srOnly = css`
  .sr-only {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Shared look of small text buttons (`.ce-button`), used by copy/show-more/toolbar controls. */
export const buttonStyles = css`
  .ce-button {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    font: inherit;
    font-size: var(--_font-size-small);
    line-height: 1.2;
    color: var(--_text);
    background: var(--_surface-muted);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius-small);
    padding: var(--_space-1) var(--_space-3);
    cursor: pointer;
    transition: background-color var(--_duration);
  }
  .ce-button:hover {
    background: var(--_surface-hover);
  }
  .ce-button:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 1px;
  }
  .ce-button[aria-pressed='true'] {
    background: var(--_surface-hover);
    border-color: var(--_focus);
  }
  .ce-button svg {
    width: 14px;
    height: 14px;
    flex: none;
  }
  .ce-link-button {
    font: inherit;
    font-size: var(--_font-size-small);
    color: var(--_link);
    background: none;
    border: none;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  .ce-link-button:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 1px;
  }
`;
