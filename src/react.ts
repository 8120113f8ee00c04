/**
 * Entry `coordinator-elements/react`: React components for the elements (made with `@lit/react`;
 * React 18 or 19 as a peer dependency) and JSX types for the raw tags. Registers the elements.
 */
export * from './react/index.js';
