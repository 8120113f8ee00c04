/**
 * How each event type is presented: icon, label and accent colour token, plus small derived
 * facts (hook name, one-line summary). Shared by `<event-card>`, `<event-timeline>` (run headers,
 * announcements) and `<chat-panel>` (tool chips).
 */
import type { CoordinatorEvent } from '../types/model.js';
import type { IconName } from './icons.js';
import { oneLine } from '../i18n/format.js';
import { eventTypeLabel, roleLabel, type Strings } from '../i18n/strings.js';

export interface EventPresentation {
  icon: IconName;
  /** Human label of the type ("Tool", "Run started", "Unknown event: foo"). */
  label: string;
  /** The accent colour: the private token `--_accent-<accent>` (tokens.styles.ts). */
  accent: 'run' | 'tool' | 'user' | 'assistant' | 'result' | 'hook' | 'other';
}

/** A parsed hook tool name: `hook:on_run_start:<agent>` → `{hook: 'on_run_start', agent}`. */
export interface HookName {
  hook: string;
  agent: string | null;
}

export function parseHookName(toolName: string | null): HookName | null {
  if (!toolName) return null;
  const m = /^hook:([^:]+)(?::(.*))?$/.exec(toolName);
  if (!m) return null;
  return { hook: m[1], agent: m[2] ? m[2] : null };
}

export function isHookEvent(event: CoordinatorEvent): boolean {
  return event.type.startsWith('hook_');
}

export function isToolEvent(event: CoordinatorEvent): boolean {
  return event.type === 'pre_tool' || event.type === 'post_tool';
}

export function presentationOf(event: CoordinatorEvent, s: Strings): EventPresentation {
  const label = eventTypeLabel(s, event.type);
  switch (event.type) {
    case 'run_start':
      return { icon: 'play', label, accent: 'run' };
    case 'run_completed':
      return { icon: 'flag', label, accent: 'run' };
    case 'pre_tool':
    case 'post_tool':
      return { icon: 'tool', label, accent: 'tool' };
    case 'message':
      return event.role === 'user'
        ? { icon: 'user', label: roleLabel(s, event.role), accent: 'user' }
        : event.role === 'assistant'
          ? { icon: 'bot', label: roleLabel(s, event.role), accent: 'assistant' }
          : { icon: 'message', label: roleLabel(s, event.role), accent: 'other' };
    case 'result':
      return { icon: 'result', label, accent: 'result' };
    default:
      if (isHookEvent(event)) return { icon: 'hook', label, accent: 'hook' };
      return { icon: 'unknown', label, accent: 'other' };
  }
}

/**
 * A short, plain-text description of an event (for the live region and tooltips).
 * Bounded: never stringifies more than a few hundred characters of a payload.
 */
export function summarizeEvent(event: CoordinatorEvent, s: Strings): string {
  const { label } = presentationOf(event, s);
  let detail: string | null = null;
  switch (event.type) {
    case 'pre_tool':
    case 'post_tool':
      detail = [event.toolName, event.failed ? s.statusFailed : null].filter(Boolean).join(' ') || null;
      break;
    case 'message':
      detail = event.text ? oneLine(event.text, 80) : null;
      break;
    case 'result':
      detail = event.resultText ? oneLine(event.resultText, 80) : null;
      break;
    case 'run_completed':
      detail = s.runCompletedExit(event.exitCode, event.reason);
      break;
    default:
      if (isHookEvent(event)) {
        const hook = parseHookName(event.toolName);
        detail = hook ? s.hookName(hook.hook, hook.agent) : event.toolName;
      } else if (event.error) detail = oneLine(event.error, 80);
  }
  return s.announceSummary(label, detail);
}
