/**
 * Appends to the usage log (migrations/003_usage_log.sql): one writer at a time, by a transaction
 * holding an advisory lock, so that each entry's `previous_hash` is the hash of the entry before it.
 */
import type { Address, Hex } from 'viem'
import type { Db } from '../db.js'
import { genesisUsageHash, type UsageAction, type UsageEntry, usageEntryHash } from './sdk.js'

/** The advisory lock that serializes appends (db.ts's MIGRATION_LOCK is 7193). */
const USAGE_LOG_LOCK = 7194

export type UsageRecord = {
  modelKey: string
  licensee: Address
  action: UsageAction
  requestDigest: Hex
  responseDigest: Hex
}

export async function appendUsage(
  db: Db,
  record: UsageRecord,
): Promise<UsageEntry & { entryHash: Hex }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [USAGE_LOG_LOCK])
    const [last] = await tx.query<{ seq: string | number; entry_hash: Hex }>(
      'SELECT seq, entry_hash FROM usage_log ORDER BY seq DESC LIMIT 1',
    )
    const entry: UsageEntry = {
      seq: last ? BigInt(last.seq) + 1n : 1n,
      at: BigInt(Math.floor(Date.now() / 1000)),
      // The routes' model key is the id as bytes32 hex already (api/format.ts idKey).
      modelId: record.modelKey as Hex,
      licensee: record.licensee.toLowerCase() as Address,
      action: record.action,
      requestDigest: record.requestDigest,
      responseDigest: record.responseDigest,
      previousHash: last ? last.entry_hash : genesisUsageHash,
    }
    const entryHash = usageEntryHash(entry)
    await tx.query(
      `INSERT INTO usage_log (seq, at, model_id, licensee, action, request_digest, response_digest, previous_hash, entry_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.seq.toString(),
        entry.at.toString(),
        record.modelKey,
        entry.licensee,
        entry.action,
        entry.requestDigest,
        entry.responseDigest,
        entry.previousHash,
        entryHash,
      ],
    )
    return { ...entry, entryHash }
  })
}
