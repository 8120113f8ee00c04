import type { Session } from 'coordinator-elements';
import { busyStateOf } from 'coordinator-elements';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function ago(iso: string | null, now: number): string {
  if (!iso) return '';
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(seconds)) return iso;
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(Math.round(seconds), 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

export interface SessionListProps {
  sessions: readonly Session[];
  selectedId: string | null;
  onSelect(sessionId: string): void;
  now: number;
}

/** The coordinator's sessions, newest first: status, agent, created time; click to open one. */
export function SessionList({ sessions, selectedId, onSelect, now }: SessionListProps) {
  if (!sessions.length) return <p className="empty">No sessions yet. Start one with “New chat”.</p>;
  return (
    <ul className="session-list">
      {sessions.map((s) => {
        const busy = busyStateOf(s.status) === 'busy';
        return (
          <li key={s.sessionId}>
            <button
              type="button"
              className="session"
              data-session-id={s.sessionId}
              aria-current={s.sessionId === selectedId ? 'true' : undefined}
              onClick={() => onSelect(s.sessionId)}
            >
              <span className={busy ? 'live-dot live' : 'live-dot'} aria-hidden="true" />
              <span className="agent">{s.agentName ?? 'default agent'}</span>
              <span className="status" data-status={s.status}>
                {s.status}
              </span>
              <span className="id">{s.sessionId}</span>
              <time className="created" dateTime={s.createdAt ?? undefined} title={s.createdAt ?? undefined}>
                created {ago(s.createdAt, now)}
              </time>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
