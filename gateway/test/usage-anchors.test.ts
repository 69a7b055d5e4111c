/**
 * The anchoring job and the public usage routes: the gateway's operator anchors each model's new
 * entries, the proofs it serves verify against the roots read from the chain, and a crash after a
 * transaction or a refused transaction never anchors an entry twice.
 */
import { createPublicClient, createWalletClient, type Hex, http, keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyUsage } from '../../sdk/src/actions/usage/verifyUsage.js'
import { ANVIL_PRIVATE_KEY_0 } from '../../sdk/src/cli/devnet.js'
import { parseUsageProof } from '../../sdk/src/usage/json.js'
import { migrate, openDb } from '../src/db.js'
import { type Gateway, startGateway } from '../src/gateway.js'
import { createDaimmClient, genesisUsageHash, type UsageEntry, usageEntryHash } from '../src/sdk.js'
import { startAnchoring } from '../src/usage/anchoring.js'
import { registerRandomModel, startChain, type TestChain } from './helpers.js'

// Anvil's account 1: the gateway's operator.
const OPERATOR_KEY: Hex = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const operator = privateKeyToAccount(OPERATOR_KEY)
const licensee = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'

let chain: TestChain
let gateway: Gateway
let owner: ReturnType<typeof createDaimmClient>
let modelA: Hex
let modelB: Hex
let previous: Hex = genesisUsageHash
let seq = 0n
const entries: UsageEntry[] = []

/** Appends entries as the gateway's usage log does (hash-chained). */
async function append(db: Gateway['db'], modelId: Hex, n: number) {
  for (let i = 0; i < n; i++) {
    seq++
    const entry: UsageEntry = {
      seq,
      at: 1_800_000_000n + seq,
      modelId: modelId.toLowerCase() as Hex,
      licensee,
      action: 'infer',
      requestDigest: keccak256(toHex(`request ${seq}`)),
      responseDigest: keccak256(toHex(`response ${seq}`)),
      previousHash: previous,
    }
    previous = usageEntryHash(entry)
    entries.push(entry)
    await db.query('INSERT INTO usage_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      entry.seq.toString(),
      entry.at.toString(),
      modelId.toLowerCase(),
      licensee.toLowerCase(),
      entry.action,
      entry.requestDigest,
      entry.responseDigest,
      entry.previousHash,
      previous,
    ])
  }
}

