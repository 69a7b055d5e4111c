import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { type ModelId, toTokenId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.deprecate] as const

export type DeprecateModelParameters = { id: ModelId } & SenderParameters
export type DeprecateModelReturnType = WriteReturnType<typeof modelRegistryAbi>

/**
 * Marks a model deprecated. Owner or approved account only; it cannot be undone.
 *
 * @example
 * await daimm.registry.deprecate({ id })
 */
export async function deprecateModel(
  ctx: DaimmContext,
  { id, account }: DeprecateModelParameters,
): Promise<DeprecateModelReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'deprecate',
    args: [toTokenId(id)],
    account,
  })
}
