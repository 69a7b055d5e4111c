import { type Address, parseEventLogs, zeroAddress } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [royaltySplitter.claim, royaltySplitter.Claimed] as const

export type ClaimRoyaltiesParameters = {
  /** At most 256 models, claimed in one transfer. */
  modelIds: readonly ModelId[]
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
} & SenderParameters
export type ClaimRoyaltiesReturnType = WriteReturnType<typeof royaltySplitterAbi> & {
  /** The total paid to the sender. */
  amount: bigint
}

/**
 * Pays the sender everything it earned in one token across several models, in one transfer.
 *
 * @throws {ContractError} `NothingToClaim` when there is nothing to claim on any of them.
 * @example
 * const { amount } = await daimm.royalties.claim({ modelIds: [modelA, modelB] })
 */
export async function claimRoyalties(
  ctx: DaimmContext,
  { modelIds, token = zeroAddress, account }: ClaimRoyaltiesParameters,
): Promise<ClaimRoyaltiesReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.splitter,
    abi: royaltySplitterAbi,
    functionName: 'claim',
    args: [modelIds.map(toTokenId), token],
    account,
  })
  const claimed = parseEventLogs({
    abi: royaltySplitterAbi,
    logs: result.receipt.logs,
    eventName: 'Claimed',
  })
  return { ...result, amount: claimed.reduce((sum, event) => sum + event.args.amount, 0n) }
}
