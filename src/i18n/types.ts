/**
 * The shapes of the words: `Strings` (shared by every element) and `ChatStrings` (`<chat-panel>`).
 * Functions receive values and return the finished phrase, so plural rules and word order stay with
 * the translator; they are called on the resolved strings, so `this.locale` is the element's language.
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
  showMoreItems(this: Strings, count: number): string;
  truncatedPreview: (shown: string, total: string) => string;

  copy: string;
  copied: string;
  copyFailed: string;
  copyLabel: (what: string) => string;
  copyCode: string;

  jsonItems(this: Strings, count: number): string;
  jsonKeys(this: Strings, count: number): string;
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
  /** While searching: which match is selected (0: none) of how many. */
  searchPosition(this: Strings, position: number, count: number): string;
  previousMatch: string;
  nextMatch: string;
  /** The group of error controls, and its toggle. */
  errorsLabel: string;
  errorsOnly: string;
  previousError: string;
  nextError: string;
  expandAll: string;
  collapseAll: string;
  eventCount(this: Strings, shown: number, total: number): string;
  newEvents(this: Strings, count: number): string;
  jumpToLatest: string;
  waitingForEvents: string;
  /** Why an element has nothing to show (src/pieces/empty-state.ts). */
  emptyState: {
    noSession: string;
    noSessionHint: string;
    loading: string;
    notFound: (sessionId: string | null) => string;
    notFoundHint: string;
    unauthorized: string;
    unauthorizedHint: string;
    unreachable: string;
    unreachableHint: string;
  };
  nothingMatches: string;
  clearFilters: string;
  eventsBeforeFirstRun: string;

  runHeaderLabel: (index: number) => string;
  runKindStart: string;
  runKindResume: string;
  runLive: string;
  runOutcome: Record<'running' | 'completed' | 'failed' | 'stopped', string>;
  /** A failed run's outcome with its reason, for its header's accessible name. */
  runFailedBecause: (reason: string) => string;
  runTools(this: Strings, count: number): string;
  runErrors(this: Strings, count: number): string;
  runEvents(this: Strings, count: number): string;
  runCollapse: string;
  runExpand: string;

  connection: {
    idle: string;
    connecting: string;
    /** The stream is open and the session shown exists. */
    open: string;
    /** The stream is open but no session is shown, or it is not known (yet). */
    connected: string;
    reconnecting: (seconds: number | null, attempt: number | null) => string;
    authError: (status: number | null, message: string | null) => string;
    offline: string;
    closed: string;
    /** The button that reconnects at once while waiting to reconnect. */
    retryNow: string;
  };
  truncatedHistory(this: Strings, dropped: number): string;
  /** The first history answer was cut at the server's cap: what came after it may be missing. */
  historyMayBeIncomplete: string;
  /** History could not be fetched (live events are shown meanwhile). */
  historyFailed: (message: string) => string;
  /** When it is tried again; `seconds` null: now. */
  historyRetryIn: (seconds: number | null) => string;
  /** A gap row: events may be missing between two times (clock times, formatted; null: unknown / until now). */
  gapLabel: (from: string | null, to: string | null) => string;
  /** Why a gap cannot be filled. */
  gapReason: string;
  /** The session's final result fetched for a gap (`GET /sessions/{id}/result`). */
  gapResult: string;
  /** A card whose large body was dropped by the memory budget; `bytes` is what was dropped. */
  bodyDropped(this: Strings, bytes: number): string;
  /** Notice: `count` large bodies were dropped to keep a session within `budget` bytes. */
  bodiesDropped(this: Strings, count: number, budget: number): string;

  announceOne: (summary: string) => string;
  announceMany(this: Strings, count: number): string;
  announceSummary: (label: string, detail: string | null) => string;

  /** Status and reason words a coordinator sends (lower case: `idle`, `failed`, `completed`…). */
  serverWords: Record<string, string>;

  /** Tool views: the terminal, the diff, the known tools. */
  exitCode: (code: number) => string;
  interrupted: string;
  showJson: string;
  diff: string;
  diffLabel: (path: string) => string;
  diffAdded: string;
  diffRemoved: string;
  diffShowAll(this: Strings, lines: number): string;
  fileCount(this: Strings, count: number): string;
  moreItems(this: Strings, count: number): string;
  lineCount(this: Strings, count: number): string;
  matchCount(this: Strings, count: number): string;
  lineRange: (offset: number | null, limit: number | null) => string;
  searchIn: (where: string) => string;
  replaceAll: string;
  changeShownAbove: string;
  todoSummary: (done: number, total: number) => string;
  todoStatus: Record<string, string>;
  toolDuration: string;
  slowTool: string;
  runToolTime: (duration: string) => string;
  sameAsAnswer: string;

  /** Toolbar: the filter menu of narrow timelines, export. */
  filters: string;
  exportLabel: string;
  exportMarkdown: string;
  exportJson: string;
  transcriptTitle: (sessionId: string) => string;
  transcriptCut(this: Strings, characters: number): string;

  // <session-list>
  sessionListLabel: string;
  sessionSearchLabel: string;
  sessionSearchPlaceholder: string;
  sessionStatusFilterLabel: string;
  sessionStatusGroups: Record<'running' | 'idle' | 'failed' | 'stopped' | 'other', string>;
  sessionSortLabel: string;
  sessionSorts: Record<'activity' | 'created' | 'title', string>;
  /** A session with neither a prompt nor an agent name yet. */
  defaultAgent: string;
  sessionCount(this: Strings, shown: number, total: number): string;
  /** Before the relative time ("created 3 minutes ago"). */
  sessionCreatedPrefix: string;
  sessionActivePrefix: string;
  /** Label of the run duration: the current run while one runs, else the last one. */
  sessionRunDuration: (running: boolean) => string;
  sessionRuns(this: Strings, count: number, atLeast: boolean): string;
  sessionErrors(this: Strings, count: number, atLeast: boolean): string;
  sessionChildren(this: Strings, count: number): string;
  sessionChildrenBusy(this: Strings, count: number): string;
  /** The activity chart's text alternative. */
  sessionActivity(this: Strings, events: number, minutes: number): string;
  sessionConnecting: string;
  sessionEmpty: string;
  sessionUnreachable: string;
  sessionAuthError: (status: number | null, message: string | null) => string;
  sessionNoMatch: (query: string) => string;
  sessionNoSource: string;
  sessionActions: (title: string) => string;
  sessionStop: string;
  sessionDelete: string;
  cancel: string;
  sessionConfirmStop: (title: string) => string;
  sessionConfirmStopDetail: string;
  sessionConfirmDelete: (title: string) => string;
  sessionConfirmDeleteDetail: string;
  sessionStopFailed: (message: string) => string;
  sessionDeleteFailed: (message: string) => string;
  /** A delete answered 409: the session is still active. */
  sessionDeleteActive: string;
  sessionStopped: (title: string) => string;
  sessionDeleted: (title: string) => string;
  sessionAnnounceNew(this: Strings, count: number, title: string): string;
  sessionAnnounceMatches(this: Strings, count: number): string;

  /** `<run-swimlanes>`. */
  lanesLabel: string;
  lanesSessionHeader: string;
  lanesZoomIn: string;
  lanesZoomOut: string;
  lanesFitAll: string;
  lanesFollowNow: string;
  lanesTable: string;
  lanesNow: string;
  lanesOutcomes: Record<'running' | 'completed' | 'failed' | 'stopped', string>;
  lanesHistoryPending: string;
  lanesHistoryFailed: string;
  lanesNoRuns: string;
  lanesTools(this: Strings, count: number): string;
  lanesErrors(this: Strings, count: number): string;
  /** A block's accessible name: run number, start or resume, outcome, start time, duration, counts, prompt. */
  lanesRunName(
    this: Strings,
    run: {
      index: number;
      kind: 'start' | 'resume';
      outcome: string;
      start: string;
      duration: string;
      tools: number;
      errors: number;
    },
  ): string;
  lanesActivity(this: Strings, tools: number, messages: number, errors: number): string;
  lanesCategories: Record<'tool' | 'message' | 'error', string>;
  lanesColumns: Record<
    'session' | 'run' | 'kind' | 'start' | 'duration' | 'tools' | 'errors' | 'outcome' | 'prompt',
    string
  >;
  lanesKeyboardHint: string;
  /** The time axis as a control: its name and its value (the window shown). */
  lanesAxisLabel: string;
  lanesAxisValue(from: string, to: string): string;
}

