import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.fundRewardPool] as const

export type FundRewardPoolParameters = {
  /** DAIMM in wei. */
  amount: bigint
} & SenderParameters
export type FundRewardPoolReturnType = WriteReturnType<typeof scoringManagerAbi>

/**
 * Adds DAIMM to the scoring reward pool, which pays contributor rewards and rounds governance
 * funds. When the ScoringManager's allowance is short, an `approve` of exactly `amount` is sent
 * first, once the funding is known to pass.
 *
 * @example
 * await daimm.scoring.fundRewardPool({ amount: parseEther('1000') })
 */
export async function fundRewardPool(
  ctx: DaimmContext,
  { amount, account }: FundRewardPoolParameters,
): Promise<FundRewardPoolReturnType> {
  const { token, scoring } = ctx.deployment.contracts
  return simulateAndWrite(ctx, {
    address: scoring,
    abi: scoringManagerAbi,
    functionName: 'fundRewardPool',
    args: [amount],
    approval: { token, spender: scoring, amount },
    account,
  })
}
