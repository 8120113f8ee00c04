/**
 * Live stories: an isolated instance of the simulated coordinator (server/, started by
 * server/vite-plugin.mjs with the Storybook dev server and the story tests) and a real
 * `CoordinatorClient` talking to it over HTTP, created by a story loader and closed when the story
 * unmounts (or re-renders). Things are kept per story, since a docs page shows several at once.
 */
import type { Loader, Meta, StoryContext } from '@storybook/web-components-vite';
import { CoordinatorClient } from '../../src/client/client.js';
import type { ClientOptions } from '../../src/client/types.js';
import {
  SimUnavailableError,
  createSim,
  type Fault,
  type InstanceOptions,
  type SeedOptions,
  type SessionSeed,
  type SimInstance,
} from '../../test/support/sim.js';

export interface Live {
  sim: SimInstance;
  client: CoordinatorClient;
}

/** A story's coordinator: instance options, plus what it holds and does before the story starts. */
export interface LiveSetup extends InstanceOptions {
  /** Sessions it has already (captured or generated). */
  sessions?: SessionSeed[];
  /** Many sessions with a past, made by the coordinator itself (`seedSessions`). */
  seed?: SeedOptions;
  /** A fault applied before the story starts (e.g. the next `POST /runs` fails). */
  fault?: Fault;
}

interface Closeable {
  close(): void;
}

const open = new Map<string, Set<Closeable>>();

/** Registers something of story `storyId` to close when that story unmounts (a replay, a client). */
export function track<T extends Closeable>(storyId: string, item: T): T {
  let items = open.get(storyId);
  if (!items) open.set(storyId, (items = new Set()));
  items.add(item);
  return item;
}

/** Closes every coordinator instance, client and replay of one story. */
export function closeLive(storyId: string): void {
  for (const item of open.get(storyId) ?? []) item.close();
  open.delete(storyId);
}

/** For a meta's `beforeEach` (which runs after the loaders): the returned cleanup runs when the story unmounts. */
export const liveCleanup: NonNullable<Meta['beforeEach']> =
  ({ id }) =>
  () =>
    closeLive(id);

export async function createLive(
  storyId: string,
  { sessions = [], seed, fault, ...options }: LiveSetup = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<Live> {
  const sim = await createSim(options);
  const client = new CoordinatorClient({
    url: sim.sseUrl,
    // Quick retries keep the reconnect stories short; the jitter stays as in production.
    reconnect: { initialDelayMs: 500, maxDelayMs: 4000 },
    ...clientOptions,
  });
  track(storyId, {
    close() {
      client.close();
      sim.close().catch(() => undefined);
    },
  });
  if (seed) await sim.seedSessions(seed);
  for (const one of sessions) await sim.addSession(one);
  if (fault) await sim.fault(fault);
  return { sim, client };
}

/**
 * A loader giving the story `context.loaded.live`, or `context.loaded.unavailable` (why not) where
 * no simulated coordinator runs: the static Storybook build.
 */
export function liveLoader(
  setup: LiveSetup | (() => LiveSetup) = {},
  clientOptions: Partial<ClientOptions> = {},
): Loader {
  return async ({ id }) => {
    try {
      return { live: await createLive(id, typeof setup === 'function' ? setup() : setup, clientOptions) };
    } catch (error) {
      if (error instanceof SimUnavailableError) return { unavailable: error.message };
      throw error;
    }
  };
}

/** The story's `Live` from its loader. */
export function liveOf(context: Pick<StoryContext, 'loaded'>): Live {
  const { live } = context.loaded as { live?: Live };
  if (!live) throw new Error('this story needs the simulated coordinator (see the story)');
  return live;
}

/** Renders with the story's `Live`, or says why there is none (the static build has no coordinator). */
export function renderLive(context: Pick<StoryContext, 'loaded'>, render: (live: Live) => HTMLElement): HTMLElement {
  const { live, unavailable } = context.loaded as { live?: Live; unavailable?: string };
  if (live) return render(live);
  const note = document.createElement('p');
  note.setAttribute('role', 'status');
  note.textContent =
    'This story talks to the simulated coordinator of server/, which runs with `npm run storybook` and the story tests, not in a static Storybook build.';
  note.title = unavailable ?? '';
  return note;
}
