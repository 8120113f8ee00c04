/**
 * The chat's conversation model, without DOM: a watched session's normalized events and runs, its
 * busy state and this panel's own sends → the list of bubbles to draw.
 *
 * Rules (docs/protocol.md §7, §9, §11, §12):
 * - A send shows its user bubble at once, anchored to the run it triggered. The executor's echo of
 *   the prompt (a `message` with role `user`, often seconds later) is matched to the send by text,
 *   never by a time window, so it never makes a second bubble.
 * - Any other user message is shown where it happened: as sent from elsewhere (another window, a
 *   child agent's callback) when it arrived while this panel watched the session (`knownFrom`), else
 *   neutrally (a history's prompts may be anyone's, this user's included).
 * - Each run gets one assistant bubble: its assistant messages (markdown), its tool calls as chips,
 *   its `result` (`result_text` only when it differs from the message text, `result_data` as a block)
 *   and its outcome. Bubbles still working are always drawn last, so prompts arriving during a run
 *   appear before the pending answer.
 *
 * Pure and deterministic: the same input gives the same output.
 */
import type { BusyState, CoordinatorEvent, EventGap, Run, Session } from '../../types/model.js';
import { runFailureReason } from '../../model/run-failure.js';

/** Why a `POST /runs` failed, in a form the bubble can show. */
export interface SendError {
  /** Main line: the server's `detail` or the network error. */
  message: string;
  /** HTTP status; `null` when there was no answer (network, CORS, timeout). */
  status: number | null;
  /** `detail.error` of an object detail, e.g. `parameter_validation_failed`. */
  code: string | null;
  /** One line per invalid field (`parameter_validation_failed`, FastAPI 422 lists). */
  fields: string[];
}

export type SendStatus = 'sending' | 'sent' | 'error';

/** One prompt sent from this panel. */
export interface ChatSend {
  /** Local id, unique within the panel. */
  id: string;
  prompt: string;
  kind: 'start' | 'resume';
  /** The session it went to; `null` until a `start_session` answers. */
  sessionId: string | null;
  /** Highest run index the session had when this was sent (0 for a new session). */
  afterRunIndex: number;
  status: SendStatus;
  /** `run_id` from the `POST /runs` answer. */
  runId: string | null;
  error: SendError | null;
}

export type UserBubbleStatus = 'sending' | 'sent' | 'echoed' | 'error';

export interface UserBubble {
  kind: 'user';
  key: string;
  text: string;
  /**
   * `self`: sent from this panel; `other`: arrived while the panel watched, and not its own (another
   * window, a callback); `unknown`: history, who sent it is not known.
   */
  origin: 'self' | 'other' | 'unknown';
  sendId: string | null;
  /** Delivery state of a `self` prompt (`echoed` once the executor repeated it); null for `other`. */
  status: UserBubbleStatus | null;
  /** Epoch ms of the message (executor time); null for a prompt not yet echoed. */
  time: number | null;
}

export type ToolChipStatus = 'ok' | 'failed' | 'running' | 'unknown';

export interface ToolChip {
  key: string;
  kind: 'tool' | 'hook';
  name: string;
  status: ToolChipStatus;
  input: Record<string, unknown> | null;
  output: unknown;
  error: string | null;
  exitCode: number | null;
}

/**
 * - `sending`: the `POST /runs` is in flight
 * - `error`: it failed (see `sendError`); the prompt can be retried
 * - `waiting`: accepted, the run has not started yet
 * - `working`: the run is running
 * - `done`: completed with an answer; `empty`: completed without one
 * - `failed` / `stopped`: the run ended early (see `failure`)
 */
export type AssistantState = 'sending' | 'error' | 'waiting' | 'working' | 'done' | 'empty' | 'failed' | 'stopped';

