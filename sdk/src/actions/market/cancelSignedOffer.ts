import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { encodeSignedOffer, type SignedOffer } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.cancelSignedOffer] as const

export type CancelSignedOfferParameters = { offer: SignedOffer } & SenderParameters
export type CancelSignedOfferReturnType = WriteReturnType<typeof marketplaceAbi>

/**
 * Voids one signed offer, whether or not it sold already. Its seller only. To void many at once,
 * see `invalidateNonces`.
 *
 * @example
 * await daimm.market.cancelSignedOffer({ offer })
 */
export async function cancelSignedOffer(
  ctx: DaimmContext,
  { offer, account }: CancelSignedOfferParameters,
): Promise<CancelSignedOfferReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    functionName: 'cancelSignedOffer',
    args: [encodeSignedOffer(offer)],
    account,
  })
}
