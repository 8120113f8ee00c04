/**
 * Small formatting helpers shared by the elements (sizes, durations, times, bounded previews).
 * Pure functions; no DOM.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `n.toLocaleString(locale, {min/max fraction digits})`, with the formatter kept: `toLocaleString`
 * with options builds a new `Intl.NumberFormat` on every call (a run header and a size each).
 */
function formatNumber(n: number, locale: string | undefined, minDigits: number, maxDigits: number): string {
  const key = `${locale ?? ''}|${minDigits}|${maxDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** `n.toLocaleString(locale)`, with the formatter kept (counts in run headers and lists). */
export function formatCount(n: number, locale?: string): string {
  return formatNumber(n, locale, 0, 3);
}

/** "512 B", "3.4 KB", "5.0 MB" (1 KB = 1024 B). */
export function formatBytes(bytes: number, locale?: string): string {
  const nf = (n: number, digits: number) => formatNumber(n, locale, digits, digits);
  if (bytes < 1024) return `${formatNumber(bytes, locale, 0, 3)} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}

/** "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
export function formatDuration(ms: number | null, locale?: string): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${formatNumber(s, locale, 0, 1)} s`;
  const totalS = Math.round(s);
  const m = Math.floor(totalS / 60);
  if (m < 60) return `${m} min ${String(totalS % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const absoluteFormatters = new Map<string, Intl.DateTimeFormat>();
/** Formatted absolute times by locale and second: events come in bursts, many share a second. */
const absoluteTexts = new Map<string, string>();

/** Full local date and time in the language of `s`, for `title` tooltips. */
export function formatAbsoluteTime(time: number, s: { locale: string | undefined; invalidTime: string }): string {
  if (!Number.isFinite(time)) return s.invalidTime;
  const key = s.locale ?? '';
  const textKey = `${key}|${Math.floor(time / 1000)}`;
  let text = absoluteTexts.get(textKey);
  if (text !== undefined) return text;
  let f = absoluteFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(s.locale, { dateStyle: 'medium', timeStyle: 'medium' });
    absoluteFormatters.set(key, f);
  }
  text = f.format(time);
  if (absoluteTexts.size >= 1000) absoluteTexts.clear();
  absoluteTexts.set(textKey, text);
  return text;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock time ("14:03:21"). */
export function formatClockTime(time: number | null, locale?: string): string {
  if (time === null || !Number.isFinite(time)) return '';
  const key = locale ?? '';
  let f = clockFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    clockFormatters.set(key, f);
  }
  return f.format(time);
}

/** Length in UTF-16 code units is a good enough size proxy; exact bytes would need encoding 5 MB. */
export function approximateBytes(text: string): number {
  return text.length;
}

export interface BoundedText {
  /** At most `limit` characters. */
  text: string;
  /** True when `text` is a prefix of the full value. */
  truncated: boolean;
}

/**
 * JSON.stringify that stops once `limit` characters are produced, so a preview of a 5 MB object
 * costs about `limit` work instead of serializing everything. Output is the same as
 * `JSON.stringify(value, null, 2)` cut at `limit`.
 */
export function boundedStringify(value: unknown, limit: number): BoundedText {
  const parts: string[] = [];
  let length = 0;
  const seen = new Set<object>();
  const STOP = {};

  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    if (length > limit) throw STOP;
  };

  const write = (v: unknown, indent: string): void => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    if (v === null) return push('null');
    switch (typeof v) {
      case 'string':
        return push(JSON.stringify(v.length > limit ? v.slice(0, limit + 1) : v));
      case 'number':
        return push(Number.isFinite(v) ? String(v) : 'null');
      case 'boolean':
        return push(String(v));
      case 'bigint':
        return push(String(v));
      case 'undefined':
      case 'function':
      case 'symbol':
        return push('null');
    }
    const obj = v as object;
    if (seen.has(obj)) return push('"[Circular]"');
    seen.add(obj);
    const inner = indent + '  ';
    if (Array.isArray(obj)) {
      if (obj.length === 0) push('[]');
      else {
        push('[\n');
        obj.forEach((item, i) => {
          push(inner);
          write(item, inner);
          push(i < obj.length - 1 ? ',\n' : '\n');
        });
        push(indent + ']');
      }
    } else {
      const entries = Object.entries(obj).filter(
        ([, item]) => item !== undefined && typeof item !== 'function' && typeof item !== 'symbol',
      );
      if (entries.length === 0) push('{}');
      else {
        push('{\n');
        entries.forEach(([key, item], i) => {
          push(`${inner}${JSON.stringify(key)}: `);
          write(item, inner);
          push(i < entries.length - 1 ? ',\n' : '\n');
        });
        push(indent + '}');
      }
    }
    seen.delete(obj);
  };

  try {
    write(value, '');
  } catch (e) {
    if (e !== STOP) throw e;
    return { text: parts.join('').slice(0, limit), truncated: true };
  }
  return { text: parts.join(''), truncated: false };
}

/** Full pretty JSON (for copy and "show all"); never throws. */
export function fullStringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return boundedStringify(value, Number.MAX_SAFE_INTEGER).text;
  }
}

/** First `limit` characters of a string. */
export function boundedText(value: string, limit: number): BoundedText {
  return value.length > limit ? { text: value.slice(0, limit), truncated: true } : { text: value, truncated: false };
}

/** One-line summaries of objects (tool inputs: events are immutable), by object and limit. */
const oneLines = new WeakMap<object, Map<number, string>>();

/** A one-line, bounded summary of any value (for card headers and announcements). */
export function oneLine(value: unknown, limit = 120): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') {
    return summarize(typeof value === 'string' ? value : boundedStringify(value, limit * 4).text, limit);
  }
  let byLimit = oneLines.get(value);
  let text = byLimit?.get(limit);
  if (text === undefined) {
    // Cards re-created while scrolling summarize the same inputs again: stringify each once.
    text = summarize(boundedStringify(value, limit * 4).text, limit);
    if (!byLimit) oneLines.set(value, (byLimit = new Map()));
    byLimit.set(limit, text);
  }
  return text;
}

function summarize(value: string, limit: number): string {
  let text = value.length > limit * 4 ? value.slice(0, limit * 4) : value;
  text = text.replace(/\s+/g, ' ').trim();
  return revealBidi(text.length > limit ? text.slice(0, limit - 1) + '…' : text);
}

/** Bidirectional formatting characters: embeddings, overrides, isolates and the marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS_ALL = new RegExp(BIDI_CONTROLS.source, 'g');

/**
 * Untrusted text with its bidi controls shown as `⟨U+202E⟩`: an override in a tool name must not
 * make `Read\u202Etxt.exe` read "Readexe.txt". (Show the text in an isolated box too, so what
 * remains cannot reorder its surroundings: `unicode-bidi: isolate`.)
 */
export function revealBidi(text: string): string {
  if (!BIDI_CONTROLS.test(text)) return text;
  return text.replace(BIDI_CONTROLS_ALL, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
