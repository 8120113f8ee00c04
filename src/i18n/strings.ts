/**
 * Every user-visible English string shared by the elements, in one object. Other languages and
 * per-element overrides are layered over it by `localize.ts` (`lang`, `registerTranslation`, the
 * elements' `strings` property).
 *
 * Functions receive numbers/values and return the finished phrase, so plural rules and word
 * order stay under the translator's control. They are called on the resolved strings, so
 * `this.locale` is the element's language (for formatting numbers).
 */
import { formatBytes, formatCount, revealBidi } from './format.js';
import type { Strings } from './types.js';

export type { Strings };

/** `n` formatted for `locale`, then the singular or plural word (English rules). */
export const plural = (n: number, one: string, many: string, locale?: string) =>
  `${formatCount(n, locale)} ${n === 1 ? one : many}`;

export const englishStrings: Strings = {
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
  showMoreItems(count) {
    return `Show ${plural(count, 'more item', 'more items', this.locale)}`;
  },
  truncatedPreview: (shown, total) => `Showing the first ${shown} of ${total}`,

  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  copyLabel: (what) => `Copy ${what.toLowerCase()}`,
  copyCode: 'Copy code',

  jsonItems(count) {
    return plural(count, 'item', 'items', this.locale);
  },
  jsonKeys(count) {
    return plural(count, 'key', 'keys', this.locale);
  },
  jsonExpand: 'Expand',
  jsonCollapse: 'Collapse',

  justNow: 'just now',
  invalidTime: 'invalid time',

  timelineLabel: 'Agent events',
  filterLabel: 'Filter events',
  filterCategories: {
    tool: 'Tools',
    message: 'Messages',
    result: 'Results',
    lifecycle: 'Run lifecycle',
    other: 'Other',
  },
  searchPlaceholder: 'Search…',
  searchLabel: 'Search events',
  clearSearch: 'Clear search',
  searchPosition(position, count) {
    if (count === 0) return 'No matches';
    return position > 0
      ? `${formatCount(position, this.locale)} of ${formatCount(count, this.locale)}`
      : plural(count, 'match', 'matches', this.locale);
  },
  previousMatch: 'Previous match (Shift+Enter)',
  nextMatch: 'Next match (Enter)',
  errorsLabel: 'Errors',
  errorsOnly: 'Errors only',
  previousError: 'Previous error (Shift+E)',
  nextError: 'Next error (E)',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
  eventCount(shown, total) {
    return `${formatCount(shown, this.locale)} of ${plural(total, 'event', 'events', this.locale)}`;
  },
  newEvents(count) {
    return `${plural(count, 'new event', 'new events', this.locale)} — jump to latest`;
  },
  jumpToLatest: 'Jump to latest',
  waitingForEvents: 'Waiting for events…',
  emptyState: {
    noSession: 'No session selected',
    noSessionHint: 'Choose a session to see what its agent does.',
    loading: 'Loading the session…',
    notFound: (sessionId) => (sessionId ? `Session ${sessionId} was not found` : 'Session not found'),
    notFoundHint: 'The coordinator does not know this session: it may have been deleted, or the link is wrong.',
    unauthorized: 'Not authorized',
    unauthorizedHint: 'The coordinator refused the credentials. Check the token.',
    unreachable: 'The coordinator cannot be reached',
    unreachableHint: 'It is tried again; what the session holds appears once it answers.',
  },
  nothingMatches: 'Nothing matches the filter.',
  clearFilters: 'Clear filters',
  eventsBeforeFirstRun: 'Before the first run',

  runHeaderLabel: (index) => `Run ${index}`,
  runKindStart: 'start',
  runKindResume: 'resume',
  runLive: 'live',
  runOutcome: { running: 'running', completed: 'completed', failed: 'failed', stopped: 'stopped' },
  runFailedBecause: (reason) => `failed: ${reason}`,
  runTools(count) {
    return plural(count, 'tool', 'tools', this.locale);
  },
  runErrors(count) {
    return plural(count, 'error', 'errors', this.locale);
  },
  runEvents(count) {
    return plural(count, 'event', 'events', this.locale);
  },
  runCollapse: 'Collapse run',
  runExpand: 'Expand run',

  connection: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    open: 'Live',
    connected: 'Connected',
    reconnecting: (seconds, attempt) =>
      seconds === null ? 'Reconnecting…' : `Reconnecting in ${seconds}s${attempt ? ` (attempt ${attempt})` : ''}`,
    authError: (status, message) => `Not authorized${status ? ` (${status})` : ''}${message ? `: ${message}` : ''}`,
    offline: 'Offline',
    closed: 'Disconnected',
    retryNow: 'Retry now',
  },
  truncatedHistory(dropped) {
    return `${plural(dropped, 'older event', 'older events', this.locale)} not shown`;
  },
  historyMayBeIncomplete:
    'The server returns only the first 100 events of a session: later events this page did not receive live may be missing.',
  historyFailed: (message) => `History could not be loaded: ${message}`,
  historyRetryIn: (seconds) => (seconds === null || seconds <= 0 ? 'Trying again…' : `Trying again in ${seconds}s`),
  gapLabel: (from, to) =>
    from && to
      ? `Events between ${from} and ${to} may be missing`
      : from
        ? `Events after ${from} may be missing`
        : to
          ? `Events before ${to} may be missing`
          : 'Events may be missing here',
  gapReason:
    'The connection was interrupted, and the server returns only the first 100 events of a session: what happened meanwhile cannot be fetched again.',
  gapResult: 'Final result of the session (fetched again)',
  bodyDropped(bytes) {
    return `Too large to keep: ${formatBytes(bytes, this.locale)} dropped, the start is shown`;
  },
  bodiesDropped(count, budget) {
    return `${plural(count, 'large event body', 'large event bodies', this.locale)} shortened to keep this session within ${formatBytes(budget, this.locale)}`;
  },

  announceOne: (summary) => summary,
  announceMany(count) {
    return plural(count, 'new event', 'new events', this.locale);
  },
  announceSummary: (label, detail) => (detail ? `${label}: ${detail}` : label),
  serverWords: {
    pending: 'pending',
    running: 'running',
    idle: 'idle',
    stopping: 'stopping',
    stopped: 'stopped',
    failed: 'failed',
    finished: 'finished',
    completed: 'completed',
    error: 'error',
    interrupted: 'interrupted',
    cancelled: 'cancelled',
    canceled: 'cancelled',
    timeout: 'timed out',
    max_turns: 'turn limit reached',
  },

  exitCode: (code) => `exit ${code}`,
  interrupted: 'interrupted',
  showJson: 'Show as JSON',
  diff: 'Diff',
  diffLabel: (path) => (path ? `Changes to ${path}` : 'Changes'),
  diffAdded: 'added',
  diffRemoved: 'removed',
  diffShowAll(lines) {
    return `Show all ${plural(lines, 'line', 'lines', this.locale)}`;
  },
  fileCount(count) {
    return plural(count, 'file', 'files', this.locale);
  },
  moreItems(count) {
    return `${formatCount(count, this.locale)} more`;
  },
  lineCount(count) {
    return plural(count, 'line', 'lines', this.locale);
  },
  matchCount(count) {
    return plural(count, 'match', 'matches', this.locale);
  },
  lineRange: (offset, limit) =>
    [offset !== null ? `from line ${offset}` : null, limit !== null ? `${limit} lines` : null]
      .filter(Boolean)
      .join(', '),
  searchIn: (where) => `in ${where}`,
  replaceAll: 'Every occurrence replaced',
  changeShownAbove: 'The change is shown above.',
  todoSummary: (done, total) => `${done} of ${total} done`,
  todoStatus: { pending: 'to do', in_progress: 'in progress', completed: 'done' },
  toolDuration: 'How long the call took',
  slowTool: 'A slow call',
  runToolTime: (duration) => `${duration} in tools`,
  sameAsAnswer: 'Same text as the answer above',

  filters: 'Filters',
  exportLabel: 'Export',
  exportMarkdown: 'Transcript as Markdown',
  exportJson: 'Transcript as JSON',
  transcriptTitle: (sessionId) => `Session ${sessionId}`,
  transcriptCut(characters) {
    return `… ${formatCount(characters, this.locale)} more characters not exported`;
  },

  sessionListLabel: 'Sessions',
  sessionSearchLabel: 'Search sessions',
  sessionSearchPlaceholder: 'Search title, id, agent',
  sessionStatusFilterLabel: 'Filter sessions by status',
  sessionStatusGroups: {
    running: 'Running',
    idle: 'Idle / finished',
    failed: 'Failed',
    stopped: 'Stopped',
    other: 'Other',
  },
  sessionSortLabel: 'Sort by',
  sessionSorts: { activity: 'Recent activity', created: 'Created', title: 'Title' },
  defaultAgent: 'Default agent',
  sessionCount(shown, total) {
    return shown === total
      ? plural(total, 'session', 'sessions', this.locale)
      : `${formatCount(shown, this.locale)} of ${plural(total, 'session', 'sessions', this.locale)}`;
  },
  sessionCreatedPrefix: 'created',
  sessionActivePrefix: 'active',
  sessionRunDuration: (running) => (running ? 'Current run' : 'Last run'),
  sessionRuns(count, atLeast) {
    return `${formatCount(count, this.locale)}${atLeast ? '+' : ''} ${count === 1 && !atLeast ? 'run' : 'runs'}`;
  },
  sessionErrors(count, atLeast) {
    return `${formatCount(count, this.locale)}${atLeast ? '+' : ''} ${count === 1 && !atLeast ? 'error' : 'errors'}`;
  },
  sessionChildren(count) {
    return plural(count, 'sub-session', 'sub-sessions', this.locale);
  },
  sessionChildrenBusy(count) {
    return `${formatCount(count, this.locale)} running`;
  },
  sessionActivity(events, minutes) {
    return events
      ? `${plural(events, 'event', 'events', this.locale)} in the last ${minutes} minutes`
      : `No events in the last ${minutes} minutes`;
  },
  sessionConnecting: 'Connecting to the coordinator…',
  sessionEmpty: 'No sessions yet. They appear here as soon as an agent starts one.',
  sessionUnreachable: 'The coordinator cannot be reached. The list comes back by itself when it answers again.',
  sessionAuthError: (status, message) =>
    `The coordinator refused the credentials${status ? ` (${status})` : ''}${message ? `: ${message}` : ''}. Check the token.`,
  sessionNoMatch: (query) => (query ? `No sessions match “${query}”.` : 'No sessions match the filter.'),
  sessionNoSource: 'Not connected to a coordinator.',
  sessionActions: (title) => `Actions for ${title}`,
  sessionStop: 'Stop',
  sessionDelete: 'Delete',
  cancel: 'Cancel',
  sessionConfirmStop: (title) => `Stop “${title}”?`,
  sessionConfirmStopDetail: 'The agent stops its current run. The session stays in the list.',
  sessionConfirmDelete: (title) => `Delete “${title}”?`,
  sessionConfirmDeleteDetail: 'The session and its events are deleted from the coordinator. This cannot be undone.',
  sessionStopFailed: (message) => `The session could not be stopped: ${message}`,
  sessionDeleteFailed: (message) => `The session could not be deleted: ${message}`,
  sessionDeleteActive:
    'The coordinator does not delete a session that is still active (running or idle). Stop it first, then delete it.',
  sessionStopped: (title) => `Stopping ${title}`,
  sessionDeleted: (title) => `Deleted ${title}`,
  sessionAnnounceNew(count, title) {
    return count === 1 ? `New session: ${title}` : plural(count, 'new session', 'new sessions', this.locale);
  },
  sessionAnnounceMatches(count) {
    return plural(count, 'session', 'sessions', this.locale);
  },

  lanesLabel: 'Runs of all sessions over time',
  lanesSessionHeader: 'Session',
  lanesZoomIn: 'Zoom in',
  lanesZoomOut: 'Zoom out',
  lanesFitAll: 'Fit all',
  lanesFollowNow: 'Follow now',
  lanesTable: 'Table',
  lanesNow: 'now',
  lanesOutcomes: { running: 'running', completed: 'completed', failed: 'failed', stopped: 'stopped' },
  lanesHistoryPending: 'loading history…',
  lanesHistoryFailed: 'history unavailable',
  lanesNoRuns: 'no runs yet',
  lanesTools(count) {
    return plural(count, 'tool', 'tools', this.locale);
  },
  lanesErrors(count) {
    return plural(count, 'error', 'errors', this.locale);
  },
  lanesRunName(r) {
    const kind = r.kind === 'start' ? this.runStarted : this.runResumed;
    const parts = [`${this.runNumber(r.index)} (${kind})`, r.outcome, r.start, r.duration, this.lanesTools(r.tools)];
    if (r.errors) parts.push(this.lanesErrors(r.errors));
    return parts.filter(Boolean).join(', ');
  },
  lanesActivity(tools, messages, errors) {
    return `Activity in view: ${plural(tools, 'tool call', 'tool calls', this.locale)}, ${plural(messages, 'message', 'messages', this.locale)}, ${plural(errors, 'error', 'errors', this.locale)}`;
  },
  lanesCategories: { tool: 'Tools', message: 'Messages', error: 'Errors' },
  lanesColumns: {
    session: 'Session',
    run: 'Run',
    kind: 'Start or resume',
    start: 'Started',
    duration: 'Duration',
    tools: 'Tools',
    errors: 'Errors',
    outcome: 'Outcome',
    prompt: 'Prompt',
  },
  lanesKeyboardHint:
    'Arrow keys move between sessions and runs; Enter selects; + and − zoom; Shift with the arrow keys, Page Up and Page Down pan; on the time axis the arrow keys pan.',
  lanesAxisLabel: 'Time window',
  lanesAxisValue: (from, to) => `${from} to ${to}`,
};

/** Label of an event type, for any (also unknown) type. */
export function eventTypeLabel(s: Strings, type: string): string {
  return Object.prototype.hasOwnProperty.call(s.eventTypes, type)
    ? s.eventTypes[type]
    : s.unknownEventType(revealBidi(type));
}

/**
 * A status or reason word a coordinator sent (`idle`, `failed`, `completed`…) in the words of `s`;
 * a word it does not know is shown as sent (its bidi controls made visible).
 */
export function serverWord(s: Strings, word: string): string {
  const key = word.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(s.serverWords, key) ? s.serverWords[key] : revealBidi(word);
}

/** Label of a message role. */
export function roleLabel(s: Strings, role: string | null): string {
  if (!role) return s.eventTypes.message;
  return Object.prototype.hasOwnProperty.call(s.roles, role) ? s.roles[role] : s.unknownRole(role);
}
