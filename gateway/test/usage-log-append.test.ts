/**
 * Appends to the usage log from many requests at once, on PGlite and on PostgreSQL (two pools, as
 * two API processes on one database): the entries form one chain, with no gap, fork or duplicate.
 */
import { type Address, type Hex, toHex } from 'viem'
import { describe, expect, inject, test } from 'vitest'
import { genesisUsageHash, usageEntryHash } from '../../sdk/src/usage/entry.js'
import { type Db, migrate, openDb } from '../src/db.js'
import { appendUsage } from '../src/licensing/usage-log.js'

async function checkChain(db: Db, count: number) {
  const rows = await db.query<Record<string, string>>('SELECT * FROM usage_log ORDER BY seq')
  expect(rows).toHaveLength(count)
  let previous: Hex = genesisUsageHash
  for (const [i, r] of rows.entries()) {
    expect(BigInt(r.seq as string)).toBe(BigInt(i + 1))
    expect(r.previous_hash).toBe(previous)
    previous = usageEntryHash({
      seq: BigInt(r.seq as string),
      at: BigInt(r.at as string),
      modelId: r.model_id as Hex,
      licensee: r.licensee as Address,
      action: r.action as 'infer',
      requestDigest: r.request_digest as Hex,
      responseDigest: r.response_digest as Hex,
      previousHash: r.previous_hash as Hex,
    })
    expect(r.entry_hash).toBe(previous)
  }
}

const record = (i: number) => ({
  modelKey: toHex(7n, { size: 32 }),
  licensee: `0x${(i % 3).toString(16).padStart(40, 'a')}` as Address,
  action: 'infer' as const,
  requestDigest: toHex(BigInt(i), { size: 32 }),
  responseDigest: toHex(BigInt(i + 1000), { size: 32 }),
})

describe('appendUsage', () => {
  test('PGlite: 40 concurrent appends make one chain', async () => {
    const db = await openDb({ dataDir: undefined })
    await migrate(db)
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendUsage(db, record(i))))
    await checkChain(db, 40)
    await db.close()
  })

  test('PostgreSQL: 60 concurrent appends from two pools make one chain', async () => {
    const url = new URL(inject('databaseUrl'))
    const admin = await openDb({ databaseUrl: url.href, poolSize: 1 })
    await admin.query('CREATE DATABASE usage_append')
    await admin.close()
    url.pathname = '/usage_append'
    const a = await openDb({ databaseUrl: url.href, poolSize: 5 })
    const b = await openDb({ databaseUrl: url.href, poolSize: 5 })
    await migrate(a)
    await Promise.all(Array.from({ length: 60 }, (_, i) => appendUsage(i % 2 ? a : b, record(i))))
    await checkChain(a, 60)
    await a.close()
    await b.close()
  }, 60_000)
})
