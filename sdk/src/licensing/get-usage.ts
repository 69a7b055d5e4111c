import type { Address, Hex } from 'viem'
import { type UsageAction, type UsageEntry, usageEntryHash } from '../usage/entry.js'
import { callGateway, type GatewayCallParameters } from './call-gateway.js'

export type GetUsageParameters = GatewayCallParameters & {
  model?: Hex | undefined
  /** Default: the signer (a licensee sees only its own entries; a model's owner sees all). */
  licensee?: Address | undefined
  /** Entries after this position (for paging). */
  after?: bigint | undefined
  limit?: number | undefined
}

export type GetUsageReturnType = {
  /** Each checked against its `entryHash` as it arrived. */
  entries: (UsageEntry & { entryHash: Hex })[]
  nextAfter: bigint | null
}

type WireEntry = {
  seq: string
  at: string
  modelId: Hex
  licensee: Address
  action: UsageAction
  requestDigest: Hex
  responseDigest: Hex
  previousHash: Hex
  entryHash: Hex
}

/**
 * Reads usage log entries from a gateway, authenticated: the model's owner reads every entry of the
 * model, a licensee its own. Each entry's hash is recomputed here; a mismatch throws.
 */
export async function getUsage(parameters: GetUsageParameters): Promise<GetUsageReturnType> {
  const query = new URLSearchParams()
  if (parameters.model) query.set('model', parameters.model)
  if (parameters.licensee) query.set('licensee', parameters.licensee)
  if (parameters.after !== undefined) query.set('after', String(parameters.after))
  if (parameters.limit !== undefined) query.set('limit', String(parameters.limit))
  const response = await callGateway(parameters, 'GET', `v1/usage?${query}`)
  const body = (await response.json()) as { entries: WireEntry[]; nextAfter: string | null }
  const entries = body.entries.map((wire) => {
    const entry: UsageEntry = {
      seq: BigInt(wire.seq),
      at: BigInt(wire.at),
      modelId: BigInt(wire.modelId),
      licensee: wire.licensee,
      action: wire.action,
      requestDigest: wire.requestDigest,
      responseDigest: wire.responseDigest,
      previousHash: wire.previousHash,
    }
    if (usageEntryHash(entry) !== wire.entryHash)
      throw new Error(`usage entry ${wire.seq}: its hash is not ${wire.entryHash}`)
    return { ...entry, entryHash: wire.entryHash }
  })
  return { entries, nextAfter: body.nextAfter === null ? null : BigInt(body.nextAfter) }
}
