/**
 * The coordinator's agents for `<chat-panel>`'s picker (`GET /agents`), loaded when the picker is on
 * and again for another client; a failed load leaves the picker with the default agent only.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CoordinatorClientApi } from '../../client/types.js';
import type { WireAgent } from '../../types/wire.js';

export class AgentList implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onError: (error: unknown) => void;
  #agents: WireAgent[] | null = null;
  #failed = false;
  #request = 0;

  constructor(host: ReactiveControllerHost, onError: (error: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The agents (null until loaded once). */
  get agents(): readonly WireAgent[] | null {
    return this.#agents;
  }

  /** The last load failed. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Loads the list from `client` (an answer to an earlier load is dropped). */
  load(client: CoordinatorClientApi | null): void {
    if (!client) return;
    const request = ++this.#request;
    client.listAgents().then(
      (agents) => {
        if (request !== this.#request) return;
        // Hostile data: only entries with a name can be picked.
        this.#agents = Array.isArray(agents) ? agents.filter((a) => a && typeof a.name === 'string') : [];
        this.#failed = false;
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (request !== this.#request) return;
        this.#agents = [];
        this.#failed = true;
        this.#host.requestUpdate();
        this.#onError(error);
      },
    );
  }
}
