import type { ImportSettingsOptions } from '../cid/import-settings.js'
import type { CID } from '../cid/index.js'
import { createCidVerifier } from '../cid/verify-cid.js'

/**
 * Passes chunks through while checking them against a CID, holding the last one back until the
 * whole content is checked: a consumer never sees the end of content that does not match, and
 * gets `CidMismatchError` instead. The CID must be one `verifyCid` can check, which is known before
 * anything is read.
 *
 * @example
 * for await (const chunk of verifiedChunks(response.body, cid, { source: url })) file.write(chunk)
 */
export function verifiedChunks(
  chunks: AsyncIterable<Uint8Array>,
  cid: CID,
  { settings, source }: { settings?: ImportSettingsOptions | undefined; source: string },
): AsyncGenerator<Uint8Array, void, undefined> {
  // Before any request: an unsupported CID fails here, not after a download.
  const verifier = createCidVerifier(cid, { settings, source })
  return (async function* () {
    let held: Uint8Array | undefined
    for await (const chunk of chunks) {
      await verifier.write(chunk)
      if (held) yield held
      held = chunk
    }
    await verifier.finish()
    if (held) yield held
  })()
}

/** All the chunks, joined. */
export async function collectBytes(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let size = 0
  for await (const chunk of chunks) {
    parts.push(chunk)
    size += chunk.byteLength
  }
  if (parts.length === 1 && parts[0]) return parts[0]
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
