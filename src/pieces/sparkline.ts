/**
 * A small bar chart of activity over time (events per minute), stacked by category: tools,
 * messages, other, errors on top. One `<path>` per category, so a row's chart is four elements
 * whatever its numbers. Colours come from the tokens (the accents and `--_error`); the chart is an
 * image with a text alternative, never colour alone.
 *
 * Part: `sparkline`.
 */
import { css, svg, type SVGTemplateResult } from 'lit';
import type { ActivityCategory, ActivityHistogram } from '../model/session-activity.js';

/** Bottom to top. */
const STACK: readonly ActivityCategory[] = ['tool', 'message', 'other', 'error'];
const BAR = 3;
const GAP = 1;
const HEIGHT = 16;

/** The chart of `histogram` (oldest bucket left), labelled `label` for assistive technology. */
export function renderSparkline(histogram: ActivityHistogram, label: string): SVGTemplateResult {
  const n = histogram.total.length;
  const width = n * (BAR + GAP) - GAP;
  const max = Math.max(1, ...histogram.total);
  const paths: Record<ActivityCategory, string> = { tool: '', message: '', other: '', error: '' };
  for (let i = 0; i < n; i++) {
    let base = HEIGHT;
    for (const category of STACK) {
      const count = histogram.counts[category][i];
      if (!count) continue;
      // At least a pixel for any event, so one event in a busy hour still shows.
      const h = Math.max(1, Math.round((count / max) * HEIGHT));
      const top = Math.max(0, base - h);
      paths[category] += `M${i * (BAR + GAP)} ${top}h${BAR}V${base}h-${BAR}Z`;
      base = top;
    }
  }
  return svg`<svg class="sparkline" part="sparkline" viewBox="0 0 ${width} ${HEIGHT}" width=${width} height=${HEIGHT}
    role="img" aria-label=${label} preserveAspectRatio="none"><path class="axis" d="M0 ${HEIGHT - 0.5}H${width}"></path
    >${STACK.map((c) => svg`<path class=${c} d=${paths[c] || 'M0 0'}></path>`)}</svg>`;
}

export const sparklineStyles = css`
  .sparkline {
    display: block;
    overflow: visible;
  }
  .sparkline .axis {
    stroke: var(--_border);
    stroke-width: 1;
    fill: none;
  }
  .sparkline .tool {
    fill: var(--_accent-tool);
  }
  .sparkline .message {
    fill: var(--_accent-assistant);
  }
  .sparkline .other {
    fill: var(--_text-muted);
  }
  .sparkline .error {
    fill: var(--_error);
  }
`;
