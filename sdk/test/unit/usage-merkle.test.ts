import { encodeAbiParameters, type Hex, keccak256, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { genesisUsageHash, type UsageEntry, usageEntryHash } from '../../src/usage/entry.js'
import { parseUsageEntry, usageEntryToJson } from '../../src/usage/json.js'
import {
  usageLeaf,
  usageMerkleProof,
  usageMerkleRoot,
  verifyUsageProof,
} from '../../src/usage/merkle.js'

const hashes = (n: number, seed = 0): Hex[] =>
  Array.from({ length: n }, (_, i) => keccak256(toHex(`entry ${seed} ${i}`)))

const pair = (a: Hex, b: Hex) =>
  keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'bytes32' }],
      BigInt(a) < BigInt(b) ? [a, b] : [b, a],
    ),
  )

describe('usage Merkle trees', () => {
  it('hashes each entry hash once more into its leaf, and one entry is its own root', () => {
    const [h] = hashes(1) as [Hex]
    expect(usageLeaf(h)).toBe(keccak256(h))
    expect(usageMerkleRoot([h])).toBe(keccak256(h))
    expect(usageMerkleProof([h], 0)).toEqual([])
  })

  it('builds the tree OpenZeppelin MerkleProof verifies: sorted pairs, odd node moved up', () => {
    const [a, b, c] = hashes(3).map(usageLeaf) as [Hex, Hex, Hex]
    expect(usageMerkleRoot(hashes(3))).toBe(pair(pair(a, b), c))
    expect(usageMerkleProof(hashes(3), 2)).toEqual([pair(a, b)])
    expect(usageMerkleProof(hashes(3), 0)).toEqual([b, c])
  })

  it('proves every entry of trees of 1 to 33 entries, and nothing else', () => {
    for (let n = 1; n <= 33; n++) {
      const list = hashes(n, n)
      const root = usageMerkleRoot(list)
      list.forEach((h, i) => {
        const proof = usageMerkleProof(list, i)
        expect(verifyUsageProof(root, h, proof)).toBe(true)
        expect(verifyUsageProof(root, keccak256(h), proof)).toBe(false)
      })
    }
  })

  it('refuses an inner node as an entry hash', () => {
    const list = hashes(4)
    const [a, b, c, d] = list.map(usageLeaf) as [Hex, Hex, Hex, Hex]
    expect(verifyUsageProof(usageMerkleRoot(list), pair(a, b), [pair(c, d)])).toBe(false)
  })

  it('refuses empty trees and indexes outside the tree', () => {
    expect(() => usageMerkleRoot([])).toThrow(RangeError)
    expect(() => usageMerkleProof(hashes(2), 2)).toThrow(RangeError)
  })
})

describe('usage entries as JSON', () => {
  const entry: UsageEntry = {
    seq: 3n,
    at: 1_800_000_000n,
    modelId: `0x${'0'.repeat(61)}abc`,
    licensee: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    action: 'infer',
    requestDigest: `0x${'11'.repeat(32)}`,
    responseDigest: `0x${'22'.repeat(32)}`,
    previousHash: genesisUsageHash,
  }

  it('round-trips, hash included', () => {
    const json = JSON.parse(JSON.stringify(usageEntryToJson(entry, usageEntryHash(entry))))
    const parsed = parseUsageEntry(json)
    expect(usageEntryHash(parsed)).toBe(usageEntryHash(entry))
    expect(parsed.entryHash).toBe(usageEntryHash(entry))
  })

  it('names the malformed field', () => {
    const json = usageEntryToJson(entry)
    expect(() => parseUsageEntry({ ...json, action: 'steal' })).toThrow(/action/)
    expect(() => parseUsageEntry({ ...json, requestDigest: '0x12' })).toThrow(/requestDigest/)
    expect(() => parseUsageEntry({ ...json, seq: 'x' })).toThrow(/seq/)
  })
})
