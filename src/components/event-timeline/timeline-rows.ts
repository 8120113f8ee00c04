/**
 * Timeline rows besides run headers and cards: a gap row (where events may be missing) and the
 * print list (every event, not the virtualized window).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { Run } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { boundedStringify, formatClockTime } from '../../i18n/format.js';
import { icon } from '../../pieces/icons.js';
import type { GapRow } from './timeline-model.js';
import { transcriptWords } from './transcript-words.js';

/** A gap row shows this much of a result fetched again (the row is no reader for long texts). */
const GAP_TEXT = 2000;
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);

/**
 * Where events may be missing: the span, why, and the session's final result when it was fetched
 * again for it. Focusable and counted in the feed like the other rows.
 */
export function renderGapRow(
  row: GapRow,
  index: number,
  size: number,
  tabIndex: '0' | '-1',
  s: Strings,
): TemplateResult {
  const { gap } = row;
  const clock = (time: number | null) => (time === null ? null : formatClockTime(time, s.locale));
  const label = s.gapLabel(clock(gap.from), clock(gap.to));
  const result = gap.result;
  return html`<div
    class="gap"
    part="gap"
    role="article"
    data-key=${row.key}
    tabindex=${tabIndex}
    aria-posinset=${index + 1}
    aria-setsize=${size}
    aria-label=${label}
  >
    <div class="gap-box">
      ${icon('alert')}
      <div class="gap-text">
        <strong class="gap-label">${label}</strong>
        <span class="gap-reason">${s.gapReason}</span>
        ${
          result
            ? html`<div class="gap-result" part="gap-result">
                <span class="gap-result-label">${s.gapResult}</span>
                ${result.text !== null ? html`<p class="gap-result-text">${clip(result.text, GAP_TEXT)}</p>` : nothing}
                ${
                  result.data !== null && result.data !== undefined
                    ? html`<pre class="gap-result-data">
${clip(boundedStringify(result.data, GAP_TEXT + 1).text, GAP_TEXT)}</pre>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </div>
    </div>
  </div>`;
}

/** Every event of every run, not virtualized, for printing (whatever the filter and search). */
export function renderPrintList(runs: readonly Run[], card: StaticValue, s: Strings): TemplateResult {
  const words = transcriptWords(s);
  return html`<div class="print-list" part="print-list">
    ${runs.map(
      (run) =>
        html`<h2 class="print-run">${words.run(run)}</h2>
          ${run.events.map(
            (e) =>
              staticHtml`<${card}
                data-key=${e.key}
                .event=${e}
                .runIndex=${e.type === 'run_start' ? run.index : null}
                .timing=${run.toolTimings.get(e.key) ?? null}
              ></${card}>`,
          )}`,
    )}
  </div>`;
}
