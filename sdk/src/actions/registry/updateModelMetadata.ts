import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { type CidInput, cidToBytes, type ModelId, toTokenId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.updateMetadata] as const

export type UpdateModelMetadataParameters = {
  id: ModelId
  /** CID of the new model card. */
  metadataCid: CidInput
} & SenderParameters
export type UpdateModelMetadataReturnType = WriteReturnType<typeof modelRegistryAbi>

/**
 * Points a model at a new model card. Owner or approved account only; earlier cards stay in the
 * registry's `MetadataUpdated` events.
 *
 * @example
 * await daimm.registry.updateMetadata({ id, metadataCid: newCardCid })
 */
export async function updateModelMetadata(
  ctx: DaimmContext,
  { id, metadataCid, account }: UpdateModelMetadataParameters,
): Promise<UpdateModelMetadataReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'updateMetadata',
    args: [toTokenId(id), cidToBytes(metadataCid)],
    account,
  })
}
