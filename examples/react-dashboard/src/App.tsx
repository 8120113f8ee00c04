/**
 * The dashboard: the coordinator's sessions on the left (a <session-list>, live), the selected one on
 * the right under <run-swimlanes> (every session's runs; its lane highlighted, picking a run shows its
 * session) as an <event-timeline> and a <chat-panel> side by side, with Stop and New chat. One shared
 * client feeds the list and both elements (their `client` property), so the page holds one SSE stream.
 */
import { useCallback, useRef, useState } from 'react';
import { busyStateOf, type ConnectionState, type CoordinatorEvent } from 'coordinator-elements';
import {
  ChatPanel,
  EventTimeline,
  RunSwimlanes,
  SessionList,
  type EventTimelineElement,
  type RunSelectDetail,
  type ChatAnswerDetail,
  type ChatErrorDetail,
  type ChatMessageSentDetail,
  type ChatSessionChangeDetail,
  type EventSelectDetail,
  type SessionSelectDetail,
} from 'coordinator-elements/react';
import type { CoordinatorConfig } from './config.js';
import { useConnection, useCoordinatorClient, useSessions, useTitle } from './hooks.js';

interface Activity {
  id: number;
  kind: 'sent' | 'answer' | 'error';
  text: string;
}

const CONNECTION_LABELS: Record<ConnectionState['status'], string> = {
  idle: 'not connected',
  connecting: 'connecting…',
  open: 'live',
  reconnecting: 'reconnecting…',
  'auth-error': 'not authorized',
  offline: 'offline',
  closed: 'closed',
};

let activityId = 0;