beforeAll(async () => {
  chain = await startChain()
  const transport = http(chain.anvil.rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
  owner = createDaimmClient({
    publicClient,
    walletClient: createWalletClient({
      chain: foundry,
      transport,
      account: privateKeyToAccount(ANVIL_PRIVATE_KEY_0),
    }),
    deployment: chain.deployment,
  })
  modelA = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
  modelB = await registerRandomModel(chain.anvil.rpcUrl, chain.deployment)
  gateway = await startGateway({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    write: false,
    usageOperatorKey: OPERATOR_KEY,
    anchorInterval: 3_600_000,
    rateLimit: 0,
  })
}, 180_000)

afterAll(async () => {
  await gateway?.stop()
  await chain?.stop()
})

const get = async (path: string) => {
  const response = await fetch(`${gateway.url}${path}`)
  // biome-ignore lint/suspicious/noExplicitAny: answers as JSON
  return { status: response.status, body: (await response.json()) as any }
}

describe('anchoring the usage log', () => {
  test('skips models whose owner did not delegate the operator, then anchors once delegated', async () => {
    await append(gateway.db, modelA, 3)
    await append(gateway.db, modelB, 2)
    await append(gateway.db, modelA, 2)
    expect(await gateway.anchoring?.runOnce()).toEqual([])
    await owner.usage.setOperator({ operator: operator.address, approved: true })
    const made = await gateway.anchoring?.runOnce()
    expect(made?.map((m) => [m.modelId, m.fromSeq, m.toSeq, m.count])).toEqual([
      [modelA.toLowerCase(), 1n, 7n, 5],
      [modelB.toLowerCase(), 1n, 5n, 2],
    ])
    // Nothing new: nothing sent.
    expect(await gateway.anchoring?.runOnce()).toEqual([])
    expect(await owner.usage.getAnchors({ modelId: modelA })).toHaveLength(1)
  })

  test("serves anchors and proofs that verify against the chain's roots; a tampered entry fails", async () => {
    const anchors = await get(`/v1/usage/anchors?model=${modelA}`)
    expect(anchors.body.items).toMatchObject([{ index: 0, fromSeq: '1', toSeq: '7', count: 5 }])
    const onChain = await owner.usage.getAnchors({ modelId: modelA })
    expect(anchors.body.items[0].root).toBe(onChain[0]?.root)

    const { body } = await get(`/v1/usage/proofs?seq=${entries.map((e) => e.seq).join(',')},99`)
    expect(body.unanchored).toEqual(['99'])
    const proofs = body.items.map(parseUsageProof)
    const ctx = {
      publicClient:
        owner.deployment &&
        createPublicClient({ chain: foundry, transport: http(chain.anvil.rpcUrl) }),
      deployment: chain.deployment,
    }
    const report = await verifyUsage(ctx as never, { entries, proofs, licensee })
    expect(report).toEqual({ ok: true, verified: 7, failures: [] })
    const tampered = entries.map((e) => (e.seq === 4n ? { ...e, at: e.at + 1n } : e))
    const bad = await verifyUsage(ctx as never, { entries: tampered, proofs })
    expect(bad.failures).toMatchObject([{ seq: 4n, reason: 'not-in-anchor' }])
    const other = await verifyUsage(ctx as never, { entries, proofs, modelId: modelA })
    expect(other.failures.map((f) => [f.seq, f.reason])).toEqual([
      [4n, 'other-model'],
      [5n, 'other-model'],
    ])
  })

  test('a crash after the transaction, and a refused transaction, never anchor twice', async () => {
    await append(gateway.db, modelA, 2)
    // A second job on the same database that "crashes" once its transaction is mined.
    const crashing = startAnchoring({
      db: gateway.db,
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      account: operator,
      interval: 3_600_000,
      afterSend: async () => {
        throw new Error('crash')
      },
    })
    expect(await crashing.runOnce()).toEqual([])
    await crashing.stop()
    const pending = await gateway.db.query(
      `SELECT status FROM usage_anchors WHERE status = 'pending'`,
    )
    expect(pending).toHaveLength(1)
    // After the restart the pending anchor is found on-chain and recorded, not sent again.
    expect(await gateway.anchoring?.runOnce()).toEqual([])
    expect(await owner.usage.getAnchors({ modelId: modelA })).toHaveLength(2)
    expect(
      await gateway.db.query(`SELECT status FROM usage_anchors WHERE status = 'pending'`),
    ).toHaveLength(0)

    // The owner revokes the operator: the anchor is refused and retried once delegated again.
    await append(gateway.db, modelA, 1)
    await owner.usage.setOperator({ operator: operator.address, approved: false })
    expect(await gateway.anchoring?.runOnce()).toEqual([])
    await owner.usage.setOperator({ operator: operator.address, approved: true })
    const made = await gateway.anchoring?.runOnce()
    expect(made?.map((m) => [m.fromSeq, m.toSeq, m.count])).toEqual([[10n, 10n, 1]])
    const onChain = await owner.usage.getAnchors({ modelId: modelA })
    expect(onChain.map((a) => [a.fromSeq, a.toSeq])).toEqual([
      [1n, 7n],
      [8n, 9n],
      [10n, 10n],
    ])
  })

  test('a fresh database gets the anchors table from migration 005', async () => {
    const db = await openDb({ dataDir: undefined })
    expect(await migrate(db)).toContain('005_usage_anchors.sql')
    await db.close()
  })
})
