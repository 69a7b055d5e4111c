import * as stakeManager from '../../generated/abi/stakeManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The stakeManager ABI items this action uses (errors decode from the protocol's table). */
const stakeManagerAbi = [stakeManager.requestUnstake] as const

export type RequestUnstakeParameters = { amount: bigint } & SenderParameters
export type RequestUnstakeReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Moves unlocked stake into the unbonding queue. It stays slashable until `withdraw` after the
 * unbonding period.
 *
 * @example
 * await daimm.staking.requestUnstake({ amount: parseEther('500') })
 */
export async function requestUnstake(
  ctx: DaimmContext,
  { amount, account }: RequestUnstakeParameters,
): Promise<RequestUnstakeReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.stakeManager,
    abi: stakeManagerAbi,
    functionName: 'requestUnstake',
    args: [amount],
    account,
  })
}
