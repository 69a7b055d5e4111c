import type { Address, Hex } from 'viem'
import { DaimmError } from '../errors.js'
import { type UsageEntry, usageEntryHash } from '../usage/entry.js'
import { parseUsageEntry } from '../usage/json.js'
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
  const body = (await response.json()) as { entries: unknown[]; nextAfter: string | null }
  const entries = body.entries.map((json) => {
    const { entryHash, ...entry } = parseUsageEntry(json)
    if (usageEntryHash(entry) !== entryHash)
      throw new DaimmError(
        `Usage entry ${entry.seq} from the gateway does not hash to its entryHash ${entryHash}: the gateway sent a corrupted or altered entry.`,
      )
    return { ...entry, entryHash }
  })
  return { entries, nextAfter: body.nextAfter === null ? null : BigInt(body.nextAfter) }
}
