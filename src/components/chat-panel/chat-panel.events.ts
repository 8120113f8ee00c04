/**
 * The events of `<chat-panel>`: names, `detail` types and the event map, in one place. Its own
 * events, and those of the pieces in its answers (src/pieces/events.ts), which bubble out of it.
 */
import {
  COPY_EVENT,
  MARKDOWN_EXPAND_EVENT,
  handlerNames,
  type CopyDetail,
  type MarkdownExpandDetail,
} from '../../pieces/events.js';

export { COPY_EVENT, MARKDOWN_EXPAND_EVENT, type CopyDetail, type MarkdownExpandDetail };

/** A prompt was accepted by the coordinator (`POST /runs` answered). */
export const MESSAGE_SENT_EVENT = 'ce-message-sent';
/** A run finished while the panel watched it. */
export const ANSWER_EVENT = 'ce-answer';
/** Something the user asked for failed, or the stream refused the credentials. */
export const ERROR_EVENT = 'ce-error';
/** The panel moved to another session. */
export const SESSION_CHANGE_EVENT = 'ce-session-change';

/** `ce-message-sent`: a prompt was accepted by the coordinator (`POST /runs` answered). */
export interface ChatMessageSentDetail {
  sessionId: string;
  runId: string;
  prompt: string;
}

/** `ce-answer`: a run finished with its answer (or without one: `text` null). */
export interface ChatAnswerDetail {
  sessionId: string;
  runIndex: number | null;
  text: string | null;
  resultText: string | null;
  resultData: unknown;
  /** The prompt this panel sent for it, when it was this panel's. */
  prompt: string | null;
}

/** `ce-error`: something the user asked for failed (or the stream refused the credentials). */
export interface ChatErrorDetail {
  kind: 'send' | 'stop' | 'agents' | 'connection' | 'history' | 'client';
  message: string;
  status: number | null;
  /** Field messages of a validation error. */
  fields: string[];
  /** The thrown value, when there was one. */
  error: unknown;
}

/** `ce-session-change`: the panel moved to another session (started one, or "New chat"). */
export interface ChatSessionChangeDetail {
  sessionId: string | null;
  previousSessionId: string | null;
  reason: 'start' | 'new-chat';
}

/** The events of `<chat-panel>`, by name. */
export interface ChatPanelEventMap {
  'ce-message-sent': CustomEvent<ChatMessageSentDetail>;
  'ce-answer': CustomEvent<ChatAnswerDetail>;
  'ce-error': CustomEvent<ChatErrorDetail>;
  'ce-session-change': CustomEvent<ChatSessionChangeDetail>;
  'ce-copy': CustomEvent<CopyDetail>;
  'ce-markdown-expand': CustomEvent<MarkdownExpandDetail>;
}

/** The panel's events by handler name (`onMessageSent` → `ce-message-sent`), for wrappers such as the React ones. */
export const chatPanelEvents = handlerNames<ChatPanelEventMap>()({
  onMessageSent: MESSAGE_SENT_EVENT,
  onAnswer: ANSWER_EVENT,
  onError: ERROR_EVENT,
  onSessionChange: SESSION_CHANGE_EVENT,
  onCopy: COPY_EVENT,
  onMarkdownExpand: MARKDOWN_EXPAND_EVENT,
});

declare global {
  interface HTMLElementEventMap {
    'ce-message-sent': CustomEvent<ChatMessageSentDetail>;
    'ce-answer': CustomEvent<ChatAnswerDetail>;
    'ce-error': CustomEvent<ChatErrorDetail>;
    'ce-session-change': CustomEvent<ChatSessionChangeDetail>;
  }
}
