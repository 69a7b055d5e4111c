/**
 * The gateway's one writer: runs the SDK's indexer (its `applyLog` derivation, its reorg handling
 * with `recent` blocks) and, after each sync, writes the records that changed and the indexer's
 * checkpoint to the database in one transaction. A restart resumes from that checkpoint. On
 * PostgreSQL an advisory lock keeps a second writer waiting until the first is gone.
 */
import type { PublicClient } from 'viem'
import type { Db } from './db.js'
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
  /** Called after each sync that wrote something. */
  onSync?: ((status: WriterStatus) => void) | undefined
}

export type Writer = {
  status(): WriterStatus
  /** Resolves after the next successful sync that started after this call. */
  synced(): Promise<WriterStatus>
  /** The in-memory state the SDK indexer holds (the tests compare the tables with it). */
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
  /** The checkpoint the indexer saved last, waiting to be written with its records. */
  pending: IndexerCheckpoint | undefined
}

export function startWriter(parameters: WriterParameters): Writer {
  const { db: database, publicClient, deployment } = parameters
  const interval = parameters.pollingInterval ?? 1000
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
    }
    s.release = await database.lock(WRITER_LOCK, () => {
      s.lost = true
    })
    status.writing = true
    return s
  }

  async function indexerOf(s: Session): Promise<Indexer> {
    if (s.indexer) return s.indexer
    const rows = await database.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM indexer_checkpoint WHERE id = 1',
    )
    const saved = rows[0] ? deserializeCheckpoint(rows[0].checkpoint) : undefined
    s.pending = undefined
    s.indexer = createIndexer({
      publicClient,
      deployment,
      confirmations: parameters.confirmations,
      blockRange: parameters.blockRange,
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
        await db(() => database.query('DELETE FROM indexer_checkpoint WHERE id = 1'))
      throw error
    }
    await db(() => s.projector.write(indexer.getState(), s.pending, result.head, result.events))
    status.indexedBlock = indexer.getHead()?.number ?? null
    status.chainHead = result.head
    status.lastSyncAt = new Date()
    status.events += result.events
    status.error = null
    if (result.events > 0 || result.rolledBack > 0) parameters.onSync?.(status)
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
        await step()
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
