import { type Address, getAddress, type Hex } from 'viem'
import { idKey, type UsageAction, type UsageEntry } from '../sdk.js'

/** A usage_log row as the database returns it (bigint columns as strings under PostgreSQL). */
export type UsageRow = {
  seq: string | number
  at: string | number
  model_id: string
  licensee: string
  action: string
  request_digest: string
  response_digest: string
  previous_hash: string
  entry_hash: string
}

export function entryOfRow(row: UsageRow): UsageEntry {
  return {
    seq: BigInt(row.seq),
    at: BigInt(row.at),
    // Stored as bytes32 hex; normalized all the same, as the hash reads a number.
    modelId: idKey(BigInt(row.model_id)),
    licensee: getAddress(row.licensee) as Address,
    action: row.action as UsageAction,
    requestDigest: row.request_digest as Hex,
    responseDigest: row.response_digest as Hex,
    previousHash: row.previous_hash as Hex,
  }
}
