import type { Address } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.rewardOf] as const

export type GetScoringRewardParameters = { roundId: bigint; validator: Address } & ReadParameters
/** DAIMM in wei; 0 unless the round is finalized and the member revealed within the band, unclaimed. */
export type GetScoringRewardReturnType = bigint

/**
 * What claiming a round's reward would pay a member now.
 *
 * @example
 * const owed = await daimm.scoring.getReward({ roundId, validator: account.address })
 * if (owed > 0n) await daimm.scoring.claim({ roundId })
 */
export async function getScoringReward(
  ctx: DaimmContext,
  { roundId, validator, blockNumber }: GetScoringRewardParameters,
): Promise<GetScoringRewardReturnType> {
  const client = await readClient(ctx, blockNumber)
  return readOrExplain('rewardOf', () =>
    client.readContract({
      address: ctx.deployment.contracts.scoring,
      abi: scoringManagerAbi,
      functionName: 'rewardOf',
      args: [roundId, validator],
    }),
  )
}
