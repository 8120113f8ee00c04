/**
 * A horizontal time axis: which time is at which pixel, zoom around a point, pan, fit, and ticks
 * that adapt to the zoom (seconds to weeks). Pure: the view is a value, every change a new one.
 */

/** The time at the left edge (epoch ms) and the scale (ms per pixel). */
export interface TimeView {
  start: number;
  msPerPx: number;
}

/** Closest zoom: 10 ms per pixel (a second is 100 px). */
export const MIN_MS_PER_PX = 10;
/** Farthest zoom: an hour per pixel (a month is 720 px). */
export const MAX_MS_PER_PX = 3_600_000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const clampScale = (msPerPx: number): number =>
  Math.min(MAX_MS_PER_PX, Math.max(MIN_MS_PER_PX, Number.isFinite(msPerPx) ? msPerPx : MAX_MS_PER_PX));

export function xOf(view: TimeView, time: number): number {
  return (time - view.start) / view.msPerPx;
}

export function timeAt(view: TimeView, x: number): number {
  return view.start + x * view.msPerPx;
}

export function endOf(view: TimeView, width: number): number {
  return view.start + width * view.msPerPx;
}

/** The view showing `start`..`end` in `width` px. */
export function viewOf(start: number, end: number, width: number): TimeView {
  const msPerPx = clampScale((end - start) / Math.max(1, width));
  // Clamped: centred on the range asked for.
  const mid = (start + end) / 2;
  return { start: msPerPx === (end - start) / Math.max(1, width) ? start : mid - (msPerPx * width) / 2, msPerPx };
}

/** Zoomed by `factor` (> 1 closer) keeping the time at `x` px where it is. */
export function zoomAt(view: TimeView, factor: number, x: number): TimeView {
  const msPerPx = clampScale(view.msPerPx / factor);
  const anchor = timeAt(view, x);
  return { start: anchor - x * msPerPx, msPerPx };
}

/** Moved by `dx` px (positive: later times come into view). */
export function panBy(view: TimeView, dx: number): TimeView {
  return { start: view.start + dx * view.msPerPx, msPerPx: view.msPerPx };
}

/** `start`..`end` in `width` px with `pad` px free at each side (a single instant: a minute around it). */
export function fitRange(start: number, end: number, width: number, pad = 16): TimeView {
  const span = Math.max(end - start, MINUTE);
  const mid = (start + end) / 2;
  const inner = Math.max(1, width - 2 * pad);
  const msPerPx = clampScale(span / inner);
  return { start: mid - (msPerPx * width) / 2, msPerPx };
}

/** The view moved so that `now` sits `margin` px from the right edge (scale kept). */
export function followView(view: TimeView, now: number, width: number, margin: number): TimeView {
  return { start: now - (width - margin) * view.msPerPx, msPerPx: view.msPerPx };
}

/** How labels read at a tick step: a date, a time of day with or without seconds. */
export type TickUnit = 'second' | 'minute' | 'hour' | 'day';

export interface Tick {
  time: number;
  x: number;
  unit: TickUnit;
  /** First tick of a day (its label names the date too). */
  dayStart: boolean;
}

/** Tick steps, closest first. */
export const TICK_STEPS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];

/** The smallest step whose ticks are at least `minPx` apart. */
export function tickStep(msPerPx: number, minPx = 80): number {
  return TICK_STEPS.find((step) => step / msPerPx >= minPx) ?? TICK_STEPS[TICK_STEPS.length - 1];
}

export function unitOf(step: number): TickUnit {
  return step < MINUTE ? 'second' : step < HOUR ? 'minute' : step < DAY ? 'hour' : 'day';
}

/** Minutes east of UTC at `time` in the page's time zone (so ticks fall on local hours and midnights). */
export const localOffset = (time: number): number => -new Date(time).getTimezoneOffset();

/**
 * Ticks across `width` px: on round local times of the step (`offsetMinutes(t)`: the zone's
 * offset from UTC at `t`, minutes east).
 */
export function ticks(
  view: TimeView,
  width: number,
  minPx = 80,
  offsetMinutes: (t: number) => number = localOffset,
): Tick[] {
  const step = tickStep(view.msPerPx, minPx);
  const unit = unitOf(step);
  const end = endOf(view, width);
  const out: Tick[] = [];
  const shift = (t: number) => offsetMinutes(t) * MINUTE;
  // Round in local time: a day's tick at local midnight; weeks from a Monday.
  const base = step >= 7 * DAY ? 4 * DAY : 0;
  let local = Math.floor((view.start + shift(view.start) - base) / step) * step + base;
  for (let guard = 0; guard < 1000; guard++, local += step) {
    const time = local - shift(local);
    if (time > end) break;
    if (time < view.start) continue;
    const dayStart = ((local % DAY) + DAY) % DAY === 0;
    out.push({ time, x: xOf(view, time), unit, dayStart });
  }
  return out;
}

/** A bucket width for the activity strip: a round step of at least `minPx` px, a multiple of a second. */
export function bucketStep(msPerPx: number, minPx = 4): number {
  const steps = [
    SECOND,
    2 * SECOND,
    5 * SECOND,
    10 * SECOND,
    30 * SECOND,
    MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    6 * HOUR,
    DAY,
  ];
  return steps.find((s) => s / msPerPx >= minPx) ?? DAY;
}
