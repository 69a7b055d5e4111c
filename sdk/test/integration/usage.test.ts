import { type Hex, keccak256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  genesisUsageHash,
  type UsageEntry,
  type UsageProof,
  usageEntryHash,
  usageMerkleProof,
  usageMerkleRoot,
} from '../../src/index.js'
import { clientOf, freshRegistration, giveEth, revertOf, testAccount } from './local.js'

const owner = testAccount('usage owner')
const operator = testAccount('usage operator')
const stranger = testAccount('usage stranger')
const licensee = testAccount('usage licensee').address
const daimm = clientOf(owner)

/** A hash-chained log of `n` entries alternating between two models, from position `from`. */
function log(models: readonly Hex[], n: number, from = 1n, previous: Hex = genesisUsageHash) {
  const entries: UsageEntry[] = []
  for (let i = 0; i < n; i++) {
    const entry: UsageEntry = {
      seq: from + BigInt(i),
      at: 1_800_000_000n + BigInt(i),
      modelId: models[i % models.length] as Hex,
      licensee,
      action: (['key', 'download', 'infer'] as const)[i % 3] as UsageEntry['action'],
      requestDigest: keccak256(toHex(`request ${i}`)),
      responseDigest: keccak256(toHex(`response ${i}`)),
      previousHash: previous,
    }
    previous = usageEntryHash(entry)
    entries.push(entry)
  }
  return entries
}

/** Anchors a model's entries of `entries` as the gateway does, and returns their proofs. */
async function anchor(sender: typeof daimm, modelId: Hex, entries: readonly UsageEntry[]) {
  const own = entries.filter((e) => e.modelId === modelId)
  const hashes = own.map(usageEntryHash)
  const { index } = await sender.usage.anchor({
    modelId,
    root: usageMerkleRoot(hashes),
    fromSeq: entries[0]?.seq as bigint,
    toSeq: entries.at(-1)?.seq as bigint,
    count: own.length,
  })
  return own.map(
    (e, i): UsageProof => ({
      seq: e.seq,
      anchorIndex: Number(index),
      proof: usageMerkleProof(hashes, i),
    }),
  )
}

describe('usage anchors', () => {
  test('entries verify against the anchored root; a tampered entry and an entry of another model fail', async () => {
    await giveEth(owner, operator, stranger)
    const a = (await daimm.registry.register({ registration: freshRegistration() })).id
    const b = (await daimm.registry.register({ registration: freshRegistration() })).id
    await daimm.usage.setOperator({ operator: operator.address, approved: true, modelId: a })
    expect(await daimm.usage.canAnchor({ modelId: a, account: operator.address })).toBe(true)
    expect(await daimm.usage.canAnchor({ modelId: b, account: operator.address })).toBe(false)

    const entries = log([a, b], 7)
    const proofs = [
      ...(await anchor(clientOf(operator), a, entries)),
      ...(await anchor(daimm, b, entries)),
    ]
    const anchors = await daimm.usage.getAnchors({ modelId: a })
    expect(anchors).toMatchObject([{ index: 0, fromSeq: 1n, toSeq: 7n, count: 4 }])

    const ofA = entries.filter((e) => e.modelId === a)
    expect(await daimm.usage.verify({ entries: ofA, proofs, modelId: a, licensee })).toEqual({
      ok: true,
      verified: 4,
      failures: [],
    })

    // The gateway (or anyone) changes what an entry says: the inclusion check names that entry.
    const tampered = ofA.map((e) => (e.seq === 3n ? { ...e, action: 'key' as const } : e))
    const report = await daimm.usage.verify({ entries: tampered, proofs, modelId: a })
    expect(report.ok).toBe(false)
    expect(report.verified).toBe(3)
    expect(report.failures).toMatchObject([{ seq: 3n, reason: 'not-in-anchor' }])

    // An entry of model b passed off as one of a: refused by model, and by proof when relabelled.
    const ofB = entries.find((e) => e.modelId === b) as UsageEntry
    const other = await daimm.usage.verify({ entries: [ofB], proofs, modelId: a })
    expect(other.failures).toMatchObject([{ seq: ofB.seq, reason: 'other-model' }])
    const relabelled = await daimm.usage.verify({ entries: [{ ...ofB, modelId: a }], proofs })
    expect(relabelled.failures).toMatchObject([{ seq: ofB.seq, reason: 'not-in-anchor' }])

    // Not anchored yet: reported as such, not as tampered.
    const later = log([a], 1, 8n, usageEntryHash(entries.at(-1) as UsageEntry))
    const pending = await daimm.usage.verify({ entries: later, proofs })
    expect(pending.failures).toMatchObject([{ seq: 8n, reason: 'not-anchored' }])
  })

  test('refuses anchors by a stranger, a revoked operator, and over a range already anchored', async () => {
    const a = (await daimm.registry.register({ registration: freshRegistration() })).id
    const root = usageMerkleRoot([keccak256(toHex('x'))])
    const refusal = await revertOf(
      clientOf(stranger).usage.anchor({ modelId: a, root, fromSeq: 1n, toSeq: 1n, count: 1 }),
    )
    expect(refusal.shortMessage).toMatch(/may not anchor usage of model/)
    await daimm.usage.setOperator({ operator: operator.address, approved: true })
    await clientOf(operator).usage.anchor({ modelId: a, root, fromSeq: 1n, toSeq: 1n, count: 1 })
    await daimm.usage.setOperator({ operator: operator.address, approved: false })
    const revoked = await revertOf(
      clientOf(operator).usage.anchor({ modelId: a, root, fromSeq: 2n, toSeq: 2n, count: 1 }),
    )
    expect(revoked.shortMessage).toMatch(/may not anchor/)
    const rewind = await revertOf(
      daimm.usage.anchor({ modelId: a, root, fromSeq: 1n, toSeq: 1n, count: 1 }),
    )
    expect(rewind.shortMessage).toMatch(/anchored up to entry 1 already/)
  })
})
