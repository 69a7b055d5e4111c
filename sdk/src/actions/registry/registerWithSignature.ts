import type { Address, Hex } from 'viem'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { checkRegistration } from './checkRegistration.js'
import { encodeRegistration, type Registration, toModelId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.registerWithSig] as const

export type RegisterWithSignatureParameters = {
  registration: Registration
  publisher: Address
  /** The block the publisher bound into the signature (`signRegistration` returns it). */
  notBefore: bigint
  deadline: bigint
  signature: Hex
} & SenderParameters

export type RegisterWithSignatureReturnType = WriteReturnType<typeof modelRegistryAbi> & { id: Hex }

/**
 * Submits a registration the publisher signed (`signRegistration`), paying the gas as a relayer.
 * The model is minted to the publisher; ERC-1271 contract wallets can sign too.
 *
 * @example
 * await relayer.registry.registerWithSignature({ registration, ...signed })
 */
export async function registerWithSignature(
  ctx: DaimmContext,
  {
    registration,
    publisher,
    notBefore,
    deadline,
    signature,
    account,
  }: RegisterWithSignatureParameters,
): Promise<RegisterWithSignatureReturnType> {
  await checkRegistration(ctx, { registration })
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'registerWithSig',
    args: [encodeRegistration(registration), publisher, notBefore, deadline, signature],
    account,
  })
  return { ...result, id: toModelId(BigInt(registration.fingerprint)) }
}
