/**
 * Live stories: a fake coordinator and a real `CoordinatorClient` talking to it through
 * `ClientOptions.fetch`, created by a story loader and closed when the story unmounts (or
 * re-renders). Things are kept per story, since a docs page shows several stories at once.
 */
import type { Loader, Meta } from '@storybook/web-components-vite';
import { CoordinatorClient } from '../../src/client/client.js';
import type { ClientOptions } from '../../src/client/types.js';
import { FakeCoordinator, type FakeCoordinatorOptions } from './fake-coordinator.js';

export interface Live {
  fake: FakeCoordinator;
  client: CoordinatorClient;
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

/** Closes every fake coordinator, client and replay of one story. */
export function closeLive(storyId: string): void {
  for (const item of open.get(storyId) ?? []) item.close();
  open.delete(storyId);
}

/** For a meta's `beforeEach` (which runs after the loaders): the returned cleanup runs when the story unmounts. */
export const liveCleanup: NonNullable<Meta['beforeEach']> =
  ({ id }) =>
  () =>
    closeLive(id);

export function createLive(
  storyId: string,
  fakeOptions: FakeCoordinatorOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Live {
  const fake = track(storyId, new FakeCoordinator(fakeOptions));
  const client = track(
    storyId,
    new CoordinatorClient({
      url: fake.url,
      fetch: fake.fetch,
      // Quick retries keep the reconnect stories short; the jitter stays as in production.
      reconnect: { initialDelayMs: 500, maxDelayMs: 4000 },
      ...clientOptions,
    }),
  );
  return { fake, client };
}

/** A loader giving the story `context.loaded.live`. */
export function liveLoader(
  fakeOptions: FakeCoordinatorOptions | (() => FakeCoordinatorOptions) = {},
  clientOptions: Partial<ClientOptions> = {},
): Loader {
  return ({ id }) => ({
    live: createLive(id, typeof fakeOptions === 'function' ? fakeOptions() : fakeOptions, clientOptions),
  });
}
