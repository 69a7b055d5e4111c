import { stakeManagerAbi } from '../../generated/contracts.js'
import { approveIfShort } from '../allowance.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

export type StakeParameters = {
  /** DAIMM in wei. */
  amount: bigint
  /** Also join the validator set (needs the validator minimum). Default: false. */
  asValidator?: boolean | undefined
} & SenderParameters
export type StakeReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Stakes DAIMM. When the StakeManager's allowance is short, an `approve` of exactly `amount` is
 * sent first.
 *
 * @example
 * await daimm.staking.stake({ amount: parseEther('10000'), asValidator: true })
 */
export async function stake(
  ctx: DaimmContext,
  { amount, asValidator = false, account }: StakeParameters,
): Promise<StakeReturnType> {
  const { token, stakeManager } = ctx.deployment.contracts
  await approveIfShort(ctx, { token, spender: stakeManager, amount, account, action: 'stake' })
  return simulateAndWrite(ctx, {
    address: stakeManager,
    abi: stakeManagerAbi,
    functionName: asValidator ? 'stakeAsValidator' : 'stake',
    args: [amount],
    account,
  })
}
