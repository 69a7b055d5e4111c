import type { CID } from 'multiformats/cid'
import type { Hex } from 'viem'
import { type ByteSource, readByteSource } from './byte-source.js'
import type { ComputeCidOptions } from './compute-cid.js'
import { toHex } from './fingerprint.js'
import { resolveImportSettings } from './import-settings.js'
import { sha256Engine } from './sha256.js'
import { UnixfsFileHasher } from './unixfs-file-hasher.js'

export type HashArtifactOptions = ComputeCidOptions

export type HashArtifactReturnType = {
  /** As `computeCid` gives it. */
  cid: CID
  /** As `fingerprint` gives it: the model id. */
  fingerprint: Hex
  /** Size of the content in bytes. */
  size: number
}

/**
 * Everything a registration needs from an artifact's bytes — its CID, its fingerprint (model id)
 * and its size — read once. Takes the options of `computeCid`.
 *
 * @example
 * const { cid, fingerprint, size } = await hashArtifact(modelBytes)
 */
export async function hashArtifact(
  source: ByteSource,
  options: HashArtifactOptions = {},
): Promise<HashArtifactReturnType> {
  const hasher = new UnixfsFileHasher(resolveImportSettings(options), {
    onProgress: options.onProgress,
  })
  const whole = sha256Engine.createStream()
  for await (const chunk of readByteSource(source, { signal: options.signal })) {
    whole.update(chunk)
    await hasher.write(chunk)
  }
  const { cid, size } = await hasher.finish()
  return { cid, fingerprint: toHex(whole.digest()), size }
}
