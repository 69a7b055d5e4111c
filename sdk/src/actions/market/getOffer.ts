import { ContractError } from '../../contractErrors.js'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { cidFromBytes, toModelId } from '../registry/types.js'
import { readOrExplain } from '../write.js'
import type { Offer } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.offerOf] as const

export type GetOfferParameters = { offerId: bigint } & ReadParameters
/** Null when no offer has that id. */
export type GetOfferReturnType = Offer | null

/**
 * Reads an offer: model, seller, price, duration, cap and sales, terms CID, and whether it was
 * cancelled or listed from a signature; null when no offer has that id.
 *
 * @example
 * const offer = await daimm.market.getOffer({ offerId })
 * if (offer && !offer.cancelled) console.log(offer.price, offer.token)
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
  ).catch((error: unknown) => {
    if (error instanceof ContractError && error.errorName === 'UnknownOffer') return null
    throw error
  })
  if (!o) return null
  return {
    id: offerId,
    modelId: toModelId(o.modelId),
    seller: o.seller,
    token: o.token,
    price: o.price,
    duration: BigInt(o.duration),
    supplyCap: o.supplyCap,
    sold: o.sold,
    commercial: o.commercial,
    cancelled: o.cancelled,
    signed: o.signed,
    termsCid: cidFromBytes(o.termsCid),
  }
}
