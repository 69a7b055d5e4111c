/** Who may have a model's key or run it: a valid license at the chain's head, for a model not flagged. */
import type { Context } from 'hono'
import { type Address, type Hex, zeroAddress } from 'viem'
import { problem } from '../api/problem.js'
import { type Refusal, refuse } from './authenticate.js'
import type { ChainModel, LicensingContext } from './context.js'
import { getContentKey, type StoredContentKey } from './key-store.js'
import { cidFromBytes, modelRegistryAbi, modelStatuses } from './sdk.js'

/** The model at the chain's head, or undefined when nothing is registered under the id. */
export async function chainModel(
  ctx: LicensingContext,
  modelKey: string,
): Promise<ChainModel | undefined> {
  const m = await ctx.publicClient.readContract({
    address: ctx.daimm.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'modelOf',
    args: [BigInt(modelKey)],
  })
  if (m.owner === zeroAddress) return undefined
  return {
    id: modelKey as Hex,
    owner: m.owner,
    artifactCid: cidFromBytes(m.artifactCid),
    status: modelStatuses[m.status] ?? 'active',
  }
}

export type Access = { model: ChainModel; stored: StoredContentKey }

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
          `${licensee}'s license to ${modelKey} expired at ${license.expiresAt === null ? 'its end' : new Date(Number(license.expiresAt) * 1000).toISOString()}.`,
        )
      : refuse(c, 'no license', `${licensee} holds no license to model ${modelKey}.`)
  }
  // Whether the license is commercial is read only when it matters (fewer calls per request).
  const license = stored.commercialOnly
    ? await ctx.daimm.market.getLicense({ modelId, account: licensee })
    : undefined
  if (stored.commercialOnly && !license?.commercial)
    return refuse(
      c,
      'commercial license required',
      `Model ${modelKey} is licensed for commercial use only; ${licensee}'s license is non-commercial.`,
    )
  return { model, stored }
}
