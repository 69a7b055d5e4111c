import type { Address } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { type ModelId, toTokenId } from '../registry/types.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [
  royaltySplitter.acceptedTokens,
  royaltySplitter.totalWeight,
  royaltySplitter.weightOf,
] as const

export type GetSplitParameters = {
  modelId: ModelId
  /** Recipients whose weight to read (the splitter does not list them). Default: none. */
  accounts?: readonly Address[] | undefined
} & ReadParameters
export type GetSplitReturnType = {
  /** The sum of all weights; 0 when the split is empty (revenue then goes to the owner). */
  totalWeight: number
  /** Tokens the split takes, in order of acceptance; the zero address is ETH. */
  acceptedTokens: readonly Address[]
  /** The weight of each account asked for, in order (0: not a recipient). */
  weights: readonly { account: Address; weight: number }[]
}

/**
 * A model's revenue split: its total weight, the tokens it accepts, and the weights of the
 * accounts asked for (`WeightSet` events list every change).
 *
 * @example
 * const { totalWeight, weights: [mine] } = await daimm.royalties.getSplit({ modelId, accounts: [me] })
 * const share = mine.weight / totalWeight
 */
export async function getSplit(
  ctx: DaimmContext,
  { modelId, accounts = [], blockNumber }: GetSplitParameters,
): Promise<GetSplitReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const splitter = { address: ctx.deployment.contracts.splitter, abi: royaltySplitterAbi } as const
  const id = toTokenId(modelId)
  const [totalWeight, acceptedTokens, ...weights] = await Promise.all([
    client.readContract({ ...splitter, functionName: 'totalWeight', args: [id] }),
    client.readContract({ ...splitter, functionName: 'acceptedTokens', args: [id] }),
    ...accounts.map((account) =>
      client.readContract({ ...splitter, functionName: 'weightOf', args: [id, account] }),
    ),
  ])
  return {
    totalWeight,
    acceptedTokens,
    weights: accounts.map((account, i) => ({ account, weight: weights[i] ?? 0 })),
  }
}
