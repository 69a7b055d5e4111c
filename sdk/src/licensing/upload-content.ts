import type { Hex } from 'viem'
import { callGateway, type GatewayCallParameters } from './call-gateway.js'

export type UploadContentParameters = GatewayCallParameters & {
  /** The bytes to store (an encrypted artifact, usually), held in memory. */
  bytes: Uint8Array
}
export type UploadContentReturnType = { cid: string; fingerprint: Hex; size: number }

/**
 * Stores bytes in the gateway's content store, signed by the publisher (the signature covers their
 * SHA-256): the in-memory, browser-safe form of `uploadArtifact`. Returns the CID, SHA-256 and size
 * the gateway computed. Throws `GatewayRefusedError` (413 past the gateway's upload limit).
 *
 * @example
 * const parts: Uint8Array[] = []
 * for await (const chunk of encryptContent(plaintext, contentKey)) parts.push(chunk)
 * const { cid } = await uploadContent({ gatewayUrl, signer: walletClient, chainId, bytes: concat(parts) })
 */
export async function uploadContent(
  parameters: UploadContentParameters,
): Promise<UploadContentReturnType> {
  const response = await callGateway(parameters, 'POST', 'v1/uploads', {
    bytes: parameters.bytes,
    type: 'application/octet-stream',
  })
  return (await response.json()) as UploadContentReturnType
}