function firstLine(text: string | null): string {
  const line = (text ?? '').split('\n').find((l) => l.trim()) ?? '';
  return line.replace(/^#+\s*/, '').slice(0, 120);
}

export function App({ config }: { config: CoordinatorConfig }) {
  const client = useCoordinatorClient(config.src);
  const sessions = useSessions(client);
  const connection = useConnection(client);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** "New chat": the panel has no session until its first message starts one. */
  const [newChat, setNewChat] = useState(false);
  const [selectedEvent, setSelectedEvent] = useState<CoordinatorEvent | null>(null);
  const [activity, setActivity] = useState<Activity[]>([]);
  const [stopping, setStopping] = useState<string | null>(null);
  const [stopError, setStopError] = useState<string | null>(null);

  const shownId = newChat ? null : selectedId;
  const selected = sessions.find((s) => s.sessionId === selectedId) ?? null;
  const current = newChat ? null : selected;
  // Stop is refused once a session has ended (stopped, failed) and while it is stopping.
  const canStop = !!client && !!current && busyStateOf(current.status) !== 'ended' && current.status !== 'stopping';

  const log = useCallback((kind: Activity['kind'], text: string) => {
    setActivity((list) => [{ id: ++activityId, kind, text }, ...list].slice(0, 6));
  }, []);

  const select = useCallback((sessionId: string) => {
    setSelectedId(sessionId);
    setNewChat(false);
    setSelectedEvent(null);
    setStopError(null);
  }, []);

  const startNewChat = useCallback(() => {
    setNewChat(true);
    setSelectedEvent(null);
    setStopError(null);
  }, []);

  async function stop() {
    if (!client || !current) return;
    const id = current.sessionId;
    setStopping(id);
    setStopError(null);
    try {
      await client.stopSession(id);
    } catch (error) {
      setStopError(error instanceof Error ? error.message : String(error));
    } finally {
      setStopping((s) => (s === id ? null : s));
    }
  }

  // The panel moves to the session its first message started, or leaves it with its own "New chat".
  const onSessionChange = useCallback(
    (e: CustomEvent<ChatSessionChangeDetail>) => {
      if (e.detail.sessionId) select(e.detail.sessionId);
      else startNewChat();
    },
    [select, startNewChat],
  );
  const onMessageSent = useCallback(
    (e: CustomEvent<ChatMessageSentDetail>) => log('sent', `Sent “${e.detail.prompt}” to ${e.detail.sessionId}`),
    [log],
  );
  const onAnswer = useCallback(
    (e: CustomEvent<ChatAnswerDetail>) =>
      log(
        'answer',
        `Answer in ${e.detail.sessionId}: ${firstLine(e.detail.text ?? e.detail.resultText) || '(no text)'}`,
      ),
    [log],
  );
  const onError = useCallback(
    (e: CustomEvent<ChatErrorDetail>) => log('error', `${e.detail.kind} failed: ${e.detail.message}`),
    [log],
  );
  const onEventSelect = useCallback((e: CustomEvent<EventSelectDetail>) => setSelectedEvent(e.detail.event), []);
  const onSessionSelect = useCallback((e: CustomEvent<SessionSelectDetail>) => select(e.detail.sessionId), [select]);
  const timeline = useRef<EventTimelineElement>(null);
  // A run picked in the swimlanes: its session in the timeline, scrolled to that run (once a session
  // that was not shown has loaded: onLoad).
  const pendingRun = useRef<number | null>(null);
  const onRunSelect = useCallback(
    (e: CustomEvent<RunSelectDetail>) => {
      const { sessionId, runIndex } = e.detail;
      if (sessionId === shownId) void timeline.current?.scrollToRun(runIndex);
      else {
        pendingRun.current = runIndex;
        select(sessionId);
      }
    },
    [select, shownId],
  );
  const onTimelineLoad = useCallback(() => {
    const run = pendingRun.current;
    pendingRun.current = null;
    if (run !== null) void timeline.current?.scrollToRun(run);
  }, []);
  // The list's title for the session shown: its first prompt, else its agent.
  const title = useTitle(client, current);

  return (
    <div className="app">
      <header className="top">
        <h1>Agent sessions</h1>
        <span className="connection" data-status={connection.status}>
          {CONNECTION_LABELS[connection.status]}
        </span>
        <code className="coordinator-url">{config.base}</code>
      </header>

      <main className="layout">
        <aside className="sessions" aria-labelledby="sessions-title">
          <div className="panel-head">
            <h2 id="sessions-title">Sessions</h2>
            <button type="button" className="button" onClick={startNewChat}>
              New chat
            </button>
          </div>
          <SessionList
            client={client}
            selectedSession={shownId}
            label="Sessions of the coordinator"
            onSessionSelect={onSessionSelect}
          />
        </aside>

        <section className="detail" aria-labelledby="detail-title">
          <div className="panel-head">
            <h2 id="detail-title">{newChat ? 'New chat' : current ? title : 'Select a session'}</h2>
            <span className="detail-meta">
              {newChat
                ? 'the first message starts a session'
                : current
                  ? `${current.sessionId} · ${current.status}`
                  : (shownId ?? '')}
            </span>
            <button
              type="button"
              className="button stop"
              disabled={!canStop || stopping === current?.sessionId}
              onClick={stop}
            >
              {stopping && stopping === current?.sessionId ? 'Stopping…' : 'Stop'}
            </button>
          </div>
          {stopError ? (
            <p className="problem" role="alert">
              Stop failed: {stopError}
            </p>
          ) : null}

          <RunSwimlanes
            client={client}
            selectedSession={shownId}
            label="Runs of all sessions over time"
            className="lanes"
            onRunSelect={onRunSelect}
          />

          <div className="panes">
            <div className="pane">
              <h3 className="pane-title">Timeline</h3>
              <EventTimeline
                ref={timeline}
                client={client}
                sessionId={shownId}
                label="Events of the selected session"
                onEventSelect={onEventSelect}
                onLoad={onTimelineLoad}
              />
              {selectedEvent ? (
                <div className="selected-event">
                  <h4>Selected event</h4>
                  {/* The raw tag: React 19 sets `event` and `expanded` as properties (React 18 would not). */}
                  <event-card event={selectedEvent} expanded />
                </div>
              ) : null}
            </div>
            <div className="pane">
              <h3 className="pane-title">Chat</h3>
              <ChatPanel
                client={client ?? undefined}
                sessionId={shownId}
                // A new chat starts with the agent of the session last selected; the picker changes it.
                agent={selected?.agentName ?? ''}
                agentPicker
                onSessionChange={onSessionChange}
                onMessageSent={onMessageSent}
                onAnswer={onAnswer}
                onError={onError}
              />
              <ol className="activity" aria-label="Chat activity" aria-live="polite">
                {activity.map((a) => (
                  <li key={a.id} data-kind={a.kind}>
                    {a.text}
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </section>
      </main>
    </div>
  );
}
