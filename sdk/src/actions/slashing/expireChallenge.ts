import * as slasher from '../../generated/abi/slasher.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The slasher ABI items this action uses (errors decode from the protocol's table). */
const slasherAbi = [slasher.expireChallenge] as const

export type ExpireChallengeParameters = { challengeId: bigint } & SenderParameters
export type ExpireChallengeReturnType = WriteReturnType<typeof slasherAbi>

/**
 * Refunds the bond of a challenge the arbiter did not rule on before its deadline, to the
 * challenger. Anyone may send it.
 *
 * @example
 * await daimm.slashing.expireChallenge({ challengeId })
 */
export async function expireChallenge(
  ctx: DaimmContext,
  { challengeId, account }: ExpireChallengeParameters,
): Promise<ExpireChallengeReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.slasher,
    abi: slasherAbi,
    functionName: 'expireChallenge',
    args: [challengeId],
    account,
  })
}
