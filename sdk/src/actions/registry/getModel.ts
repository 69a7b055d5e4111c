import { ContractError } from '../../contractErrors.js'
import * as marketplace from '../../generated/abi/marketplace.js'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext } from '../context.js'
import { ratingOf } from '../market/getRating.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import {
  assetKinds,
  cidFromBytes,
  type Model,
  type ModelId,
  modelStatuses,
  relations,
  toModelId,
  toTokenId,
} from './types.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.ratingOf] as const
/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.modelOf] as const

export type GetModelParameters = { id: ModelId } & ReadParameters
/** Null when nothing is registered under `id`. */
export type GetModelReturnType = Model | null

/**
 * Reads a registered model: owner, CIDs, kind, lineage, status, latest evaluation and its
 * licensees' rating; null when nothing is registered under `id`.
 *
 * @example
 * const model = await daimm.registry.getModel({ id: await fingerprint(file) })
 * if (!model) console.log('not registered')
 */
export async function getModel(
  ctx: DaimmContext,
  { id, blockNumber }: GetModelParameters,
): Promise<GetModelReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const tokenId = toTokenId(id)
  const read = await Promise.all([
    readOrExplain('modelOf', () =>
      client.readContract({
        address: ctx.deployment.contracts.registry,
        abi: modelRegistryAbi,
        functionName: 'modelOf',
        args: [tokenId],
      }),
    ),
    readOrExplain('ratingOf', () =>
      client.readContract({
        address: ctx.deployment.contracts.market,
        abi: marketplaceAbi,
        functionName: 'ratingOf',
        args: [tokenId],
      }),
    ),
  ]).catch((error: unknown) => {
    if (error instanceof ContractError && error.errorName === 'UnknownModel') return null
    throw error
  })
  if (!read) return null
  const [m, [count, sum]] = read
  return {
    id: toModelId(tokenId),
    owner: m.owner,
    artifactCid: cidFromBytes(m.artifactCid),
    metadataCid: cidFromBytes(m.metadataCid),
    kind: assetKinds[m.kind] ?? 'model',
    parent: m.parent === 0n ? null : toModelId(m.parent),
    relation: relations[m.relation] ?? 'none',
    status: modelStatuses[m.status] ?? 'active',
    registeredAt: BigInt(m.registeredAt),
    committed: m.committed,
    evaluation:
      m.evaluation.score === 0
        ? null
        : {
            score: m.evaluation.score,
            roundId: m.evaluation.roundId,
            benchmarkId: m.evaluation.benchmarkId,
            evaluatedAt: BigInt(m.evaluation.evaluatedAt),
            digest: m.evaluation.digest,
          },
    rating: ratingOf(count, sum),
  }
}
