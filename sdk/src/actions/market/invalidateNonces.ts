import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.invalidateNonces] as const

export type InvalidateNoncesParameters = {
  /** Every signed offer of the sender with a smaller nonce is void; above the current minimum. */
  minNonce: bigint
} & SenderParameters
export type InvalidateNoncesReturnType = WriteReturnType<typeof marketplaceAbi>

/**
 * Voids all the sender's signed offers with a nonce below `minNonce`, listed or not. New offers
 * signed with `signOffer` take the new minimum by default.
 *
 * @example
 * await daimm.market.invalidateNonces({ minNonce: 1n })
 */
export async function invalidateNonces(
  ctx: DaimmContext,
  { minNonce, account }: InvalidateNoncesParameters,
): Promise<InvalidateNoncesReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    functionName: 'invalidateNonces',
    args: [minNonce],
    account,
  })
}
