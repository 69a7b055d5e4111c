import { type Address, getAddress, type Hex, isHex } from 'viem'
import { toModelId } from '../actions/registry/types.js'
import type { UsageProof } from '../actions/usage/verifyUsage.js'
import { DaimmError } from '../errors.js'
import { type UsageAction, type UsageEntry, usageActions } from './entry.js'

/**
 * A usage entry as JSON carries it (`GET /v1/usage`): integers as decimal strings or numbers, the
 * model id as 0x-hex (a decimal string or number is read too).
 */
export type UsageEntryJson = {
  seq: string | number
  at: string | number
  modelId: string
  licensee: string
  action: string
  requestDigest: string
  responseDigest: string
  previousHash: string
  entryHash?: string | undefined
}

/** A proof as JSON carries it (`GET /v1/usage/proofs`). */
export type UsageProofJson = { seq: string | number; anchorIndex: number; proof: string[] }

function hex32(value: unknown, field: string): Hex {
  if (typeof value !== 'string' || !isHex(value) || value.length !== 66)
    throw new DaimmError(`Invalid usage entry: ${field} must be a 32-byte 0x-hex string.`)
  return value.toLowerCase() as Hex
}

function integer(value: unknown, field: string): bigint {
  if ((typeof value !== 'string' && typeof value !== 'number') || `${value}`.trim() === '')
    throw new DaimmError(`Invalid usage entry: ${field} must be an integer.`)
  try {
    return BigInt(value)
  } catch {
    throw new DaimmError(`Invalid usage entry: ${field} must be an integer.`)
  }
}

/** A model id as the SDK gives them all: bytes32, lower-case hex. */
function modelIdOf(value: unknown): Hex {
  const id = integer(value, 'modelId')
  if (id < 0n || id >= 1n << 256n)
    throw new DaimmError('Invalid usage entry: modelId must fit in 32 bytes.')
  return toModelId(id)
}

/** Reads one entry from its JSON form, checking every field. */
export function parseUsageEntry(json: unknown): UsageEntry & { entryHash?: Hex | undefined } {
  if (typeof json !== 'object' || json === null)
    throw new DaimmError('Invalid usage entry: not an object.')
  const e = json as Record<string, unknown>
  if (!usageActions.includes(e.action as UsageAction))
    throw new DaimmError(`Invalid usage entry: action must be one of ${usageActions.join(', ')}.`)
  let licensee: Address
  try {
    licensee = getAddress(String(e.licensee))
  } catch {
    throw new DaimmError('Invalid usage entry: licensee must be an address.')
  }
  return {
    seq: integer(e.seq, 'seq'),
    at: integer(e.at, 'at'),
    modelId: modelIdOf(e.modelId),
    licensee,
    action: e.action as UsageAction,
    requestDigest: hex32(e.requestDigest, 'requestDigest'),
    responseDigest: hex32(e.responseDigest, 'responseDigest'),
    previousHash: hex32(e.previousHash, 'previousHash'),
    ...(e.entryHash === undefined ? {} : { entryHash: hex32(e.entryHash, 'entryHash') }),
  }
}

/** Reads one proof from its JSON form. */
export function parseUsageProof(json: unknown): UsageProof {
  const p = (json ?? {}) as Record<string, unknown>
  if (!Array.isArray(p.proof) || !Number.isInteger(p.anchorIndex))
    throw new DaimmError('Invalid usage proof: anchorIndex and proof are required.')
  return {
    seq: integer(p.seq, 'seq'),
    anchorIndex: p.anchorIndex as number,
    proof: p.proof.map((h, i) => hex32(h, `proof[${i}]`)),
  }
}

/** An entry in its JSON form (integers as decimal strings, ids as 0x-hex). */
export function usageEntryToJson(entry: UsageEntry, entryHash?: Hex): UsageEntryJson {
  return {
    seq: entry.seq.toString(),
    at: entry.at.toString(),
    modelId: toModelId(BigInt(entry.modelId)),
    licensee: entry.licensee,
    action: entry.action,
    requestDigest: entry.requestDigest,
    responseDigest: entry.responseDigest,
    previousHash: entry.previousHash,
    ...(entryHash === undefined ? {} : { entryHash }),
  }
}
