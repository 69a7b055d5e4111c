import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'
import { encodeOfferTerms, type OfferTerms } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.publishOffer, marketplace.OfferPublished] as const

export type PublishOfferParameters = { terms: OfferTerms } & SenderParameters
export type PublishOfferReturnType = WriteReturnType<typeof marketplaceAbi> & { offerId: bigint }

/**
 * Publishes an offer of licenses to a model the sender owns. Its terms never change; the seller
 * can only cancel it. It dies if the model changes hands. To sell without a transaction, see
 * `signOffer`.
 *
 * @example
 * const { offerId } = await daimm.market.publishOffer({
 *   terms: { modelId, price: parseEther('0.1'), duration: 30n * 86400n, termsCid },
 * })
 */
export async function publishOffer(
  ctx: DaimmContext,
  { terms, account }: PublishOfferParameters,
): Promise<PublishOfferReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    functionName: 'publishOffer',
    args: [encodeOfferTerms(terms)],
    account,
  })
  const { offerId } = eventOf(marketplaceAbi, result, 'OfferPublished', 'publishOffer').args
  return { ...result, offerId }
}
