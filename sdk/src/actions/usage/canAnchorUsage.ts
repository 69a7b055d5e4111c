import type { Address } from 'viem'
import * as usageAnchors from '../../generated/abi/usageAnchors.js'
import type { DaimmContext } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { readOrExplain } from '../write.js'

/** The usageAnchors ABI items this action uses (errors decode from the protocol's table). */
const usageAnchorsAbi = [usageAnchors.canAnchor] as const

export type CanAnchorUsageParameters = { modelId: ModelId; account: Address }
export type CanAnchorUsageReturnType = boolean

/**
 * Whether an account may anchor usage roots for a model now: its owner, or an operator its current
 * owner delegated.
 *
 * @example
 * if (!(await daimm.usage.canAnchor({ modelId, account: operator }))) console.warn('not delegated')
 */
export async function canAnchorUsage(
  ctx: DaimmContext,
  { modelId, account }: CanAnchorUsageParameters,
): Promise<CanAnchorUsageReturnType> {
  return readOrExplain('canAnchor', () =>
    ctx.publicClient.readContract({
      address: ctx.deployment.contracts.usageAnchors,
      abi: usageAnchorsAbi,
      functionName: 'canAnchor',
      args: [toTokenId(modelId), account],
    }),
  )
}
