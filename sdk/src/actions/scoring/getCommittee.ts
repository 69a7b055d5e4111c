import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type CommitteeSeat, toBallot } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.ballotOf,
  scoringManager.round,
  scoringManager.seatAt,
] as const

export type GetCommitteeParameters = { roundId: bigint } & ReadParameters
/** Seat by seat; empty before the draw (or for a round that does not exist). */
export type GetCommitteeReturnType = readonly CommitteeSeat[]

/**
 * Reads a round's committee: each seat's validator, stake weight and ballot (committed, revealed,
 * claimed, reported…).
 *
 * @example
 * const committee = await daimm.scoring.getCommittee({ roundId })
 * const waiting = committee.filter(({ ballot }) => ballot.state === 'committed')
 */
export async function getCommittee(
  ctx: DaimmContext,
  { roundId, blockNumber }: GetCommitteeParameters,
): Promise<GetCommitteeReturnType> {
  const scoring = { address: ctx.deployment.contracts.scoring, abi: scoringManagerAbi } as const
  const client = await readClient(ctx, blockNumber, true)
  return readOrExplain('seatAt', async () => {
    const { seats } = await client.readContract({
      ...scoring,
      functionName: 'round',
      args: [roundId],
    })
    return Promise.all(
      Array.from({ length: seats }, async (_, seat) => {
        const { validator, weight } = await client.readContract({
          ...scoring,
          functionName: 'seatAt',
          args: [roundId, BigInt(seat)],
        })
        const ballot = await client.readContract({
          ...scoring,
          functionName: 'ballotOf',
          args: [roundId, validator],
        })
        return { seat, validator, weight, ballot: toBallot(ballot) }
      }),
    )
  })
}
