import type { Hex } from 'viem'
import * as usageAnchors from '../../generated/abi/usageAnchors.js'
import type { DaimmContext } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { readOrExplain } from '../write.js'

/** The usageAnchors ABI items this action uses (errors decode from the protocol's table). */
const usageAnchorsAbi = [usageAnchors.anchorCount, usageAnchors.anchorOf] as const

export type UsageAnchor = {
  /** Position among the model's anchors, from 0. */
  index: number
  root: Hex
  fromSeq: bigint
  toSeq: bigint
  /** The model's entries under the root. */
  count: number
  /** Seconds since the epoch. */
  anchoredAt: bigint
}
export type GetUsageAnchorsParameters = { modelId: ModelId }
export type GetUsageAnchorsReturnType = UsageAnchor[]

/**
 * Every usage root anchored on-chain for a model, oldest first: what a licensee checks its entries
 * against.
 *
 * @example
 * const anchors = await daimm.usage.getAnchors({ modelId })
 */
export async function getUsageAnchors(
  ctx: DaimmContext,
  { modelId }: GetUsageAnchorsParameters,
): Promise<GetUsageAnchorsReturnType> {
  const contract = { address: ctx.deployment.contracts.usageAnchors, abi: usageAnchorsAbi } as const
  const id = toTokenId(modelId)
  return readOrExplain('anchorOf', async () => {
    const count = await ctx.publicClient.readContract({
      ...contract,
      functionName: 'anchorCount',
      args: [id],
    })
    const anchors = await Promise.all(
      Array.from({ length: Number(count) }, (_, i) =>
        ctx.publicClient.readContract({
          ...contract,
          functionName: 'anchorOf',
          args: [id, BigInt(i)],
        }),
      ),
    )
    return anchors.map((a, index) => ({
      index,
      root: a.root,
      fromSeq: a.fromSeq,
      toSeq: a.toSeq,
      count: a.count,
      anchoredAt: BigInt(a.anchoredAt),
    }))
  })
}
