/**
 * The gateway's one writer: runs the SDK's indexer (its `applyLog` derivation, its reorg handling
 * with `recent` blocks) and, after each sync, writes the rows of the records that sync touched, in
 * one transaction with the block they describe, and the indexer's checkpoint with them. The tables
 * are the state: the indexer keeps in memory the single values and what a sync touches, loading
 * the records a range's events name from the tables (`prepare`) and dropping them after each
 * write; the checkpoint is the recent blocks and their journals (what a reorg undoes). A restart
 * resumes from it; a checkpoint of another block (or an older writer's) is not resumed: the
 * writer indexes again from the start block and its first write replaces every row. On
 * PostgreSQL an advisory lock keeps a second writer waiting until the first is gone.
 */
import type { PublicClient } from 'viem'
import { announceChanges } from './api/cache.js'
import type { Db } from './db.js'
import { dropRecords, loadRecords } from './projection.js'
import { createProjector, type Projector } from './projector.js'
import {
  CheckpointMismatchError,
  createIndexer,
  type Deployment,
  deserializeCheckpoint,
  type IndexedState,
  type Indexer,
  type IndexerCheckpoint,
} from './sdk.js'

/** The advisory lock key of the writer ("DAIMM" in ASCII, folded into an int). */
export const WRITER_LOCK = 0x44_41_49_4d

export type WriterStatus = {
  /** Whether this process holds the writer lock. */
  writing: boolean
  indexedBlock: bigint | null
  chainHead: bigint | null
  lastSyncAt: Date | null
  /** Events applied since this process started. */
  events: number
  /** Why the last attempt failed, or null when it succeeded. */
  error: { source: 'chain' | 'database'; message: string } | null
}

export type WriterParameters = {
  db: Db
  publicClient: PublicClient
  deployment: Deployment
  confirmations?: number | undefined
  /** Milliseconds between syncs (default 1,000). */
  pollingInterval?: number | undefined
  blockRange?: number | undefined
  /** Most blocks per sync (and per transaction) while catching up (default 1,000). */
  syncBlocks?: number | undefined
}

export type Writer = {
  status(): WriterStatus
  /** Resolves after the next successful sync that started after this call and reached the head. */
  synced(): Promise<WriterStatus>
  /**
   * The part of the state the SDK indexer holds in memory: the single values and what the last
   * sync touched (the records are in the tables, loaded when events need them).
   */
  state(): IndexedState | undefined
  stop(): Promise<void>
}

class DatabaseError extends Error {}

async function db<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw error instanceof DatabaseError
      ? error
      : new DatabaseError((error as Error)?.message ?? String(error), { cause: error })
  }
}

type Session = {
  release: () => Promise<void>
  lost: boolean
  indexer: Indexer | undefined
  projector: Projector
  /** The checkpoint the indexer saved last (valid until its next sync). */
  pending: IndexerCheckpoint | undefined
  /** The tables hold the indexer's state as it was loaded (else the first write rewrites all). */
  trusted: boolean
  /** The block the tables and the checkpoint were last written at (by this session). */
  written: { number: bigint; hash: string } | null
}

