/**
 * German. Importing this module registers it: elements with `lang="de"` (or inside an element
 * with it, e.g. `<html lang="de">`) then speak German; `de-AT`, `de-CH`… use it too, with their
 * own number and date formats.
 *
 *     import 'coordinator-elements/locales/de.js';
 */
import { formatBytes, formatCount } from '../i18n/format.js';
import { plural } from '../i18n/strings.js';
import { registerTranslation, type Translation } from '../i18n/translations.js';
import type { ChatStrings } from '../i18n/chat-strings.js';
import type { Strings } from '../i18n/strings.js';

const strings: Omit<Strings, 'locale'> = {
  eventTypes: {
    run_start: 'Lauf gestartet',
    run_completed: 'Lauf beendet',
    pre_tool: 'Werkzeugaufruf',
    post_tool: 'Werkzeug',
    message: 'Nachricht',
    result: 'Ergebnis',
    hook_start: 'Hook gestartet',
    hook_complete: 'Hook beendet',
    hook_failed: 'Hook fehlgeschlagen',
    hook_blocked: 'Hook blockiert',
    hook_timeout: 'Hook-Zeitüberschreitung',
  },
  unknownEventType: (type) => `Unbekanntes Ereignis: ${type}`,
  roles: { user: 'Benutzer', assistant: 'Assistent', system: 'System' },
  unknownRole: (role) => role,

  legacyName: 'alter Name',
  legacyNameTitle: (originalType, type) => `Mit dem alten Namen „${originalType}“ gesendet, angezeigt als „${type}“`,
  runNumber: (index) => `Lauf ${index}`,
  runStarted: 'gestartet',
  runResumed: 'fortgesetzt',
  runCompletedExit: (exitCode, reason) =>
    [exitCode === null ? null : `Exit-Code ${exitCode}`, reason].filter(Boolean).join(' · ') || 'kein Exit-Code',
  hookName: (hook, agent) => (agent ? `${hook} (${agent})` : hook),
  statusOk: 'ok',
  statusFailed: 'fehlgeschlagen',
  statusError: 'Fehler',
  statusRunning: 'läuft',

  input: 'Eingabe',
  output: 'Ausgabe',
  error: 'Fehler',
  result: 'Ergebnis',
  resultData: 'Ergebnisdaten',
  rawEvent: 'Ereignis',
  details: 'Details',
  noOutput: 'Keine Ausgabe',

  expand: 'Aufklappen',
  collapse: 'Zuklappen',
  showMore: 'Mehr anzeigen',
  showLess: 'Weniger anzeigen',
  showAll: (size) => `Alles anzeigen (${size})`,
  showMoreItems(count) {
    return `${plural(count, 'weiteren Eintrag', 'weitere Einträge', this.locale)} anzeigen`;
  },
  truncatedPreview: (shown, total) => `Die ersten ${shown} von ${total}`,

  copy: 'Kopieren',
  copied: 'Kopiert',
  copyFailed: 'Kopieren fehlgeschlagen',
  copyLabel: (what) => `${what} kopieren`,
  copyCode: 'Code kopieren',

  jsonItems(count) {
    return plural(count, 'Eintrag', 'Einträge', this.locale);
  },
  jsonKeys(count) {
    return plural(count, 'Schlüssel', 'Schlüssel', this.locale);
  },
  jsonExpand: 'Aufklappen',
  jsonCollapse: 'Zuklappen',

  justNow: 'gerade eben',
  invalidTime: 'ungültige Zeit',

  timelineLabel: 'Agenten-Ereignisse',
  filterLabel: 'Ereignisse filtern',
  filterCategories: {
    tool: 'Werkzeuge',
    message: 'Nachrichten',
    result: 'Ergebnisse',
    lifecycle: 'Lauf-Lebenszyklus',
    other: 'Sonstige',
  },
  searchPlaceholder: 'Suchen…',
  searchLabel: 'Ereignisse durchsuchen',
  clearSearch: 'Suche löschen',
  searchPosition(position, count) {
    if (count === 0) return 'Keine Treffer';
    return position > 0
      ? `${formatCount(position, this.locale)} von ${formatCount(count, this.locale)}`
      : plural(count, 'Treffer', 'Treffer', this.locale);
  },
  previousMatch: 'Vorheriger Treffer (Umschalt+Enter)',
  nextMatch: 'Nächster Treffer (Enter)',
  errorsLabel: 'Fehler',
  errorsOnly: 'Nur Fehler',
  previousError: 'Vorheriger Fehler (Umschalt+E)',
  nextError: 'Nächster Fehler (E)',
  expandAll: 'Alle aufklappen',
  collapseAll: 'Alle zuklappen',
  eventCount(shown, total) {
    return `${formatCount(shown, this.locale)} von ${plural(total, 'Ereignis', 'Ereignissen', this.locale)}`;
  },
  newEvents(count) {
    return `${plural(count, 'neues Ereignis', 'neue Ereignisse', this.locale)} – zum neuesten springen`;
  },
  jumpToLatest: 'Zum neuesten springen',
  waitingForEvents: 'Warte auf Ereignisse…',
  emptyState: {
    noSession: 'Keine Sitzung ausgewählt',
    noSessionHint: 'Wähle eine Sitzung, um zu sehen, was ihr Agent tut.',
    loading: 'Lade die Sitzung…',
    notFound: (sessionId) => (sessionId ? `Sitzung ${sessionId} wurde nicht gefunden` : 'Sitzung nicht gefunden'),
    notFoundHint: 'Der Koordinator kennt diese Sitzung nicht: Sie wurde vielleicht gelöscht, oder der Link ist falsch.',
    unauthorized: 'Nicht berechtigt',
    unauthorizedHint: 'Der Koordinator hat die Zugangsdaten abgelehnt. Prüfe das Token.',
    unreachable: 'Der Koordinator ist nicht erreichbar',
    unreachableHint: 'Es wird erneut versucht; was die Sitzung enthält, erscheint, sobald er antwortet.',
  },
  nothingMatches: 'Nichts passt zum Filter.',
  clearFilters: 'Filter zurücksetzen',
  eventsBeforeFirstRun: 'Vor dem ersten Lauf',

  runHeaderLabel: (index) => `Lauf ${index}`,
  runKindStart: 'Start',
  runKindResume: 'Fortsetzung',
  runLive: 'live',
  runOutcome: { running: 'läuft', completed: 'beendet', failed: 'fehlgeschlagen', stopped: 'gestoppt' },
  runFailedBecause: (reason) => `fehlgeschlagen: ${reason}`,
  runTools(count) {
    return plural(count, 'Werkzeug', 'Werkzeuge', this.locale);
  },
  runErrors(count) {
    return plural(count, 'Fehler', 'Fehler', this.locale);
  },
  runEvents(count) {
    return plural(count, 'Ereignis', 'Ereignisse', this.locale);
  },
  runCollapse: 'Lauf zuklappen',
  runExpand: 'Lauf aufklappen',

  connection: {
    idle: 'Nicht verbunden',
    connecting: 'Verbinde…',
    open: 'Live',
    connected: 'Verbunden',
    reconnecting: (seconds, attempt) =>
      seconds === null
        ? 'Verbinde erneut…'
        : `Neuer Verbindungsversuch in ${seconds} s${attempt ? ` (Versuch ${attempt})` : ''}`,
    authError: (status, message) => `Nicht berechtigt${status ? ` (${status})` : ''}${message ? `: ${message}` : ''}`,
    offline: 'Offline',
    closed: 'Getrennt',
    retryNow: 'Jetzt verbinden',
  },
  truncatedHistory(dropped) {
    return `${plural(dropped, 'älteres Ereignis', 'ältere Ereignisse', this.locale)} nicht angezeigt`;
  },
  historyMayBeIncomplete:
    'Der Server liefert nur die ersten 100 Ereignisse einer Sitzung: spätere, die diese Seite nicht live empfangen hat, können fehlen.',
  historyFailed: (message) => `Der Verlauf konnte nicht geladen werden: ${message}`,
  historyRetryIn: (seconds) => (seconds === null || seconds <= 0 ? 'Neuer Versuch…' : `Neuer Versuch in ${seconds} s`),
  gapLabel: (from, to) =>
    from && to
      ? `Ereignisse zwischen ${from} und ${to} können fehlen`
      : from
        ? `Ereignisse nach ${from} können fehlen`
        : to
          ? `Ereignisse vor ${to} können fehlen`
          : 'Hier können Ereignisse fehlen',
  gapReason:
    'Die Verbindung war unterbrochen, und der Server liefert nur die ersten 100 Ereignisse einer Sitzung: was inzwischen geschah, lässt sich nicht nachladen.',
  gapResult: 'Endergebnis der Sitzung (neu abgerufen)',
  bodyDropped(bytes) {
    return `Zu groß zum Behalten: ${formatBytes(bytes, this.locale)} verworfen, der Anfang wird gezeigt`;
  },
  bodiesDropped(count, budget) {
    return `${plural(count, 'großer Ereignisinhalt', 'große Ereignisinhalte', this.locale)} gekürzt, damit diese Sitzung unter ${formatBytes(budget, this.locale)} bleibt`;
  },

  announceOne: (summary) => summary,
  announceMany(count) {
    return plural(count, 'neues Ereignis', 'neue Ereignisse', this.locale);
  },
  announceSummary: (label, detail) => (detail ? `${label}: ${detail}` : label),
  serverWords: {
    pending: 'wartend',
    running: 'läuft',
    idle: 'bereit',
    stopping: 'wird gestoppt',
    stopped: 'gestoppt',
    failed: 'fehlgeschlagen',
    finished: 'beendet',
    completed: 'abgeschlossen',
    error: 'Fehler',
    interrupted: 'unterbrochen',
    cancelled: 'abgebrochen',
    canceled: 'abgebrochen',
    timeout: 'Zeitüberschreitung',
    max_turns: 'Zuglimit erreicht',
  },

  exitCode: (code) => `Exit-Code ${code}`,
  interrupted: 'unterbrochen',
  showJson: 'Als JSON anzeigen',
  diff: 'Diff',
  diffLabel: (path) => (path ? `Änderungen an ${path}` : 'Änderungen'),
  diffAdded: 'hinzugefügt',
  diffRemoved: 'entfernt',
  diffShowAll(lines) {
    return `Alle ${plural(lines, 'Zeile', 'Zeilen', this.locale)} anzeigen`;
  },
  fileCount(count) {
    return plural(count, 'Datei', 'Dateien', this.locale);
  },
  moreItems(count) {
    return `${formatCount(count, this.locale)} weitere`;
  },
  lineCount(count) {
    return plural(count, 'Zeile', 'Zeilen', this.locale);
  },
  matchCount(count) {
    return plural(count, 'Treffer', 'Treffer', this.locale);
  },
  lineRange: (offset, limit) =>
    [offset !== null ? `ab Zeile ${offset}` : null, limit !== null ? `${limit} Zeilen` : null]
      .filter(Boolean)
      .join(', '),
  searchIn: (where) => `in ${where}`,
  replaceAll: 'Jedes Vorkommen ersetzt',
  changeShownAbove: 'Die Änderung steht oben.',
  todoSummary: (done, total) => `${done} von ${total} erledigt`,
  todoStatus: { pending: 'offen', in_progress: 'in Arbeit', completed: 'erledigt' },
  toolDuration: 'Dauer des Aufrufs',
  slowTool: 'Ein langsamer Aufruf',
  runToolTime: (duration) => `${duration} in Werkzeugen`,
  sameAsAnswer: 'Derselbe Text wie die Antwort darüber',

  filters: 'Filter',
  exportLabel: 'Exportieren',
  exportMarkdown: 'Verlauf als Markdown',
  exportJson: 'Verlauf als JSON',
  transcriptTitle: (sessionId) => `Sitzung ${sessionId}`,
  transcriptCut(characters) {
    return `… ${formatCount(characters, this.locale)} weitere Zeichen nicht exportiert`;
  },

  sessionListLabel: 'Sitzungen',
  sessionSearchLabel: 'Sitzungen durchsuchen',
  sessionSearchPlaceholder: 'Titel, ID, Agent suchen',
  sessionStatusFilterLabel: 'Sitzungen nach Status filtern',
  sessionStatusGroups: {
    running: 'Laufend',
    idle: 'Bereit / beendet',
    failed: 'Fehlgeschlagen',
    stopped: 'Gestoppt',
    other: 'Sonstige',
  },
  sessionSortLabel: 'Sortieren nach',
  sessionSorts: { activity: 'Letzte Aktivität', created: 'Erstellt', title: 'Titel' },
  defaultAgent: 'Standard-Agent',
  sessionCount(shown, total) {
    return shown === total
      ? plural(total, 'Sitzung', 'Sitzungen', this.locale)
      : `${formatCount(shown, this.locale)} von ${plural(total, 'Sitzung', 'Sitzungen', this.locale)}`;
  },
  sessionCreatedPrefix: 'erstellt',
  sessionActivePrefix: 'aktiv',
  sessionRunDuration: (running) => (running ? 'Aktueller Lauf' : 'Letzter Lauf'),
  sessionRuns(count, atLeast) {
    return `${formatCount(count, this.locale)}${atLeast ? '+' : ''} ${count === 1 && !atLeast ? 'Lauf' : 'Läufe'}`;
  },
  sessionErrors(count, atLeast) {
    return `${formatCount(count, this.locale)}${atLeast ? '+' : ''} Fehler`;
  },
  sessionChildren(count) {
    return plural(count, 'Unter-Sitzung', 'Unter-Sitzungen', this.locale);
  },
  sessionChildrenBusy(count) {
    return `${formatCount(count, this.locale)} ${count === 1 ? 'läuft' : 'laufen'}`;
  },
  sessionActivity(events, minutes) {
    return events
      ? `${plural(events, 'Ereignis', 'Ereignisse', this.locale)} in den letzten ${minutes} Minuten`
      : `Keine Ereignisse in den letzten ${minutes} Minuten`;
  },
  sessionConnecting: 'Verbinde mit dem Koordinator…',
  sessionEmpty: 'Noch keine Sitzungen. Sie erscheinen hier, sobald ein Agent eine beginnt.',
  sessionUnreachable:
    'Der Koordinator ist nicht erreichbar. Die Liste kommt von selbst zurück, sobald er wieder antwortet.',
  sessionAuthError: (status, message) =>
    `Der Koordinator hat die Zugangsdaten abgelehnt${status ? ` (${status})` : ''}${message ? `: ${message}` : ''}. Prüfe das Token.`,
  sessionNoMatch: (query) => (query ? `Keine Sitzung passt zu „${query}“.` : 'Keine Sitzung passt zum Filter.'),
  sessionNoSource: 'Mit keinem Koordinator verbunden.',
  sessionActions: (title) => `Aktionen für ${title}`,
  sessionStop: 'Stoppen',
  sessionDelete: 'Löschen',
  cancel: 'Abbrechen',
  sessionConfirmStop: (title) => `„${title}“ stoppen?`,
  sessionConfirmStopDetail: 'Der Agent bricht seinen aktuellen Lauf ab. Die Sitzung bleibt in der Liste.',
  sessionConfirmDelete: (title) => `„${title}“ löschen?`,
  sessionConfirmDeleteDetail:
    'Die Sitzung und ihre Ereignisse werden im Koordinator gelöscht. Das lässt sich nicht rückgängig machen.',
  sessionStopFailed: (message) => `Die Sitzung konnte nicht gestoppt werden: ${message}`,
  sessionDeleteFailed: (message) => `Die Sitzung konnte nicht gelöscht werden: ${message}`,
  sessionDeleteActive:
    'Der Koordinator löscht keine Sitzung, die noch aktiv ist (laufend oder bereit). Stoppe sie zuerst, dann lösche sie.',
  sessionStopped: (title) => `${title} wird gestoppt`,
  sessionDeleted: (title) => `${title} gelöscht`,
  sessionAnnounceNew(count, title) {
    return count === 1 ? `Neue Sitzung: ${title}` : plural(count, 'neue Sitzung', 'neue Sitzungen', this.locale);
  },
  sessionAnnounceMatches(count) {
    return plural(count, 'Sitzung', 'Sitzungen', this.locale);
  },

  lanesLabel: 'Läufe aller Sitzungen im Zeitverlauf',
  lanesSessionHeader: 'Sitzung',
  lanesZoomIn: 'Vergrößern',
  lanesZoomOut: 'Verkleinern',
  lanesFitAll: 'Alles zeigen',
  lanesFollowNow: 'Jetzt folgen',
  lanesTable: 'Tabelle',
  lanesNow: 'jetzt',
  lanesOutcomes: { running: 'läuft', completed: 'beendet', failed: 'fehlgeschlagen', stopped: 'gestoppt' },
  lanesHistoryPending: 'Verlauf wird geladen…',
  lanesHistoryFailed: 'Verlauf nicht verfügbar',
  lanesNoRuns: 'noch keine Läufe',
  lanesTools(count) {
    return plural(count, 'Werkzeug', 'Werkzeuge', this.locale);
  },
  lanesErrors(count) {
    return plural(count, 'Fehler', 'Fehler', this.locale);
  },
  lanesRunName(r) {
    const kind = r.kind === 'start' ? this.runStarted : this.runResumed;
    const parts = [`${this.runNumber(r.index)} (${kind})`, r.outcome, r.start, r.duration, this.lanesTools(r.tools)];
    if (r.errors) parts.push(this.lanesErrors(r.errors));
    return parts.filter(Boolean).join(', ');
  },
  lanesActivity(tools, messages, errors) {
    return `Aktivität im Ausschnitt: ${plural(tools, 'Werkzeugaufruf', 'Werkzeugaufrufe', this.locale)}, ${plural(messages, 'Nachricht', 'Nachrichten', this.locale)}, ${plural(errors, 'Fehler', 'Fehler', this.locale)}`;
  },
  lanesCategories: { tool: 'Werkzeuge', message: 'Nachrichten', error: 'Fehler' },
  lanesColumns: {
    session: 'Sitzung',
    run: 'Lauf',
    kind: 'Start oder Fortsetzung',
    start: 'Gestartet',
    duration: 'Dauer',
    tools: 'Werkzeuge',
    errors: 'Fehler',
    outcome: 'Ergebnis',
    prompt: 'Auftrag',
  },
  lanesKeyboardHint:
    'Pfeiltasten wechseln zwischen Sitzungen und Läufen; Eingabe wählt aus; + und − zoomen; Umschalt mit den Pfeiltasten, Bild auf und Bild ab verschieben; auf der Zeitachse verschieben die Pfeiltasten.',
  lanesAxisLabel: 'Zeitfenster',
  lanesAxisValue: (from, to) => `${from} bis ${to}`,
};

