// The ports the core needs from the outside world. Adapters implement them; the core never imports an adapter.
export type * from './store.ts';
export type * from './store-types.ts';
export type * from './messenger.ts';
export type { Clock, Logger, CoreMetrics } from './runtime.ts';
export { noMetrics } from './runtime.ts';
export { UPDATE_ATTEMPTS } from './store.ts';
