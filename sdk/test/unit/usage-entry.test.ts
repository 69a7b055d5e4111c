import { encodeAbiParameters, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { genesisUsageHash, type UsageEntry, usageEntryHash } from '../../src/usage/entry.js'
import { parseUsageEntry, usageEntryToJson } from '../../src/usage/json.js'

const entry: UsageEntry = {
  seq: 1n,
  at: 1_800_000_000n,
  modelId: `0x${'0'.repeat(63)}7`,
  licensee: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  action: 'key',
  requestDigest: `0x${'11'.repeat(32)}`,
  responseDigest: `0x${'22'.repeat(32)}`,
  previousHash: genesisUsageHash,
}

describe('usageEntryHash', () => {
  it('changes when any field changes', () => {
    const base = usageEntryHash(entry)
    const edits: Partial<UsageEntry>[] = [
      { seq: 2n },
      { at: entry.at + 1n },
      { modelId: `0x${'0'.repeat(63)}8` },
      { licensee: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' },
      { action: 'infer' },
      { requestDigest: `0x${'12'.repeat(32)}` },
      { responseDigest: `0x${'23'.repeat(32)}` },
      { previousHash: base },
    ]
    const hashes = edits.map((edit) => usageEntryHash({ ...entry, ...edit }))
    expect(new Set([base, ...hashes]).size).toBe(edits.length + 1)
  })
})

describe('the usage log wire format (model ids as Hex since issue 18)', () => {
  // A model id with its top bit set and no zero padding to hide a byte-order mistake.
  const id = '0xb1a2c3d4e5f60718293a4b5c6d7e8f90b1a2c3d4e5f60718293a4b5c6d7e8f90'
  const logged: UsageEntry = { ...entry, modelId: id, action: 'download' }

  it('hashes an entry to the same bytes as when the id was a uint256 bigint', () => {
    // What usageEntryHash gave for this entry at b2a4409, when `modelId` was the bigint `BigInt(id)`:
    // anchors already on-chain commit to hashes like it.
    expect(usageEntryHash(logged)).toBe(
      '0x73e9f0f0717eb2f19541c6754902a003e933797673bcf9bd20c59473c5b6b228',
    )
    // The same, from the documented encoding: the id as a uint256.
    const types = [
      'uint64',
      'uint64',
      'uint256',
      'address',
      'uint8',
      'bytes32',
      'bytes32',
      'bytes32',
    ]
    const values = [
      logged.seq,
      logged.at,
      BigInt(id),
      logged.licensee,
      2, // download
      logged.requestDigest,
      logged.responseDigest,
      logged.previousHash,
    ]
    expect(usageEntryHash(logged)).toBe(
      keccak256(
        encodeAbiParameters(
          types.map((type) => ({ type })),
          values,
        ),
      ),
    )
    // The id's case does not change the hash.
    expect(
      usageEntryHash({ ...logged, modelId: id.toUpperCase().replace('0X', '0x') as never }),
    ).toBe(usageEntryHash(logged))
  })

  it('writes the id as lower-case bytes32 hex, as before, and reads it back as Hex', () => {
    const json = usageEntryToJson(logged)
    expect(json.modelId).toBe(id)
    const parsed = parseUsageEntry(JSON.parse(JSON.stringify(json)))
    expect(parsed.modelId).toBe(id)
    expect(usageEntryHash(parsed)).toBe(usageEntryHash(logged))
  })

  it('reads the id in every form a log may hold: padded or short hex, any case, decimal', () => {
    const json = usageEntryToJson(logged)
    const padded = `0x${'0'.repeat(63)}7`
    for (const modelId of [id.toUpperCase().replace('0X', '0x'), BigInt(id).toString()])
      expect(parseUsageEntry({ ...json, modelId }).modelId).toBe(id)
    for (const modelId of ['0x7', '7', 7])
      expect(parseUsageEntry({ ...json, modelId }).modelId).toBe(padded)
  })

  it('rejects an id that is not a 32-byte number', () => {
    const json = usageEntryToJson(logged)
    for (const modelId of ['-1', `0x1${'0'.repeat(64)}`, 'model', '', null])
      expect(() => parseUsageEntry({ ...json, modelId })).toThrow(/modelId/)
  })
})