const chat: ChatStrings = {
  logLabel: 'Unterhaltung',
  inputLabel: 'Nachricht an den Agenten',
  placeholder: 'Frag den Agenten…',
  placeholderBusy: 'Der Agent arbeitet – du kannst deine nächste Nachricht schon schreiben',
  send: 'Senden',
  sending: 'Sende…',
  stop: 'Stopp',
  stopping: 'Stoppe…',
  newChat: 'Neuer Chat',
  you: 'Du',
  assistant: 'Agent',
  prompt: 'Prompt',
  otherPrompt: 'Aus einem anderen Fenster gesendet',
  otherPromptTitle: 'Nicht aus diesem Chat gesendet: ein anderes Fenster oder ein Rückruf eines Unteragenten',
  notSent: 'Nicht gesendet',
  working: 'Der Agent arbeitet…',
  waitingForAgent: 'Warte auf den Start des Agenten…',
  noReply: 'Der Lauf endete ohne Antwort.',
  runFailed: (error) => (error ? `Der Lauf ist fehlgeschlagen: ${error}` : 'Der Lauf ist fehlgeschlagen.'),
  runStopped: 'Der Lauf wurde gestoppt.',
  sendFailed: (message, status) => `Senden fehlgeschlagen${status ? ` (HTTP ${status})` : ''}: ${message}`,
  networkError: 'der Koordinator war nicht erreichbar',
  retry: 'Erneut versuchen',
  edit: 'Bearbeiten',
  runResult: 'Ergebnis des Laufs',
  toolCalls(count) {
    return `${formatCount(count, this.locale)} ${count === 1 ? 'Werkzeugaufruf' : 'Werkzeugaufrufe'}`;
  },
  toolDetails: (name, status) => `${name}, ${status}`,
  jumpToLatest: 'Neue Nachrichten – zur neuesten springen',
  sessionEnded: 'Diese Sitzung ist beendet: deine nächste Nachricht beginnt eine neue.',
  sessionNotFound: 'Der Koordinator kennt diese Sitzung nicht: deine nächste Nachricht beginnt eine neue.',
  notFoundHint: 'Deine nächste Nachricht beginnt eine neue Sitzung.',
  newSessionDivider: 'In einer neuen Sitzung fortgesetzt',
  agentLabel: 'Agent',
  defaultAgent: 'Standard-Agent',
  agentsUnavailable: 'Agenten konnten nicht geladen werden',
  empty: 'Schreib eine Nachricht, um eine Unterhaltung zu beginnen.',
  loadingHistory: 'Lade die Unterhaltung…',
  historyError: (message) => `Die Unterhaltung konnte nicht geladen werden: ${message}`,
  stopFailed: (message) => `Der Agent konnte nicht gestoppt werden: ${message}`,
  noCoordinator: 'Kein Koordinator: setze das Attribut src.',
  sessionLabel: (sessionId) => `Sitzung ${sessionId}`,
  keyboardHint: 'Enter zum Senden, Umschalt+Enter für eine neue Zeile',
};

/** The German translation (registered on import; exported to extend or adapt it). */
export const de: Translation = { strings, chat };

registerTranslation('de', de);
