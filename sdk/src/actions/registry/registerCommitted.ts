import type { Hex } from 'viem'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import { waitForBlockAfter } from '../blocks.js'
import { type DaimmContext, type SenderParameters, senderAddressOf } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { checkRegistration } from './checkRegistration.js'
import { registrationCommitment } from './commitRegistration.js'
import { encodeRegistration, type Registration, toModelId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [
  modelRegistry.MAX_SIGNATURE_LAG,
  modelRegistry.commitmentTime,
  modelRegistry.registerCommitted,
  modelRegistry.RegistrationSuperseded,
] as const

export type RegisterCommittedParameters = {
  registration: Registration
  /** The salt `commitRegistration` returned. */
  salt: Hex
  /**
   * Wait until the commitment is more than `MAX_SIGNATURE_LAG` (16) blocks old before revealing:
   * the registry takes a commitment from the block after it on, but only one that old is sure to
   * predate any signed registration a front-runner could copy the reveal into (plain copies lose
   * from the next block on). On a local devnet that mines only on demand, the blocks are mined
   * after a second. Default: true; false sends at once (`CommitmentTooNew` if too early).
   */
  waitForBlock?: boolean | undefined
} & SenderParameters

export type RegisterCommittedReturnType = WriteReturnType<typeof modelRegistryAbi> & {
  id: Hex
  /** True when a front-runner's earlier plain registration of the same bytes was taken over. */
  superseded: boolean
}

/**
 * Second step of the front-running-safe registration: reveals the registration committed to
 * earlier, from the same account. Waits until the commitment is more than `MAX_SIGNATURE_LAG`
 * blocks old if needed, so that no copy of the reveal, plain or signed, can keep the model.
 *
 * @example
 * const { id, superseded } = await daimm.registry.registerCommitted({ registration, salt })
 */
export async function registerCommitted(
  ctx: DaimmContext,
  { registration, salt, waitForBlock = true, account }: RegisterCommittedParameters,
): Promise<RegisterCommittedReturnType> {
  await checkRegistration(ctx, { registration })
  if (waitForBlock) {
    const publisher = senderAddressOf(ctx, account, 'registerCommitted')
    const commitment = registrationCommitment(publisher, registration.fingerprint, salt)
    const registry = ctx.deployment.contracts.registry
    const [[committedBlock], lag] = await Promise.all([
      ctx.publicClient.readContract({
        address: registry,
        abi: modelRegistryAbi,
        functionName: 'commitmentTime',
        args: [commitment],
      }),
      ctx.publicClient.readContract({
        address: registry,
        abi: modelRegistryAbi,
        functionName: 'MAX_SIGNATURE_LAG',
      }),
    ])
    // 0: no such commitment; the registry's own error says so.
    if (committedBlock !== 0) {
      await waitForBlockAfter(ctx.publicClient, BigInt(committedBlock) + lag)
    }
  }
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
