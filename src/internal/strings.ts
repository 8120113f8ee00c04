/**
 * Every user-visible English string of the library, in one object, so a host can replace or
 * localize them: `setStrings({ copy: 'Kopieren', eventTypes: { message: 'Nachricht' } })`.
 * Elements read these at render time; call `setStrings` before the elements render (strings
 * already on screen update on their next render).
 *
 * Functions receive numbers/values and return the finished phrase, so plural rules and word
 * order stay under the translator's control.
 */

export interface Strings {
  /** BCP 47 locale for numbers, dates and relative times; `undefined` = the browser's. */
  locale: string | undefined;

  eventTypes: Record<string, string>;
  unknownEventType: (type: string) => string;
  roles: Record<string, string>;
  unknownRole: (role: string) => string;

  legacyName: string;
  legacyNameTitle: (originalType: string, type: string) => string;
  runNumber: (index: number) => string;
  runStarted: string;
  runResumed: string;
  runCompletedExit: (exitCode: number | null, reason: string | null) => string;
  hookName: (hook: string, agent: string | null) => string;
  statusOk: string;
  statusFailed: string;
  statusError: string;
  statusRunning: string;

  input: string;
  output: string;
  error: string;
  result: string;
  resultData: string;
  rawEvent: string;
  details: string;
  noOutput: string;

  expand: string;
  collapse: string;
  showMore: string;
  showLess: string;
  showAll: (size: string) => string;
  showMoreItems: (count: number) => string;
  truncatedPreview: (shown: string, total: string) => string;

  copy: string;
  copied: string;
  copyFailed: string;
  copyLabel: (what: string) => string;
  copyCode: string;

  jsonItems: (count: number) => string;
  jsonKeys: (count: number) => string;
  jsonExpand: string;
  jsonCollapse: string;

  justNow: string;
  invalidTime: string;

  timelineLabel: string;
  filterLabel: string;
  filterCategories: Record<'tool' | 'message' | 'result' | 'lifecycle' | 'other', string>;
  searchPlaceholder: string;
  searchLabel: string;
  clearSearch: string;
  expandAll: string;
  collapseAll: string;
  eventCount: (shown: number, total: number) => string;
  newEvents: (count: number) => string;
  jumpToLatest: string;
  waitingForEvents: string;
  nothingMatches: string;
  clearFilters: string;
  eventsBeforeFirstRun: string;

  runHeaderLabel: (index: number) => string;
  runKindStart: string;
  runKindResume: string;
  runLive: string;
  runOutcome: Record<'running' | 'completed' | 'failed' | 'stopped', string>;
  runTools: (count: number) => string;
  runErrors: (count: number) => string;
  runEvents: (count: number) => string;
  runCollapse: string;
  runExpand: string;

  connection: {
    idle: string;
    connecting: string;
    open: string;
    reconnecting: (seconds: number | null, attempt: number | null) => string;
    authError: (status: number | null, message: string | null) => string;
    offline: string;
    closed: string;
  };
  truncatedHistory: (dropped: number) => string;
  historyMayBeIncomplete: string;

