import type { Address } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { readOrExplain } from '../write.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.hasValidLicense] as const

export type HasValidLicenseParameters = { modelId: ModelId; account: Address } & ReadParameters
export type HasValidLicenseReturnType = boolean

/**
 * Whether an account holds an unexpired license to a model: what a gateway checks before serving
 * it.
 *
 * @example
 * if (!(await daimm.market.hasValidLicense({ modelId, account: caller }))) return forbidden()
 */
export async function hasValidLicense(
  ctx: DaimmContext,
  { modelId, account, blockNumber }: HasValidLicenseParameters,
): Promise<HasValidLicenseReturnType> {
  const client = await readClient(ctx, blockNumber)
  return readOrExplain('hasValidLicense', () =>
    client.readContract({
      address: ctx.deployment.contracts.market,
      abi: marketplaceAbi,
      functionName: 'hasValidLicense',
      args: [toTokenId(modelId), account],
    }),
  )
}
