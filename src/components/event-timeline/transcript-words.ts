/** The words of a timeline's transcript export, from its strings (its language). */
import type { CoordinatorEvent, Run } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { formatDuration } from '../../i18n/format.js';
import type { TranscriptWords } from '../../model/transcript.js';
import { presentationOf } from '../../pieces/event-meta.js';
import { toolDisplayName } from '../../pieces/tool-chip.js';

export function transcriptWords(s: Strings): TranscriptWords {
  return {
    title: (sessionId) => s.transcriptTitle(sessionId),
    run: (run: Run) =>
      [
        s.runHeaderLabel(run.index),
        run.kind === 'resume' ? s.runKindResume : s.runKindStart,
        s.runOutcome[run.outcome],
        formatDuration(run.durationMs, s.locale) || null,
        run.toolTimeMs !== null ? s.runToolTime(formatDuration(run.toolTimeMs, s.locale)) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    event: (e: CoordinatorEvent) => {
      const label = presentationOf(e, s).label;
      const name = e.toolName ? toolDisplayName(e.toolName, s) : null;
      return [label, name, e.failed ? s.statusError : null].filter(Boolean).join(' · ');
    },
    input: s.input,
    output: s.output,
    stdout: 'stdout',
    stderr: 'stderr',
    error: s.error,
    resultData: s.resultData,
    cut: (n) => s.transcriptCut(n),
  };
}
