import { marketplaceAbi } from '../../generated/contracts.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { encodeSignedOffer, type SignedOffer } from './types.js'

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