export function startWriter(parameters: WriterParameters): Writer {
  const { db: database, publicClient, deployment } = parameters
  const interval = parameters.pollingInterval ?? 1000
  const chain = { chainId: deployment.chainId, registry: deployment.contracts.registry }
  const status: WriterStatus = {
    writing: false,
    indexedBlock: null,
    chainHead: null,
    lastSyncAt: null,
    events: 0,
    error: null,
  }
  let stopped = false
  let session: Session | undefined
  let waiters: { after: number; resolve: (s: WriterStatus) => void }[] = []
  let steps = 0
  let wake: (() => void) | undefined

  async function openSession(): Promise<Session> {
    const s: Session = {
      release: async () => {},
      lost: false,
      indexer: undefined,
      projector: createProjector(database),
      pending: undefined,
      trusted: false,
      written: null,
    }
    s.release = await database.lock(WRITER_LOCK, () => {
      s.lost = true
    })
    status.writing = true
    return s
  }

  async function indexerOf(s: Session): Promise<Indexer> {
    if (s.indexer) return s.indexer
    const rows = await database.query<{
      checkpoint: string | null
      indexed_block: string
      indexed_hash: string
    }>('SELECT checkpoint, indexed_block::text, indexed_hash FROM indexer_checkpoint WHERE id = 1')
    const row = rows[0]
    let saved = row?.checkpoint ? deserializeCheckpoint(row.checkpoint) : undefined
    // The tables are at the checkpoint's block: they hold its state already.
    const tip = saved?.recent.at(-1) ?? saved?.final
    s.trusted =
      tip !== undefined &&
      tip !== null &&
      tip.number.toString() === row?.indexed_block &&
      tip.hash === row?.indexed_hash &&
      saved?.journals !== undefined
    // The state is in the tables, at the tip: a checkpoint of another block, or of an older writer
    // (the final state whole, no journals), is not resumed; the first write then replaces every row.
    if (!s.trusted) saved = undefined
    s.pending = undefined
    s.indexer = createIndexer({
      publicClient,
      deployment,
      confirmations: parameters.confirmations,
      blockRange: parameters.blockRange,
      syncBlocks: parameters.syncBlocks ?? 1000,
      trackChanges: true,
      // The tables are the state: the records a range's events name are loaded from them, and
      // dropped after each write; the checkpoint is the recent blocks and their journals.
      tipCheckpoints: true,
      async prepare(logs, state, changed) {
        // Indexing again from the start, the tables are another block's until the first write
        // replaces them: until then the whole state is in memory.
        if (s.trusted) await db(() => loadRecords(database, state, logs, changed))
      },
      store: {
        load: () => saved,
        save(checkpoint) {
          s.pending = checkpoint
        },
      },
    })
    return s.indexer
  }

  async function step() {
    if (session?.lost) await closeSession()
    if (!session) session = await db(openSession)
    const s = session
    const indexer = await db(() => indexerOf(s))
    let result: Awaited<ReturnType<Indexer['sync']>>
    try {
      result = await indexer.sync()
    } catch (error) {
      // Start again from what the database holds (a failed sync may have applied part of a range).
      s.indexer = undefined
      // A checkpoint of an older indexer (or another deployment): index again from the start
      // block; the first write then replaces every row.
      if (error instanceof CheckpointMismatchError)
        await db(async () => {
          await database.query('DELETE FROM indexer_checkpoint WHERE id = 1')
          await announceChanges(database)
        })
      throw error
    }
    const changes = indexer.takeChanges()
    const tip = indexer.getHead()
    const all = changes.reloaded && !s.trusted
    // Nothing read since the last write: the tables and the checkpoint hold it already, and only the
    // chain head is noted (no change to the API's cached answers: the projector announces none).
    const idle =
      !all &&
      result.events === 0 &&
      result.rolledBack === 0 &&
      tip !== null &&
      tip.number === s.written?.number &&
      tip.hash === s.written.hash
    await db(() =>
      s.projector.write({
        state: indexer.getState(),
        changes: all ? 'all' : changes,
        tip: idle ? null : tip,
        head: result.head,
        events: result.events,
        chain,
        // Saved with every write: what the tables lack (the recent blocks and their journals).
        checkpoint: idle ? undefined : s.pending,
        // Serialized once the rows are computed: by then only what the tables lack is in memory.
        beforeCheckpoint: () => dropRecords(indexer.getState()),
      }),
    )
    s.trusted = true
    s.written = tip
    status.indexedBlock = indexer.getHead()?.number ?? null
    status.chainHead = result.head
    status.lastSyncAt = new Date()
    status.events += result.events
    status.error = null
    return result.caughtUp
  }

  async function closeSession() {
    const s = session
    session = undefined
    status.writing = false
    await s?.release().catch(() => {})
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        const number = ++steps
        // Catching up: the next blocks at once, without waiting.
        if (!(await step())) continue
        const ready = waiters.filter((w) => w.after < number)
        waiters = waiters.filter((w) => w.after >= number)
        for (const w of ready) w.resolve({ ...status })
      } catch (error) {
        const message = (error as Error)?.message?.split('\n')[0] ?? String(error)
        if (error instanceof DatabaseError) {
          status.error = { source: 'database', message }
          await closeSession()
        } else status.error = { source: 'chain', message }
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()

  return {
    status: () => ({ ...status }),
    synced: () =>
      new Promise((resolve) => {
        waiters.push({ after: steps, resolve })
        wake?.()
      }),
    state: () => session?.indexer?.getState(),
    async stop() {
      stopped = true
      wake?.()
      await loop
      await closeSession()
    },
  }
}
