/**
 * The templates of `<run-swimlanes>` around its lanes: the toolbar, the time axis with its ticks
 * and the activity strip, a lane with its run blocks, the tooltip and the table of runs.
 *
 * Blocks are DOM (absolutely placed elements), not a canvas: a screenful of lanes holds a few
 * hundred at most (lanes are windowed, blocks outside the time window are skipped), and as
 * elements they are focusable, named for assistive technology and styleable as parts
 * (`::part(run failed)`) with no second, hidden layer to keep in step.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ConnectionState } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { formatCount, formatDuration } from '../../i18n/format.js';
import type { LaneRun, StripCategory } from '../../model/run-lanes.js';
import { STRIP_CATEGORIES } from '../../model/run-lanes.js';
import type { SessionRow } from '../../model/session-tree.js';
import type { Tick, TickUnit } from '../../model/time-scale.js';
import { renderConnectionStatus } from '../../pieces/connection-status.js';
import { icon, type IconName } from '../../pieces/icons.js';

/** Narrowest block drawn (px), so a run of a few milliseconds still shows and takes a click. */
export const MIN_BLOCK_PX = 3;
/**
 * Blocks at least this wide show their outcome's glyph. The glyph is a pseudo-element (styles),
 * not an SVG in each block: a screenful of zoomed blocks then costs one element each, not three,
 * and no layer of their own.
 */
const GLYPH_MIN_PX = 16;

const OUTCOME_ICON: Record<LaneRun['outcome'], IconName> = {
  running: 'play',
  completed: 'check',
  failed: 'x',
  stopped: 'stop',
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, unit: TickUnit | 'date' | 'full'): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${unit}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      unit === 'second'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
        : unit === 'minute' || unit === 'hour'
          ? { hour: '2-digit', minute: '2-digit' }
          : unit === 'full'
            ? { dateStyle: 'medium', timeStyle: 'medium' }
            : { month: 'short', day: 'numeric' };
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A tick's label in the element's language: the date at day steps and at midnight, else the time. */
export function tickLabel(tick: Tick, locale: string | undefined): string {
  const date = tick.unit === 'day' || (tick.dayStart && tick.unit !== 'second');
  return formatter(locale, date ? 'date' : tick.unit).format(tick.time);
}

/** A run's start as shown in its name and tooltip. */
export function startText(time: number | null, locale: string | undefined): string {
  return time === null ? '' : formatter(locale, 'full').format(time);
}

export function runDuration(run: LaneRun, now: number): number | null {
  if (run.start === null) return null;
  return Math.max(0, (run.end ?? now) - run.start);
}

/** Names of the runs drawn, by run (a lane's runs are new objects when it changed), language and duration text. */
const names = new WeakMap<LaneRun, { s: Strings; duration: string; name: string }>();

export function runName(run: LaneRun, now: number, s: Strings): string {
  const duration = formatDuration(runDuration(run, now), s.locale);
  const hit = names.get(run);
  if (hit && hit.s === s && hit.duration === duration) return hit.name;
  let name = s.lanesRunName({
    index: run.index,
    kind: run.kind,
    outcome: s.lanesOutcomes[run.outcome],
    start: startText(run.start, s.locale),
    duration,
    tools: run.toolCount,
    errors: run.errorCount,
  });
  if (run.prompt) name = `${name}: ${run.prompt}`;
  names.set(run, { s, duration, name });
  return name;
}

export interface ToolbarOptions {
  following: boolean;
  table: boolean;
  connection: ConnectionState;
  seconds: number | null;
  onZoom(factor: number): void;
  onFit(): void;
  onFollow(): void;
  onTable(): void;
  onRetry(): void;
}

export function renderToolbar(o: ToolbarOptions, s: Strings): TemplateResult {
  return html`<div class="toolbar" part="toolbar">
    <button
      type="button"
      class="ce-button"
      part="zoom-out"
      aria-label=${s.lanesZoomOut}
      title=${s.lanesZoomOut}
      ?disabled=${o.table}
      @click=${() => o.onZoom(0.5)}
    >
      −
    </button>
    <button
      type="button"
      class="ce-button"
      part="zoom-in"
      aria-label=${s.lanesZoomIn}
      title=${s.lanesZoomIn}
      ?disabled=${o.table}
      @click=${() => o.onZoom(2)}
    >
      +
    </button>
    <button type="button" class="ce-button" part="fit" ?disabled=${o.table} @click=${o.onFit}>${s.lanesFitAll}</button>
    <button
      type="button"
      class="ce-button"
      part="follow"
      aria-pressed=${o.following ? 'true' : 'false'}
      ?disabled=${o.table}
      @click=${o.onFollow}
    >
      ${icon('live')}${s.lanesFollowNow}
    </button>
    <button
      type="button"
      class="ce-button"
      part="table-toggle"
      aria-pressed=${o.table ? 'true' : 'false'}
      @click=${o.onTable}
    >
      ${s.lanesTable}
    </button>
    <span class="spring"></span>
    ${renderConnectionStatus(o.connection, s, { seconds: o.seconds, onRetry: o.onRetry })}
  </div>`;
}

