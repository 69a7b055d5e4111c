import type { Address } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { readOrExplain } from '../write.js'
import { type License, licenseExpiry } from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.licenseOf] as const

export type GetLicenseParameters = { modelId: ModelId; account: Address } & ReadParameters
/** Null when the account never bought a license to the model. */
export type GetLicenseReturnType = License | null

/**
 * An account's license record for a model: its expiry, commercial flag and the offer whose terms
 * apply (`getOffer` gives the terms CID). An expired license is returned too.
 *
 * @example
 * const license = await daimm.market.getLicense({ modelId, account })
 * const { termsCid } = await daimm.market.getOffer({ offerId: license.offerId })
 */
export async function getLicense(
  ctx: DaimmContext,
  { modelId, account, blockNumber }: GetLicenseParameters,
): Promise<GetLicenseReturnType> {
  const client = await readClient(ctx, blockNumber)
  const license = await readOrExplain('licenseOf', () =>
    client.readContract({
      address: ctx.deployment.contracts.market,
      abi: marketplaceAbi,
      functionName: 'licenseOf',
      args: [toTokenId(modelId), account],
    }),
  )
  if (license.expiresAt === 0n) return null
  return {
    offerId: license.offerId,
    commercial: license.commercial,
    expiresAt: licenseExpiry(license.expiresAt),
  }
}
