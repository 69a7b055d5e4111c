import { type Address, zeroAddress } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [royaltySplitter.acceptToken] as const

export type AcceptTokenParameters = {
  modelId: ModelId
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
} & SenderParameters
export type AcceptTokenReturnType = WriteReturnType<typeof royaltySplitterAbi>

/**
 * Lets a model's split take revenue in a token (at most 8, never removed). The model's owner only.
 * Revenue in a token the split does not accept is credited to the model's owner instead.
 *
 * @example
 * await daimm.royalties.acceptToken({ modelId }) // ETH
 * await daimm.royalties.acceptToken({ modelId, token: usdc })
 */
export async function acceptToken(
  ctx: DaimmContext,
  { modelId, token = zeroAddress, account }: AcceptTokenParameters,
): Promise<AcceptTokenReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.splitter,
    abi: royaltySplitterAbi,
    functionName: 'acceptToken',
    args: [toTokenId(modelId), token],
    account,
  })
}
