import type { Hex } from 'viem'
import * as usageAnchors from '../../generated/abi/usageAnchors.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'

/** The usageAnchors ABI items this action uses (errors decode from the protocol's table). */
const usageAnchorsAbi = [usageAnchors.anchor, usageAnchors.UsageAnchored] as const

export type AnchorUsageParameters = {
  modelId: ModelId
  /** `usageMerkleRoot` of the model's entries with `fromSeq <= seq <= toSeq`. */
  root: Hex
  /** First log position the root covers: after the model's last anchored `toSeq`. */
  fromSeq: bigint
  /** Last log position the root covers. */
  toSeq: bigint
  /** How many of the model's entries the root covers. */
  count: number
} & SenderParameters
export type AnchorUsageReturnType = WriteReturnType<typeof usageAnchorsAbi> & {
  /** The anchor's index among the model's anchors (what proofs name). */
  index: bigint
}

/**
 * Anchors the Merkle root of a model's new usage-log entries on-chain. The model's owner or an
 * operator it delegated (`usage.setOperator`) only; ranges only move forward.
 *
 * @example
 * const hashes = entries.map(usageEntryHash)
 * const { index } = await daimm.usage.anchor({
 *   modelId, root: usageMerkleRoot(hashes), fromSeq: 1n, toSeq: 9n, count: hashes.length,
 * })
 */
export async function anchorUsage(
  ctx: DaimmContext,
  { modelId, root, fromSeq, toSeq, count, account }: AnchorUsageParameters,
): Promise<AnchorUsageReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.usageAnchors,
    abi: usageAnchorsAbi,
    functionName: 'anchor',
    args: [toTokenId(modelId), root, fromSeq, toSeq, count],
    account,
  })
  const event = eventOf(usageAnchorsAbi, result, 'UsageAnchored', 'anchor')
  return { ...result, index: event.args.index }
}
