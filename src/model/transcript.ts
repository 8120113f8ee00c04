/**
 * A session's transcript, for export: Markdown to read (runs as sections, messages as text, tool
 * calls with their input and output in fences) and JSON to process (runs with their facts and the
 * events as the coordinator sent them). Pure: the words come from the caller, in its language.
 */
import type { CoordinatorEvent, Run } from '../types/model.js';
import { stripAnsi } from './ansi.js';

/** The words of a Markdown transcript (an element passes those of its language). */
export interface TranscriptWords {
  title: (sessionId: string) => string;
  run: (run: Run) => string;
  event: (event: CoordinatorEvent) => string;
  input: string;
  output: string;
  stdout: string;
  stderr: string;
  error: string;
  resultData: string;
  /** "… 4.2 MB more not exported" after a payload cut at `MARKDOWN_FIELD_LIMIT`. */
  cut: (moreChars: number) => string;
}

/** Characters of one payload in a Markdown transcript (the JSON transcript holds everything). */
export const MARKDOWN_FIELD_LIMIT = 100_000;

/** A fence longer than any backtick run in `text`, so the text cannot close it. */
function fence(text: string, info = ''): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const marks = '`'.repeat(longest + 1);
  return `${marks}${info}\n${text.replace(/\n$/, '')}\n${marks}`;
}

function bounded(text: string, words: TranscriptWords): string {
  if (text.length <= MARKDOWN_FIELD_LIMIT) return text;
  return `${text.slice(0, MARKDOWN_FIELD_LIMIT)}\n${words.cut(text.length - MARKDOWN_FIELD_LIMIT)}`;
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Output as a terminal shows it: a string, or the streams of `{stdout, stderr}`. */
function outputBlocks(output: unknown, words: TranscriptWords): string[] {
  if (typeof output === 'string') return [fence(bounded(stripAnsi(output), words), 'text')];
  const streams = output as { stdout?: unknown; stderr?: unknown } | null;
  if (
    streams &&
    typeof streams === 'object' &&
    (typeof streams.stdout === 'string' || typeof streams.stderr === 'string')
  ) {
    const out: string[] = [];
    if (streams.stdout) out.push(`${words.stdout}:`, fence(bounded(stripAnsi(String(streams.stdout)), words), 'text'));
    if (streams.stderr) out.push(`${words.stderr}:`, fence(bounded(stripAnsi(String(streams.stderr)), words), 'text'));
    return out;
  }
  return [fence(bounded(jsonText(output), words), 'json')];
}

/** Quotes text as a Markdown block quote (every line), so a message's headings stay inside it. */
const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

function eventMarkdown(e: CoordinatorEvent, words: TranscriptWords): string {
  const parts = [`**${words.event(e).replace(/([*_`[\]\\])/g, '\\$1')}** · ${e.timestamp}`];
  if (e.type === 'message' && e.text) parts.push(quote(bounded(e.text, words)));
  if (e.type === 'result') {
    if (e.resultText) parts.push(quote(bounded(e.resultText, words)));
    if (e.resultData != null) parts.push(`${words.resultData}:`, fence(bounded(jsonText(e.resultData), words), 'json'));
  }
  if (e.toolInput) parts.push(`${words.input}:`, fence(bounded(jsonText(e.toolInput), words), 'json'));
  if (e.toolOutput != null) parts.push(`${words.output}:`, ...outputBlocks(e.toolOutput, words));
  if (e.error) parts.push(`${words.error}:`, fence(bounded(e.error, words), 'text'));
  if (!e.known) parts.push(fence(bounded(jsonText(e.raw), words), 'json'));
  return parts.join('\n\n');
}

/** The session as Markdown: a title, a section per run, a paragraph per event. */
export function transcriptMarkdown(sessionId: string, runs: readonly Run[], words: TranscriptWords): string {
  const out = [`# ${words.title(sessionId)}`];
  for (const run of runs) {
    out.push(`## ${words.run(run)}`);
    for (const e of run.events) out.push(eventMarkdown(e, words));
  }
  return out.join('\n\n') + '\n';
}

/** The session as JSON: runs with their derived facts, each event as the coordinator sent it. */
export function transcriptJson(sessionId: string, runs: readonly Run[]): string {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return JSON.stringify(
    {
      sessionId,
      runs: runs.map((run) => ({
        index: run.index,
        kind: run.kind,
        outcome: run.outcome,
        startTime: iso(run.startTime),
        endTime: iso(run.endTime),
        durationMs: run.durationMs,
        toolCount: run.toolCount,
        toolTimeMs: run.toolTimeMs,
        errorCount: run.errorCount,
        exitCode: run.exitCode,
        reason: run.reason,
        events: run.events.map((e) => e.raw),
      })),
    },
    null,
    2,
  );
}
