import { createHash, randomUUID } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Hex } from 'viem'
import type { ContentReader } from '../storage/types.js'
import { callGateway } from './call-gateway.js'
import { decryptContent } from './content-encryption.js'
import { LicensedContentMismatchError } from './errors.js'
import { type RequestContentKeyParameters, requestContentKey } from './request-content-key.js'

export type FetchLicensedModelParameters = RequestContentKeyParameters & {
  /**
   * Where the ciphertext is read, verified against its CID: a local store, Kubo, an IPFS gateway.
   * Default: the gateway itself (`GET /v1/models/{id}/artifact`, which logs the download).
   */
  reader?: ContentReader | undefined
  /** The file to write the model to; written only once it hashes to the model id. */
  out: string
  signal?: AbortSignal | undefined
}

export type FetchLicensedModelReturnType = {
  path: string
  size: number
  artifactCid: string
  /** SHA-256 of what was written: the model id. */
  fingerprint: Hex
}

/**
 * A licensee's whole round trip: sign, receive the content key wrapped to a fresh key pair, read the
 * ciphertext by its CID (verified; or from the gateway, authenticated by its AEAD and the final check), decrypt while streaming to a temporary file beside `out`, and
 * rename it into place only when its SHA-256 is the model id.
 *
 * @example
 * const { path } = await fetchLicensedModel({ gatewayUrl, signer: account, chainId, modelId, reader: store, out: 'model.onnx' })
 */
export async function fetchLicensedModel(
  parameters: FetchLicensedModelParameters,
): Promise<FetchLicensedModelReturnType> {
  const { contentKey, artifactCid } = await requestContentKey(parameters)
  const temporary = join(dirname(parameters.out), `.daimm-fetch-${randomUUID()}`)
  const handle = await open(temporary, 'wx')
  const hash = createHash('sha256')
  let size = 0
  try {
    const ciphertext = parameters.reader
      ? parameters.reader.cat(artifactCid, { signal: parameters.signal })
      : ((await callGateway(parameters, 'GET', `v1/models/${parameters.modelId}/artifact`))
          .body as ReadableStream<Uint8Array>)
    for await (const plain of decryptContent(ciphertext, contentKey, {
      signal: parameters.signal,
    })) {
      hash.update(plain)
      size += plain.byteLength
      await handle.write(plain)
    }
    await handle.close()
    const fingerprint: Hex = `0x${hash.digest('hex')}`
    if (BigInt(fingerprint) !== BigInt(parameters.modelId))
      throw new LicensedContentMismatchError({ modelId: parameters.modelId, actual: fingerprint })
    await rename(temporary, parameters.out)
    return { path: parameters.out, size, artifactCid, fingerprint }
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(temporary, { force: true })
    throw error
  }
}
