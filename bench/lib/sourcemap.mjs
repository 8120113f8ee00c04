// A minimal source-map (v3) reader: enough to attribute bundle bytes to packages and profile
// locations to source lines, without a dependency.
import { existsSync, readFileSync } from 'node:fs';

const B64_INDEX = new Map(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]),
);

/** Decodes one segment (base64 VLQ) into its relative fields. */
function decodeSegment(segment) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = B64_INDEX.get(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/**
 * Absolute segments per generated line: `{ col, src, line, column }` (`src` −1 when unmapped),
 * sorted by `col` as the spec guarantees.
 * @param {string} mappings
 */
export function decodeMappings(mappings) {
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  return mappings.split(';').map((lineMappings) => {
    let col = 0;
    const segments = [];
    for (const seg of lineMappings.split(',')) {
      if (!seg) continue;
      const f = decodeSegment(seg);
      col += f[0];
      if (f.length >= 4) {
        src += f[1];
        srcLine += f[2];
        srcCol += f[3];
        segments.push({ col, src, line: srcLine, column: srcCol });
      } else {
        segments.push({ col, src: -1, line: -1, column: -1 });
      }
    }
    return segments;
  });
}

const cache = new Map();

/**
 * The original position of a generated one (0-based line and column), via `<file>.map`; null when
 * there is no map or no mapping.
 * @returns {{ source: string, line: number } | null}
 */
export function originalPosition(file, line, column) {
  if (!cache.has(file)) {
    const mapFile = `${file}.map`;
    if (!existsSync(mapFile)) cache.set(file, null);
    else {
      const map = JSON.parse(readFileSync(mapFile, 'utf8'));
      cache.set(file, { sources: map.sources, lines: decodeMappings(map.mappings) });
    }
  }
  const map = cache.get(file);
  const segments = map?.lines[line];
  if (!segments?.length) return null;
  let best = null;
  for (const s of segments) {
    if (s.col > column) break;
    best = s;
  }
  best ??= segments[0];
  if (best.src < 0) return null;
  return { source: map.sources[best.src], line: best.line + 1 };
}
