import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.reservedRewards, scoringManager.rewardPool] as const

export type GetRewardPoolReturnType = {
  /** DAIMM in wei free to fund contributor rewards and pool-funded rounds. */
  available: bigint
  /** DAIMM in wei held for unsettled rounds' budgets and unclaimed member rewards. */
  reserved: bigint
}

/**
 * The ScoringManager's DAIMM: what the reward pool can spend, and what it holds for rounds.
 *
 * @example
 * const { available } = await daimm.scoring.getRewardPool()
 */
export async function getRewardPool(
  ctx: DaimmContext,
  { blockNumber }: ReadParameters = {},
): Promise<GetRewardPoolReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const scoring = { address: ctx.deployment.contracts.scoring, abi: scoringManagerAbi } as const
  const [available, reserved] = await readOrExplain('rewardPool', () =>
    Promise.all([
      client.readContract({ ...scoring, functionName: 'rewardPool' }),
      client.readContract({ ...scoring, functionName: 'reservedRewards' }),
    ]),
  )
  return { available, reserved }
}
