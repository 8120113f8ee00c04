export type * from './wire.js';
export type * from './model.js';
