/**
 * Terminal text as a terminal shows it: ANSI SGR codes (colours, bold, dim, italic, underline)
 * become styled spans, every other escape sequence and control character is dropped, and a
 * carriage return inside a line keeps what was written last (progress bars). The result is plain
 * text plus style classes: nothing in it can become markup.
 */

/** One run of text with one style; `classes` is '' or names such as `fg-1 b` (see `ansiClasses`). */
export interface AnsiSpan {
  text: string;
  classes: string;
}

interface Style {
  fg: number | null;
  bg: number | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

const plain = (): Style => ({
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
});

/**
 * CSI (`ESC [ … final`, also the one-byte C1 form), OSC (`ESC ] … BEL|ST`), other two-byte escapes,
 * and C0 controls other than tab and newline.
 */
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|[\x00-\x08\x0b-\x1f\x7f]/g;

/** True when `text` holds anything `parseAnsi` would change (an escape, a control, a CR). */
export function hasControls(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0b-\x1f\x7f\x9b]/.test(text);
}

/** A line with carriage returns shows what was written after the last one (unless that is empty). */
function overwriteReturns(text: string): string {
  if (!text.includes('\r')) return text;
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const cut = line.lastIndexOf('\r', line.length - 2);
      return cut === -1 ? line.replace(/\r$/, '') : line.slice(cut + 1).replace(/\r$/, '');
    })
    .join('\n');
}

function classesOf(style: Style): string {
  let fg = style.fg;
  let bg = style.bg;
  const out: string[] = [];
  if (style.inverse) {
    if (fg === null && bg === null) out.push('inv');
    else [fg, bg] = [bg, fg];
  }
  if (fg !== null) out.push(`fg-${fg}`);
  if (bg !== null) out.push(`bg-${bg}`);
  if (style.bold) out.push('b');
  if (style.dim) out.push('d');
  if (style.italic) out.push('i');
  if (style.underline) out.push('u');
  return out.join(' ');
}

/** A 256-colour index as one of the 16 basic colours, or null for the cube and the greys. */
const basic = (n: number | undefined): number | null => (n !== undefined && n >= 0 && n < 16 ? n : null);

function applySgr(style: Style, params: string): void {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) Object.assign(style, plain());
    else if (c === 1) style.bold = true;
    else if (c === 2) style.dim = true;
    else if (c === 3) style.italic = true;
    else if (c === 4) style.underline = true;
    else if (c === 7) style.inverse = true;
    else if (c === 22) style.bold = style.dim = false;
    else if (c === 23) style.italic = false;
    else if (c === 24) style.underline = false;
    else if (c === 27) style.inverse = false;
    else if (c >= 30 && c <= 37) style.fg = c - 30;
    else if (c >= 90 && c <= 97) style.fg = c - 90 + 8;
    else if (c === 39) style.fg = null;
    else if (c >= 40 && c <= 47) style.bg = c - 40;
    else if (c >= 100 && c <= 107) style.bg = c - 100 + 8;
    else if (c === 49) style.bg = null;
    else if (c === 38 || c === 48) {
      // 38;5;n (256 colours: the basic 16 kept) or 38;2;r;g;b (true colour: dropped).
      const mode = codes[i + 1];
      const color = mode === 5 ? basic(codes[i + 2]) : null;
      if (c === 38) style.fg = color;
      else style.bg = color;
      i += mode === 5 ? 2 : mode === 2 ? 4 : 1;
    }
  }
}

/** Terminal text → styled spans (adjacent text of one style merged). */
export function parseAnsi(text: string): AnsiSpan[] {
  const source = overwriteReturns(text);
  if (!hasControls(source)) return source ? [{ text: source, classes: '' }] : [];
  const spans: AnsiSpan[] = [];
  const style = plain();
  let classes = '';
  let last = 0;
  const push = (chunk: string) => {
    if (!chunk) return;
    const prev = spans[spans.length - 1];
    if (prev && prev.classes === classes) prev.text += chunk;
    else spans.push({ text: chunk, classes });
  };
  ESCAPES.lastIndex = 0;
  for (let m = ESCAPES.exec(source); m; m = ESCAPES.exec(source)) {
    push(source.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === 'm') {
      applySgr(style, m[1]);
      classes = classesOf(style);
    }
  }
  push(source.slice(last));
  return spans;
}

/** Terminal text without its escape sequences and controls (what a copy should hold). */
export function stripAnsi(text: string): string {
  const source = overwriteReturns(text);
  return hasControls(source) ? source.replace(ESCAPES, '') : source;
}
