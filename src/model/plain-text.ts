/**
 * A message from a server (an error's detail, a run's failure) made fit for one line of an element:
 * a proxy's HTML error page becomes its text (its title first), whitespace runs become one space, and
 * the line is cut at a word before `max` characters. The whole text stays available for whoever asks.
 * Pure string work: nothing is parsed as HTML, so nothing in it can run.
 */

export interface MessageSummary {
  /** One line, at most `max` characters. */
  short: string;
  /** The whole message as plain text (bounded), for a "Details" disclosure. */
  full: string;
  /** `short` leaves something out. */
  cut: boolean;
}

/** A message is read up to this many characters: beyond it is a page, not a message. */
const FULL_LIMIT = 4000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Looks like markup: a tag or a doctype near the start. */
function isHtml(text: string): boolean {
  return /^\s*(<!doctype|<html|<head|<body|<\?xml)/i.test(text) || /<\/?(html|body|div|p|h\d|title|pre)\b/i.test(text);
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of an HTML page: no scripts, styles or comments, tags removed, entities decoded. */
function htmlText(html: string): string {
  return collapse(
    decodeEntities(
      html
        .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
        .replace(/<(script|style|head|noscript|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
        .replace(/<[^>]*>?/g, ' '),
    ),
  );
}

/** The first heading or title of an HTML page (what a person reads first), if any. */
function htmlHeadline(html: string): string {
  for (const tag of ['title', 'h1', 'h2']) {
    const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}\\s*>`, 'i').exec(html);
    const text = m ? collapse(decodeEntities(m[1].replace(/<[^>]*>?/g, ' '))) : '';
    if (text) return text;
  }
  return '';
}

/** Cuts `text` to at most `max` characters, at a word boundary when there is one near the end. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Summarizes a server's message for one line (`short`) and for a disclosure (`full`). */
export function summarizeMessage(message: string | null | undefined, max = 120): MessageSummary {
  const raw = typeof message === 'string' ? message.slice(0, FULL_LIMIT * 8) : '';
  const html = isHtml(raw);
  const full = clip(html ? htmlText(raw) : raw.trim(), FULL_LIMIT);
  const firstLine = collapse((html ? htmlHeadline(raw) : '') || full.split(/\r?\n/).find((l) => l.trim()) || '');
  const short = clip(firstLine, max);
  return { short, full, cut: short !== collapse(full) };
}
