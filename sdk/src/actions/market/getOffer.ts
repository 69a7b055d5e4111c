import { marketplaceAbi } from '../../generated/contracts.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { cidFromBytes, toModelId } from '../registry/types.js'
import { readOrExplain } from '../write.js'
import type { Offer } from './types.js'

export type GetOfferParameters = { offerId: bigint } & ReadParameters
export type GetOfferReturnType = Offer

/**
 * Reads an offer: model, seller, price, duration, cap and sales, terms CID, and whether it was
 * cancelled or listed from a signature.
 *
 * @throws {ContractError} `UnknownOffer` when no offer has that id.
 * @example
 * const { price, token } = await daimm.market.getOffer({ offerId })
 */
export async function getOffer(
  ctx: DaimmContext,
  { offerId, blockNumber }: GetOfferParameters,
): Promise<GetOfferReturnType> {
  const client = await readClient(ctx, blockNumber)
  const o = await readOrExplain('offerOf', () =>
    client.readContract({
      address: ctx.deployment.contracts.market,
      abi: marketplaceAbi,
      functionName: 'offerOf',
      args: [offerId],
    }),
  )
  return {
    id: offerId,
    modelId: toModelId(o.modelId),
    seller: o.seller,
    token: o.token,
    price: o.price,
    duration: o.duration,
    supplyCap: o.supplyCap,
    sold: o.sold,
    commercial: o.commercial,
    cancelled: o.cancelled,
    signed: o.signed,
    termsCid: cidFromBytes(o.termsCid),
  }
}
