/**
 * `<ce-relative-time>`: "5 seconds ago", kept current by ONE shared timer for all instances.
 *
 * It is a plain custom element (no Lit render): the shared ticker writes `textContent` of the
 * connected instances directly, and only when the text actually changes, so a card showing a
 * relative time is never re-rendered by the clock. The absolute local time is its `title`.
 *
 * Usage: `html`<ce-relative-time .time=${epochMs}></ce-relative-time>`` or the `datetime`
 * attribute (anything `Date.parse` reads).
 */
import { formatAbsoluteTime } from '../i18n/format.js';
import { forgetStrings, stringsFor } from '../controllers/localize.js';
import { onLocaleChange } from '../i18n/translations.js';
import { englishStrings, type Strings } from '../i18n/strings.js';

const formatters = new Map<string, Intl.RelativeTimeFormat>();
/** Formatted phrases by locale, value and unit ("5 hours ago" is shown by many rows at once). */
const phrases = new Map<string, string>();

function formatPhrase(locale: string | undefined, value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = `${locale ?? ''}|${value}|${unit}`;
  let phrase = phrases.get(key);
  if (phrase !== undefined) return phrase;
  let f = formatters.get(locale ?? '');
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
    formatters.set(locale ?? '', f);
  }
  phrase = f.format(value, unit);
  if (phrases.size >= 1000) phrases.clear();
  phrases.set(key, phrase);
  return phrase;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 minutes ago" / "in 2 seconds" / "just now" for `time` relative to `now`, in the language of `s`. */
export function formatRelativeTime(time: number, now: number = Date.now(), s: Strings = englishStrings): string {
  if (!Number.isFinite(time)) return s.invalidTime;
  const diff = time - now;
  const abs = Math.abs(diff);
  if (abs < 5000) return s.justNow;
  for (const [unit, ms] of UNITS) {
    if (abs >= ms || unit === 'second') {
      // Truncate toward zero so "59 seconds ago" does not become "1 minute ago" early.
      const value = Math.trunc(diff / ms);
      return formatPhrase(s.locale, value, unit);
    }
  }
  return s.justNow;
}

/** How often an instance's text can change: tick seconds-old times every second, older ones less. */
function refreshEvery(time: number, now: number): number {
  const abs = Math.abs(now - time);
  if (abs < 60_000) return 1000;
  if (abs < 3600_000) return 15_000;
  return 60_000;
}

const live = new Set<CeRelativeTime>();
let timer: ReturnType<typeof setInterval> | null = null;
let unsubscribe: (() => void) | null = null;

function tick() {
  // Stopped here rather than when the last instance leaves: a virtualized list removes all its
  // rows and adds new ones in the same frame, which would stop and restart the timer every frame.
  if (live.size === 0) {
    stop();
    return;
  }
  const now = Date.now();
  for (const el of live) el._refresh(now, false);
}

function stop() {
  if (timer !== null) clearInterval(timer);
  timer = null;
  unsubscribe?.();
  unsubscribe = null;
}

function track(el: CeRelativeTime) {
  live.add(el);
  if (timer !== null) return;
  timer = setInterval(tick, 1000);
  // A language change re-renders every instance (words and formats).
  unsubscribe = onLocaleChange(() => {
    for (const instance of live) instance._refresh(Date.now(), true);
  });
}

function untrack(el: CeRelativeTime) {
  live.delete(el);
}

/**
 * Number of connected instances and whether the shared timer runs (for tests and debugging); the
 * timer stops at its first tick without instances.
 */
export function relativeTimeStats(): { instances: number; timerRunning: boolean } {
  return { instances: live.size, timerRunning: timer !== null };
}

/**
 * @summary Relative time ("2 minutes ago") with the absolute time as tooltip; updated by one shared timer.
 */
export class CeRelativeTime extends HTMLElement {
  static get observedAttributes() {
    return ['datetime'];
  }

  private _time = NaN;
  private _text = '';
  private _nextRefresh = 0;

  /** Epoch milliseconds. */
  get time(): number {
    return this._time;
  }
  set time(value: number) {
    const t = typeof value === 'number' ? value : Number(value);
    if (Object.is(t, this._time)) return;
    this._time = t;
    // Before it is connected its language is unknown: connectedCallback renders it.
    if (this.isConnected) this._refresh(Date.now(), true);
  }

  attributeChangedCallback(_name: string, _old: string | null, value: string | null) {
    this.time = value === null ? NaN : Date.parse(value);
  }

  connectedCallback() {
    forgetStrings(this);
    track(this);
    this._refresh(Date.now(), true);
  }

  disconnectedCallback() {
    untrack(this);
  }

  /** @internal Called by the shared ticker. */
  _refresh(now: number, force: boolean) {
    if (!force && now < this._nextRefresh) return;
    this._nextRefresh = now + refreshEvery(this._time, now);
    const s = stringsFor(this);
    if (force) this.title = formatAbsoluteTime(this._time, s);
    const text = formatRelativeTime(this._time, now, s);
    if (text !== this._text) {
      this._text = text;
      this.textContent = text;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ce-relative-time': CeRelativeTime;
  }
}