export interface ChatStrings {
  /** Accessible name of the message list. */
  logLabel: string;
  /** Accessible name of the text field. */
  inputLabel: string;
  placeholder: string;
  /** Placeholder while the agent works (typing is allowed, sending is not). */
  placeholderBusy: string;
  send: string;
  sending: string;
  stop: string;
  stopping: string;
  newChat: string;
  /** Shown as who said it (visually hidden in the default style). */
  you: string;
  assistant: string;
  /** Shown as who said it for a prompt of the history, whoever sent it (visually hidden by default). */
  prompt: string;
  /** Label of a prompt this panel knows it did not send (another window, a child agent's callback). */
  otherPrompt: string;
  otherPromptTitle: string;
  notSent: string;
  /** Typing indicator's accessible text. */
  working: string;
  waitingForAgent: string;
  noReply: string;
  runFailed: (error: string | null) => string;
  runStopped: string;
  sendFailed: (message: string, status: number | null) => string;
  networkError: string;
  retry: string;
  edit: string;
  runResult: string;
  toolCalls(this: ChatStrings & { locale?: string }, count: number): string;
  toolDetails: (name: string, status: string) => string;
  jumpToLatest: string;
  sessionEnded: string;
  /** The session shown is unknown to the coordinator: the next message starts a new one. */
  sessionNotFound: string;
  /** The hint under "Session … was not found" in an empty conversation. */
  notFoundHint: string;
  /** Between a session that had ended and the new one its next message started. */
  newSessionDivider: string;
  agentLabel: string;
  defaultAgent: string;
  agentsUnavailable: string;
  empty: string;
  loadingHistory: string;
  historyError: (message: string) => string;
  stopFailed: (message: string) => string;
  noCoordinator: string;
  sessionLabel: (sessionId: string) => string;
  keyboardHint: string;
}
