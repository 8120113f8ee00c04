/**
 * Giving the page its turn during long work (a huge frame, a huge history answer): a task break
 * lets it paint and handle input. A hidden page paints nothing and throttles its timers, so work
 * there runs through instead.
 */
export function isHidden(): boolean {
  return (globalThis as { document?: { hidden?: boolean } }).document?.hidden === true;
}

/** A task break (a later task, after the page could paint). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

/** Texts up to this long are parsed at once: a step of parsing costs about as much. */
export const JSON_AT_ONCE = 262_144;
/** Characters parsed between looks at the clock. */
const STEP = 131_072;
/** Work between task breaks. */
const SLICE_MS = 8;

export type ParsedJson = { value: unknown } | { error: string };

/**
 * `JSON.parse` that gives the page a task break every few milliseconds for a long text, so a
 * 50 MB frame is no long task. Resolves to the value or the reason it is not JSON; `null` when
 * `signal` was aborted meanwhile.
 */
export async function parseJsonYielding(text: string, signal?: AbortSignal): Promise<ParsedJson | null> {
  if (text.length <= JSON_AT_ONCE || isHidden()) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
  // The stepwise parser loads with the first text that needs it: most streams never send one.
  const { slicedJson } = await import('../model/json-slices.js');
  if (signal?.aborted) return null;
  const parser = slicedJson(text);
  let start = performance.now();
  while (!parser.step(STEP)) {
    if (performance.now() - start < SLICE_MS) continue;
    await yieldToPage();
    if (signal?.aborted) return null;
    start = performance.now();
  }
  return parser.error !== null ? { error: parser.error } : { value: parser.value };
}
