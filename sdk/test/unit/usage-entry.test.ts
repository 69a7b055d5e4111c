import { describe, expect, it } from 'vitest'
import { genesisUsageHash, type UsageEntry, usageEntryHash } from '../../src/usage/entry.js'

const entry: UsageEntry = {
  seq: 1n,
  at: 1_800_000_000n,
  modelId: 7n,
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
      { modelId: 8n },
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
