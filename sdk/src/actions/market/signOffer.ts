import type { Address, Hex } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import { type DaimmContext, type SenderParameters, signerOf } from '../context.js'
import { encodeSignedOffer, type OfferTerms, type SignedOffer, signedOfferOf } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.minNonceOf] as const

export type SignOfferParameters = {
  terms: OfferTerms
  /** Timestamp (seconds) after which the offer cannot be filled. */
  deadline: bigint
  /**
   * Lets the seller void it with `invalidateNonces` above it; offers may share one. Default: the
   * seller's smallest valid nonce (`minNonceOf`).
   */
  nonce?: bigint | undefined
} & SenderParameters

export type SignOfferReturnType = {
  /** Hand both to buyers, who fill it with `buyWithSignature`. */
  offer: SignedOffer
  signature: Hex
}

/**
 * The EIP-712 typed data a seller signs for `buyWithSig`; wallets show it field by field.
 * `test/fixtures/offer-digest.json` pins its digest against the contract's `hashSignedOffer`.
 */
export function offerTypedData({
  market,
  chainId,
  offer,
}: {
  market: Address
  chainId: number
  offer: SignedOffer
}) {
  return {
    domain: { name: 'DAIMM Marketplace', version: '1', chainId, verifyingContract: market },
    types: {
      Offer: [
        { name: 'modelId', type: 'uint256' },
        { name: 'seller', type: 'address' },
        { name: 'token', type: 'address' },
        { name: 'price', type: 'uint96' },
        { name: 'duration', type: 'uint32' },
        { name: 'supplyCap', type: 'uint24' },
        { name: 'commercial', type: 'bool' },
        { name: 'termsCid', type: 'bytes' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Offer',
    message: encodeSignedOffer(offer),
  } as const
}

/**
 * Signs an offer off-chain, without a transaction: buyers fill it with `buyWithSignature`, which
 * lists it on-chain at its first sale. The seller must own the model at every sale.
 *
 * @example
 * const { offer, signature } = await daimm.market.signOffer({
 *   terms: { modelId, price: parseEther('0.1'), termsCid },
 *   deadline: BigInt(Math.floor(Date.now() / 1000) + 7 * 86400),
 * })
 * // buyer:
 * await buyer.market.buyWithSignature({ offer, signature })
 */
export async function signOffer(
  ctx: DaimmContext,
  { terms, deadline, nonce, account }: SignOfferParameters,
): Promise<SignOfferReturnType> {
  const { wallet, signer, address: seller } = signerOf(ctx, account, 'signOffer')
  const market = ctx.deployment.contracts.market
  const offer: SignedOffer = signedOfferOf(terms, {
    seller,
    nonce:
      nonce ??
      (await ctx.publicClient.readContract({
        address: market,
        abi: marketplaceAbi,
        functionName: 'minNonceOf',
        args: [seller],
      })),
    deadline,
  })
  const signature = await wallet.signTypedData({
    account: signer,
    ...offerTypedData({ market, chainId: ctx.deployment.chainId, offer }),
  })
  return { offer, signature }
}
