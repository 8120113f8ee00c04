/**
 * One clock for every countdown on the page: elements that show "Reconnecting in 4s" re-render on
 * the same tick and read the same `now`, so two elements of one client never disagree by a second.
 * The interval runs only while some element counts down.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();

function tick(): void {
  now = Date.now();
  for (const host of hosts) host.requestUpdate();
}

function start(host: ReactiveControllerHost): void {
  if (hosts.has(host)) return;
  hosts.add(host);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, 1000);
  }
}

function stop(host: ReactiveControllerHost): void {
  if (!hosts.delete(host) || hosts.size) return;
  clearInterval(timer);
  timer = undefined;
}

/** Whole seconds from the shared clock's `now` until `at` (never negative). */
export function secondsUntil(at: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Re-renders its host every second while `running()` says a countdown is shown (checked after each
 * update of the host), on the shared clock.
 */
export class CountdownController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #running: () => boolean;

  constructor(host: ReactiveControllerHost, running: () => boolean) {
    this.#host = host;
    this.#running = running;
    host.addController(this);
  }

  /** Whole seconds until `at`, on the shared clock. */
  secondsUntil(at: number): number {
    if (!hosts.has(this.#host)) now = Date.now();
    return secondsUntil(at);
  }

  hostUpdated(): void {
    if (this.#running()) start(this.#host);
    else stop(this.#host);
  }

  hostDisconnected(): void {
    stop(this.#host);
  }
}

/** How many hosts count down now (for tests of teardown). */
export function countdownHosts(): number {
  return hosts.size;
}
