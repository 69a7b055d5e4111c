import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import { type DaimmContext, type SenderParameters, senderAddressOf } from '../context.js'
import { randomSalt } from '../salt.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.commit] as const

export type CommitRegistrationParameters = {
  fingerprint: Hex
  /** Secret that hides the fingerprint until the reveal. Default: 32 random bytes. Keep it. */
  salt?: Hex | undefined
} & SenderParameters

export type CommitRegistrationReturnType = WriteReturnType<typeof modelRegistryAbi> & {
  commitment: Hex
  salt: Hex
}

/** `keccak256(abi.encode(publisher, fingerprint, salt))`, as the registry computes it. */
export function registrationCommitment(publisher: Address, fingerprint: Hex, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [publisher, fingerprint, salt],
    ),
  )
}

/**
 * First step of the front-running-safe registration: commits to (publisher, fingerprint, salt)
 * without revealing the fingerprint. Register with `registerCommitted` from the next block on,
 * within the registry's `maxCommitAge`.
 *
 * @example
 * const { salt } = await daimm.registry.commit({ fingerprint })
 * // next block
 * await daimm.registry.registerCommitted({ registration, salt })
 */
export async function commitRegistration(
  ctx: DaimmContext,
  { fingerprint, salt = randomSalt(), account }: CommitRegistrationParameters,
): Promise<CommitRegistrationReturnType> {
  const publisher = senderAddressOf(ctx, account, 'commit')
  const commitment = registrationCommitment(publisher, fingerprint, salt)
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'commit',
    args: [commitment],
    account,
  })
  return { ...result, commitment, salt }
}
