import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'

/** What a licensee did with a licensed model, as the gateway's usage log records it. */
export const usageActions = ['key', 'download', 'infer'] as const
export type UsageAction = (typeof usageActions)[number]

/**
 * One entry of a gateway's append-only usage log. Each entry commits to the one before (`previousHash`), so the log is
 * a hash chain; the entries' hashes are the leaves of the Merkle roots the gateway anchors on-chain.
 */
export type UsageEntry = {
  /** Position in the log, from 1. */
  seq: bigint
  /** Unix time in seconds. */
  at: bigint
  /** The model's id (bytes32 hex, like every model id in the SDK); hashed as the uint256 token id. */
  modelId: Hex
  licensee: Address
  action: UsageAction
  /** SHA-256 of the signed request's body. */
  requestDigest: Hex
  /** SHA-256 of what the gateway returned (the wrapped key, the ciphertext, the outputs). */
  responseDigest: Hex
  /** Hash of the entry at `seq - 1`; zero for the first. */
  previousHash: Hex
}

export const genesisUsageHash: Hex = `0x${'0'.repeat(64)}`

/**
 * The entry's hash: keccak256 of its ABI encoding, the model id as a uint256 (the registry's token
 * id) and the action as its index in `usageActions` plus one.
 */
export function usageEntryHash(entry: UsageEntry): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'uint64' },
        { type: 'uint64' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'uint8' },
        { type: 'bytes32' },
        { type: 'bytes32' },
        { type: 'bytes32' },
      ],
      [
        entry.seq,
        entry.at,
        // As a number: the same 32 bytes as the id's bytes32 form, whatever its case or padding.
        BigInt(entry.modelId),
        entry.licensee,
        usageActions.indexOf(entry.action) + 1,
        entry.requestDigest,
        entry.responseDigest,
        entry.previousHash,
      ],
    ),
  )
}
