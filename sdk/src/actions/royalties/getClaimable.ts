import { type Address, zeroAddress } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { readOrExplain } from '../write.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [royaltySplitter.claimable] as const

export type GetClaimableParameters = {
  modelId: ModelId
  account: Address
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
} & ReadParameters
/** In the token's base units (wei for ETH). */
export type GetClaimableReturnType = bigint

/**
 * What an account can claim in one token on one model: its share of revenue since it joined the
 * split, plus owner credits.
 *
 * @example
 * const wei = await daimm.royalties.getClaimable({ modelId, account })
 */
export async function getClaimable(
  ctx: DaimmContext,
  { modelId, account, token = zeroAddress, blockNumber }: GetClaimableParameters,
): Promise<GetClaimableReturnType> {
  const client = await readClient(ctx, blockNumber)
  return readOrExplain('claimable', () =>
    client.readContract({
      address: ctx.deployment.contracts.splitter,
      abi: royaltySplitterAbi,
      functionName: 'claimable',
      args: [toTokenId(modelId), token, account],
    }),
  )
}