export interface AssistantBubble {
  kind: 'assistant';
  key: string;
  sessionId: string | null;
  /** The run (1-based) this bubble shows; null before the run started or for events outside runs. */
  runIndex: number | null;
  /** The panel's send that asked for this answer, if any. */
  sendId: string | null;
  state: AssistantState;
  /** The answer's markdown (assistant messages joined), else the result's text. */
  text: string | null;
  /** `result_text` when it says something the message text does not; null otherwise. */
  resultText: string | null;
  /** `result_data` of the run's result (null when none). */
  resultData: unknown;
  tools: ToolChip[];
  /** Why the run failed, when known (`runFailureReason`: run_failed, the session's error, a tool's). */
  failure: string | null;
  sendError: SendError | null;
  /** Epoch ms of the last event shown in the bubble. */
  time: number | null;
  /** Bytes the session's byte budget cut from the bubble's events (only a preview of them is shown). */
  droppedBytes: number;
}

/** Drawn between the bubbles of an earlier session and a new one. */
export interface DividerBubble {
  kind: 'divider';
  key: string;
  reason: 'new-session';
  /** The session that starts below the divider (null until known). */
  sessionId: string | null;
}

/** Where events may be missing (the server's capped history could not give them back). */
export interface GapBubble {
  kind: 'gap';
  key: string;
  gap: EventGap;
}

export type ChatBubble = UserBubble | AssistantBubble | DividerBubble | GapBubble;

export interface ConversationInput {
  /** The watched session (null: a fresh chat). */
  sessionId: string | null;
  session: Session | null;
  /** `null` while no session is watched. */
  busy: BusyState | null;
  events: readonly CoordinatorEvent[];
  runs: readonly Run[];
  /** This panel's sends for this conversation, oldest first. */
  sends: readonly ChatSend[];
  /**
   * Events with a higher `seq` arrived while the panel watched: a prompt among them that is not one
   * of its sends came from elsewhere. 0: the panel watched from the start; default Infinity (none).
   */
  knownFrom?: number;
  /** Where events may be missing: a gap bubble follows the turn its first event belongs to. */
  gaps?: readonly EventGap[];
}

export interface Conversation {
  bubbles: ChatBubble[];
  /** A reply is outstanding (a send in flight or waiting, or a run working). */
  waiting: boolean;
  /** Ids of sends whose echo was seen. */
  echoed: ReadonlySet<string>;
}

const PENDING_STATES: ReadonlySet<AssistantState> = new Set(['sending', 'waiting', 'working']);

/** True while a bubble still expects content (typing indicator). */
export function isPending(state: AssistantState): boolean {
  return PENDING_STATES.has(state);
}

/** True when a bubble is finished with an answer or without one (not failed/stopped). */
export function isAnswered(state: AssistantState): boolean {
  return state === 'done' || state === 'empty';
}

/** Identifies an answer across snapshots: its session and run, or its bubble when it has no run yet. */
export function answerId(b: AssistantBubble): string {
  return b.runIndex !== null ? `${b.sessionId ?? ''}#${b.runIndex}` : b.key;
}

/**
 * The answers of `conversation` not in `announced` yet (which this adds them to), each with the send
 * it answers. An answer whose `POST /runs` has not been answered yet waits: a fast run can finish
 * before the request returns, and its answer is reported after the message was sent, not before.
 */
export function newAnswers(
  conversation: Conversation,
  announced: Set<string>,
  sends: readonly ChatSend[],
): { bubble: AssistantBubble; send: ChatSend | undefined }[] {
  const out: { bubble: AssistantBubble; send: ChatSend | undefined }[] = [];
  for (const b of conversation.bubbles) {
    if (b.kind !== 'assistant' || !isAnswered(b.state)) continue;
    const id = answerId(b);
    if (announced.has(id)) continue;
    const send = b.sendId ? sends.find((s) => s.id === b.sendId) : undefined;
    if (send?.status === 'sending') continue;
    announced.add(id);
    out.push({ bubble: b, send });
  }
  return out;
}

