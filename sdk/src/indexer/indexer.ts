import { type Abi, type Block, decodeEventLog, type Hex, type Log, type PublicClient } from 'viem'
import type { Deployment } from '../deployments.js'
import {
  daimmGovernorAbi,
  marketplaceAbi,
  modelRegistryAbi,
  royaltyInboxFactoryAbi,
  royaltySplitterAbi,
  scoringManagerAbi,
  slasherAbi,
  sortitionPoolAbi,
  stakeManagerAbi,
} from '../generated/contracts.js'
import { type ApplyContext, applyLog, type IndexedContract, type IndexedLog } from './apply-log.js'
import { ChainUnstableError, CheckpointMismatchError, ReorgTooDeepError } from './errors.js'
import {
  before,
  emptyChanges,
  emptyJournal,
  type Journal,
  restoreJournal,
  type StateChanges,
  saveJournal,
  tracked,
  undo,
} from './journal.js'
import { createQueries, type IndexerQueries } from './queries.js'
import { emptyState, type IndexedState } from './state.js'
import {
  createMemoryStore,
  type IndexerCheckpoint,
  type IndexerStore,
  type RecentBlock,
} from './store.js'

export type CreateIndexerParameters = {
  publicClient: PublicClient
  deployment: Deployment
  /** First block to read; defaults to `deployment.startBlock`. Ignored when the store has a checkpoint. */
  fromBlock?: bigint | number | undefined
  /**
   * How many of the newest blocks may still be replaced by a reorg (default 12). The indexer keeps
   * their events apart and rolls them back when their hashes change; a deeper reorg throws
   * `ReorgTooDeepError`.
   */
  confirmations?: number | undefined
  /** Where the checkpoint is kept; defaults to `createMemoryStore()`. */
  store?: IndexerStore | undefined
  /** Most blocks per `eth_getLogs` request (default 2,000). */
  blockRange?: number | undefined
  /**
   * Most blocks one `sync` reads (default: up to the head). A sync that stops short answers
   * `caughtUp: false`; the next goes on from there. A store then saves a bounded step at a time.
   */
  syncBlocks?: number | undefined
  /**
   * Records which keys of the state each sync read or wrote (`takeChanges`), for a store that writes
   * only what changed (the gateway). Off by default.
   */
  trackChanges?: boolean | undefined
  /**
   * Awaited after a range of blocks is read and before its events are applied (and before a loaded
   * checkpoint's recent blocks are replayed), with those events in order and the live state. A
   * caller that keeps only part of the state in memory loads into `state` here the records
   * `keysOf(log)` names for each event (what it writes is not tracked: loading is no change). The
   * state is authoritative for the keys in `changed` (what `takeChanges` would return now): one of
   * them that the state lacks was deleted since (by an event, or by a rollback undoing its
   * creation), and must not be loaded from what the caller wrote before. Not called for a range
   * without events. By default the whole state is in memory and nothing is loaded.
   */
  /**
   * The checkpoint `save` receives holds the live state (after the newest recent block) and what
   * each recent block replaced (`journals`), instead of the state after `final`: resuming it
   * replays nothing, and a reorg after the resume still undoes the recent blocks. For a caller whose
   * state lives elsewhere (the gateway's tables, with `prepare`) and whose `state` is partial.
   */
  tipCheckpoints?: boolean | undefined
  prepare?:
    | ((
        logs: readonly IndexedLog[],
        state: IndexedState,
        changed: Readonly<StateChanges>,
      ) => void | Promise<void>)
    | undefined
}

export type SyncResult = {
  /** The newest block read. */
  head: bigint
  /** Blocks rolled back because a reorg replaced them (0 when none). */
  rolledBack: number
  /** Events applied by this sync (those of blocks read again after a rollback included). */
  events: number
  /** Whether the sync reached the head it saw (false when `syncBlocks` stopped it short). */
  caughtUp: boolean
}

/** What changed in `getState()` since the last `takeChanges` (see `trackChanges`). */
export type IndexerChanges = StateChanges & {
  /**
   * The state was loaded from the store (or started empty) since the last look: it may differ
   * anywhere from what the caller wrote before.
   */
  reloaded: boolean
}

export type WatchParameters = {
  /** Milliseconds between syncs (default: the public client's `pollingInterval`). */
  pollingInterval?: number | undefined
  onSync?: ((result: SyncResult) => void) | undefined
  onError?: ((error: unknown) => void) | undefined
}

