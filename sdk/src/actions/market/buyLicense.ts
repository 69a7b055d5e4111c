import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { readOrExplain, simulateAndWrite, type WriteReturnType } from '../write.js'
import { type Purchase, paymentOf, purchaseOf } from './purchase.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.buyLicense, marketplace.offerOf] as const

export type BuyLicenseParameters = {
  offerId: bigint
  /** The most the buyer pays, in the offer token's base units; a dearer offer fails. */
  maxPrice: bigint
} & SenderParameters
export type BuyLicenseReturnType = WriteReturnType<typeof marketplaceAbi> & Purchase

/**
 * Buys (or renews) a license for the sender through a published offer. ETH offers are paid with
 * the value; for an ERC-20 offer, when the RoyaltySplitter's allowance (it pulls the payment) is short, an `approve` of
 * exactly the price is sent first, once the purchase is known to pass.
 *
 * @throws {ContractError} `PriceAboveMax` when the offer costs more than `maxPrice`.
 * @example
 * const { expiresAt } = await daimm.market.buyLicense({ offerId, maxPrice: parseEther('0.1') })
 */
export async function buyLicense(
  ctx: DaimmContext,
  { offerId, maxPrice, account }: BuyLicenseParameters,
): Promise<BuyLicenseReturnType> {
  const market = { address: ctx.deployment.contracts.market, abi: marketplaceAbi } as const
  const { token, price, cancelled, signed } = await readOrExplain('offerOf', () =>
    ctx.publicClient.readContract({ ...market, functionName: 'offerOf', args: [offerId] }),
  )
  // Nothing is paid or approved for an offer the call below refuses anyway (and explains).
  const payment = price > maxPrice || cancelled || signed ? {} : paymentOf(ctx, { token, price })
  const result = await simulateAndWrite(ctx, {
    ...market,
    functionName: 'buyLicense',
    args: [offerId, maxPrice],
    ...payment,
    account,
  })
  return { ...result, ...purchaseOf(result, 'buyLicense') }
}
