import type { PublicClient } from 'viem'
import type { DaimmContext } from './context.js'

/** Options of every read. */
export type ReadParameters = {
  /**
   * Read the state as of this block. Default: the latest; a read of several calls then pins them
   * all to one block (the latest when it starts), so that they never mix two states.
   */
  blockNumber?: bigint | undefined
}

/**
 * The public client a read uses: its `readContract` calls go to `blockNumber`. With `pin`, for
 * reads of several calls, a missing `blockNumber` becomes the latest block's, asked once (uncached).
 */
export async function readClient(
  ctx: DaimmContext,
  blockNumber: bigint | undefined,
  pin = false,
): Promise<PublicClient> {
  const client = ctx.publicClient
  const at = blockNumber ?? (pin ? await client.getBlockNumber({ cacheTime: 0 }) : undefined)
  if (at === undefined) return client
  const pinned = Object.create(client) as PublicClient
  pinned.readContract = ((parameters: Parameters<PublicClient['readContract']>[0]) =>
    client.readContract({ ...parameters, blockNumber: at } as never)) as never
  // Events up to that block only, unless the read asks for another range.
  pinned.getContractEvents = ((parameters: Parameters<PublicClient['getContractEvents']>[0]) =>
    client.getContractEvents({ toBlock: at, ...parameters } as never)) as never
  return pinned
}
