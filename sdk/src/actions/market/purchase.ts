import { type Address, zeroAddress } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { type Approval, eventOf, type WriteReturnType } from '../write.js'
import { licenseExpiry } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.LicensePurchased] as const

/** What a purchase returns beside the transaction. */
export type Purchase = {
  /** The offer whose terms now apply (for a signed offer, the id it was listed as). */
  offerId: bigint
  /** The license's new expiry; null when perpetual. */
  expiresAt: bigint | null
}

/**
 * How a price is paid to the Marketplace: the ETH value to send, or (ERC-20) the approval of exactly
 * `price` to the RoyaltySplitter, which pulls the payment itself so that a token's hooks cannot have
 * it counted twice (`simulateAndWrite` sends the approval when short, once the purchase is known to
 * pass).
 */
export function paymentOf(
  ctx: DaimmContext,
  { token, price }: { token: Address; price: bigint },
): { value?: bigint; approval?: Approval } {
  if (token === zeroAddress) return { value: price }
  if (price === 0n) return {}
  return { approval: { token, spender: ctx.deployment.contracts.splitter, amount: price } }
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
