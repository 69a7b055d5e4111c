/**
 * The response cache is exact: a read after a sync never answers the state before it, on embedded
 * PGlite (writer and API in one process) and on PostgreSQL with the API in a gateway of its own
 * (only `NOTIFY` links them). Signed requests bypass it; a lost `LISTEN` connection turns it off
 * until a new one listens; clients revalidate with ETags.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createApi } from '../src/api/app.js'
import {
  announceChanges,
  CHANGES_CHANNEL,
  createResponseCache,
  followChanges,
  type ResponseCache,
  withChangeNotices,
} from '../src/api/cache.js'
import { startCardFetcher } from '../src/cards.js'
import { type Db, migrate, openDb } from '../src/db.js'
import { type Gateway, startGateway } from '../src/gateway.js'
import type { ContentReader } from '../src/sdk.js'
import { registerRandomModel, startChain, type TestChain } from './helpers.js'

let chain: TestChain

beforeAll(async () => {
  chain = await startChain()
}, 180_000)

afterAll(async () => {
  await chain?.stop()
})

const poll = { timeout: 20_000, interval: 50 }

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers })
  const text = await response.text()
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    etag: response.headers.get('etag'),
    control: response.headers.get('cache-control'),
    // biome-ignore lint/suspicious/noExplicitAny: answers as JSON
    body: (text ? JSON.parse(text) : null) as any,
  }
}

/**
 * Registers a model while a reader keeps asking for `/v1/stats` and `/v1/models` (answers computed
 * across the writer's commit), waits for the writer's sync, then reads: the new model must be there.
 */
/**
 * `notified`: the API runs in another process, told by NOTIFY, which arrives just after the
 * writer's commit returns: the first answers may still be the old state, never once it arrived.
 */
