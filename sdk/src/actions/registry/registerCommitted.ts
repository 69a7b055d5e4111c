import type { Hex } from 'viem'
import { modelRegistryAbi } from '../../generated/contracts.js'
import { waitForBlockAfter } from '../blocks.js'
import { type DaimmContext, type SenderParameters, senderAddressOf } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { registrationCommitment } from './commitRegistration.js'
import { encodeRegistration, type Registration, toModelId } from './types.js'

export type RegisterCommittedParameters = {
  registration: Registration
  /** The salt `commitRegistration` returned. */
  salt: Hex
  /**
   * Wait, when the commitment was made in the latest block, for the next one: the registry takes
   * a commitment from the block after it on. On a local devnet that mines only on demand, a block
   * is mined after a second. Default: true; false sends at once (`CommitmentTooNew` if too early).
   */
  waitForBlock?: boolean | undefined
} & SenderParameters

export type RegisterCommittedReturnType = WriteReturnType<typeof modelRegistryAbi> & {
  id: Hex
  /** True when a front-runner's earlier plain registration of the same bytes was taken over. */
  superseded: boolean
}

/**
 * Second step of the front-running-safe registration: reveals the registration committed to at
 * least one block earlier, from the same account. Waits for that block if needed.
 *
 * @example
 * const { id, superseded } = await daimm.registry.registerCommitted({ registration, salt })
 */
export async function registerCommitted(
  ctx: DaimmContext,
  { registration, salt, waitForBlock = true, account }: RegisterCommittedParameters,
): Promise<RegisterCommittedReturnType> {
  if (waitForBlock) {
    const publisher = senderAddressOf(ctx, account, 'registerCommitted')
    const commitment = registrationCommitment(publisher, registration.fingerprint, salt)
    const [committedBlock] = await ctx.publicClient.readContract({
      address: ctx.deployment.contracts.registry,
      abi: modelRegistryAbi,
      functionName: 'commitmentTime',
      args: [commitment],
    })
    // 0: no such commitment; the registry's own error says so.
    if (committedBlock !== 0) await waitForBlockAfter(ctx.publicClient, BigInt(committedBlock))
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
