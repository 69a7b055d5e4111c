/**
 * The SDK indexer's module as the gateway's agreement tests see it: `createIndexer` returns the
 * SDK's indexer, whose state is written into the gateway's tables after every sync and read back
 * from them (`getState()` and every query helper answer from the tables). The SDK's randomized
 * agreement scenario (sdk/test/integration/indexer.test.ts) runs against it on PGlite and on
 * PostgreSQL: what it compares with the contracts' views is what the gateway's database holds.
 */
import { expect, inject } from 'vitest'
import * as sdk from '../../sdk/src/indexer/index.js'
import { watchSyncs } from '../../sdk/src/indexer/indexer.js'
import { createQueries } from '../../sdk/src/indexer/queries.js'
import { type Db, migrate, openDb } from '../src/db.js'
import { readState } from '../src/projection.js'
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

export function createIndexer(parameters: sdk.CreateIndexerParameters): sdk.Indexer {
  const store = parameters.store ?? sdk.createMemoryStore()
  let checkpoint: sdk.IndexerCheckpoint | undefined
  // A fresh database holds the empty state: the writes are of what changed from the first sync
  // on, unless the indexer resumed a checkpoint (then every row is written once).
  let resumed = false
  const inner = sdk.createIndexer({
    ...parameters,
    trackChanges: true,
    store: {
      async load() {
        const saved = await store.load()
        resumed = saved !== undefined
        return saved
      },
      async save(saved) {
        checkpoint = saved
        await store.save(saved)
      },
    },
  })
  const database = freshDb()
  const projector = database.then(createProjector)
  let view = sdk.emptyState()
  let syncing: Promise<sdk.SyncResult> | undefined

  const indexer: sdk.Indexer = {
    ...createQueries(() => view),
    sync() {
      syncing ??= (async () => {
        const result = await inner.sync()
        const changes = inner.takeChanges()
        await (await projector).write({
          state: inner.getState(),
          changes: changes.reloaded && resumed ? 'all' : changes,
          tip: inner.getHead(),
          head: result.head,
          events: result.events,
          chain: {
            chainId: parameters.deployment.chainId,
            registry: parameters.deployment.contracts.registry,
          },
          checkpoint,
        })
        view = await readState(await database)
        // The rows written from what changed hold the indexer's whole state.
        expect(view).toEqual(comparable(inner.getState()))
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

/** The state as the tables hold it: a mint whose `ModelRegistered` has not come has no row. */
function comparable(state: sdk.IndexedState): sdk.IndexedState {
  const models = Object.fromEntries(
    Object.entries(state.models).filter(([, m]) => m.id !== undefined),
  )
  return { ...state, models }
}