async function readAfterSync(writer: Gateway, base: string, notified = false) {
  const before = (await get(base, '/v1/stats')).body.models as number
  await get(base, '/v1/models?limit=5')
  expect((await get(base, '/v1/stats')).cache).toBe('hit')
  let reading = true
  const reader = (async () => {
    while (reading) {
      await get(base, '/v1/stats')
      await get(base, '/v1/models?limit=5')
    }
  })()
  const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
  await writer.writer?.synced()
  if (notified)
    await expect
      .poll(async () => (await get(base, '/v1/stats')).body.models, { timeout: 2_000 })
      .toBe(before + 1)
  const stats = await get(base, '/v1/stats')
  const list = await get(base, '/v1/models?limit=5')
  const model = await get(base, `/v1/models/${id}`)
  reading = false
  await reader
  expect(stats.body.models).toBe(before + 1)
  expect(list.body.items.map((m: { id: string }) => m.id)).toContain(id)
  expect(model.status).toBe(200)
  // Cached again from then on.
  expect((await get(base, '/v1/stats')).cache).toBe('hit')
  return id
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Idle passes (the indexer with no new block, the card fetcher with no new model) keep the API's
 * answers; a new model's sync, then its card, each empty them. `writer` writes, `api` serves.
 */
async function idlePassesKeepAnswers(writer: Gateway, api: Gateway) {
  const base = api.url as string
  const cache = api.cache as ResponseCache
  const card = new TextEncoder().encode('{"name":"a fetched card"}')
  const reader = { get: async () => card } as unknown as ContentReader
  // Its first passes take in the cards of the models so far; then it waits for `runOnce`.
  const cards = startCardFetcher({ db: writer.db, reader, pollingInterval: 3_600_000 })
  try {
    const unfetched = `SELECT 1 FROM models m LEFT JOIN cards c ON c.cid = m.metadata_cid
      WHERE c.status IS DISTINCT FROM 'ok'`
    await expect.poll(async () => (await writer.db.query(unfetched)).length, poll).toBe(0)
    await writer.writer?.synced()
    await sleep(500) // the notices of those writes have arrived
    await get(base, '/v1/stats')
    await get(base, '/v1/models?limit=5')
    const at = cache.generation
    expect(await cards.runOnce()).toBe(0)
    await writer.writer?.synced()
    await writer.writer?.synced()
    await sleep(500) // a notice sent would have arrived
    expect(cache.generation).toBe(at)
    expect((await get(base, '/v1/stats')).cache).toBe('hit')
    expect((await get(base, '/v1/models?limit=5')).cache).toBe('hit')

    const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
    await writer.writer?.synced()
    await expect.poll(() => cache.generation, poll).toBeGreaterThan(at)
    await expect.poll(async () => (await get(base, `/v1/models/${id}`)).status, poll).toBe(200)
    expect((await get(base, `/v1/models/${id}`)).body.card.name).toBeNull()
    const synced = cache.generation
    expect(await cards.runOnce()).toBe(1)
    await expect.poll(() => cache.generation, poll).toBeGreaterThan(synced)
    const fetched = await get(base, `/v1/models/${id}`)
    expect(fetched.body.card.name).toBe('a fetched card')
  } finally {
    await cards.stop()
  }
}

describe('embedded PGlite: writer and API in one process', () => {
  let gateway: Gateway

  beforeAll(async () => {
    gateway = await startGateway({
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      confirmations: 0,
      rateLimit: 0,
      pollingInterval: 100,
    })
    await gateway.writer?.synced()
  }, 60_000)

  afterAll(async () => {
    await gateway?.stop()
  })

  test('the cache is on by default, and a read after a sync never answers the state before it', async () => {
    expect(gateway.cache?.enabled).toBe(true)
    for (let i = 0; i < 3; i++) await readAfterSync(gateway, gateway.url as string)
  }, 60_000)

  test('an idle indexer or card-fetcher pass keeps the answers; a new model and its card do not', async () => {
    await idlePassesKeepAnswers(gateway, gateway)
  }, 60_000)

  test('a signed request bypasses the cache; health and proposals are never cached', async () => {
    const base = gateway.url as string
    await get(base, '/v1/models?limit=3')
    expect((await get(base, '/v1/models?limit=3')).cache).toBe('hit')
    const signed = await get(base, '/v1/models?limit=3', { 'daimm-signature': '0x01' })
    expect(signed.status).toBe(200)
    expect(signed.cache).toBeNull()
    for (const path of ['/v1/health', '/v1/proposals']) {
      await get(base, path)
      expect((await get(base, path)).cache).toBeNull()
    }
    // A 404 is not kept.
    const missing = `/v1/models/0x${'11'.repeat(32)}`
    await get(base, missing)
    expect((await get(base, missing)).cache).toBeNull()
  })

  test('ETag and Cache-Control: a client revalidates and gets 304 until the state changes', async () => {
    const base = gateway.url as string
    const first = await get(base, '/v1/stats')
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    expect(first.control).toBe('public, no-cache')
    const again = await get(base, '/v1/stats', { 'if-none-match': first.etag as string })
    expect(again.status).toBe(304)
    expect(again.etag).toBe(first.etag)
    await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
    await gateway.writer?.synced()
    const changed = await get(base, '/v1/stats', { 'if-none-match': first.etag as string })
    expect(changed.status).toBe(200)
    expect(changed.etag).not.toBe(first.etag)
  }, 30_000)
})

describe('PostgreSQL: the API in a gateway of its own, told by NOTIFY', () => {
  let url: string
  let writer: Gateway
  let api: Gateway
  const lines: string[] = []

  beforeAll(async () => {
    const admin = new URL(inject('databaseUrl'))
    const db = await openDb({ databaseUrl: admin.href, poolSize: 1 })
    await db.query('CREATE DATABASE response_cache')
    await db.close()
    admin.pathname = '/response_cache'
    url = admin.href
    const options = {
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      databaseUrl: url,
      confirmations: 0,
      rateLimit: 0,
      pollingInterval: 100,
    }
    writer = await startGateway({ ...options, serve: false })
    await writer.writer?.synced()
    api = await startGateway({ ...options, write: false, log: (line) => lines.push(line) })
    for (let i = 0; !api.cache?.enabled; i++) {
      if (i > 200) throw new Error('the API never listened')
      await new Promise((r) => setTimeout(r, 50))
    }
  }, 60_000)

  afterAll(async () => {
    await api?.stop()
    await writer?.stop()
  })

  test('a read in another process answers the new state once the sync is announced, never the old one after', async () => {
    expect(writer.cache).toBeUndefined()
    for (let i = 0; i < 3; i++) await readAfterSync(writer, api.url as string, true)
  }, 60_000)

  test('an idle indexer or card-fetcher pass sends no notice; a new model and its card do', async () => {
    await idlePassesKeepAnswers(writer, api)
  }, 60_000)

  test('NOTIFY goes out with a transaction that announced, at its commit, and only then', async () => {
    const db = withChangeNotices(await openDb({ databaseUrl: url, poolSize: 2 }), () => {})
    const heard: string[] = []
    const stop = await db.listen?.(CHANGES_CHANNEL, {
      notice: (payload) => heard.push(payload),
      lost: () => {},
    })
    try {
      await db.query('WITH n AS (SELECT 1 AS x) SELECT x FROM n')
      await db.transaction((tx) =>
        tx.query("INSERT INTO cards (cid, status) SELECT 'x', 'ok' WHERE false"),
      )
      await expect(
        db.transaction(async (tx) => {
          await announceChanges(tx)
          throw new Error('rolled back')
        }),
      ).rejects.toThrow('rolled back')
      await sleep(300)
      expect(heard).toEqual([])
      await db.transaction(async (tx) => {
        await announceChanges(tx)
        await announceChanges(tx)
        await sleep(100)
        expect(heard).toEqual([])
      })
      await expect.poll(() => heard.length, poll).toBe(1)
      await announceChanges(db)
      await expect.poll(() => heard.length, poll).toBe(2)
    } finally {
      await stop?.()
      await db.close()
    }
  })

  test('a lost LISTEN connection turns the cache off until a new one listens', async () => {
    const base = api.url as string
    const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
    await writer.writer?.synced()
    const path = `/v1/models/${id}`
    // Kept once the notices of the sync (and of the tests before) have arrived.
    await expect.poll(async () => (await get(base, path)).cache, poll).toBe('hit')
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
         WHERE application_name = 'daimm-changes' AND datname = current_database()`,
      )
      expect(rows.length).toBe(1)
      // A change nobody announces (written past the gateway), made while nothing listens.
      await admin.query('UPDATE models SET owner = $1 WHERE key = $2', [
        '0x000000000000000000000000000000000000dEaD',
        id,
      ])
      await expect.poll(() => lines.join('\n'), poll).toMatch(/response cache off/)
      // Off: every answer is computed, so the unannounced change shows.
      const during = await get(base, path)
      expect(during.body.owner).toBe('0x000000000000000000000000000000000000dEaD')
      // Back on once it listens again, from scratch.
      await expect.poll(() => api.cache?.enabled, poll).toBe(true)
      expect(lines.join('\n')).toMatch(/response cache on/)
      const after = await get(base, path)
      expect(after.cache).toBe('miss')
      expect(after.body.owner).toBe('0x000000000000000000000000000000000000dEaD')
      expect((await get(base, path)).cache).toBe('hit')
    } finally {
      await admin.end()
    }
  }, 60_000)
})

describe('followChanges', () => {
  test('serves only while listening: off before LISTEN, off when lost, on again (emptied) after', async () => {
    let handlers: { notice(payload: string): void; lost(error: Error): void } | undefined
    let listens = 0
    let fail = false
    const fake = {
      kind: 'postgres',
      async listen(channel: string, h: typeof handlers & {}) {
        expect(channel).toBe(CHANGES_CHANNEL)
        listens++
        if (fail) throw new Error('connection refused')
        handlers = h
        return async () => {}
      },
    } as unknown as Db
    const cache = createResponseCache()
    const follower = followChanges(fake, cache)
    expect(cache.enabled).toBe(false)
    await expect.poll(() => cache.enabled).toBe(true)
    const answer = { body: '{}', type: 'application/json', etag: '"a"' }
    cache.set('/v1/stats', cache.generation, answer)
    expect(cache.get('/v1/stats')).toEqual(answer)
    handlers?.notice('')
    expect(cache.get('/v1/stats')).toBeUndefined()
    cache.set('/v1/stats', cache.generation, answer)
    // Lost, and reconnecting fails for a while: off the whole time.
    fail = true
    handlers?.lost(new Error('terminated'))
    expect(cache.enabled).toBe(false)
    expect(cache.get('/v1/stats')).toBeUndefined()
    await expect.poll(() => listens).toBeGreaterThanOrEqual(3)
    expect(cache.enabled).toBe(false)
    fail = false
    await expect.poll(() => cache.enabled, { timeout: 5000 }).toBe(true)
    expect(cache.get('/v1/stats')).toBeUndefined()
    await follower.stop()
    expect(cache.enabled).toBe(false)
  })

  test('an answer computed across a change is not kept', () => {
    const cache = createResponseCache()
    const at = cache.generation
    cache.invalidate()
    cache.set('/v1/stats', at, { body: '{}', type: 'application/json', etag: '"a"' })
    expect(cache.get('/v1/stats')).toBeUndefined()
  })

  test('withChangeNotices: an announced change tells, once a transaction ends; nothing else does', async () => {
    const db = await openDb({ dataDir: undefined })
    let changes = 0
    const watched = withChangeNotices(db, () => changes++)
    try {
      await watched.query('CREATE TABLE t (x int)')
      // Reads a rule over the SQL's wording took for writes, and writes that changed nothing.
      await watched.query('WITH n AS (SELECT 1 AS x) SELECT x FROM n')
      await watched.query('/* the models */ SELECT 1')
      await watched.query('(SELECT 1) UNION (SELECT 2)')
      await watched.query('INSERT INTO t SELECT 1 WHERE false')
      await watched.transaction((tx) => tx.query('WITH n AS (SELECT 1 AS x) SELECT x FROM n'))
      expect(changes).toBe(0)
      await watched.query('INSERT INTO t VALUES (1)')
      await announceChanges(watched)
      expect(changes).toBe(1)
      await watched.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (2)')
        await announceChanges(tx)
        await announceChanges(tx)
        // Not before it commits: an answer computed from the state before it would be kept.
        expect(changes).toBe(1)
      })
      expect(changes).toBe(2)
      // Failed: its outcome may be unknown, so it counts.
      await expect(
        watched.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (3)')
          await announceChanges(tx)
          throw new Error('rolled back')
        }),
      ).rejects.toThrow('rolled back')
      expect(changes).toBe(3)
      // A handle that is not the gateway's has nobody to tell.
      await announceChanges(db)
      expect(changes).toBe(3)
    } finally {
      await db.close()
    }
  })

  test('the API keeps no answer computed across a change, nor a failure', async () => {
    const db = await openDb({ dataDir: undefined })
    try {
      const cache = createResponseCache()
      const api = (db: Db) =>
        createApi(
          { db, tokens: { daimm: `0x${'00'.repeat(20)}` }, chainHead: async () => 0n },
          { rateLimit: 0, cache },
        )
      // No tables yet: the failure is not kept.
      expect((await api(db).request('/v1/stats')).status).not.toBe(200)
      expect(cache.stats().entries).toBe(0)
      await migrate(db)
      // A change lands while the answer is computed (after its queries read the state).
      const racing = api({
        ...db,
        async query(sql, params) {
          const rows = await db.query(sql, params)
          cache.invalidate()
          return rows as never
        },
      })
      const first = await racing.request('/v1/stats')
      expect(first.status).toBe(200)
      expect(first.headers.get('x-cache')).toBe('miss')
      expect(cache.stats().entries).toBe(0)
      // Without a change it is kept.
      const calm = api(db)
      expect((await calm.request('/v1/stats')).headers.get('x-cache')).toBe('miss')
      expect((await calm.request('/v1/stats')).headers.get('x-cache')).toBe('hit')
    } finally {
      await db.close()
    }
  })
})
