import * as slasher from '../../generated/abi/slasher.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The slasher ABI items this action uses (errors decode from the protocol's table). */
const slasherAbi = [slasher.releaseSlash] as const

export type ReleaseSlashParameters = { escrowId: bigint } & SenderParameters
export type ReleaseSlashReturnType = WriteReturnType<typeof slasherAbi>

/**
 * Releases slashed DAIMM whose escrow period is over, divided between burn, treasury, challenger
 * and reward pool (`SlashReleased` says how much each got). Anyone may send it.
 *
 * @example
 * await daimm.slashing.releaseSlash({ escrowId })
 */
export async function releaseSlash(
  ctx: DaimmContext,
  { escrowId, account }: ReleaseSlashParameters,
): Promise<ReleaseSlashReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.slasher,
    abi: slasherAbi,
    functionName: 'releaseSlash',
    args: [escrowId],
    account,
  })
}
