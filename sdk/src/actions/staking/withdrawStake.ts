import * as stakeManager from '../../generated/abi/stakeManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The stakeManager ABI items this action uses (errors decode from the protocol's table). */
const stakeManagerAbi = [stakeManager.withdraw] as const

export type WithdrawStakeParameters = SenderParameters
export type WithdrawStakeReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Withdraws every unbonding request whose period has passed.
 *
 * @example
 * await daimm.staking.withdraw()
 */
export async function withdrawStake(
  ctx: DaimmContext,
  { account }: WithdrawStakeParameters = {},
): Promise<WithdrawStakeReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.stakeManager,
    abi: stakeManagerAbi,
    functionName: 'withdraw',
    args: [],
    account,
  })
}
