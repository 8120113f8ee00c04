/**
 * Every user-visible English string of `<chat-panel>` in one object. Other languages come from
 * `registerTranslation(lang, { chat: {...} })` (e.g. `coordinator-elements/locales/de.js`) and the
 * panel's `lang`; one panel's `strings` property is merged on top. Labels shared with the other
 * elements (connection states, copy, input/output/error, "show more") are the shared strings, so
 * one translation covers both.
 *
 * Functions receive values and return the finished phrase (plural rules and word order stay with
 * the translator).
 */
import { formatCount } from './format.js';
import { localeGeneration, registerTranslation, translationsFor } from './translations.js';
import type { ChatStrings } from './types.js';

export type { ChatStrings };

export const chatStrings: ChatStrings = {
  logLabel: 'Conversation',
  inputLabel: 'Message to the agent',
  placeholder: 'Ask the agent…',
  placeholderBusy: 'The agent is working — you can type your next message',
  send: 'Send',
  sending: 'Sending…',
  stop: 'Stop',
  stopping: 'Stopping…',
  newChat: 'New chat',
  you: 'You',
  assistant: 'Agent',
  prompt: 'Prompt',
  otherPrompt: 'Sent from another window',
  otherPromptTitle: 'Not sent from this chat: another window, or a callback from a child agent',
  notSent: 'Not sent',
  working: 'The agent is working…',
  waitingForAgent: 'Waiting for the agent to start…',
  noReply: 'The run finished without a reply.',
  runFailed: (error) => (error ? `The run failed: ${error}` : 'The run failed.'),
  runStopped: 'The run was stopped.',
  sendFailed: (message, status) => `Could not send${status ? ` (HTTP ${status})` : ''}: ${message}`,
  networkError: 'the coordinator could not be reached',
  retry: 'Retry',
  edit: 'Edit',
  runResult: 'Run result',
  toolCalls(count) {
    return `${formatCount(count, this.locale)} tool ${count === 1 ? 'call' : 'calls'}`;
  },
  toolDetails: (name, status) => `${name}, ${status}`,
  jumpToLatest: 'New messages — jump to latest',
  sessionEnded: 'This session has ended: your next message starts a new one.',
  sessionNotFound: 'The coordinator does not know this session: your next message starts a new one.',
  notFoundHint: 'Your next message starts a new session.',
  newSessionDivider: 'Continued in a new session',
  agentLabel: 'Agent',
  defaultAgent: 'Default agent',
  agentsUnavailable: 'Agents could not be loaded',
  empty: 'Send a message to start a conversation.',
  loadingHistory: 'Loading the conversation…',
  historyError: (message) => `The conversation could not be loaded: ${message}`,
  stopFailed: (message) => `Could not stop the agent: ${message}`,
  noCoordinator: 'No coordinator: set the src attribute.',
  sessionLabel: (sessionId) => `Session ${sessionId}`,
  keyboardHint: 'Enter to send, Shift+Enter for a new line',
};

/** The chat strings for a language (English where it has no word), with `locale` = `lang`. */
export function chatStringsFor(lang: string | undefined): ChatStrings & { locale?: string } {
  const key = lang ?? '';
  const hit = cache.get(key);
  if (hit && hit.generation === localeGeneration()) return hit.strings;
  const result: ChatStrings & { locale?: string } = { ...chatStrings, locale: lang };
  for (const t of translationsFor(lang)) Object.assign(result, t.chat);
  cache.set(key, { generation: localeGeneration(), strings: result });
  return result;
}

const cache = new Map<string, { generation: number; strings: ChatStrings & { locale?: string } }>();

/** Replaces some English chat strings for every panel (same as `registerTranslation('en', { chat })`). */
export function setChatStrings(overrides: Partial<ChatStrings>): void {
  registerTranslation('en', { chat: overrides });
}
