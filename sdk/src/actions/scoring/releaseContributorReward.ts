import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.releaseContributorReward,
  scoringManager.ContributorRewardReleased,
] as const

export type ReleaseContributorRewardParameters = {
  roundId: bigint
} & SenderParameters

export type ReleaseContributorRewardReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  /** DAIMM paid to the contributor, in wei (0 when the subject was flagged meanwhile). */
  paid: bigint
  /** DAIMM returned to the reward pool, in wei (the whole reward when the subject was flagged). */
  forfeited: bigint
}

/**
 * Settles the contributor reward a finalized round holds, once the Slasher's challenge window
 * is over: the subject's owner is paid, or, when the subject was flagged meanwhile (a
 * plagiarism ruling), the reward returns to the pool; either way the contributor's stake lock is
 * released. Anyone may send it.
 *
 * @example
 * const { paid } = await daimm.scoring.releaseContributorReward({ roundId: 1n })
 */
export async function releaseContributorReward(
  ctx: DaimmContext,
  { roundId, account }: ReleaseContributorRewardParameters,
): Promise<ReleaseContributorRewardReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'releaseContributorReward',
    args: [roundId],
    account,
  })
  const released = eventOf(
    scoringManagerAbi,
    result,
    'ContributorRewardReleased',
    'releaseContributorReward',
  ).args
  return { ...result, paid: released.paid, forfeited: released.forfeited }
}
