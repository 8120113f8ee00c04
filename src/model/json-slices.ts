/**
 * JSON text → value in steps, so a caller can parse a 50 MB frame without one long task: each
 * `step(budget)` reads about `budget` characters and returns; the caller decides when to yield (the
 * model reads no clock and sets no timers). The result equals `JSON.parse(text)` (own
 * `__proto__` keys included); where `JSON.parse` throws, this sets `error`.
 *
 * Long strings (the usual reason a frame is big: a tool's whole output) are decoded in pieces by
 * `JSON.parse` itself, cut where no escape sequence is split; structure is parsed here. A closure
 * rather than a class: its names minify.
 */

/** Strings up to this long are decoded in one piece. */
const LONG_STRING = 65_536;
/** The size of the pieces a long string is decoded in. */
const STRING_PIECE = 262_144;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /[ \t\n\r]*/y;
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

export interface SlicedJson {
  /** Parses about `budget` more characters; true when done (with a value or an error). */
  step(budget: number): boolean;
  readonly done: boolean;
  /** The parsed value, once `done` without `error`. */
  readonly value: unknown;
  /** Why the text is not JSON (like `JSON.parse`'s message), once `done`. */
  readonly error: string | null;
}

/**
 * A container being filled: its value, the key waiting for its value (objects), and what comes
 * next: 0 the first entry or the end, 1 a key (objects), 2 a colon, 3 a value, 4 a comma or the end.
 */
interface Open {
  value: unknown[] | Record<string, unknown>;
  array: boolean;
  state: 0 | 1 | 2 | 3 | 4;
  key: string;
}

/**
 * A string literal being read: where it starts, where to look for its closing quote next (`scan`),
 * that quote once found (`end`), and what is decoded so far, up to `from`. The pieces are
 * concatenated as they come: joining them all at the end would copy the whole string in one step.
 */
interface OpenString {
  start: number;
  scan: number;
  end: number;
  text: string;
  from: number;
}

export function slicedJson(text: string): SlicedJson {
  let pos = 0;
  let left = 0;
  const stack: Open[] = [];
  let str: OpenString | null = null;
  let root: unknown;
  let hasRoot = false;
  let done = false;
  let error: string | null = null;

  const unexpected = (): never => {
    throw new SyntaxError(
      pos >= text.length
        ? 'Unexpected end of JSON input'
        : `Unexpected token '${text[pos]}' in JSON at position ${pos}`,
    );
  };
  const skipSpace = () => {
    SPACE.lastIndex = pos;
    SPACE.test(text);
    pos = SPACE.lastIndex;
  };

  /** A finished value goes into its container (or becomes the root); a key waits for its colon. */
  const put = (value: unknown) => {
    const top = stack.at(-1);
    if (!top) {
      root = value;
      hasRoot = true;
    } else if (top.array) {
      (top.value as unknown[]).push(value);
      top.state = 4;
    } else if (top.state === 1) {
      top.key = value as string;
      top.state = 2;
    } else {
      // As JSON.parse does: `__proto__` becomes an own key, never the object's prototype.
      Object.defineProperty(top.value, top.key, { value, writable: true, enumerable: true, configurable: true });
      top.state = 4;
    }
  };

  const openString = () => {
    str = { start: pos, scan: pos + 1, end: -1, text: '', from: pos + 1 };
    pos++;
  };

  const readValue = () => {
    const c = text[pos];
    if (c === '{' || c === '[') {
      pos++;
      stack.push({ value: c === '[' ? [] : {}, array: c === '[', state: 0, key: '' });
      return;
    }
    if (c === '"') return openString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return put(value);
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text) ?? unexpected();
    pos += m[0].length;
    put(Number(m[0]));
  };

  /** One token: a value, or the punctuation the innermost container expects. */
  const next = () => {
    skipSpace();
    const top = stack.at(-1);
    if (!top) {
      if (!hasRoot) return readValue();
      if (pos < text.length) unexpected();
      done = true;
      return;
    }
    const c = text[pos];
    const close = top.array ? ']' : '}';
    if ((top.state === 0 || top.state === 4) && c === close) {
      pos++;
      stack.pop();
      return put(top.value);
    }
    if (top.state === 4) {
      if (c !== ',') unexpected();
      pos++;
      top.state = top.array ? 3 : 1;
      return;
    }
    if (top.array || top.state === 3) return readValue();
    if (top.state === 2) {
      if (c !== ':') unexpected();
      pos++;
      top.state = 3;
      return;
    }
    // A key (after `{` or a comma).
    if (c !== '"') unexpected();
    top.state = 1;
    openString();
  };

  /**
   * Finds the closing quote, then decodes: short strings at once, long ones piece by piece. What it
   * reads counts against the step's budget both times.
   */
  const readString = (s: OpenString) => {
    while (s.end < 0) {
      const q = text.indexOf('"', s.scan);
      if (q < 0) {
        pos = text.length;
        throw new SyntaxError('Unterminated string in JSON');
      }
      left -= q + 1 - s.scan;
      if (backslashesBefore(text, q, s.start) % 2 === 0) s.end = q;
      else {
        s.scan = q + 1;
        if (left <= 0) return;
      }
    }
    if (s.end - s.start <= LONG_STRING && s.from === s.start + 1) {
      str = null;
      pos = s.end + 1;
      return put(JSON.parse(text.slice(s.start, pos)));
    }
    while (s.from < s.end) {
      if (left <= 0) return;
      const cut = safeCut(text, s.from, Math.min(s.end, s.from + STRING_PIECE), s.end);
      s.text += JSON.parse(`"${text.slice(s.from, cut)}"`) as string;
      left -= cut - s.from;
      s.from = cut;
    }
    str = null;
    pos = s.end + 1;
    put(s.text);
  };

  return {
    step(budget) {
      if (done) return true;
      left = Math.max(1, budget);
      try {
        while (!done && left > 0) {
          const before = pos;
          if (str) readString(str);
          else {
            next();
            left -= pos - before;
          }
        }
      } catch (e) {
        done = true;
        error = e instanceof Error ? e.message : String(e);
        root = undefined;
      }
      return done;
    },
    get done() {
      return done;
    },
    get value() {
      return root;
    },
    get error() {
      return error;
    },
  };
}

/** How many backslashes come right before `at` (not looking before `floor`). */
function backslashesBefore(text: string, at: number, floor: number): number {
  let n = 0;
  while (at - n - 1 > floor && text.charCodeAt(at - n - 1) === 92) n++;
  return n;
}

/**
 * Where to end a piece of a string literal's inside at or before `want` so that no escape
 * sequence (`\n`, `\\`, `\uXXXX`) is split: before a run of backslashes that starts within the
 * last six characters, or after an even number of them.
 */
function safeCut(text: string, from: number, want: number, end: number): number {
  if (want >= end) return end;
  let b = want - 1;
  while (b >= want - 6 && b >= from && text.charCodeAt(b) !== 92) b--;
  if (b < want - 6 || b < from) return want;
  let run = b;
  while (run > from && text.charCodeAt(run - 1) === 92) run--;
  if (run > from) return run;
  const cut = run + 2 * Math.floor((b + 1 - run) / 2);
  // A piece of backslashes only, ending in a `\u` escape: keep it whole.
  return cut > from ? cut : Math.min(end, from + 6);
}
