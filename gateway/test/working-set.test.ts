/**
 * A writer that keeps only part of the state in memory: before each block's events apply, it loads
 * the records `keysOf` names from the tables (`loadRecords`); after each write it drops them
 * (`dropRecords`). The tables then hold what an indexer keeping the whole state in memory holds,
 * while the memory holds at most what a write touches.
 */
import { createPublicClient, http, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { random, randomLogs } from '../../sdk/test/unit/indexer/random-logs.js'
import { type Db, migrate, openDb } from '../src/db.js'
import { dropRecords, loadRecords, readState, recordCount } from '../src/projection.js'
import { createProjector } from '../src/projector.js'
import {
  applyLog,
  emptyChanges,
  emptyState,
  type IndexedLog,
  type IndexedState,
  keysOf,
  tracked,
} from '../src/sdk.js'
import { startWriter } from '../src/writer.js'
import { registerRandomModel, startChain, type TestChain } from './helpers.js'

let db: Db
beforeAll(async () => {
  db = await openDb({ dataDir: undefined })
  await migrate(db)
})
afterAll(() => db?.close())

/** The state as the tables hold it: a mint whose `ModelRegistered` has not come has no row. */
function comparable(state: IndexedState): IndexedState {
  const models = Object.fromEntries(
    Object.entries(state.models).filter(([, m]) => m.id !== undefined),
  )
  return { ...state, models }
}

test('loading what keysOf names before each block and dropping after each write keeps the tables equal to the whole state, with a bounded working set', async () => {
  const next = random(42)
  const projector = createProjector(db)
  // The reference: an indexer with the whole state in memory.
  const whole = emptyState()
  // The bounded one: single values in memory, records loaded from the tables when events need them.
  const partial = emptyState()
  let changes = emptyChanges()
  let block = 1n
  let fresh = 1000n
  const WRITES = 30
  const FRESH = 20
  for (let write = 0; write < WRITES; write++) {
    // The records this write's events name: what the working set may hold at most.
    const named = new Set<string>()
    // A write covers a few blocks (a sync's range).
    for (let b = 0; b < 4; b++, block++) {
      const logs: IndexedLog[] = []
      for (let i = 0; i < 6; i++) logs.push(...randomLogs(next, block))
      // And new models, so that the tables grow while the working set does not.
      for (let i = 0; i < FRESH / 4; i++, fresh++) logs.push(...registered(fresh, block))
      for (const log of logs)
        for (const [field, key] of keysOf(log).records) named.add(`${field}:${key}`)
      await loadRecords(db, partial, logs, changes)
      const context = { superseding: new Set<`0x${string}`>() }
      const partialContext = { superseding: new Set<`0x${string}`>() }
      const target = tracked(partial, undefined, changes)
      for (const log of logs) {
        applyLog(whole, log, context)
        applyLog(target, log, partialContext)
      }
      // Every record these events touched is as the whole state has it.
      for (const log of logs)
        for (const [field, key] of keysOf(log).records)
          expect(
            (partial as unknown as Record<string, Record<string, unknown>>)[field]?.[key],
            `${log.eventName}: ${field} ${key}`,
          ).toEqual((whole as unknown as Record<string, Record<string, unknown>>)[field]?.[key])
    }
    const mints = Object.values(whole.models).filter((m) => m.id === undefined).length
    expect(recordCount(partial)).toBeLessThanOrEqual(named.size + mints)
    await projector.write({
      state: partial,
      changes: { ...changes, reloaded: false },
      tip: { number: block, hash: `0x${block.toString(16).padStart(64, '0')}` },
      head: block,
      events: 0,
      chain: { chainId: 31337, registry: '0x0000000000000000000000000000000000000001' },
    })
    changes = emptyChanges()
    // What stays in memory between writes: the mints still waiting for their `ModelRegistered`.
    expect(dropRecords(partial)).toBe(
      Object.values(whole.models).filter((m) => m.id === undefined).length,
    )
    expect(await readState(db)).toEqual(comparable(whole))
  }
  // The tables hold every model; the memory, a few records.
  const [{ n }] = (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM models')) as [
    { n: string },
  ]
  expect(Number(n)).toBeGreaterThanOrEqual(WRITES * FRESH)
  expect(recordCount(partial)).toBeLessThan(10)
})

const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
let position = 1_000_000
/** A model's mint and registration, as the registry emits them. */
function registered(id: bigint, block: bigint): IndexedLog[] {
  const log = (eventName: string, args: Record<string, unknown>): IndexedLog => ({
    contract: 'registry',
    eventName,
    args,
    blockNumber: block,
    blockHash: `0x${block.toString(16).padStart(64, '0')}`,
    transactionHash: `0x${(position++).toString(16).padStart(64, '0')}`,
    logIndex: position,
    blockTimestamp: 1_000n + block,
  })
  return [
    log('Transfer', { from: '0x0000000000000000000000000000000000000000', to: owner, id }),
    log('ModelRegistered', {
      id,
      publisher: owner,
      parent: 0n,
      kind: 0,
      relation: 0,
      artifactCid: '0x01',
      metadataCid: '0x02',
      committed: false,
    }),
  ]
}

describe('the writer', () => {
  let chain: TestChain | undefined
  afterAll(() => chain?.stop())

  test('keeps in memory only the single values after each write, while the tables hold every model; a restart resumes the tables', async () => {
    chain = await startChain()
    const database = await openDb({ dataDir: undefined })
    await migrate(database)
    const parameters = {
      db: database,
      publicClient: createPublicClient({ transport: http(chain.anvil.rpcUrl) }) as PublicClient,
      deployment: chain.deployment,
      confirmations: 2,
      pollingInterval: 100,
    }
    const ids: string[] = []
    try {
      for (let i = 0; i < 8; i++)
        ids.push(await registerRandomModel(chain.anvil.rpcUrl, chain.deployment))
      const a = startWriter(parameters)
      await a.synced()
      const held = recordCount(a.state() as IndexedState)
      await a.stop()
      for (let i = 0; i < 4; i++)
        ids.push(await registerRandomModel(chain.anvil.rpcUrl, chain.deployment))
      const b = startWriter(parameters)
      await b.synced()
      try {
        const rows = await database.query<{ key: string }>('SELECT key FROM models')
        expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(ids))
        // Every model is in the tables; none is in memory (the bound: what one sync touches).
        expect([held, recordCount(b.state() as IndexedState)]).toEqual([0, 0])
        expect(b.status().error).toBeNull()
      } finally {
        await b.stop()
      }
    } finally {
      await database.close()
    }
  }, 180_000)
})
