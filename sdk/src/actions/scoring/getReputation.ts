import type { Address } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.reputationOf] as const

export type GetReputationParameters = { contributor: Address } & ReadParameters
/** Basis points of a perfect score, 0 to 10,000; 0 (the floor) before the contributor's first rewarded round. */
export type GetReputationReturnType = number

/**
 * A contributor's reputation: the moving average of the consensus scores of its rewarded subjects,
 * from 0 (the floor) at a fresh address, so moving models to a new address never raises it. It
 * scales its next contributor reward by `0.5 + reputation`.
 *
 * @example
 * const bps = await daimm.scoring.getReputation({ contributor: model.owner })
 * console.log(`${bps / 100}%`)
 */
export async function getReputation(
  ctx: DaimmContext,
  { contributor, blockNumber }: GetReputationParameters,
): Promise<GetReputationReturnType> {
  const client = await readClient(ctx, blockNumber)
  const reputation = await readOrExplain('reputationOf', () =>
    client.readContract({
      address: ctx.deployment.contracts.scoring,
      abi: scoringManagerAbi,
      functionName: 'reputationOf',
      args: [contributor],
    }),
  )
  return Number(reputation)
}