export type Indexer = IndexerQueries & {
  /** Reads every block up to the chain's head, rolling back replaced blocks first. */
  sync(): Promise<SyncResult>
  /** Syncs now and then every `pollingInterval`; returns a function that stops it. */
  watch(parameters?: WatchParameters): () => void
  /**
   * The state at the newest block read (final blocks plus the recent ones): the live object, which
   * the next sync changes in place (copy it to keep a moment).
   */
  getState(): IndexedState
  /** The newest block read, or null before the first sync. */
  getHead(): { number: bigint; hash: Hex } | null
  /**
   * The keys of the state the syncs since the last call read or wrote, rollbacks included (empty
   * lists unless `trackChanges`), and whether the state was reloaded meanwhile.
   */
  takeChanges(): IndexerChanges
}

const abis: Record<IndexedContract, Abi> = {
  registry: modelRegistryAbi,
  stakeManager: stakeManagerAbi,
  slasher: slasherAbi,
  scoring: scoringManagerAbi,
  sortitionPool: sortitionPoolAbi,
  splitter: royaltySplitterAbi,
  market: marketplaceAbi,
  inboxFactory: royaltyInboxFactoryAbi,
  governor: daimmGovernorAbi,
}

const ATTEMPTS = 5
/** The checkpoint format this indexer writes and resumes. */
const VERSION = 4

/**
 * Creates an indexer that rebuilds the protocol's state from events alone: models with lineage,
 * owners, model cards and evaluations; stakes, unbonding and slashes; rounds with their commits,
 * reveals, results and what each member can claim; challenges, offences and escrows; splits, what
 * each recipient can claim and royalty inboxes; offers, signed offers, nonces, licenses and reviews; governor proposals. It resumes from the store's checkpoint and survives reorgs up to
 * `confirmations` blocks deep. Browser-safe.
 *
 * @example
 * const indexer = createIndexer({ publicClient, deployment: getDeployment(31337) })
 * await indexer.sync()
 * const mine = indexer.modelsBy({ owner: account.address, minScore: 80 })
 */