export interface AxisOptions {
  ticks: readonly Tick[];
  /** x of now (px in the track), null when out of view. */
  nowX: number | null;
  strip: { counts: Record<StripCategory, number[]>; x0: number; bucketPx: number };
  width: number;
  /** The window shown (`from`..`to`), the earliest known event and now, epoch ms: the axis's value as a slider. */
  range: { first: number; from: number; to: number; now: number };
  onKeyDown(e: KeyboardEvent): void;
}

const STRIP_HEIGHT = 24;

/** The axis row: ticks with labels, the now marker, and the activity strip under them. */
export function renderAxis(o: AxisOptions, s: Strings): TemplateResult {
  const { counts, x0, bucketPx } = o.strip;
  const n = counts.tool.length;
  let max = 1;
  const totals = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    max = Math.max(max, counts.tool[i] + counts.message[i] + counts.error[i]);
    totals[0] += counts.tool[i];
    totals[1] += counts.message[i];
    totals[2] += counts.error[i];
  }
  const paths: Record<StripCategory, string> = { tool: '', message: '', error: '' };
  const w = Math.max(1, bucketPx - 1);
  for (let i = 0; i < n; i++) {
    let base = STRIP_HEIGHT;
    const x = x0 + i * bucketPx;
    if (x + w < 0 || x > o.width) continue;
    for (const c of STRIP_CATEGORIES) {
      const count = counts[c][i];
      if (!count) continue;
      const h = Math.max(1, Math.round((count / max) * STRIP_HEIGHT));
      const top = Math.max(0, base - h);
      paths[c] += `M${x.toFixed(1)} ${top}h${w.toFixed(1)}V${base}h-${w.toFixed(1)}Z`;
      base = top;
    }
  }
  const { first, from, to, now } = o.range;
  // A slider over time (its value: the window's start, in seconds); the ticks are its picture.
  return html`<div
      class="axis"
      part="axis"
      role="slider"
      tabindex="0"
      aria-label=${s.lanesAxisLabel}
      aria-orientation="horizontal"
      aria-valuemin=${Math.floor(Math.min(first, from) / 1000)}
      aria-valuemax=${Math.ceil(Math.max(now, to) / 1000)}
      aria-valuenow=${Math.round(from / 1000)}
      aria-valuetext=${s.lanesAxisValue(startText(from, s.locale), startText(to, s.locale))}
      @keydown=${o.onKeyDown}
    >
      ${o.ticks.map(
        (t) =>
          html`<span
            class="tick ${t.dayStart ? 'day' : ''}"
            part="tick"
            style="transform:translateX(${t.x.toFixed(1)}px)"
            ><span class="tick-label">${tickLabel(t, s.locale)}</span></span
          >`,
      )}
      ${o.nowX === null ? nothing : html`<span class="now-marker" part="now-marker" style="transform:translateX(${o.nowX.toFixed(1)}px)">${s.lanesNow}</span>`}
    </div>
    <svg
      class="strip"
      part="activity"
      width=${o.width}
      height=${STRIP_HEIGHT}
      viewBox="0 0 ${o.width} ${STRIP_HEIGHT}"
      preserveAspectRatio="none"
      role="img"
      aria-label=${s.lanesActivity(totals[0], totals[1], totals[2])}
      data-tools=${totals[0]}
      data-messages=${totals[1]}
      data-errors=${totals[2]}
    >
      ${STRIP_CATEGORIES.map((c) => svg`<path class=${c} d=${paths[c] || 'M0 0'}></path>`)}
    </svg>`;
}

export interface LaneOptions {
  row: SessionRow;
  /** 1-based, as `aria-rowindex` (the header is row 1). */
  rowIndex: number;
  title: string;
  top: number;
  selected: boolean;
  history: 'none' | 'loaded' | 'failed';
  runs: readonly LaneRun[];
  now: number;
  /** Time to x (px in the track), with the block layer's shift already applied. */
  x(time: number): number;
  /** Shown window, ms. */
  from: number;
  to: number;
  shift: number;
  /** The keyboard's item: lane id and run index (0: the lane's label). */
  active: { lane: string; run: number } | null;
  selectedRun: { lane: string; run: number } | null;
}

