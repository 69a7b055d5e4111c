import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { checkRegistration } from './checkRegistration.js'
import { encodeRegistration, type Registration, toModelId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.register] as const

export type RegisterModelParameters = { registration: Registration } & SenderParameters
export type RegisterModelReturnType = WriteReturnType<typeof modelRegistryAbi> & {
  id: `0x${string}`
}

/**
 * Registers a model in one transaction. FRONT-RUNNABLE: whoever sees it pending can register the
 * same fingerprint first (and a committer may later take it over). For unpublished artifacts use
 * `commitRegistration` + `registerCommitted`.
 *
 * @example
 * const { id } = await daimm.registry.register({
 *   registration: { fingerprint, artifactCid, metadataCid, parent: baseModelId, relation: 'fine-tune' },
 * })
 */
export async function registerModel(
  ctx: DaimmContext,
  { registration, account }: RegisterModelParameters,
): Promise<RegisterModelReturnType> {
  await checkRegistration(ctx, { registration })
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'register',
    args: [encodeRegistration(registration)],
    account,
  })
  return { ...result, id: toModelId(BigInt(registration.fingerprint)) }
}
