import type { CID } from 'multiformats/cid'
import { type ByteSource, readByteSource } from './byte-source.js'
import { type ImportSettingsOptions, resolveImportSettings } from './import-settings.js'
import { UnixfsFileHasher } from './unixfs-file-hasher.js'

export type ComputeCidOptions = ImportSettingsOptions & {
  /** Called as hashing goes, with the number of bytes hashed so far. */
  onProgress?: ((bytesHashed: number) => void) | undefined
  /** Stops reading and rejects with the signal's reason. */
  signal?: AbortSignal | undefined
}

export type ComputeCidReturnType = {
  /** The CID an IPFS node gives the same bytes added as one file with the same settings. */
  cid: CID
  /** Size of the content in bytes. */
  size: number
}

/**
 * The CID a standard UnixFS importer (Kubo's `ipfs add`, or `ipfs-unixfs-importer`) gives these
 * bytes as a single file, without adding them anywhere. The bytes stream through in constant
 * memory, so files of many GB can be hashed.
 *
 * The default is the `unixfs-v1-2025` profile of IPIP-499 (CIDv1, raw leaves, 1 MiB chunks,
 * 1024 links per node); `unixfs-v0-2015` gives the CIDv0 of a plain `ipfs add`; `cidVersion`,
 * `rawLeaves`, `chunkSize` and `maxChildrenPerNode` override the profile's settings.
 *
 * @example
 * const { cid, size } = await computeCid(new TextEncoder().encode('hello'))
 * cid.toString() // 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq'
 *
 * @example
 * // A plain `ipfs add`, reading a browser File:
 * const { cid } = await computeCid(file, { profile: 'unixfs-v0-2015' }) // Qm…
 *
 * @example
 * // The classic `ipfs add --cid-version 1` (raw leaves, 256 KiB chunks, 174 links per node):
 * await computeCid(stream, { cidVersion: 1, rawLeaves: true, chunkSize: 262_144, maxChildrenPerNode: 174 })
 */
export async function computeCid(
  source: ByteSource,
  options: ComputeCidOptions = {},
): Promise<ComputeCidReturnType> {
  const hasher = new UnixfsFileHasher(resolveImportSettings(options), {
    onProgress: options.onProgress,
  })
  for await (const chunk of readByteSource(source, { signal: options.signal }))
    await hasher.write(chunk)
  return hasher.finish()
}
