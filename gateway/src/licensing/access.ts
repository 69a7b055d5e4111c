/** Who may have a model's key or run it: a valid license at the chain's head, for a model not flagged. */
import type { Context } from 'hono'
import type { Address } from 'viem'
import { problem } from '../api/problem.js'
import { type Refusal, refuse } from './authenticate.js'
import type { ChainModel, LicensingContext } from './context.js'
import { getContentKey, type StoredContentKey } from './key-store.js'

/** The model at the chain's head, or undefined when nothing is registered under the id. */
export async function chainModel(
  ctx: LicensingContext,
  modelKey: string,
): Promise<ChainModel | undefined> {
  const exists = await ctx.publicClient.readContract({
    address: ctx.daimm.deployment.contracts.registry,
    abi: [
      {
        type: 'function',
        name: 'exists',
        stateMutability: 'view',
        inputs: [{ name: 'id', type: 'uint256' }],
        outputs: [{ type: 'bool' }],
      },
    ] as const,
    functionName: 'exists',
    args: [BigInt(modelKey)],
  })
  if (!exists) return undefined
  const model = await ctx.daimm.registry.getModel({ id: BigInt(modelKey) })
  return { id: model.id, owner: model.owner, artifactCid: model.artifactCid, status: model.status }
}

export type Access = { model: ChainModel; stored: StoredContentKey; commercial: boolean }

/** Checks that `licensee` may have the model; resolves to what is needed, or the problem to answer. */
export async function checkAccess(
  c: Context,
  ctx: LicensingContext,
  modelKey: string,
  licensee: Address,
): Promise<Access | Refusal | ReturnType<typeof problem<403 | 404>>> {
  const model = await chainModel(ctx, modelKey)
  if (!model) return problem<403 | 404>(c, 404, `No model ${modelKey}.`)
  if (model.status === 'flagged')
    return refuse(c, 'model flagged', `Model ${modelKey} is flagged: its key is not released.`)
  const stored = await getContentKey(ctx.db, ctx.masterKey, modelKey)
  if (!stored)
    return problem<403 | 404>(c, 404, `This gateway holds no content key for model ${modelKey}.`, {
      reason: 'no content key',
    })
  const modelId = BigInt(modelKey)
  if (!(await ctx.daimm.market.hasValidLicense({ modelId, account: licensee }))) {
    const license = await ctx.daimm.market.getLicense({ modelId, account: licensee })
    return license
      ? refuse(
          c,
          'license expired',
          `${licensee}'s license to ${modelKey} expired at ${license.expiresAt?.toISOString() ?? 'its end'}.`,
        )
      : refuse(c, 'no license', `${licensee} holds no license to model ${modelKey}.`)
  }
  const license = await ctx.daimm.market.getLicense({ modelId, account: licensee })
  const commercial = license?.commercial ?? false
  if (stored.commercialOnly && !commercial)
    return refuse(
      c,
      'commercial license required',
      `Model ${modelKey} is licensed for commercial use only; ${licensee}'s license is non-commercial.`,
    )
  return { model, stored, commercial }
}
