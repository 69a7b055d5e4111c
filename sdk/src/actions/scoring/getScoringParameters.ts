import { zeroAddress } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { assetKinds } from '../registry/types.js'
import { readOrExplain } from '../write.js'
import type { ScoringParameters } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.MAX_COMMITTEE_SIZE,
  scoringManager.contributorReward,
  scoringManager.parameters,
  scoringManager.randomnessSource,
] as const

export type GetScoringParametersReturnType = ScoringParameters

/**
 * The scoring rules in force: windows, quorums, tolerance, lock share, minimum budget, the largest
 * committee, contributor rewards and the randomness source.
 *
 * @example
 * const { minBudgetPerSeat, maxCommitteeSize } = await daimm.scoring.getParameters()
 * await daimm.scoring.openRound({ ...round, budget: minBudgetPerSeat * 5n, committeeSize: 5 })
 */
export async function getScoringParameters(
  ctx: DaimmContext,
  { blockNumber }: ReadParameters = {},
): Promise<GetScoringParametersReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const scoring = { address: ctx.deployment.contracts.scoring, abi: scoringManagerAbi } as const
  const [p, maxCommitteeSize, modelReward, datasetReward, randomnessSource] = await readOrExplain(
    'parameters',
    () =>
      Promise.all([
        client.readContract({ ...scoring, functionName: 'parameters' }),
        client.readContract({ ...scoring, functionName: 'MAX_COMMITTEE_SIZE' }),
        client.readContract({
          ...scoring,
          functionName: 'contributorReward',
          args: [assetKinds.indexOf('model')],
        }),
        client.readContract({
          ...scoring,
          functionName: 'contributorReward',
          args: [assetKinds.indexOf('dataset')],
        }),
        client.readContract({ ...scoring, functionName: 'randomnessSource' }),
      ]),
  )
  return {
    commitWindow: BigInt(p.commitWindow),
    revealWindow: BigInt(p.revealWindow),
    quorumCountBps: p.quorumCountBps,
    quorumStakeBps: p.quorumStakeBps,
    tolerance: p.tolerance,
    lockShareBps: p.lockShareBps,
    reputationWeightBps: p.reputationWeightBps,
    minBudgetPerSeat: p.minBudgetPerSeat,
    minRewardScore: p.minRewardScore,
    maxCommitteeSize: Number(maxCommitteeSize),
    contributorRewards: { model: modelReward, dataset: datasetReward },
    randomnessSource: randomnessSource === zeroAddress ? null : randomnessSource,
  }
}
