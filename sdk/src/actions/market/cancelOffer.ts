import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.cancelOffer] as const

export type CancelOfferParameters = { offerId: bigint } & SenderParameters
export type CancelOfferReturnType = WriteReturnType<typeof marketplaceAbi>

/**
 * Cancels an offer: it sells no more licenses. Its seller only; licenses sold stay valid.
 *
 * @example
 * await daimm.market.cancelOffer({ offerId })
 */
export async function cancelOffer(
  ctx: DaimmContext,
  { offerId, account }: CancelOfferParameters,
): Promise<CancelOfferReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    functionName: 'cancelOffer',
    args: [offerId],
    account,
  })
}
