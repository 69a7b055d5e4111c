import { base16 } from 'multiformats/bases/base16'
import type { Hex } from 'viem'
import { type ByteSource, readByteSource } from './byte-source.js'
import { sha256Engine } from './sha256.js'

export type FingerprintOptions = {
  /** Called as hashing goes, with the number of bytes hashed so far. */
  onProgress?: ((bytesHashed: number) => void) | undefined
  /** Stops reading and rejects with the signal's reason. */
  signal?: AbortSignal | undefined
}

/**
 * The SHA-256 of the whole content as `0x`-prefixed hex: an artifact's fingerprint, which is its
 * model id in the ModelRegistry. Anyone holding the same bytes computes the same id. Streams in
 * constant memory.
 *
 * @example
 * await fingerprint(new TextEncoder().encode('hello'))
 * // '0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'
 */
export async function fingerprint(
  source: ByteSource,
  options: FingerprintOptions = {},
): Promise<Hex> {
  const hash = sha256Engine.createStream()
  let size = 0
  for await (const chunk of readByteSource(source, { signal: options.signal })) {
    hash.update(chunk)
    size += chunk.byteLength
    options.onProgress?.(size)
  }
  return toHex(hash.digest())
}

/** Lower-case `0x` hex of bytes. */
export function toHex(bytes: Uint8Array): Hex {
  return `0x${base16.baseEncode(bytes)}`
}
