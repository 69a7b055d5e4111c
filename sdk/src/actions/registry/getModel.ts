import { marketplaceAbi, modelRegistryAbi } from '../../generated/contracts.js'
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

export type GetModelParameters = { id: ModelId } & ReadParameters
export type GetModelReturnType = Model

/**
 * Reads a registered model: owner, CIDs, kind, lineage, status, latest evaluation and its
 * licensees' rating.
 *
 * @throws {ContractError} `UnknownModel` when nothing is registered under `id`.
 * @example
 * const model = await daimm.registry.getModel({ id: await fingerprint(file) })
 */
export async function getModel(
  ctx: DaimmContext,
  { id, blockNumber }: GetModelParameters,
): Promise<GetModelReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const tokenId = toTokenId(id)
  const [m, [count, sum]] = await Promise.all([
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
  ])
  return {
    id: toModelId(tokenId),
    owner: m.owner,
    artifactCid: cidFromBytes(m.artifactCid),
    metadataCid: cidFromBytes(m.metadataCid),
    kind: assetKinds[m.kind] ?? 'model',
    parent: m.parent === 0n ? null : toModelId(m.parent),
    relation: relations[m.relation] ?? 'none',
    status: modelStatuses[m.status] ?? 'active',
    registeredAt: new Date(m.registeredAt * 1000),
    committed: m.committed,
    evaluation:
      m.evaluation.score === 0
        ? null
        : {
            score: m.evaluation.score,
            roundId: m.evaluation.roundId,
            benchmarkId: m.evaluation.benchmarkId,
            evaluatedAt: new Date(m.evaluation.evaluatedAt * 1000),
            digest: m.evaluation.digest,
          },
    rating: ratingOf(count, sum),
  }
}
