import { type Address, zeroAddress } from 'viem'
import { marketplaceAbi } from '../../generated/contracts.js'
import { approveIfShort } from '../allowance.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { eventOf, type WriteReturnType } from '../write.js'
import { licenseExpiry } from './types.js'

/** What a purchase returns beside the transaction. */
export type Purchase = {
  /** The offer whose terms now apply (for a signed offer, the id it was listed as). */
  offerId: bigint
  /** The license's new expiry; null when perpetual. */
  expiresAt: Date | null
}

/**
 * Gets a price ready to be paid through the Marketplace: the ETH value to send, or (ERC-20) an
 * approval of exactly `price` to the RoyaltySplitter, which pulls the payment itself (so that a
 * token's hooks cannot have a payment counted twice), when the allowance is short.
 */
export async function preparePayment(
  ctx: DaimmContext,
  {
    token,
    price,
    account,
    action,
  }: { token: Address; price: bigint; action: string } & SenderParameters,
): Promise<bigint | undefined> {
  if (token === zeroAddress) return price
  if (price > 0n)
    await approveIfShort(ctx, {
      token,
      spender: ctx.deployment.contracts.splitter,
      amount: price,
      account,
      action,
    })
  return undefined
}

/** The license a purchase wrote, from its `LicensePurchased` event. */
export function purchaseOf(
  result: Pick<WriteReturnType, 'hash' | 'receipt'>,
  functionName: string,
): Purchase {
  const { offerId, expiresAt } = eventOf(
    marketplaceAbi,
    result,
    'LicensePurchased',
    functionName,
  ).args
  return { offerId, expiresAt: licenseExpiry(expiresAt) }
}
