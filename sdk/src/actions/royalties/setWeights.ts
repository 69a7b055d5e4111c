import type { Address } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [royaltySplitter.setWeights] as const

export type SetWeightsParameters = {
  modelId: ModelId
  /**
   * Recipients to add, change or (weight 0) remove; others keep their weight. Revenue is shared
   * pro rata to weight.
   */
  recipients: readonly { account: Address; weight: number }[]
} & SenderParameters
export type SetWeightsReturnType = WriteReturnType<typeof royaltySplitterAbi>

/**
 * Sets recipients' weights in a model's revenue split. The model's owner only. What a recipient
 * earned at its old weight stays claimable; a new one earns from now on. A call handles at most
 * 256 units (recipients × (1 + accepted tokens)): set a large split in several calls.
 *
 * @example
 * await daimm.royalties.setWeights({
 *   modelId,
 *   recipients: [{ account: me, weight: 3 }, { account: dataProvider, weight: 1 }],
 * })
 */
export async function setWeights(
  ctx: DaimmContext,
  { modelId, recipients, account }: SetWeightsParameters,
): Promise<SetWeightsReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.splitter,
    abi: royaltySplitterAbi,
    functionName: 'setWeights',
    args: [toTokenId(modelId), recipients.map((r) => r.account), recipients.map((r) => r.weight)],
    account,
  })
}
