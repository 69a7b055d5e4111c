import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { readOrExplain } from '../write.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.ratingOf] as const

export type GetRatingParameters = { modelId: ModelId } & ReadParameters

/** A model's reviews, on-chain: how many licensees rated it and their average. */
export type Rating = {
  /** Reviews (one per licensee). */
  count: number
  /** Sum of their ratings. */
  sum: number
  /** `sum / count`, or null without reviews. */
  average: number | null
}
export type GetRatingReturnType = Rating

/** The rating of a model from its count and sum. */
export function ratingOf(count: bigint, sum: bigint): Rating {
  const n = Number(count)
  return { count: n, sum: Number(sum), average: n === 0 ? null : Number(sum) / n }
}

/**
 * Reads a model's rating: the number of licensee reviews and their sum and average (1 to 5).
 *
 * @example
 * const { count, average } = await daimm.market.getRating({ modelId })
 */
export async function getRating(
  ctx: DaimmContext,
  { modelId, blockNumber }: GetRatingParameters,
): Promise<GetRatingReturnType> {
  const client = await readClient(ctx, blockNumber)
  const [count, sum] = await readOrExplain('ratingOf', () =>
    client.readContract({
      address: ctx.deployment.contracts.market,
      abi: marketplaceAbi,
      functionName: 'ratingOf',
      args: [toTokenId(modelId)],
    }),
  )
  return ratingOf(count, sum)
}
