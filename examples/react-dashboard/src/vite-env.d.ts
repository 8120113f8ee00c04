/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The coordinator's base or SSE URL (a `?coordinator=` query parameter overrides it). */
  readonly VITE_COORDINATOR_URL?: string;
}
