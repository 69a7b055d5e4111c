import type { Address } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type Ballot, toBallot } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.ballotOf] as const

export type GetBallotParameters = { roundId: bigint; validator: Address } & ReadParameters
/** Null when the validator holds no seat in the round. */
export type GetBallotReturnType = Ballot | null

/**
 * Reads a member's ballot in a round: its seat, state (`'drawn'`, `'committed'`, `'revealed'`,
 * `'claimed'`, `'reported'`) and revealed score.
 *
 * @example
 * const ballot = await daimm.scoring.getBallot({ roundId, validator: account.address })
 * if (ballot?.state === 'committed') await daimm.scoring.reveal({ roundId, score, salt })
 */
export async function getBallot(
  ctx: DaimmContext,
  { roundId, validator, blockNumber }: GetBallotParameters,
): Promise<GetBallotReturnType> {
  const client = await readClient(ctx, blockNumber)
  const ballot = toBallot(
    await readOrExplain('ballotOf', () =>
      client.readContract({
        address: ctx.deployment.contracts.scoring,
        abi: scoringManagerAbi,
        functionName: 'ballotOf',
        args: [roundId, validator],
      }),
    ),
  )
  return ballot.state === 'none' ? null : ballot
}
