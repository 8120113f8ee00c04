/**
 * A run's header row in the timeline: number, start or resume, start time, duration, tool and error
 * counts, live badge or outcome (with why a failed run failed), and the collapse toggle.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Run } from '../../types/model.js';
import type { Strings } from '../../i18n/strings.js';
import { formatAbsoluteTime, formatClockTime, formatDuration } from '../../i18n/format.js';
import { icon, type IconName } from '../../pieces/icons.js';
import { summarizeMessage } from '../../model/plain-text.js';

/** The words of a run header. */
interface RunHeaderTexts {
  label: string;
  kind: string;
  duration: string;
  start: { title: string; clock: string } | null;
  tools: string;
  toolTime: string | null;
  errors: string | null;
  events: string;
  /** Why it failed: one line, and the whole text when that is longer. */
  reason: { short: string; full: string } | null;
}

/**
 * Kept per run object and language: the virtualizer renders its whole range again on every pass (a
 * first frame has three), and a closed run keeps its object.
 */
const kept = new WeakMap<Run, { strings: Strings; live: boolean; reason: string | null; texts: RunHeaderTexts }>();

function textsOf(run: Run, live: boolean, reason: string | null, strings: Strings): RunHeaderTexts {
  const hit = kept.get(run);
  if (hit && hit.strings === strings && hit.live === live && hit.reason === reason) return hit.texts;
  const kind = run.kind === 'resume' ? strings.runKindResume : strings.runKindStart;
  const duration = formatDuration(run.durationMs, strings.locale);
  const summary = reason ? summarizeMessage(reason, 160) : null;
  const toolTime = run.toolTimeMs !== null ? strings.runToolTime(formatDuration(run.toolTimeMs, strings.locale)) : null;
  const label = [
    strings.runHeaderLabel(run.index),
    kind,
    live ? strings.runLive : summary ? strings.runFailedBecause(summary.short) : strings.runOutcome[run.outcome],
    strings.runEvents(run.events.length),
    run.toolCount ? strings.runTools(run.toolCount) : null,
    toolTime,
    run.errorCount ? strings.runErrors(run.errorCount) : null,
    duration || null,
  ]
    .filter(Boolean)
    .join(', ');
  const texts: RunHeaderTexts = {
    label,
    kind,
    duration,
    start:
      run.startTime !== null
        ? { title: formatAbsoluteTime(run.startTime, strings), clock: formatClockTime(run.startTime, strings.locale) }
        : null,
    tools: strings.runTools(run.toolCount),
    toolTime,
    errors: run.errorCount ? strings.runErrors(run.errorCount) : null,
    events: strings.runEvents(run.events.length),
    reason: summary ? { short: summary.short, full: summary.full } : null,
  };
  kept.set(run, { strings, live, reason, texts });
  return texts;
}

const OUTCOME_ICONS: Record<Run['outcome'], IconName> = {
  completed: 'check',
  failed: 'alert',
  stopped: 'stop',
  running: 'clock',
};

export interface RunHeaderState {
  key: string;
  /** Position in the feed (1-based) and its size. */
  position: number;
  size: number;
  tabIndex: '0' | '-1';
  collapsed: boolean;
  /** The last run, still running. */
  live: boolean;
  /** Why the run failed, when known (`runFailureReason`). */
  reason: string | null;
  onToggle: () => void;
}

export function renderRunHeader(run: Run, state: RunHeaderState, strings: Strings): TemplateResult {
  const { label, kind, duration, start, tools, toolTime, errors, events, reason } = textsOf(
    run,
    state.live,
    state.reason,
    strings,
  );
  const { collapsed, live } = state;
  return html`<div
    class="run-header"
    data-key=${state.key}
    data-outcome=${run.outcome}
    ?data-live=${live}
    role="article"
    aria-label=${label}
    aria-posinset=${state.position}
    aria-setsize=${state.size}
    tabindex=${state.tabIndex}
  >
    <div class="run-header-box" part="run-header">
      <button
        type="button"
        class="run-toggle"
        part="run-toggle"
        aria-expanded=${collapsed ? 'false' : 'true'}
        title=${collapsed ? strings.runExpand : strings.runCollapse}
        @click=${state.onToggle}
      >
        ${icon('chevronDown', 'chev')}<span>${strings.runHeaderLabel(run.index)}</span>
      </button>
      <span class="run-meta kind">${icon(run.kind === 'resume' ? 'resume' : 'play')}${kind}</span>
      ${start ? html`<span class="run-meta start" title=${start.title}>${icon('clock')}${start.clock}</span>` : nothing}
      ${duration ? html`<span class="run-meta duration">${duration}</span>` : nothing}
      <span class="run-meta tools">${icon('tool')}${tools}</span>
      ${toolTime ? html`<span class="run-meta tool-time">${toolTime}</span>` : nothing}
      ${errors ? html`<span class="run-meta errors">${icon('alert')}${errors}</span>` : nothing}
      ${
        live
          ? html`<span class="live-badge" part="live-badge"><span class="live-dot"></span>${strings.runLive}</span>`
          : html`<span class="outcome" part="outcome" data-outcome=${run.outcome}
              >${icon(OUTCOME_ICONS[run.outcome])}${strings.runOutcome[run.outcome]}${
                run.exitCode !== null && run.exitCode !== 0 ? ` (exit ${run.exitCode})` : ''
              }</span
            >`
      }
      ${
        reason && !live
          ? html`<span class="failure-reason" part="failure-reason" title=${reason.full}>${reason.short}</span>`
          : nothing
      }
      ${collapsed ? html`<span class="run-meta hidden-count">${events}</span>` : nothing}
    </div>
  </div>`;
}
