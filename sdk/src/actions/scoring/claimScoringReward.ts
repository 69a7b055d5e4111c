import { parseEventLogs } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.claimReward,
  scoringManager.claimRewards,
  scoringManager.RewardClaimed,
] as const

export type ClaimScoringRewardParameters = (
  | {
      /** One finalized round: `claimReward`, which reverts when there is nothing to claim. */
      roundId: bigint
      roundIds?: undefined
    }
  | {
      /** Several rounds in one transfer: `claimRewards`, which skips rounds with nothing to claim. */
      roundIds: readonly bigint[]
      roundId?: undefined
    }
) &
  SenderParameters

export type ClaimScoringRewardReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  /** The total paid to the sender, in DAIMM wei. */
  amount: bigint
  /** What each round paid, from the `RewardClaimed` events. */
  claims: readonly { roundId: bigint; amount: bigint }[]
}

/**
 * Pays the sender its share of the budget of one or several finalized rounds in which it revealed
 * within the tolerance band.
 *
 * @throws {ContractError} `ScoringNothingToClaim` when there is nothing to claim (in any of them).
 * @example
 * const { amount } = await daimm.scoring.claim({ roundId })
 * await daimm.scoring.claim({ roundIds: [3n, 4n, 7n] })
 */
export async function claimScoringReward(
  ctx: DaimmContext,
  { roundId, roundIds, account }: ClaimScoringRewardParameters,
): Promise<ClaimScoringRewardReturnType> {
  const call = { address: ctx.deployment.contracts.scoring, abi: scoringManagerAbi, account }
  const result =
    roundIds === undefined
      ? await simulateAndWrite(ctx, { ...call, functionName: 'claimReward', args: [roundId] })
      : await simulateAndWrite(ctx, { ...call, functionName: 'claimRewards', args: [roundIds] })
  const claims = parseEventLogs({
    abi: scoringManagerAbi,
    logs: result.receipt.logs,
    eventName: 'RewardClaimed',
  }).map(({ args }) => ({ roundId: args.roundId, amount: args.amount }))
  return { ...result, amount: claims.reduce((sum, claim) => sum + claim.amount, 0n), claims }
}
