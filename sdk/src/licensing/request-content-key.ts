import type { Hex } from 'viem'
import { callGateway, type GatewayCallParameters } from './call-gateway.js'
import { createWrappingKeyPair, unwrapContentKey, type WrappedContentKey } from './key-wrap.js'

export type RequestContentKeyParameters = GatewayCallParameters & { modelId: Hex }
export type RequestContentKeyReturnType = {
  contentKey: Uint8Array
  /** The artifact's CID (the ciphertext's), as the registry has it at the chain's head. */
  artifactCid: string
}

/**
 * Asks the gateway for a model's content key as a licensee: sends a fresh X25519 public key, and
 * unwraps the key the gateway wrapped to it. Throws `GatewayRefusedError` with the reason (`no
 * license`, `license expired`, `model flagged`…) when refused.
 */
export async function requestContentKey(
  parameters: RequestContentKeyParameters,
): Promise<RequestContentKeyReturnType> {
  const keyPair = createWrappingKeyPair()
  const response = await callGateway(parameters, 'POST', `v1/models/${parameters.modelId}/key`, {
    json: { publicKey: keyPair.publicKey },
  })
  const body = (await response.json()) as { wrappedKey: WrappedContentKey; artifactCid: string }
  return {
    contentKey: unwrapContentKey({
      wrapped: body.wrappedKey,
      keyPair,
      modelId: parameters.modelId,
    }),
    artifactCid: body.artifactCid,
  }
}