/**
 * Which answers are news, across the snapshots of one conversation: an opened session's answers are
 * its history (not news) once its first load is in; every later answer is reported once, after its
 * request was answered (`newAnswers`).
 */
export class AnswerLog {
  #announced = new Set<string>();
  #baseline = false;

  /** Starts over; `opened`: a session with a history is being opened. */
  reset(opened: boolean): void {
    this.#announced = new Set();
    this.#baseline = opened;
  }

  /** The opened session's first load is not in yet (its answers are still to be taken as history). */
  get opening(): boolean {
    return this.#baseline;
  }

  /** The session's answers from now on are news (a session this panel started). */
  startFresh(): void {
    this.#baseline = false;
  }

  /** The answers of `conversation` to report now. */
  news(
    conversation: Conversation,
    sends: readonly ChatSend[],
    loaded: boolean,
  ): { bubble: AssistantBubble; send: ChatSend | undefined }[] {
    if (!this.#baseline) return newAnswers(conversation, this.#announced, sends);
    if (loaded) {
      newAnswers(conversation, this.#announced, []);
      this.#baseline = false;
    }
    return [];
  }
}

/**
 * Text as compared for echo matching and result dedup: executors may add or drop surrounding
 * whitespace and change line endings, so whitespace runs compare equal.
 */
export function comparableText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * What a send does next: `start` a session when there is none or it has ended, `resume` when it is
 * ready (idle, or `finished` on a rename-era coordinator), nothing (`null`) while it is busy.
 */
export function nextSendKind(sessionId: string | null, busy: BusyState | null): 'start' | 'resume' | null {
  if (!sessionId || busy === 'ended') return 'start';
  if (busy === 'ready') return 'resume';
  return null;
}

/** Highest run index of a session (0 when it has no runs yet). */
export function lastRunIndex(runs: readonly Run[]): number {
  let max = 0;
  for (const run of runs) if (run.index > max) max = run.index;
  return max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Any thrown value from a client call → `SendError`. Reads the client's `CoordinatorError`
 * (`status`, `detail`, `code`, `fieldMessages`) by shape, so errors from a host's own client work too.
 */
export function describeSendError(error: unknown): SendError {
  if (isObject(error) || error instanceof Error) {
    const e = error as Record<string, unknown>;
    const rawStatus = typeof e.status === 'number' ? e.status : null;
    // The client reports "no answer" as status 0.
    const status = rawStatus ? rawStatus : null;
    const fields = Array.isArray(e.fieldMessages)
      ? e.fieldMessages.filter((f): f is string => typeof f === 'string')
      : [];
    const code = typeof e.code === 'string' ? e.code : null;
    let message = typeof e.message === 'string' ? e.message : '';
    if (!message && typeof e.detail === 'string') message = e.detail;
    // A bare TypeError from fetch says "Failed to fetch": keep it, the element adds context.
    if (!message) message = status ? `HTTP ${status}` : 'Network error';
    return { message, status, code, fields };
  }
  return {
    message: typeof error === 'string' && error ? error : 'Unknown error',
    status: null,
    code: null,
    fields: [],
  };
}

// ---------------------------------------------------------------------------------------------

interface Accumulator {
  key: string;
  run: Run | null;
  sendId: string | null;
  texts: string[];
  tools: ToolChip[];
  /** Open `pre_tool` chips by tool name, waiting for their `post_tool`. */
  openPre: Map<string, ToolChip[]>;
  resultText: string | null;
  resultData: unknown;
  hasAnswerContent: boolean;
  hasCompletionMarker: boolean;
  time: number | null;
  droppedBytes: number;
  /** Stream position of the last event that fed the bubble (-1: none yet). */
  lastPosition: number;
}

interface Segment {
  run: Run | null;
  /** User bubbles with their stream position (-1 for this panel's sends: they come first). */
  users: { position: number; bubble: UserBubble }[];
  acc: Accumulator | null;
  /** Gaps after an event of this turn: drawn after it. */
  gaps?: GapBubble[];
}

function isUserMessage(event: CoordinatorEvent): boolean {
  return event.type === 'message' && event.role === 'user';
}

function isAssistantMessage(event: CoordinatorEvent): boolean {
  // Messages without a role come from executors that only report the agent's side.
  return event.type === 'message' && (event.role === 'assistant' || event.role === null);
}

function isChatContent(event: CoordinatorEvent): boolean {
  if (isAssistantMessage(event)) return true;
  switch (event.type) {
    case 'pre_tool':
    case 'post_tool':
    case 'result':
      return true;
    default:
      // Only hooks that went wrong matter in a chat; successful lifecycle hooks are noise here.
      return event.type.startsWith('hook_') && event.failed;
  }
}

function finiteOrNull(time: number): number | null {
  return Number.isFinite(time) ? time : null;
}

function newAccumulator(key: string, run: Run | null, sendId: string | null): Accumulator {
  return {
    key,
    run,
    sendId,
    texts: [],
    tools: [],
    openPre: new Map(),
    resultText: null,
    resultData: null,
    hasAnswerContent: false,
    hasCompletionMarker: false,
    time: null,
    droppedBytes: 0,
    lastPosition: -1,
  };
}

function chipOf(event: CoordinatorEvent, kind: ToolChip['kind'], status: ToolChipStatus): ToolChip {
  return {
    key: event.key,
    kind,
    name: event.toolName ?? event.type,
    status,
    input: event.toolInput,
    output: event.toolOutput,
    error: event.error,
    exitCode: event.exitCode,
  };
}

function addToAccumulator(acc: Accumulator, event: CoordinatorEvent): void {
  const time = finiteOrNull(event.time);
  if (time !== null) acc.time = time;
  acc.droppedBytes += event.droppedBytes ?? 0;
  if (isAssistantMessage(event)) {
    if (event.text !== null && event.text.trim() !== '') {
      acc.texts.push(event.text);
      acc.hasAnswerContent = true;
    }
    return;
  }
  switch (event.type) {
    case 'pre_tool': {
      const chip = chipOf(event, 'tool', event.failed ? 'failed' : 'running');
      acc.tools.push(chip);
      const name = chip.name;
      const list = acc.openPre.get(name) ?? [];
      list.push(chip);
      acc.openPre.set(name, list);
      return;
    }
    case 'post_tool': {
      const status: ToolChipStatus = event.failed ? 'failed' : 'ok';
      const name = event.toolName ?? event.type;
      const open = acc.openPre.get(name);
      const pre = open?.shift();
      if (pre) {
        // One call reported twice (before and after): the chip keeps its place and takes the result.
        const merged = chipOf(event, 'tool', status);
        merged.key = pre.key;
        merged.input = event.toolInput ?? pre.input;
        acc.tools[acc.tools.indexOf(pre)] = merged;
      } else {
        acc.tools.push(chipOf(event, 'tool', status));
      }
      return;
    }
    case 'result':
      if (event.resultText !== null) acc.resultText = event.resultText;
      if (event.resultData !== null && event.resultData !== undefined) acc.resultData = event.resultData;
      if (event.resultText !== null || (event.resultData !== null && event.resultData !== undefined)) {
        acc.hasAnswerContent = true;
      }
      return;
    default:
      acc.tools.push(chipOf(event, 'hook', 'failed'));
  }
}

/**
 * The state of a run's bubble. `deriveRuns` closes the last run by the session status; a run of
 * ours whose `run_start` arrived before `session_updated(running)` would look "completed" while the
 * status is still the previous turn's `idle`, so such a run counts as done only with a completion
 * marker or an answer.
 */
function runState(acc: Accumulator, run: Run, isLastRun: boolean, input: ConversationInput): AssistantState {
  const status = input.session?.status ?? null;
  switch (run.outcome) {
    case 'failed':
      return 'failed';
    case 'stopped':
      return 'stopped';
    case 'running':
      if (!isLastRun) return 'done';
      if (status === 'failed') return 'failed';
      if (status === 'stopped') return 'stopped';
      return 'working';
    case 'completed':
    default:
      if (
        isLastRun &&
        acc.sendId !== null &&
        !acc.hasCompletionMarker &&
        !acc.hasAnswerContent &&
        input.busy !== 'ended'
      ) {
        return 'working';
      }
      return 'done';
  }
}

function finishAccumulator(
  acc: Accumulator,
  state: AssistantState,
  input: ConversationInput,
  sendsById: ReadonlyMap<string, ChatSend>,
  isLastRun: boolean,
): AssistantBubble {
  let text: string | null = acc.texts.length ? acc.texts.join('\n\n') : null;
  let resultText = acc.resultText;
  if (resultText !== null) {
    const comparable = comparableText(resultText);
    if (comparable === '') resultText = null;
    else if (text === null) {
      // No message: the result's text is the answer.
      text = resultText;
      resultText = null;
    } else if (comparable === comparableText(text) || acc.texts.some((t) => comparableText(t) === comparable)) {
      resultText = null;
    }
  }
  if (state === 'done' && text === null && resultText === null && acc.resultData === null) state = 'empty';

  let failure: string | null = null;
  if (state === 'failed' && acc.run) {
    const send = acc.sendId ? sendsById.get(acc.sendId) : undefined;
    failure = runFailureReason({ ...acc.run, outcome: 'failed' }, input.session, {
      last: isLastRun,
      runId: send?.runId ?? null,
    });
  }

  const pending = isPending(state);
  const tools = acc.tools.map((chip) =>
    chip.status === 'running' && !pending ? { ...chip, status: 'unknown' as ToolChipStatus } : chip,
  );

  return {
    kind: 'assistant',
    key: acc.key,
    sessionId: acc.run?.sessionId ?? input.sessionId,
    runIndex: acc.run?.index ?? null,
    sendId: acc.sendId,
    state,
    text,
    resultText,
    resultData: acc.resultData,
    tools,
    failure,
    sendError: null,
    time: acc.time,
    droppedBytes: acc.droppedBytes,
  };
}

function userBubbleForSend(send: ChatSend, echoTime: number | null, echoed: boolean): UserBubble {
  return {
    kind: 'user',
    key: `send:${send.id}`,
    text: send.prompt,
    origin: 'self',
    sendId: send.id,
    status: echoed ? 'echoed' : send.status,
    time: echoTime,
  };
}

/** Builds the bubbles of one session's conversation. */
export function buildConversation(input: ConversationInput): Conversation {
  const { events, runs, sends } = input;
  const sendsById = new Map(sends.map((s) => [s.id, s]));

  const runOf = new Map<string, Run>();
  for (const run of runs) for (const e of run.events) runOf.set(e.key, run);
  const lastRun = runs.length ? runs[runs.length - 1] : null;

  // 1. Echoes: each user message is matched to the oldest unmatched send with the same text that
  //    was sent before the message's run started (an older turn with equal words stays its own).
  const echoOf = new Map<string, ChatSend>(); // event key → send
  const echoEvent = new Map<string, CoordinatorEvent>(); // send id → event
  const unmatched = sends.slice();
  let position = 0;
  for (const event of events) {
    const run = runOf.get(event.key);
    // Events outside every run sit just after the last run seen.
    position = run ? run.index : Math.floor(position) + 0.5;
    if (!isUserMessage(event) || event.text === null || unmatched.length === 0) continue;
    const text = comparableText(event.text);
    if (text === '') continue;
    const i = unmatched.findIndex(
      (s) => s.sessionId === event.sessionId && position > s.afterRunIndex && comparableText(s.prompt) === text,
    );
    if (i < 0) continue;
    const send = unmatched[i];
    unmatched.splice(i, 1);
    echoOf.set(event.key, send);
    echoEvent.set(send.id, event);
  }

  // 2. Anchors: a send belongs to the run its echo is in; before the echo, to the first run that
  //    started after it was sent and that no other send claims.
  const anchorRun = new Map<string, Run>(); // send id → run
  const sendOfRun = new Map<Run, ChatSend>();
  for (const send of sends) {
    const event = echoEvent.get(send.id);
    const run = event ? runOf.get(event.key) : undefined;
    if (run && !sendOfRun.has(run)) {
      anchorRun.set(send.id, run);
      sendOfRun.set(run, send);
    }
  }
  for (const send of sends) {
    if (anchorRun.has(send.id) || send.status === 'error' || send.sessionId === null) continue;
    const run = runs.find((r) => r.sessionId === send.sessionId && r.index > send.afterRunIndex && !sendOfRun.has(r));
    if (run) {
      anchorRun.set(send.id, run);
      sendOfRun.set(run, send);
    }
  }

  // 3. Segments in stream order: one per run (its sends' bubbles first), plus runs of events
  //    outside every run.
  const segments: Segment[] = [];
  const segmentOfRun = new Map<Run, Segment>();
  const openRunSegment = (run: Run): Segment => {
    let segment = segmentOfRun.get(run);
    if (!segment) {
      segment = { run, users: [], acc: null };
      segmentOfRun.set(run, segment);
      segments.push(segment);
      const send = sendOfRun.get(run);
      if (send) {
        const echo = echoEvent.get(send.id);
        segment.users.push({
          position: -1,
          bubble: userBubbleForSend(send, echo ? finiteOrNull(echo.time) : null, !!echo),
        });
      }
    }
    return segment;
  };
  const accumulatorOf = (segment: Segment): Accumulator => {
    if (!segment.acc) {
      const run = segment.run;
      const send = run ? sendOfRun.get(run) : undefined;
      const key = send
        ? `answer:${send.id}`
        : run
          ? `run:${run.sessionId}:${run.index}`
          : `loose:${segments.indexOf(segment)}:${input.sessionId ?? ''}`;
      segment.acc = newAccumulator(key, run, send?.id ?? null);
    }
    return segment.acc;
  };

  const gapsAfter = new Map<string | null, GapBubble[]>();
  for (const gap of input.gaps ?? []) {
    const list = gapsAfter.get(gap.afterKey) ?? [];
    list.push({ kind: 'gap', key: gap.key, gap });
    gapsAfter.set(gap.afterKey, list);
  }
  let loose: Segment | null = null;
  events.forEach((event, index) => {
    const run = runOf.get(event.key) ?? null;
    let segment: Segment;
    if (run) {
      segment = openRunSegment(run);
      loose = null;
    } else {
      if (!loose) {
        loose = { run: null, users: [], acc: null };
        segments.push(loose);
      }
      segment = loose;
    }
    const gaps = gapsAfter.get(event.key);
    if (gaps) {
      (segment.gaps ??= []).push(...gaps);
      gapsAfter.delete(event.key);
    }
    if (isUserMessage(event)) {
      if (echoOf.has(event.key) || event.text === null || event.text.trim() === '') return;
      if (!run && segment.acc) {
        // A new prompt outside runs starts a new turn.
        loose = { run: null, users: [], acc: null };
        segments.push(loose);
        segment = loose;
      }
      segment.users.push({
        position: index,
        bubble: {
          kind: 'user',
          key: `msg:${event.sessionId}:${event.key}`,
          text: event.text,
          origin: event.seq > (input.knownFrom ?? Infinity) ? 'other' : 'unknown',
          sendId: null,
          status: null,
          time: finiteOrNull(event.time),
        },
      });
    } else if (isChatContent(event)) {
      const acc = accumulatorOf(segment);
      addToAccumulator(acc, event);
      acc.lastPosition = index;
    } else if (event.type === 'run_completed' && run) {
      const acc = accumulatorOf(segment);
      acc.hasCompletionMarker = true;
      acc.lastPosition = index;
    }
  });
  // A run anchored to a send but without events in `events` (should not happen) still shows.
  for (const run of sendOfRun.keys()) openRunSegment(run);
  // Every run has an answer bubble, even one without content (it says so, or shows typing).
  for (const segment of segments) if (segment.run) accumulatorOf(segment);

  // 4. Flatten the segments into bubbles.
  //    Within a run, the answer follows every prompt that came before its last word (a callback
  //    during the run stays above the answer, as it was while the answer was pending); prompts
  //    after it (injected once the run was over) follow the answer.
  // A gap with no event held before it opens the conversation; one after an event no longer held closes it.
  const bubbles: ChatBubble[] = [...(gapsAfter.get(null) ?? [])];
  gapsAfter.delete(null);
  for (const segment of segments) {
    const acc = segment.acc;
    if (!acc) {
      for (const { bubble } of segment.users) bubbles.push(bubble);
      if (segment.gaps) bubbles.push(...segment.gaps);
      continue;
    }
    const isLastRun = acc.run !== null && acc.run === lastRun;
    const state: AssistantState = acc.run ? runState(acc, acc.run, isLastRun, input) : 'done';
    const answer = finishAccumulator(acc, state, input, sendsById, isLastRun);
    const split = acc.lastPosition < 0 ? Infinity : acc.lastPosition;
    for (const { position, bubble } of segment.users) if (position < split) bubbles.push(bubble);
    bubbles.push(answer);
    for (const { position, bubble } of segment.users) if (position >= split) bubbles.push(bubble);
    if (segment.gaps) bubbles.push(...segment.gaps);
  }
  for (const list of gapsAfter.values()) bubbles.push(...list);
  // 5. Bubbles still working go after the settled ones (prompts that arrive during a run appear
  //    before its answer); this panel's prompts without a run yet (sending, waiting, failed to
  //    send) go last: nothing on the coordinator follows them yet.
  const settled = bubbles.filter((b) => b.kind !== 'assistant' || !isPending(b.state));
  const working = bubbles.filter((b) => b.kind === 'assistant' && isPending(b.state));
  let waiting = working.length > 0;
  const unsent: ChatBubble[] = [];
  for (const send of sends) {
    if (anchorRun.has(send.id)) continue;
    const echo = echoEvent.get(send.id);
    const answer = pendingBubbleForSend(send, input, !!echo);
    unsent.push(userBubbleForSend(send, echo ? finiteOrNull(echo.time) : null, !!echo), answer);
    if (isPending(answer.state)) waiting = true;
  }

  return {
    bubbles: settled.concat(working, unsent),
    waiting,
    echoed: new Set(echoEvent.keys()),
  };
}

/** The answer bubble of a send whose run has not started (or never will). */
function pendingBubbleForSend(send: ChatSend, input: ConversationInput, echoed: boolean): AssistantBubble {
  let state: AssistantState;
  let failure: string | null = null;
  const session = input.session && input.session.sessionId === send.sessionId ? input.session : null;
  if (send.status === 'error' && !echoed) state = 'error';
  else if (send.status === 'sending') state = 'sending';
  else if (session?.status === 'failed') {
    state = 'failed';
    const lastFailure = session.lastRunFailure;
    if (lastFailure && (!send.runId || lastFailure.runId === send.runId || lastFailure.runId === '')) {
      failure = lastFailure.error;
    }
  } else if (session?.status === 'stopped') state = 'stopped';
  else state = 'waiting';
  return {
    kind: 'assistant',
    key: `answer:${send.id}`,
    sessionId: send.sessionId,
    runIndex: null,
    sendId: send.id,
    state,
    text: null,
    resultText: null,
    resultData: null,
    tools: [],
    failure,
    sendError: state === 'error' ? send.error : null,
    time: null,
    droppedBytes: 0,
  };
}
