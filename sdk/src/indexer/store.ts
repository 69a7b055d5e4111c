import type { Hex } from 'viem'
import type { IndexedLog } from './apply-log.js'
import type { SavedJournal } from './journal.js'
import type { IndexedState } from './state.js'

/** A block the indexer has read but that a reorg may still replace, with its protocol events. */
export type RecentBlock = {
  number: bigint
  hash: Hex
  parentHash: Hex
  timestamp: bigint
  logs: IndexedLog[]
}

/**
 * What a store keeps between runs: the state up to a final block, and the blocks after it that a
 * reorg may still replace (at most `confirmations` of them, with their events). Resuming replays
 * `recent` onto `state`; a reorg drops the replaced part of `recent` and reads it again.
 */
export type IndexerCheckpoint = {
  /**
   * The state's shape: 2 since rewards, offences, signed offers' sellers and royalty inboxes; 3
   * since reviews and licenses per kind; 4 since governor proposals.
   */
  version: 4
  chainId: number
  /** Address of the registry, so that a checkpoint of another deployment is not resumed by mistake. */
  registry: Hex
  /** The last block folded into `state`, or null when nothing is final yet. */
  final: { number: bigint; hash: Hex } | null
  /** State after every event up to and including block `final.number`. */
  state: IndexedState
  /** Blocks after `final`, oldest first, consecutive. */
  recent: RecentBlock[]
  /**
   * With `tipCheckpoints`: what each recent block replaced (parallel to `recent`). `state` is then
   * the state after the newest recent block, not after `final`, and resuming replays nothing.
   */
  journals?: SavedJournal[] | undefined
}

/**
 * Where the indexer keeps its checkpoint. `load` returns what the last `save` stored (or
 * undefined at first), and `save` replaces it whole; both may be synchronous or return promises.
 * The checkpoint `save` receives shares records with the indexer's live state: serialize or copy it
 * before the indexer's next sync (and the indexer takes over the state `load` returns).
 * A store that writes JSON (a file, IndexedDB, a key-value service) turns the checkpoint into text
 * with `serializeCheckpoint` and back with `deserializeCheckpoint`, which keep bigints exact.
 *
 * @example
 * const fileStore: IndexerStore = {
 *   load: async () => existsSync(path) ? deserializeCheckpoint(await readFile(path, 'utf8')) : undefined,
 *   save: (checkpoint) => writeFile(path, serializeCheckpoint(checkpoint)),
 * }
 */
export type IndexerStore = {
  load(): IndexerCheckpoint | undefined | Promise<IndexerCheckpoint | undefined>
  save(checkpoint: IndexerCheckpoint): void | Promise<void>
}

/**
 * The default store: keeps a copy of the checkpoint in memory, so that an indexer created again
 * with the same store resumes where the previous one stopped (within one process).
 */
export function createMemoryStore(): IndexerStore & {
  readonly checkpoint: IndexerCheckpoint | undefined
} {
  let saved: IndexerCheckpoint | undefined
  return {
    get checkpoint() {
      return saved
    },
    load: () => (saved ? structuredClone(saved) : undefined),
    save(checkpoint) {
      saved = structuredClone(checkpoint)
    },
  }
}

/** A checkpoint as JSON text; bigints are written as `{"$bigint": "<decimal>"}`. */
export function serializeCheckpoint(checkpoint: IndexerCheckpoint): string {
  return JSON.stringify(checkpoint, (_key, value) =>
    typeof value === 'bigint' ? { $bigint: value.toString() } : value,
  )
}

/** The checkpoint `serializeCheckpoint` wrote. */
export function deserializeCheckpoint(text: string): IndexerCheckpoint {
  return JSON.parse(text, (_key, value) =>
    value !== null &&
    typeof value === 'object' &&
    typeof value.$bigint === 'string' &&
    Object.keys(value).length === 1
      ? BigInt(value.$bigint)
      : value,
  ) as IndexerCheckpoint
}
