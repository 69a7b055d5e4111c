import type { Address } from 'viem'
import * as usageAnchors from '../../generated/abi/usageAnchors.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The usageAnchors ABI items this action uses (errors decode from the protocol's table). */
const usageAnchorsAbi = [usageAnchors.setModelOperator, usageAnchors.setOperator] as const

export type SetUsageOperatorParameters = {
  /** The account that will anchor (a gateway's operator key). */
  operator: Address
  /** `false` revokes. */
  approved: boolean
  /** Only this model (the sender must own it); without it, every model the sender owns. */
  modelId?: ModelId | undefined
} & SenderParameters
export type SetUsageOperatorReturnType = WriteReturnType<typeof usageAnchorsAbi>

/**
 * Lets an operator anchor usage roots for the sender's models, or for one of them, for as long as the
 * sender owns them; or revokes it. A delegation stops applying when the model changes hands.
 *
 * @example
 * await daimm.usage.setOperator({ operator: gatewayOperator, approved: true })
 */
export async function setUsageOperator(
  ctx: DaimmContext,
  { operator, approved, modelId, account }: SetUsageOperatorParameters,
): Promise<SetUsageOperatorReturnType> {
  const contract = { address: ctx.deployment.contracts.usageAnchors, abi: usageAnchorsAbi } as const
  return modelId === undefined
    ? simulateAndWrite(ctx, {
        ...contract,
        functionName: 'setOperator',
        args: [operator, approved],
        account,
      })
    : simulateAndWrite(ctx, {
        ...contract,
        functionName: 'setModelOperator',
        args: [toTokenId(modelId), operator, approved],
        account,
      })
}
