import { slasherAbi } from '../../generated/contracts.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

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
