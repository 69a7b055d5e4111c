import { scoringManagerAbi } from '../../generated/contracts.js'
import type { DaimmContext } from '../context.js'
import { readOrExplain } from '../write.js'
import { type CommitteeSeat, toBallot } from './types.js'

export type GetCommitteeParameters = {
  roundId: bigint
  /** Read the committee as of this block. Default: the latest. */
  blockNumber?: bigint | undefined
}
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
  const at = blockNumber === undefined ? {} : { blockNumber }
  return readOrExplain('seatAt', async () => {
    const { seats } = await ctx.publicClient.readContract({
      ...scoring,
      functionName: 'round',
      args: [roundId],
      ...at,
    })
    return Promise.all(
      Array.from({ length: seats }, async (_, seat) => {
        const { validator, weight } = await ctx.publicClient.readContract({
          ...scoring,
          functionName: 'seatAt',
          args: [roundId, BigInt(seat)],
          ...at,
        })
        const ballot = await ctx.publicClient.readContract({
          ...scoring,
          functionName: 'ballotOf',
          args: [roundId, validator],
          ...at,
        })
        return { seat, validator, weight, ballot: toBallot(ballot) }
      }),
    )
  })
}