export function renderLane(o: LaneOptions, s: Strings): TemplateResult {
  const { row } = o;
  const isActive = (run: number) => o.active?.lane === row.id && o.active.run === run;
  const blocks: TemplateResult[] = [];
  for (const run of o.runs) {
    if (run.start === null) continue;
    const end = run.end ?? o.now;
    if (end < o.from || run.start > o.to) {
      // Out of the window: skipped, unless the keyboard is on it (it keeps focus).
      if (!isActive(run.index)) continue;
    }
    const left = o.x(run.start);
    const width = Math.max(MIN_BLOCK_PX, o.x(end) - left);
    const picked = o.selectedRun?.lane === row.id && o.selectedRun.run === run.index;
    blocks.push(
      html`<div
        class="run ${run.outcome} ${run.kind}${width < GLYPH_MIN_PX ? ' narrow' : ''}"
        part="run ${run.outcome}${picked ? ' selected' : ''}"
        role="button"
        tabindex=${isActive(run.index) ? '0' : '-1'}
        data-session=${row.id}
        data-run=${run.index}
        data-kind=${run.kind}
        aria-label=${runName(run, o.now, s)}
        aria-pressed=${picked ? 'true' : 'false'}
        style="left:${left.toFixed(2)}px;width:${width.toFixed(2)}px"
      ></div>`,
    );
  }
  const loading = o.history !== 'loaded';
  return html`<div
    class="lane"
    part="lane${o.selected ? ' selected' : ''}"
    role="row"
    aria-rowindex=${o.rowIndex}
    aria-selected=${o.selected ? 'true' : 'false'}
    data-id=${row.id}
    style="transform:translateY(${o.top}px)"
  >
    <div
      class="label"
      part="lane-label"
      role="rowheader"
      tabindex=${isActive(0) ? '0' : '-1'}
      data-session=${row.id}
      data-run="0"
      aria-expanded=${ifDefined(row.expandable ? (row.expanded ? 'true' : 'false') : undefined)}
      style="padding-inline-start:calc(${row.level - 1} * var(--_indent) + var(--_space-3))"
    >
      ${row.expandable ? html`<span class="toggle" part="toggle" data-toggle aria-hidden="true">${row.expanded ? '▾' : '▸'}</span>` : html`<span class="toggle"></span>`}
      <span class="title" part="lane-title" title=${o.title}>${o.title}</span>
      ${loading ? html`<span class="pending" part="lane-pending">${o.history === 'failed' ? s.lanesHistoryFailed : s.lanesHistoryPending}</span>` : nothing}
      ${!loading && o.runs.length === 0 ? html`<span class="pending" part="lane-pending">${s.lanesNoRuns}</span>` : nothing}
    </div>
    <div class="track" part="track" role="gridcell">
      <div class="blocks" style="transform:translateX(${o.shift.toFixed(2)}px)">${blocks}</div>
    </div>
  </div>`;
}

export interface TooltipOptions {
  run: LaneRun;
  title: string;
  now: number;
  left: number;
  top: number;
}

export function renderTooltip(o: TooltipOptions, s: Strings): TemplateResult {
  const { run } = o;
  return html`<div class="tooltip" part="tooltip" role="tooltip" id="tooltip" style="left:${o.left}px;top:${o.top}px">
    <strong>${s.runNumber(run.index)}</strong> · ${run.kind === 'start' ? s.runStarted : s.runResumed} ·
    <span class="outcome ${run.outcome}">${s.lanesOutcomes[run.outcome]}</span>
    <div>${startText(run.start, s.locale)} · ${formatDuration(runDuration(run, o.now), s.locale)}</div>
    <div>${s.lanesTools(run.toolCount)}${run.errorCount ? html` · ${s.lanesErrors(run.errorCount)}` : nothing}</div>
    <div class="session">${o.title}</div>
    ${run.prompt ? html`<div class="prompt">${run.prompt}</div>` : nothing}
  </div>`;
}

export interface TableRow {
  title: string;
  run: LaneRun;
}

/** The runs as a table (at most `limit` rows), for screen readers or on request. */
export function renderTable(
  rows: readonly TableRow[],
  total: number,
  now: number,
  onPick: (run: LaneRun) => void,
  s: Strings,
): TemplateResult {
  const c = s.lanesColumns;
  return html`<div class="table-wrap" part="table">
    <table>
      <caption class="sr-only">
        ${s.lanesLabel}${rows.length < total ? ` (${formatCount(rows.length, s.locale)} / ${formatCount(total, s.locale)})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">${c.session}</th>
          <th scope="col">${c.run}</th>
          <th scope="col">${c.kind}</th>
          <th scope="col">${c.start}</th>
          <th scope="col">${c.duration}</th>
          <th scope="col">${c.tools}</th>
          <th scope="col">${c.errors}</th>
          <th scope="col">${c.outcome}</th>
          <th scope="col">${c.prompt}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ title, run }) =>
            html`<tr data-session=${run.sessionId} data-run=${run.index}>
              <th scope="row">${title}</th>
              <td>
                <button type="button" class="ce-button link" part="table-run" @click=${() => onPick(run)}>
                  ${s.runNumber(run.index)}
                </button>
              </td>
              <td>${run.kind === 'start' ? s.runStarted : s.runResumed}</td>
              <td>${startText(run.start, s.locale)}</td>
              <td>${formatDuration(runDuration(run, now), s.locale)}</td>
              <td>${formatCount(run.toolCount, s.locale)}</td>
              <td>${formatCount(run.errorCount, s.locale)}</td>
              <td>
                <span class="outcome ${run.outcome}"
                  >${icon(OUTCOME_ICON[run.outcome])}${s.lanesOutcomes[run.outcome]}</span
                >
              </td>
              <td class="prompt">${run.prompt ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${rows.length < total ? html`<p class="table-more">${formatCount(rows.length, s.locale)} / ${formatCount(total, s.locale)}</p>` : nothing}
  </div>`;
}
