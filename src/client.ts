/**
 * Entry `coordinator-elements/client.js`: the coordinator client alone. No DOM, no custom element
 * registration, so it also runs in Node 20+ and workers.
 */
export * from './client/index.js';
