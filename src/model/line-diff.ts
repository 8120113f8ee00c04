/**
 * A line diff for the edits agents make (`Edit`, `MultiEdit`, `Write`): Myers' O(ND) algorithm
 * after trimming the common prefix and suffix, grouped into unified-diff hunks with line numbers.
 *
 * Small on purpose: an edit's old and new strings are a few lines, so the bound on the edit distance
 * (`MAX_EDITS`) is only a guard against hostile input; past it the two sides are shown as one
 * removal and one addition, which is still a correct diff.
 */

export type DiffKind = ' ' | '-' | '+';

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** Line number on the old side (null for additions). */
  oldNo: number | null;
  /** Line number on the new side (null for removals). */
  newNo: number | null;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** Beyond this many differing lines, no shortest script is searched for. */
export const MAX_EDITS = 1000;

/** Text → lines; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script between `a` and `b` as kinds, in order (Myers, with a bound). */
function editScript(a: readonly string[], b: readonly string[]): DiffKind[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...Array<DiffKind>(n).fill('-'), ...Array<DiffKind>(m).fill('+')];
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [...Array<DiffKind>(n).fill('-'), ...Array<DiffKind>(m).fill('+')];
  // Walk back through the saved frontiers.
  const script: DiffKind[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push(' ');
      x--;
      y--;
    }
    script.push(down ? '+' : '-');
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    script.push(' ');
    x--;
    y--;
  }
  return script.reverse();
}

/** Every line of `a` and `b`, marked kept, removed or added, numbered from `oldStart` / `newStart`. */
export function diffLines(a: readonly string[], b: readonly string[], oldStart = 1, newStart = 1): DiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const kinds: DiffKind[] = [
    ...Array<DiffKind>(head).fill(' '),
    ...editScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...Array<DiffKind>(tail).fill(' '),
  ];
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const kind of kinds) {
    if (kind === ' ') out.push({ kind, text: a[i], oldNo: oldStart + i++, newNo: newStart + j++ });
    else if (kind === '-') out.push({ kind, text: a[i], oldNo: oldStart + i++, newNo: null });
    else out.push({ kind, text: b[j], oldNo: null, newNo: newStart + j++ });
  }
  return out;
}

/** Groups a diff into hunks: changes with up to `context` unchanged lines around them. */
export function toHunks(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind === ' ') {
      i++;
      continue;
    }
    // A hunk: this change and every change less than 2 × context unchanged lines after the last.
    let last = i;
    for (let j = i + 1; j < lines.length && j - last <= 2 * context; j++) if (lines[j].kind !== ' ') last = j;
    const kept = lines.slice(Math.max(0, i - context), Math.min(lines.length, last + context + 1));
    const oldNos = kept.filter((l) => l.oldNo !== null);
    const newNos = kept.filter((l) => l.newNo !== null);
    hunks.push({
      // A side with no lines "starts" at the line before (unified diff's rule).
      oldStart: oldNos[0]?.oldNo ?? Math.max(0, (kept[0].newNo ?? 1) - 1),
      oldLines: oldNos.length,
      newStart: newNos[0]?.newNo ?? Math.max(0, (kept[0].oldNo ?? 1) - 1),
      newLines: newNos.length,
      lines: kept,
    });
    i = last + 1;
  }
  return hunks;
}

/** The hunks between two texts (an edit's `old_string` and `new_string`). */
export function diffTexts(oldText: string, newText: string, context = 3): DiffHunk[] {
  return toHunks(diffLines(splitLines(oldText), splitLines(newText)), context);
}

/** A `structuredPatch` hunk as some agents report it (`lines` prefixed with ' ', '-', '+'). */
export interface PatchHunk {
  oldStart: number;
  oldLines?: number;
  newStart: number;
  newLines?: number;
  lines: readonly string[];
}

/** Hunks reported by the tool (real line numbers) → `DiffHunk`s; null when the shape is not that. */
export function hunksFromPatch(patch: unknown): DiffHunk[] | null {
  if (!Array.isArray(patch) || patch.length === 0) return null;
  const out: DiffHunk[] = [];
  for (const raw of patch as unknown[]) {
    const h = raw as Partial<PatchHunk> | null;
    if (!h || typeof h.oldStart !== 'number' || typeof h.newStart !== 'number' || !Array.isArray(h.lines)) return null;
    let o = h.oldStart;
    let n = h.newStart;
    const lines: DiffLine[] = [];
    for (const text of h.lines) {
      if (typeof text !== 'string') return null;
      const kind: DiffKind = text[0] === '-' ? '-' : text[0] === '+' ? '+' : ' ';
      const body = text[0] === '-' || text[0] === '+' || text[0] === ' ' ? text.slice(1) : text;
      if (kind === '-') lines.push({ kind, text: body, oldNo: o++, newNo: null });
      else if (kind === '+') lines.push({ kind, text: body, oldNo: null, newNo: n++ });
      else lines.push({ kind, text: body, oldNo: o++, newNo: n++ });
    }
    out.push({
      oldStart: h.oldStart,
      oldLines: lines.filter((l) => l.oldNo !== null).length,
      newStart: h.newStart,
      newLines: lines.filter((l) => l.newNo !== null).length,
      lines,
    });
  }
  return out;
}

/** Hunks as unified diff text (`@@ -a,b +c,d @@` and prefixed lines), for copying. */
export function formatHunks(hunks: readonly DiffHunk[], path?: string): string {
  const out: string[] = [];
  if (path) out.push(`--- a/${path}`, `+++ b/${path}`);
  for (const h of hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) out.push(l.kind + l.text);
  }
  return out.join('\n');
}
