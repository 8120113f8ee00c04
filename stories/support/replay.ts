/**
 * A scripted in-browser source: replays a captured stream frame by frame over time, handing the
 * events seen so far (and the session status) to a callback, the way a host app feeding
 * `<event-timeline>.events` from its own store would.
 */
import type { WireSessionEvent } from '../../src/types/wire.js';
import type { Frame } from '../../test/support/fixtures.js';

export interface ReplayState {
  events: WireSessionEvent[];
  status: string | null;
  /** All frames have been played. */
  done: boolean;
}

export interface ReplayOptions {
  /** Only this session's frames (the first session in the capture when omitted). */
  sessionId?: string;
  /** Delay between frames. */
  intervalMs?: number;
  /** Starts over after a pause once the capture has been played. */
  loop?: boolean;
}

export class FixtureReplay {
  private readonly frames: Frame[];
  private readonly intervalMs: number;
  private readonly loop: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private position = 0;
  private state: ReplayState = { events: [], status: null, done: false };
  private closed = false;

  constructor(frames: Frame[], options: ReplayOptions = {}) {
    const firstSession = frames.map((f) => f.message).find((m) => m.kind === 'session_created' || m.kind === 'event');
    const sessionId =
      options.sessionId ??
      (firstSession?.kind === 'session_created'
        ? firstSession.session.session_id
        : firstSession?.kind === 'event'
          ? firstSession.event.session_id
          : undefined);
    this.frames = frames.filter(({ message: m }) => {
      if (m.kind === 'event') return m.event.session_id === sessionId;
      if (m.kind === 'session_created' || m.kind === 'session_updated') return m.session.session_id === sessionId;
      return false;
    });
    this.intervalMs = options.intervalMs ?? 300;
    this.loop = options.loop ?? false;
  }

  /** Calls `onChange` after every frame that changed something (events are a new array each time). */
  start(onChange: (state: ReplayState) => void): this {
    const tick = () => {
      if (this.closed) return;
      if (this.position >= this.frames.length) {
        this.state = { ...this.state, done: true };
        onChange(this.state);
        if (this.loop) {
          this.timer = setTimeout(() => {
            this.position = 0;
            this.state = { events: [], status: null, done: false };
            onChange(this.state);
            this.timer = setTimeout(tick, this.intervalMs);
          }, this.intervalMs * 10);
        }
        return;
      }
      const { message } = this.frames[this.position++];
      if (message.kind === 'event') this.state = { ...this.state, events: [...this.state.events, message.event] };
      else if (message.kind === 'session_created' || message.kind === 'session_updated') {
        this.state = { ...this.state, status: message.session.status ?? this.state.status };
      }
      onChange(this.state);
      this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, this.intervalMs);
    return this;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
