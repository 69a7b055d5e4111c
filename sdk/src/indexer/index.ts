/**
 * `@daimm/sdk/indexer`: rebuilds the protocol's state from events alone. Browser-safe.
 * @module
 */
export { type IndexedContract, type IndexedLog, keysOf } from './apply-log.js'
export { ChainUnstableError, CheckpointMismatchError, ReorgTooDeepError } from './errors.js'
export {
  type CreateIndexerParameters,
  createIndexer,
  type Indexer,
  type IndexerChanges,
  type SyncResult,
  type WatchParameters,
} from './indexer.js'
export type { IndexerQueries, ModelFilter, ModelRevenue, ValidatorHistory } from './queries.js'
export type * from './state.js'
export { emptyState } from './state.js'
export {
  createMemoryStore,
  deserializeCheckpoint,
  type IndexerCheckpoint,
  type IndexerStore,
  type RecentBlock,
  serializeCheckpoint,
} from './store.js'
