/**
 * JSON text → value in steps, so a caller can parse a 50 MB frame without one long task: each
 * `step(budget)` reads about `budget` characters and returns; the caller decides when to yield (the
 * model reads no clock and sets no timers). The result equals `JSON.parse(text)` (own
 * `__proto__` keys included); where `JSON.parse` throws, this sets `error`.
 *
 * Long strings (the usual reason a frame is big: a tool's whole output) are decoded in pieces by
 * `JSON.parse` itself, cut where no escape sequence is split; structure is parsed here.
 */

/** Strings up to this long are decoded in one piece. */
const LONG_STRING = 65_536;
/** The size of the pieces a long string is decoded in. */
const STRING_PIECE = 262_144;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /[ \t\n\r]*/y;

type Container =
  | { array: true; value: unknown[]; state: 'first' | 'next' }
  | { array: false; value: Record<string, unknown>; state: 'first' | 'key' | 'colon' | 'value' | 'next'; key: string };

/** A string literal being read: its closing quote found (`end`) or still looked for (`scan`). */
interface OpenString {
  /** Index of the opening quote. */
  start: number;
  /** Where to look for the closing quote next (while `end` is -1). */
  scan: number;
  end: number;
  /** Decoded pieces so far and where the next piece starts. */
  parts: string[];
  from: number;
}

export class SlicedJsonParser {
  readonly #text: string;
  #pos = 0;
  #stack: Container[] = [];
  #string: OpenString | null = null;
  #root: unknown = undefined;
  #hasRoot = false;
  #done = false;
  #error: string | null = null;
  /** Characters this step may still read. */
  #left = 0;

  constructor(text: string) {
    this.#text = text;
  }

  get done(): boolean {
    return this.#done;
  }

  /** The parsed value, once `done` without `error`. */
  get value(): unknown {
    return this.#root;
  }

  /** Why the text is not JSON (like `JSON.parse`'s message), once `done`. */
  get error(): string | null {
    return this.#error;
  }

  /** Parses about `budget` more characters; true when done (with a value or an error). */
  step(budget: number): boolean {
    if (this.#done) return true;
    this.#left = Math.max(1, budget);
    try {
      while (!this.#done && this.#left > 0) {
        const before = this.#pos;
        if (this.#string) this.#readString();
        else {
          this.#next();
          this.#left -= this.#pos - before;
        }
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
    }
    return this.#done;
  }

  #fail(message: string): void {
    this.#done = true;
    this.#error = message;
    this.#root = undefined;
    this.#stack = [];
    this.#string = null;
  }

  #skipSpace(): void {
    SPACE.lastIndex = this.#pos;
    SPACE.test(this.#text);
    this.#pos = SPACE.lastIndex;
  }

  #unexpected(): never {
    const at = this.#pos;
    if (at >= this.#text.length) throw new SyntaxError('Unexpected end of JSON input');
    throw new SyntaxError(`Unexpected token '${this.#text[at]}' in JSON at position ${at}`);
  }

  /** One token: a value, or the punctuation the innermost container expects. */
  #next(): void {
    this.#skipSpace();
    const text = this.#text;
    const top = this.#stack.at(-1);
    if (!top) {
      if (this.#hasRoot) {
        if (this.#pos < text.length) this.#unexpected();
        this.#done = true;
        return;
      }
      return this.#value();
    }
    const c = text[this.#pos];
    if (top.array) {
      if (c === ']' && top.state === 'first') return this.#close();
      if (top.state === 'next') {
        if (c === ']') return this.#close();
        if (c !== ',') this.#unexpected();
        this.#pos++;
        this.#skipSpace();
      }
      return this.#value();
    }
    switch (top.state) {
      case 'first':
        if (c === '}') return this.#close();
        if (c !== '"') this.#unexpected();
        top.state = 'key';
        return this.#openString();
      case 'key':
        if (c !== '"') this.#unexpected();
        return this.#openString();
      case 'colon':
        if (c !== ':') this.#unexpected();
        this.#pos++;
        top.state = 'value';
        return;
      case 'value':
        return this.#value();
      case 'next':
        if (c === '}') return this.#close();
        if (c !== ',') this.#unexpected();
        this.#pos++;
        top.state = 'key';
        return;
    }
  }

  #value(): void {
    const text = this.#text;
    const c = text[this.#pos];
    if (c === '{' || c === '[') {
      this.#pos++;
      this.#stack.push(
        c === '[' ? { array: true, value: [], state: 'first' } : { array: false, value: {}, state: 'first', key: '' },
      );
      return;
    }
    if (c === '"') return this.#openString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return this.#put(value);
      }
    }
    NUMBER.lastIndex = this.#pos;
    const m = NUMBER.exec(text);
    if (!m) this.#unexpected();
    this.#pos += m[0].length;
    this.#put(Number(m[0]));
  }

  #openString(): void {
    this.#string = { start: this.#pos, scan: this.#pos + 1, end: -1, parts: [], from: this.#pos + 1 };
    this.#pos++;
  }

  /**
   * Finds the closing quote, then decodes: short strings at once, long ones piece by piece. What it
   * reads counts against the step's budget both times.
   */
  #readString(): void {
    const s = this.#string!;
    const text = this.#text;
    while (s.end < 0) {
      const q = text.indexOf('"', s.scan);
      if (q < 0) {
        this.#pos = text.length;
        throw new SyntaxError('Unterminated string in JSON');
      }
      this.#left -= q + 1 - s.scan;
      if (backslashesBefore(text, q, s.start) % 2 === 0) s.end = q;
      else {
        s.scan = q + 1;
        if (this.#left <= 0) return;
      }
    }
    if (s.end - s.start <= LONG_STRING && s.parts.length === 0) {
      this.#string = null;
      this.#pos = s.end + 1;
      return this.#put(JSON.parse(text.slice(s.start, s.end + 1)) as string);
    }
    while (s.from < s.end) {
      if (this.#left <= 0) return;
      const cut = safeCut(text, s.from, Math.min(s.end, s.from + STRING_PIECE), s.end);
      s.parts.push(JSON.parse(`"${text.slice(s.from, cut)}"`) as string);
      this.#left -= cut - s.from;
      s.from = cut;
    }
    this.#string = null;
    this.#pos = s.end + 1;
    this.#put(s.parts.join(''));
  }

  /** A finished value goes into its container (or becomes the root); a key waits for its colon. */
  #put(value: unknown): void {
    const top = this.#stack.at(-1);
    if (!top) {
      this.#root = value;
      this.#hasRoot = true;
      return;
    }
    if (top.array) {
      top.value.push(value);
      top.state = 'next';
    } else if (top.state === 'key') {
      top.key = value as string;
      top.state = 'colon';
    } else {
      setOwn(top.value, top.key, value);
      top.state = 'next';
    }
  }

  #close(): void {
    this.#pos++;
    const done = this.#stack.pop()!;
    this.#put(done.value);
  }
}

const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** As JSON.parse does: `__proto__` becomes an own key, never the object's prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else target[key] = value;
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
