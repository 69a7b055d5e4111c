import * as stakeManager from '../../generated/abi/stakeManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The stakeManager ABI items this action uses (errors decode from the protocol's table). */
const stakeManagerAbi = [stakeManager.deregisterValidator, stakeManager.registerValidator] as const

export type SetValidatorParameters = {
  /** `true` joins the validator set (stake at least the validator minimum first); `false` leaves it. */
  validator: boolean
} & SenderParameters
export type SetValidatorReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Joins or leaves the validator set with the sender's current stake. A validator that leaves is no
 * longer drawn for scoring; its stake stays staked.
 *
 * @example
 * await daimm.staking.setValidator({ validator: true })
 */
export async function setValidator(
  ctx: DaimmContext,
  { validator, account }: SetValidatorParameters,
): Promise<SetValidatorReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.stakeManager,
    abi: stakeManagerAbi,
    functionName: validator ? 'registerValidator' : 'deregisterValidator',
    args: [],
    account,
  })
}
