import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { fingerprintFile } from '../cid/file.js'
import { callGateway, type GatewayCallParameters } from './call-gateway.js'
import type { UploadContentReturnType } from './upload-content.js'

export type UploadArtifactParameters = GatewayCallParameters & {
  /** The file to upload (an encrypted artifact, usually). */
  path: string
}
/** The gateway's answer, as for `uploadContent`. */
export type UploadArtifactReturnType = UploadContentReturnType

/**
 * Streams a file into the gateway's content store, signed by the publisher (the signature covers
 * the file's SHA-256, read first). Returns the CID, SHA-256 and size the gateway computed. Throws
 * `FileReadError` for a file it cannot read, `GatewayRefusedError` when the gateway refuses.
 */
export async function uploadArtifact(
  parameters: UploadArtifactParameters,
): Promise<UploadArtifactReturnType> {
  const sha256 = await fingerprintFile(parameters.path)
  const stream = Readable.toWeb(createReadStream(parameters.path)) as ReadableStream<Uint8Array>
  const response = await callGateway(parameters, 'POST', 'v1/uploads', {
    stream,
    sha256,
    type: 'application/octet-stream',
  })
  return (await response.json()) as UploadArtifactReturnType
}
