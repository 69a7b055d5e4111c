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
}

export type SyncResult = {
  /** The newest block read. */
  head: bigint
  /** Blocks rolled back because a reorg replaced them (0 when none). */
  rolledBack: number
  /** Events applied by this sync (those of blocks read again after a rollback included). */
  events: number
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
  /** The state at the newest block read (final blocks plus the recent ones). */
  getState(): IndexedState
  /** The newest block read, or null before the first sync. */
  getHead(): { number: bigint; hash: Hex } | null
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

  let checkpoint: IndexerCheckpoint | undefined
  let view: IndexedState = emptyState()

  const identity = `version ${VERSION}, chain ${deployment.chainId}, registry ${deployment.contracts.registry}`

  async function loaded(): Promise<IndexerCheckpoint> {
    if (checkpoint) return checkpoint
    const saved = await store.load()
    if (saved) {
      // A checkpoint of an older indexer lacks fields this one keeps: it is refused, not patched.
      const found = `version ${saved.version}, chain ${saved.chainId}, registry ${saved.registry}`
      if (found.toLowerCase() !== identity.toLowerCase())
        throw new CheckpointMismatchError({ expected: identity, found })
      checkpoint = saved
    } else {
      checkpoint = {
        version: VERSION,
        chainId: deployment.chainId,
        registry: deployment.contracts.registry,
        final: null,
        state: emptyState(),
        recent: [],
      }
    }
    view = replay(checkpoint)
    return checkpoint
  }

  function replay(cp: IndexerCheckpoint): IndexedState {
    const state = structuredClone(cp.state)
    for (const block of cp.recent) applyBlock(state, block.logs)
    return state
  }

  async function header(number: bigint): Promise<Block | undefined> {
    try {
      return await publicClient.getBlock({ blockNumber: number })
    } catch {
      return undefined
    }
  }

  /** Drops the recent blocks a reorg replaced; returns how many. */
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
    cp.recent.length = kept
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

  async function syncOnce(cp: IndexerCheckpoint): Promise<SyncResult | undefined> {
    const rolledBack = await rollBack(cp)
    const head = await publicClient.getBlockNumber({ cacheTime: 0 })
    const last = cp.recent.at(-1)?.number ?? cp.final?.number
    let next = last === undefined ? startBlock : last + 1n
    // Blocks above this one may still be replaced.
    const recentFrom = head - BigInt(confirmations) + 1n
    let events = 0
    while (next <= head) {
      const to = next + blockRange - 1n < head ? next + blockRange - 1n : head
      const result = await read(next, to, recentFrom)
      if (!result) return undefined
      for (const block of result.blocks) {
        const tip = cp.recent.at(-1) ?? cp.final
        if (block.number >= recentFrom) {
          // Recent blocks must chain onto what is kept.
          if (tip && tip.number === block.number - 1n && tip.hash !== block.parentHash)
            return undefined
          cp.recent.push(block)
        } else {
          applyBlock(cp.state, block.logs)
          cp.final = { number: block.number, hash: block.hash }
        }
        events += block.logs.length
      }
      if (to < recentFrom) cp.final = { number: to, hash: result.lastHash }
      next = to + 1n
    }
    // Recent blocks that are now deep enough become final.
    while (cp.recent.length > 0 && (cp.recent[0] as RecentBlock).number < recentFrom) {
      const block = cp.recent.shift() as RecentBlock
      applyBlock(cp.state, block.logs)
      cp.final = { number: block.number, hash: block.hash }
    }
    return { head, rolledBack, events }
  }

  let syncing: Promise<SyncResult> | undefined

  async function sync(): Promise<SyncResult> {
    const cp = await loaded()
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const saved = structuredClone(cp)
      const result = await syncOnce(cp)
      if (result) {
        view = replay(cp)
        await store.save(cp)
        return result
      }
      Object.assign(cp, saved)
    }
    throw new ChainUnstableError({ attempts: ATTEMPTS })
  }

  const indexer: Indexer = {
    ...createQueries(() => view),
    sync() {
      syncing ??= sync().finally(() => {
        syncing = undefined
      })
      return syncing
    },
    watch: (watchParameters) =>
      watchSyncs(() => indexer.sync(), watchParameters, publicClient.pollingInterval ?? 4000),
    getState: () => view,
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

function applyBlock(state: IndexedState, logs: readonly IndexedLog[]) {
  const context: ApplyContext = { superseding: new Set() }
  for (const log of logs) applyLog(state, log, context)
}
