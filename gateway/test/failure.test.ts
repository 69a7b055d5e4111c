/**
 * Failures: the chain and the database going away and coming back, restarts, two writers. The
 * gateway answers 503 with the reason while a dependency is away, and recovers by itself.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, http, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { migrate, openDb } from '../src/db.js'
import { startGateway } from '../src/gateway.js'
import { startWriter } from '../src/writer.js'
import { registerRandomModel, startChain, startRelay, type TestChain } from './helpers.js'
import { startPostgres } from './setup/postgres.js'

let chain: TestChain
beforeAll(async () => {
  chain = await startChain()
}, 120_000)
afterAll(() => chain?.stop())

const json = async (url: string) => {
  const response = await fetch(url)
  // biome-ignore lint/suspicious/noExplicitAny: answers as JSON
  const body: any = await response.json()
  return { status: response.status, type: response.headers.get('content-type'), body }
}
const poll = { timeout: 20_000, interval: 200 }

test('the chain goes down and comes back: 503 "chain unreachable", the data still served, then caught up', async () => {
  const url = new URL(chain.anvil.rpcUrl)
  const relay = await startRelay({ host: url.hostname, port: Number(url.port) })
  const gateway = await startGateway({
    rpcUrl: relay.url,
    deployment: chain.deployment,
    dataDir: undefined,
    confirmations: 0,
    pollingInterval: 100,
    rateLimit: 0,
  })
  try {
    await gateway.writer?.synced()
    const base = gateway.url as string
    expect((await json(`${base}/v1/health`)).status).toBe(200)

    await relay.down()
    await expect
      .poll(async () => (await json(`${base}/v1/health`)).body.reason, poll)
      .toBe('chain unreachable')
    const health = await json(`${base}/v1/health`)
    expect(health.status).toBe(503)
    expect(health.body.status).toBe('unavailable')
    // What is indexed is still served.
    expect((await json(`${base}/v1/models`)).status).toBe(200)
    await expect.poll(() => gateway.writer?.status().error?.source, poll).toBe('chain')

    // The chain moves on while the gateway cannot see it.
    const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
    await relay.up()
    await expect.poll(async () => (await json(`${base}/v1/models/${id}`)).status, poll).toBe(200)
    const after = await json(`${base}/v1/health`)
    expect(after.status).toBe(200)
    expect(after.body.lag).toBe('0')
    expect(gateway.writer?.status().error).toBeNull()
  } finally {
    await gateway.stop()
    await relay.down()
  }
}, 90_000)

test('PostgreSQL goes down and comes back: 503 "database unreachable", then the writer resumes', async () => {
  const server = await startPostgres()
  const gateway = await startGateway({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    databaseUrl: server.url,
    confirmations: 0,
    pollingInterval: 100,
    rateLimit: 0,
  })
  try {
    await gateway.writer?.synced()
    const base = gateway.url as string
    expect((await json(`${base}/v1/models`)).status).toBe(200)

    server.stop()
    const down = await json(`${base}/v1/models`)
    expect(down.status).toBe(503)
    expect(down.type).toContain('application/problem+json')
    expect(down.body.reason).toBe('database unreachable')
    const health = await json(`${base}/v1/health`)
    expect(health.status).toBe(503)
    expect(health.body.reason).toBe('database unreachable')
    await expect.poll(() => gateway.writer?.status().error?.source, poll).toBe('database')

    const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
    server.start()
    await expect.poll(async () => (await json(`${base}/v1/models/${id}`)).status, poll).toBe(200)
    expect((await json(`${base}/v1/health`)).status).toBe(200)
    expect(gateway.writer?.status().writing).toBe(true)
  } finally {
    await gateway.stop()
    server.destroy()
  }
}, 90_000)

describe('restarts and writers', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daimm-gateway-restart-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('a restart resumes from the checkpoint in its data directory', async () => {
    const options = {
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      dataDir: join(dir, 'db'),
      confirmations: 2,
      pollingInterval: 100,
      serve: false,
    }
    const first = await startGateway(options)
    const before = await first.writer?.synced()
    await first.stop()
    expect(before?.events).toBeGreaterThan(0)

    const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
    const second = await startGateway(options)
    try {
      const after = await second.writer?.synced()
      // Only the new blocks (and the unconfirmed ones kept in the checkpoint) are read again.
      expect(after?.events).toBeLessThan(10)
      const [row] = await second.db.query<{ owner: string }>(
        'SELECT owner FROM models WHERE key = $1',
        [id],
      )
      expect(row?.owner).toBeDefined()
    } finally {
      await second.stop()
    }

    // A checkpoint an older SDK indexer wrote (version 3) is dropped: the writer indexes again
    // from the start block instead of failing on every sync.
    const db = await openDb({ dataDir: options.dataDir })
    await db.query(
      `UPDATE indexer_checkpoint SET checkpoint = replace(checkpoint, '"version":4', '"version":3')`,
    )
    await db.close()
    const third = await startGateway(options)
    try {
      let status = await third.writer?.synced()
      if (status?.events === 0) status = await third.writer?.synced()
      expect(status?.error).toBeNull()
      expect(status?.events).toBeGreaterThan(before?.events ?? 0)
      const [row] = await third.db.query<{ owner: string }>(
        'SELECT owner FROM models WHERE key = $1',
        [id],
      )
      expect(row?.owner).toBeDefined()
    } finally {
      await third.stop()
    }
  }, 90_000)

  test('tables ahead of the checkpoint (a crash between saves), then a reorg: the restart deletes what the reorg dropped', async () => {
    const db = await openDb({ dataDir: undefined })
    await migrate(db)
    const publicClient = createPublicClient({
      transport: http(chain.anvil.rpcUrl),
    }) as PublicClient
    const parameters = { db, publicClient, deployment: chain.deployment, confirmations: 2 }
    const rpc = async (method: string, params: unknown[] = []) => {
      const response = await fetch(chain.anvil.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      })
      return ((await response.json()) as { result: unknown }).result
    }
    const checkpointOf = async () =>
      (
        await db.query<{ checkpoint: string | null; b: string }>(
          'SELECT checkpoint, indexed_block::text AS b FROM indexer_checkpoint WHERE id = 1',
        )
      )[0]
    try {
      // A checkpoint at the head; a snapshot of the chain there.
      const a = startWriter({ ...parameters, pollingInterval: 100 })
      await a.synced()
      await a.stop()
      const saved = await checkpointOf()
      expect(saved?.checkpoint).not.toBeNull()
      const snapshot = await rpc('evm_snapshot')

      // The tables go ahead with a model the checkpoint does not have (the checkpoint saved with
      // that write undone below: as after a crash).
      const lost = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
      const b = startWriter({ ...parameters, pollingInterval: 100 })
      await b.synced()
      await b.stop()
      await db.query('UPDATE indexer_checkpoint SET checkpoint = $1 WHERE id = 1', [
        saved?.checkpoint,
      ])
      expect(Number((await checkpointOf())?.b)).toBeGreaterThan(Number(saved?.b))
      expect(await db.query('SELECT 1 FROM models WHERE key = $1', [lost])).toHaveLength(1)

      // The node drops that block and mines others: nothing on the new chain touches the model.
      await rpc('evm_revert', [snapshot])
      await rpc('anvil_mine', ['0x4'])
      const c = startWriter({ ...parameters, pollingInterval: 100 })
      try {
        const status = await c.synced()
        expect(status.error).toBeNull()
        expect(await db.query('SELECT 1 FROM models WHERE key = $1', [lost])).toHaveLength(0)
      } finally {
        await c.stop()
      }
    } finally {
      await db.close()
    }
  }, 90_000)

  test('a second writer waits on the advisory lock, then takes over', async () => {
    const url = new URL(inject('databaseUrl'))
    const admin = await openDb({ databaseUrl: url.href, poolSize: 1 })
    await admin.query('CREATE DATABASE two_writers')
    await admin.close()
    url.pathname = '/two_writers'
    const dbA = await openDb({ databaseUrl: url.href })
    const dbB = await openDb({ databaseUrl: url.href })
    await migrate(dbA)
    const publicClient = createPublicClient({ transport: http(chain.anvil.rpcUrl) }) as PublicClient
    const parameters = {
      publicClient,
      deployment: chain.deployment,
      confirmations: 0,
      pollingInterval: 100,
    }
    const a = startWriter({ ...parameters, db: dbA })
    await a.synced()
    const b = startWriter({ ...parameters, db: dbB })
    try {
      await new Promise((r) => setTimeout(r, 1000))
      expect(a.status().writing).toBe(true)
      expect(b.status().writing).toBe(false)
      await a.stop()
      await dbA.close()
      const id = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
      await expect.poll(() => b.status().writing, poll).toBe(true)
      await expect
        .poll(
          async () => (await dbB.query('SELECT 1 FROM models WHERE key = $1', [id])).length,
          poll,
        )
        .toBe(1)
    } finally {
      await b.stop()
      await dbB.close()
    }
  }, 60_000)
})
