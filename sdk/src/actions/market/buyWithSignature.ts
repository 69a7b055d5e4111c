import type { Hex } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { type Purchase, paymentOf, purchaseOf } from './purchase.js'
import { encodeSignedOffer, type SignedOffer } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.buyWithSig] as const

export type BuyWithSignatureParameters = {
  /** As the seller's `signOffer` returned it; its price is fixed by the signature. */
  offer: SignedOffer
  signature: Hex
} & SenderParameters
export type BuyWithSignatureReturnType = WriteReturnType<typeof marketplaceAbi> & Purchase

/**
 * Buys (or renews) a license for the sender through an offer the seller signed (`signOffer`). ETH
 * offers are paid with the value; for an ERC-20 offer, when the RoyaltySplitter's allowance (it pulls the payment) is short,
 * an `approve` of exactly the price is sent first, once the purchase is known to pass.
 *
 * @example
 * const { offer, signature } = await seller.market.signOffer({ terms, deadline })
 * const { expiresAt } = await daimm.market.buyWithSignature({ offer, signature })
 */
export async function buyWithSignature(
  ctx: DaimmContext,
  { offer, signature, account }: BuyWithSignatureParameters,
): Promise<BuyWithSignatureReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    functionName: 'buyWithSig',
    args: [encodeSignedOffer(offer), signature],
    ...paymentOf(ctx, { token: offer.token, price: offer.price }),
    account,
  })
  return { ...result, ...purchaseOf(result, 'buyWithSig') }
}
