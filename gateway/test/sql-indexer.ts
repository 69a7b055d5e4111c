/**
 * The SDK indexer's module as the gateway's agreement tests see it: `createIndexer` returns the
 * SDK's indexer, whose state is written into the gateway's tables after every sync and read back
 * from them (`getState()` and every query helper answer from the tables). The SDK's randomized
 * agreement scenario (sdk/test/integration/indexer.test.ts) runs against it on PGlite and on
 * PostgreSQL: what it compares with the contracts' views is what the gateway's database holds.
 * As the gateway's writer does, the SDK indexer keeps a bounded working set: the records a range's
 * events name are loaded from the tables (`prepare`), and dropped after each write; its checkpoint
 * is the recent blocks and their journals (an indexer resuming a store resumes its database).
 */
import { expect, inject } from 'vitest'
import * as sdk from '../../sdk/src/indexer/index.js'
import { watchSyncs } from '../../sdk/src/indexer/indexer.js'
import { createQueries } from '../../sdk/src/indexer/queries.js'
import { type Db, migrate, openDb } from '../src/db.js'
import { dropRecords, loadRecords, readState } from '../src/projection.js'
import { createProjector } from '../src/projector.js'

export * from '../../sdk/src/indexer/index.js'

let databases = 0
let template: Promise<Blob | File> | undefined

async function freshDb(): Promise<Db> {
  if (process.env.GATEWAY_TEST_DB !== 'postgres') {
    // A migrated database once, then copies of it: a PGlite initdb per indexer is slow.
    template ??= (async () => {
      const db = await openDb({ dataDir: undefined })
      await migrate(db)
      const dump = await (db.dump as () => Promise<Blob | File>)()
      await db.close()
      return dump
    })()
    const db = await openDb({ dataDir: undefined, loadDataDir: await template })
    await migrate(db)
    return db
  }
  const url = new URL(inject('databaseUrl'))
  const name = `agreement_${process.pid}_${++databases}`
  const admin = await openDb({ databaseUrl: url.href, poolSize: 1 })
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.close()
  url.pathname = `/${name}`
  const db = await openDb({ databaseUrl: url.href, poolSize: 2 })
  await migrate(db)
  return db
}

/** The database of each store: the tables are the state its checkpoints describe. */
const databases_ = new WeakMap<sdk.IndexerStore, Promise<Db>>()

export function createIndexer(parameters: sdk.CreateIndexerParameters): sdk.Indexer {
  const store = parameters.store ?? sdk.createMemoryStore()
  let checkpoint: sdk.IndexerCheckpoint | undefined
  let database = databases_.get(store)
  if (!database) {
    database = freshDb()
    databases_.set(store, database)
  }
  const db = database
  const inner = sdk.createIndexer({
    ...parameters,
    trackChanges: true,
    tipCheckpoints: true,
    async prepare(logs, state, changed) {
      await loadRecords(await db, state, logs, changed)
    },
    store: {
      load: () => store.load(),
      async save(saved) {
        checkpoint = saved
        await store.save(saved)
      },
    },
  })
  const projector = database.then(createProjector)
  let view = sdk.emptyState()
  let syncing: Promise<sdk.SyncResult> | undefined

  const indexer: sdk.Indexer = {
    ...createQueries(() => view),
    sync() {
      syncing ??= (async () => {
        const result = await inner.sync()
        const changes = inner.takeChanges()
        const state = inner.getState()
        // The records in memory (those this sync touched) as the whole state has them.
        const held = Object.fromEntries(
          Object.entries(comparable(state)).map(([field, value]) => [
            field,
            value !== null && typeof value === 'object' && !Array.isArray(value)
              ? { ...value }
              : value,
          ]),
        ) as unknown as sdk.IndexedState
        await (await projector).write({
          state,
          changes,
          tip: inner.getHead(),
          head: result.head,
          events: result.events,
          chain: {
            chainId: parameters.deployment.chainId,
            registry: parameters.deployment.contracts.registry,
          },
          checkpoint,
          beforeCheckpoint: () => dropRecords(state),
        })
        view = await readState(await db)
        // The rows written hold what the indexer held, and the working set is dropped.
        expect(pick(view, held)).toEqual(held)
        expect(
          Object.values(state.models).every((m) => m.id === undefined) &&
            Object.keys(state.offers).length === 0,
        ).toBe(true)
        return result
      })().finally(() => {
        syncing = undefined
      })
      return syncing
    },
    watch: (watchParameters) => watchSyncs(() => indexer.sync(), watchParameters),
    getState: () => view,
    getHead: () => inner.getHead(),
    takeChanges: () => inner.takeChanges(),
  }
  return indexer
}

/** Of `view`'s records, those `like` holds (and its single values). */
function pick(view: sdk.IndexedState, like: sdk.IndexedState): sdk.IndexedState {
  const out: Record<string, unknown> = {}
  const v = view as unknown as Record<string, unknown>
  for (const [field, value] of Object.entries(like)) {
    const records = v[field]
    out[field] =
      value !== null && typeof value === 'object' && !Array.isArray(value) && field !== 'totals'
        ? Object.fromEntries(
            Object.keys(value).map((k) => [k, (records as Record<string, unknown>)?.[k]]),
          )
        : records
  }
  return out as unknown as sdk.IndexedState
}

/** The state as the tables hold it: a mint whose `ModelRegistered` has not come has no row. */
function comparable(state: sdk.IndexedState): sdk.IndexedState {
  const models = Object.fromEntries(
    Object.entries(state.models).filter(([, m]) => m.id !== undefined),
  )
  return { ...state, models }
}
