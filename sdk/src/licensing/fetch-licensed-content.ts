import { bytesToHex, type Hex } from 'viem'
import { readByteSource } from '../cid/byte-source.js'
import { sha256Engine } from '../cid/sha256.js'
import type { ContentReader } from '../storage/types.js'
import { callGateway } from './call-gateway.js'
import { decryptContent } from './content-encryption.js'
import { LicensedContentMismatchError } from './errors.js'
import { type RequestContentKeyParameters, requestContentKey } from './request-content-key.js'

/** How far a fetch has got: the key release, then the ciphertext read (and decrypted) so far. */
export type FetchLicensedContentProgress =
  | { stage: 'key' }
  | { stage: 'download'; done: number; total: number | null }

export type FetchLicensedContentParameters = RequestContentKeyParameters & {
  /**
   * Where the ciphertext is read, verified against its CID: an IPFS gateway
   * (`createGatewayReader`), Kubo, a local store. Default: the gateway itself
   * (`GET /v1/models/{id}/artifact`, which logs the download).
   */
  reader?: ContentReader | undefined
  /** The ciphertext's size, when known, for `onProgress`'s `total` (the gateway's answer says it). */
  size?: number | undefined
  onProgress?: ((progress: FetchLicensedContentProgress) => void) | undefined
  signal?: AbortSignal | undefined
}

export type FetchLicensedContentReturnType = {
  /** The model, decrypted: its SHA-256 is the model id. */
  bytes: Uint8Array
  artifactCid: string
  /** SHA-256 of `bytes`: equal to the model id, else this throws. */
  fingerprint: Hex
}

/**
 * A licensee's round trip in memory, in Node.js or a browser: sign a key request (a local account,
 * or a wallet through EIP-712 `eth_signTypedData_v4`), receive the content key wrapped to a fresh
 * X25519 key pair, read the ciphertext by its CID (verified), decrypt it with WebCrypto, and check
 * that the plaintext's SHA-256 is the model id. Throws `GatewayRefusedError` with the gateway's
 * reason, `DecryptionError`, or `LicensedContentMismatchError` (nothing is returned then).
 * `fetchLicensedModel` (`@daimm/sdk/node`) streams to a file instead.
 *
 * @example
 * const { bytes, fingerprint } = await fetchLicensedContent({
 *   gatewayUrl, signer: walletClient, chainId, modelId, reader: createGatewayReader({ url: gatewayUrl }),
 * })
 */
export async function fetchLicensedContent(
  parameters: FetchLicensedContentParameters,
): Promise<FetchLicensedContentReturnType> {
  const { onProgress, signal } = parameters
  onProgress?.({ stage: 'key' })
  const { contentKey, artifactCid } = await requestContentKey(parameters)
  let total = parameters.size ?? null
  let ciphertext: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>
  if (parameters.reader) ciphertext = parameters.reader.cat(artifactCid, { signal })
  else {
    const response = await callGateway(
      parameters,
      'GET',
      `v1/models/${parameters.modelId}/artifact`,
    )
    const length = Number(response.headers.get('content-length') ?? Number.NaN)
    if (Number.isFinite(length)) total = length
    ciphertext = response.body as ReadableStream<Uint8Array>
  }
  let done = 0
  onProgress?.({ stage: 'download', done, total })
  async function* counted() {
    for await (const chunk of readByteSource(ciphertext, { signal })) {
      done += chunk.byteLength
      onProgress?.({ stage: 'download', done, total })
      yield chunk
    }
  }
  const hash = sha256Engine.createStream()
  const parts: Uint8Array[] = []
  let size = 0
  for await (const plain of decryptContent(counted(), contentKey, { signal })) {
    hash.update(plain)
    parts.push(plain)
    size += plain.byteLength
  }
  const fingerprint = bytesToHex(hash.digest())
  if (BigInt(fingerprint) !== BigInt(parameters.modelId))
    throw new LicensedContentMismatchError({ modelId: parameters.modelId, actual: fingerprint })
  const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(size)
  if (parts.length !== 1) {
    let at = 0
    for (const part of parts) {
      bytes.set(part, at)
      at += part.byteLength
    }
  }
  return { bytes, artifactCid, fingerprint }
}