export function createIndexer(parameters: CreateIndexerParameters): Indexer {
  const { publicClient, deployment } = parameters
  const confirmations = parameters.confirmations ?? 12
  const store = parameters.store ?? createMemoryStore()
  const blockRange = BigInt(parameters.blockRange ?? 2000)
  const startBlock = BigInt(parameters.fromBlock ?? deployment.startBlock)
  const syncBlocks =
    parameters.syncBlocks === undefined ? undefined : BigInt(Math.max(1, parameters.syncBlocks))

  const contractOf = new Map<string, IndexedContract>(
    (Object.keys(abis) as IndexedContract[]).map((name) => [
      deployment.contracts[name].toLowerCase(),
      name,
    ]),
  )
  const addresses = (Object.keys(abis) as IndexedContract[]).map(
    (name) => deployment.contracts[name],
  )
  const splitter = deployment.contracts.splitter.toLowerCase()

  /** Where the indexer stands: `state` is the state at the newest block read (final plus recent). */
  let checkpoint: IndexerCheckpoint | undefined
  let state: IndexedState = emptyState()
  /** What each recent block replaced (parallel to `checkpoint.recent`): a reorg undoes them. */
  let journals: Journal[] = []
  let changes: StateChanges | undefined = parameters.trackChanges ? emptyChanges() : undefined
  let reloaded = true

  const identity = `version ${VERSION}, chain ${deployment.chainId}, registry ${deployment.contracts.registry}`

  async function loaded(): Promise<IndexerCheckpoint> {
    if (checkpoint) return checkpoint
    const saved = await store.load()
    let cp: IndexerCheckpoint
    if (saved) {
      // A checkpoint of an older indexer lacks fields this one keeps: it is refused, not patched.
      const found = `version ${saved.version}, chain ${saved.chainId}, registry ${saved.registry}`
      if (found.toLowerCase() !== identity.toLowerCase())
        throw new CheckpointMismatchError({ expected: identity, found })
      cp = saved
    } else {
      cp = {
        version: VERSION,
        chainId: deployment.chainId,
        registry: deployment.contracts.registry,
        final: null,
        state: emptyState(),
        recent: [],
      }
    }
    // The final state becomes the live one, with the recent blocks applied on top.
    state = cp.state
    journals = []
    reloaded = true
    if (changes) changes = emptyChanges()
    if (cp.journals)
      // The state is at the newest recent block already, with what each recent block replaced.
      journals = cp.journals.map(restoreJournal)
    else {
      await prepare(cp.recent)
      for (const block of cp.recent) journals.push(applyBlock(block.logs, true) as Journal)
    }
    delete cp.journals
    checkpoint = cp
    return cp
  }

  /** Awaits `parameters.prepare` with the events of `blocks`, when there are any. */
  async function prepare(blocks: readonly RecentBlock[]) {
    if (!parameters.prepare) return
    const logs = blocks.flatMap((block) => block.logs)
    if (logs.length > 0) await parameters.prepare(logs, state, changes ?? emptyChanges())
  }

  /** Applies a block's events to the state; returns what they replaced when `journaled`. */
  function applyBlock(logs: readonly IndexedLog[], journaled: boolean): Journal | undefined {
    const journal = journaled ? emptyJournal() : undefined
    const target = journal || changes ? tracked(state, journal, changes) : state
    const context: ApplyContext = { superseding: new Set() }
    for (const log of logs) applyLog(target, log, context)
    return journal
  }

  /** The recent blocks that are final now leave `recent`: what they replaced is no longer needed. */
  function finalize(cp: IndexerCheckpoint, below: bigint) {
    while (cp.recent.length > 0 && (cp.recent[0] as RecentBlock).number < below) {
      const block = cp.recent.shift() as RecentBlock
      journals.shift()
      cp.final = { number: block.number, hash: block.hash }
    }
  }

  async function header(number: bigint): Promise<Block | undefined> {
    try {
      return await publicClient.getBlock({ blockNumber: number })
    } catch {
      return undefined
    }
  }

  /** Drops the recent blocks a reorg replaced, undoing their events; returns how many. */
  async function rollBack(cp: IndexerCheckpoint): Promise<number> {
    let kept = cp.recent.length
    while (kept > 0) {
      const block = cp.recent[kept - 1] as RecentBlock
      if ((await header(block.number))?.hash === block.hash) break
      kept -= 1
    }
    if (kept === 0 && cp.final) {
      const final = await header(cp.final.number)
      if (final?.hash !== cp.final.hash)
        throw new ReorgTooDeepError({ blockNumber: cp.final.number, confirmations })
    }
    const dropped = cp.recent.length - kept
    for (let i = cp.recent.length - 1; i >= kept; i--) undo(state, journals[i] as Journal, changes)
    cp.recent.length = kept
    journals.length = kept
    return dropped
  }

  function decode(log: Log, blockTimestamp: bigint): IndexedLog | undefined {
    const contract = contractOf.get(log.address.toLowerCase())
    if (!contract || log.blockNumber === null || log.blockHash === null) return undefined
    try {
      const { eventName, args } = decodeEventLog({
        abi: abis[contract],
        data: log.data,
        topics: log.topics,
      })
      // The factory deploys inboxes for any splitter: only this deployment's matter.
      if (
        contract === 'inboxFactory' &&
        String((args as { splitter?: string }).splitter).toLowerCase() !== splitter
      )
        return undefined
      return {
        contract,
        eventName: String(eventName),
        args: (args ?? {}) as Record<string, unknown>,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        transactionHash: log.transactionHash as Hex,
        logIndex: log.logIndex as number,
        blockTimestamp,
      }
    } catch {
      return undefined
    }
  }

  /** Reads blocks `from`..`to`: their events, and the headers of the recent ones. */
  async function read(
    from: bigint,
    to: bigint,
    recentFrom: bigint,
  ): Promise<{ blocks: RecentBlock[]; lastHash: Hex } | undefined> {
    const logs = await publicClient.getLogs({ address: addresses, fromBlock: from, toBlock: to })
    const headers = new Map<bigint, Block>()
    const numbers = new Set<bigint>(logs.map((log) => log.blockNumber as bigint))
    for (let n = recentFrom > from ? recentFrom : from; n <= to; n++) numbers.add(n)
    numbers.add(to)
    for (const n of [...numbers].sort((a, b) => (a < b ? -1 : 1))) {
      const block = await header(n)
      if (!block?.hash) return undefined
      headers.set(n, block)
    }
    const byBlock = new Map<bigint, IndexedLog[]>()
    for (const log of logs) {
      const block = headers.get(log.blockNumber as bigint) as Block
      // The chain changed between the two requests: read again.
      if (log.blockHash !== block.hash) return undefined
      const decoded = decode(log, block.timestamp)
      if (!decoded) continue
      const list = byBlock.get(decoded.blockNumber) ?? []
      list.push(decoded)
      byBlock.set(decoded.blockNumber, list)
    }
    const blocks: RecentBlock[] = []
    for (const [number, block] of [...headers].sort(([a], [b]) => (a < b ? -1 : 1)))
      blocks.push({
        number,
        hash: block.hash as Hex,
        parentHash: block.parentHash,
        timestamp: block.timestamp,
        logs: (byBlock.get(number) ?? []).sort((a, b) => a.logIndex - b.logIndex),
      })
    return { blocks, lastHash: (headers.get(to) as Block).hash as Hex }
  }

  /** One attempt; undefined when the chain changed under it (`tally` counts what it did all the same). */
  async function syncOnce(
    cp: IndexerCheckpoint,
    tally: { rolledBack: number; events: number },
  ): Promise<{ head: bigint; caughtUp: boolean } | undefined> {
    tally.rolledBack += await rollBack(cp)
    const chainHead = await publicClient.getBlockNumber({ cacheTime: 0 })
    const last = cp.recent.at(-1)?.number ?? cp.final?.number
    let next = last === undefined ? startBlock : last + 1n
    // A sync reads at most `syncBlocks` blocks; the next one goes on from there.
    const head =
      syncBlocks !== undefined && next + syncBlocks - 1n < chainHead
        ? next + syncBlocks - 1n
        : chainHead
    // Blocks above this one may still be replaced.
    const recentFrom = chainHead - BigInt(confirmations) + 1n
    while (next <= head) {
      const to = next + blockRange - 1n < head ? next + blockRange - 1n : head
      // A failed read leaves the blocks before it applied: the state is that of its tip, and a
      // reorg of the recent ones is found by the next attempt's rollback.
      const result = await read(next, to, recentFrom)
      if (!result) return undefined
      await prepare(result.blocks)
      for (const block of result.blocks) {
        const tip = cp.recent.at(-1) ?? cp.final
        if (block.number >= recentFrom) {
          // Recent blocks must chain onto what is kept.
          if (tip && tip.number === block.number - 1n && tip.hash !== block.parentHash)
            return undefined
          journals.push(applyBlock(block.logs, true) as Journal)
          cp.recent.push(block)
        } else {
          // Older recent blocks are final too now, and come first.
          finalize(cp, recentFrom)
          applyBlock(block.logs, false)
          cp.final = { number: block.number, hash: block.hash }
        }
        tally.events += block.logs.length
      }
      if (to < recentFrom) cp.final = { number: to, hash: result.lastHash }
      next = to + 1n
    }
    // Recent blocks that are now deep enough become final.
    finalize(cp, recentFrom)
    return { head: chainHead, caughtUp: head === chainHead }
  }

  /** The checkpoint of where the indexer stands: the final state is computed when read. */
  function snapshot(cp: IndexerCheckpoint): IndexerCheckpoint {
    const recent = [...cp.recent]
    if (parameters.tipCheckpoints)
      return {
        version: cp.version,
        chainId: cp.chainId,
        registry: cp.registry,
        final: cp.final,
        state,
        recent,
        journals: journals.map(saveJournal),
      }
    const undone = [...journals]
    let final: IndexedState | undefined
    return {
      version: cp.version,
      chainId: cp.chainId,
      registry: cp.registry,
      final: cp.final,
      get state() {
        final ??= before(state, undone)
        return final
      },
      recent,
    }
  }

  let syncing: Promise<SyncResult> | undefined

  async function sync(): Promise<SyncResult> {
    const cp = await loaded()
    // A failed attempt keeps what it applied before the chain changed under it (blocks in order,
    // the state that of its tip): the next attempt rolls back what a reorg replaced and goes on.
    const tally = { rolledBack: 0, events: 0 }
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const done = await syncOnce(cp, tally)
      if (done) {
        await store.save(snapshot(cp))
        return { ...done, ...tally }
      }
    }
    throw new ChainUnstableError({ attempts: ATTEMPTS })
  }

  const indexer: Indexer = {
    ...createQueries(() => state),
    sync() {
      syncing ??= sync().finally(() => {
        syncing = undefined
      })
      return syncing
    },
    watch: (watchParameters) =>
      watchSyncs(() => indexer.sync(), watchParameters, publicClient.pollingInterval ?? 4000),
    getState: () => state,
    takeChanges() {
      const taken = { ...(changes ?? emptyChanges()), reloaded }
      if (changes) changes = emptyChanges()
      reloaded = false
      return taken
    },
    getHead() {
      const cp = checkpoint
      const tip = cp?.recent.at(-1) ?? cp?.final
      return tip ? { number: tip.number, hash: tip.hash } : null
    },
  }
  return indexer
}

/**
 * The loop behind `Indexer.watch`: calls `sync` now and then `pollingInterval` ms after each one
 * ends, until the returned function is called. Also what an indexer that wraps this one (the
 * gateway's, which writes each sync to a database) watches with.
 */
export function watchSyncs(
  sync: () => Promise<SyncResult>,
  { pollingInterval, onSync, onError }: WatchParameters = {},
  defaultInterval = 4000,
): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const interval = pollingInterval ?? defaultInterval
  const tick = async () => {
    try {
      const result = await sync()
      if (!stopped) onSync?.(result)
    } catch (error) {
      if (!stopped) onError?.(error)
    }
    if (!stopped) timer = setTimeout(tick, interval)
  }
  void tick()
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}
