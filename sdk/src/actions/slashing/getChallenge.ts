import * as slasher from '../../generated/abi/slasher.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type Challenge, challengeStatuses, offenceKinds } from './types.js'

/** The slasher ABI items this action uses (errors decode from the protocol's table). */
const slasherAbi = [slasher.challenge] as const

export type GetChallengeParameters = { challengeId: bigint } & ReadParameters
/** Null when no challenge has that id. */
export type GetChallengeReturnType = Challenge | null

/**
 * Reads a challenge: who accused whom of what, its bond, deadline and status.
 *
 * @example
 * const challenge = await daimm.slashing.getChallenge({ challengeId })
 * if (challenge?.status === 'pending' && challenge.deadline < BigInt(Math.floor(Date.now() / 1000))) ...
 */
export async function getChallenge(
  ctx: DaimmContext,
  { challengeId, blockNumber }: GetChallengeParameters,
): Promise<GetChallengeReturnType> {
  const client = await readClient(ctx, blockNumber)
  const c = await readOrExplain('challenge', () =>
    client.readContract({
      address: ctx.deployment.contracts.slasher,
      abi: slasherAbi,
      functionName: 'challenge',
      args: [challengeId],
    }),
  )
  const status = challengeStatuses[c.status] ?? 'none'
  if (status === 'none') return null
  return {
    id: challengeId,
    challenger: c.challenger,
    bond: c.bond,
    accused: c.accused,
    kind: offenceKinds[c.kind] ?? 'plagiarism',
    status,
    deadline: BigInt(c.deadline),
    offenceId: c.offenceId,
    held: c.held,
  }
}