  announceOne: (summary: string) => string;
  announceMany: (count: number) => string;
  announceSummary: (label: string, detail: string | null) => string;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString(strings.locale)} ${n === 1 ? one : many}`;

export const strings: Strings = {
  locale: undefined,

  eventTypes: {
    run_start: 'Run started',
    run_completed: 'Run completed',
    pre_tool: 'Tool call',
    post_tool: 'Tool',
    message: 'Message',
    result: 'Result',
    hook_start: 'Hook started',
    hook_complete: 'Hook completed',
    hook_failed: 'Hook failed',
    hook_blocked: 'Hook blocked',
    hook_timeout: 'Hook timed out',
  },
  unknownEventType: (type) => `Unknown event: ${type}`,
  roles: { user: 'User', assistant: 'Assistant', system: 'System' },
  unknownRole: (role) => role,

  legacyName: 'legacy name',
  legacyNameTitle: (originalType, type) => `Sent with the old name "${originalType}", shown as "${type}"`,
  runNumber: (index) => `Run ${index}`,
  runStarted: 'started',
  runResumed: 'resumed',
  runCompletedExit: (exitCode, reason) =>
    [exitCode === null ? null : `exit ${exitCode}`, reason].filter(Boolean).join(' · ') || 'no exit code',
  hookName: (hook, agent) => (agent ? `${hook} (${agent})` : hook),
  statusOk: 'ok',
  statusFailed: 'failed',
  statusError: 'Error',
  statusRunning: 'running',

  input: 'Input',
  output: 'Output',
  error: 'Error',
  result: 'Result',
  resultData: 'Result data',
  rawEvent: 'Event',
  details: 'Details',
  noOutput: 'No output',

  expand: 'Expand',
  collapse: 'Collapse',
  showMore: 'Show more',
  showLess: 'Show less',
  showAll: (size) => `Show all (${size})`,
  showMoreItems: (count) => `Show ${plural(count, 'more item', 'more items')}`,
  truncatedPreview: (shown, total) => `Showing the first ${shown} of ${total}`,

  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  copyLabel: (what) => `Copy ${what.toLowerCase()}`,
  copyCode: 'Copy code',

  jsonItems: (count) => plural(count, 'item', 'items'),
  jsonKeys: (count) => plural(count, 'key', 'keys'),
  jsonExpand: 'Expand',
  jsonCollapse: 'Collapse',

  justNow: 'just now',
  invalidTime: 'unknown time',

  timelineLabel: 'Agent events',
  filterLabel: 'Filter events',
  filterCategories: {
    tool: 'Tools',
    message: 'Messages',
    result: 'Results',
    lifecycle: 'Run lifecycle',
    other: 'Other',
  },
  searchPlaceholder: 'Search tools, inputs, outputs, messages',
  searchLabel: 'Search events',
  clearSearch: 'Clear search',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
  eventCount: (shown, total) => `${shown.toLocaleString(strings.locale)} of ${plural(total, 'event', 'events')}`,
  newEvents: (count) => `${plural(count, 'new event', 'new events')} — jump to latest`,
  jumpToLatest: 'Jump to latest',
  waitingForEvents: 'Waiting for events…',
  nothingMatches: 'Nothing matches the filter.',
  clearFilters: 'Clear filters',
  eventsBeforeFirstRun: 'Before the first run',

  runHeaderLabel: (index) => `Run ${index}`,
  runKindStart: 'start',
  runKindResume: 'resume',
  runLive: 'live',
  runOutcome: { running: 'running', completed: 'completed', failed: 'failed', stopped: 'stopped' },
  runTools: (count) => plural(count, 'tool', 'tools'),
  runErrors: (count) => plural(count, 'error', 'errors'),
  runEvents: (count) => plural(count, 'event', 'events'),
  runCollapse: 'Collapse run',
  runExpand: 'Expand run',

  connection: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    open: 'Live',
    reconnecting: (seconds, attempt) =>
      seconds === null ? 'Reconnecting…' : `Reconnecting in ${seconds}s${attempt ? ` (attempt ${attempt})` : ''}`,
    authError: (status, message) => `Not authorized${status ? ` (${status})` : ''}${message ? `: ${message}` : ''}`,
    offline: 'Offline',
    closed: 'Disconnected',
  },
  truncatedHistory: (dropped) => `${plural(dropped, 'older event', 'older events')} not shown`,
  historyMayBeIncomplete: 'The server returns at most 100 history events: older events may be missing.',

  announceOne: (summary) => summary,
  announceMany: (count) => plural(count, 'new event', 'new events'),
  announceSummary: (label, detail) => (detail ? `${label}: ${detail}` : label),
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : T[K] extends object ? Partial<T[K]> : T[K];
};

/** Replaces some strings (nested records are merged one level deep). */
export function setStrings(overrides: DeepPartial<Strings>): void {
  for (const [key, value] of Object.entries(overrides) as [keyof Strings, unknown][]) {
    const current = strings[key];
    if (value && typeof value === 'object' && current && typeof current === 'object' && !Array.isArray(value)) {
      Object.assign(current, value);
    } else if (value !== undefined) {
      (strings as unknown as Record<string, unknown>)[key] = value;
    }
  }
}

/** Label of an event type, for any (also unknown) type. */
export function eventTypeLabel(type: string): string {
  return Object.prototype.hasOwnProperty.call(strings.eventTypes, type)
    ? strings.eventTypes[type]
    : strings.unknownEventType(type);
}

/** Label of a message role. */
export function roleLabel(role: string | null): string {
  if (!role) return strings.eventTypes.message;
  return Object.prototype.hasOwnProperty.call(strings.roles, role) ? strings.roles[role] : strings.unknownRole(role);
}
