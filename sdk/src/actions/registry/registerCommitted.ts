import type { Hex } from 'viem'
import { modelRegistryAbi } from '../../generated/contracts.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { encodeRegistration, type Registration, toModelId } from './types.js'

export type RegisterCommittedParameters = {
  registration: Registration
  /** The salt `commitRegistration` returned. */
  salt: Hex
} & SenderParameters

export type RegisterCommittedReturnType = WriteReturnType<typeof modelRegistryAbi> & {
  id: Hex
  /** True when a front-runner's earlier plain registration of the same bytes was taken over. */
  superseded: boolean
}

/**
 * Second step of the front-running-safe registration: reveals the registration committed to at
 * least one block earlier, from the same account.
 *
 * @example
 * const { id, superseded } = await daimm.registry.registerCommitted({ registration, salt })
 */
export async function registerCommitted(
  ctx: DaimmContext,
  { registration, salt, account }: RegisterCommittedParameters,
): Promise<RegisterCommittedReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'registerCommitted',
    args: [encodeRegistration(registration), salt],
    account,
  })
  const superseded = result.events.some((event) => event.eventName === 'RegistrationSuperseded')
  return { ...result, id: toModelId(BigInt(registration.fingerprint)), superseded }
}
