import type { Hex } from 'viem'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type ModelId, toModelId, toTokenId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.lineageOf] as const

export type GetLineageParameters = {
  id: ModelId
  /** How many ancestors at most. Default and maximum: the registry's 256. */
  maxDepth?: number | undefined
} & ReadParameters
export type GetLineageReturnType = Hex[]

/**
 * The ancestors of a model, nearest first.
 *
 * @example
 * const [parent, grandparent] = await daimm.registry.getLineage({ id })
 */
export async function getLineage(
  ctx: DaimmContext,
  { id, maxDepth = 256, blockNumber }: GetLineageParameters,
): Promise<GetLineageReturnType> {
  const client = await readClient(ctx, blockNumber)
  const ancestors = await readOrExplain('lineageOf', () =>
    client.readContract({
      address: ctx.deployment.contracts.registry,
      abi: modelRegistryAbi,
      functionName: 'lineageOf',
      args: [toTokenId(id), BigInt(maxDepth)],
    }),
  )
  return ancestors.map(toModelId)
}
