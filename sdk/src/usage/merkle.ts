import { encodeAbiParameters, type Hex, keccak256 } from 'viem'

/**
 * Merkle trees of usage-log entries, as `UsageAnchors` verifies them (OpenZeppelin `MerkleProof`):
 * the leaf of an entry is `keccak256(entryHash)` (the leaf format of OpenZeppelin's
 * StandardMerkleTree, so that an inner node cannot pass for an entry), pairs are hashed sorted, and
 * an odd last node moves up a level unchanged. Leaves stay in log order.
 */
export function usageLeaf(entryHash: Hex): Hex {
  return keccak256(entryHash)
}

function hashPair(a: Hex, b: Hex): Hex {
  const [x, y] = BigInt(a) < BigInt(b) ? [a, b] : [b, a]
  return keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], [x, y]))
}

function nextLevel(level: readonly Hex[]): Hex[] {
  const next: Hex[] = []
  for (let i = 0; i < level.length; i += 2) {
    const left = level[i] as Hex
    const right = level[i + 1]
    next.push(right === undefined ? left : hashPair(left, right))
  }
  return next
}

/** The root over entries' hashes, in log order. Throws on an empty list: nothing to anchor. */
export function usageMerkleRoot(entryHashes: readonly Hex[]): Hex {
  if (entryHashes.length === 0) throw new RangeError('usageMerkleRoot: no entries')
  let level = entryHashes.map(usageLeaf)
  while (level.length > 1) level = nextLevel(level)
  return level[0] as Hex
}

/** The sibling hashes that lead from entry `index` to the root, bottom first. */
export function usageMerkleProof(entryHashes: readonly Hex[], index: number): Hex[] {
  if (!Number.isInteger(index) || index < 0 || index >= entryHashes.length)
    throw new RangeError(`usageMerkleProof: no entry at index ${index} of ${entryHashes.length}`)
  const proof: Hex[] = []
  let level = entryHashes.map(usageLeaf)
  let i = index
  while (level.length > 1) {
    const sibling = level[i ^ 1]
    if (sibling !== undefined) proof.push(sibling)
    level = nextLevel(level)
    i >>= 1
  }
  return proof
}

/** Whether `proof` leads from the entry hash to `root` (what `UsageAnchors.verify` computes). */
export function verifyUsageProof(root: Hex, entryHash: Hex, proof: readonly Hex[]): boolean {
  let node = usageLeaf(entryHash)
  for (const sibling of proof) node = hashPair(node, sibling)
  return node.toLowerCase() === root.toLowerCase()
}
