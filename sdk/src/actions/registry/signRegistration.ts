import type { Address, Hex } from 'viem'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import { type DaimmContext, type SenderParameters, signerOf } from '../context.js'
import { checkRegistration } from './checkRegistration.js'
import { encodeRegistration, type Registration } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.nonces] as const

export type SignRegistrationParameters = {
  registration: Registration
  /** Timestamp (seconds) after which the signature is void. */
  deadline: bigint
  /**
   * A block already mined when signing: no commitment mined at or after it can take the model
   * over, and the registration must land within `MAX_SIGNATURE_LAG` (16) blocks of it.
   * Default: the latest block.
   */
  notBefore?: bigint | undefined
  /** Default: read from the registry (`nonces(publisher)`). */
  nonce?: bigint | undefined
} & SenderParameters

export type SignRegistrationReturnType = {
  publisher: Address
  notBefore: bigint
  deadline: bigint
  signature: Hex
}

/** The EIP-712 typed data a publisher signs for `registerWithSig`; wallets show it field by field. */
export function registrationTypedData({
  registry,
  chainId,
  publisher,
  registration,
  notBefore,
  nonce,
  deadline,
}: {
  registry: Address
  chainId: number
  publisher: Address
  registration: Registration
  notBefore: bigint
  nonce: bigint
  deadline: bigint
}) {
  const r = encodeRegistration(registration)
  return {
    domain: { name: 'DAIMM ModelRegistry', version: '1', chainId, verifyingContract: registry },
    types: {
      Register: [
        { name: 'publisher', type: 'address' },
        { name: 'fingerprint', type: 'bytes32' },
        { name: 'artifactCid', type: 'bytes' },
        { name: 'metadataCid', type: 'bytes' },
        { name: 'kind', type: 'uint8' },
        { name: 'parent', type: 'uint256' },
        { name: 'relation', type: 'uint8' },
        { name: 'notBefore', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Register',
    message: { publisher, ...r, notBefore, nonce, deadline },
  } as const
}

/**
 * Signs a registration for a relayer to submit with `registerWithSignature`. The model goes to the
 * signer whoever sends it, and no commitment made after the signature (`notBefore`) can take it
 * over; the relayer has `MAX_SIGNATURE_LAG` (16) blocks from `notBefore` to send it.
 *
 * @example
 * const signed = await daimm.registry.signRegistration({ registration, deadline })
 * // relayer:
 * await relayer.registry.registerWithSignature({ registration, ...signed })
 */
export async function signRegistration(
  ctx: DaimmContext,
  { registration, deadline, notBefore, nonce, account }: SignRegistrationParameters,
): Promise<SignRegistrationReturnType> {
  await checkRegistration(ctx, { registration })
  const { wallet, signer, address: publisher } = signerOf(ctx, account, 'signRegistration')
  const registry = ctx.deployment.contracts.registry
  const block = notBefore ?? (await ctx.publicClient.getBlockNumber({ cacheTime: 0 }))
  const signature = await wallet.signTypedData({
    account: signer,
    ...registrationTypedData({
      registry,
      chainId: ctx.deployment.chainId,
      publisher,
      registration,
      notBefore: block,
      deadline,
      nonce:
        nonce ??
        (await ctx.publicClient.readContract({
          address: registry,
          abi: modelRegistryAbi,
          functionName: 'nonces',
          args: [publisher],
        })),
    }),
  })
  return { publisher, notBefore: block, deadline, signature }
}
