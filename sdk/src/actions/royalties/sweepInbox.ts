import { type Address, zeroAddress } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [royaltySplitter.sweepInbox] as const

export type SweepInboxParameters = {
  modelId: ModelId
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
} & SenderParameters
export type SweepInboxReturnType = WriteReturnType<typeof royaltySplitterAbi>

/**
 * Deposits what a model's ERC-2981 royalty inbox received (secondary-sale royalties) into its
 * split, deploying the inbox first if needed. Anyone may send it.
 *
 * @example
 * await daimm.royalties.sweepInbox({ modelId })
 */
export async function sweepInbox(
  ctx: DaimmContext,
  { modelId, token = zeroAddress, account }: SweepInboxParameters,
): Promise<SweepInboxReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.splitter,
    abi: royaltySplitterAbi,
    functionName: 'sweepInbox',
    args: [toTokenId(modelId), token],
    account,
  })
}
