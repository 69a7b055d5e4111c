import { base16 } from 'multiformats/bases/base16'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import type { Hex } from 'viem'
import { SHA2_256_CODE } from './cid-bytes.js'
import { MAX_ONCHAIN_CODEC } from './cid-to-onchain.js'
import { InvalidCidError } from './errors.js'

export type OnchainToCidParameters = {
  /** Multicodec code as the registry returns it (viem reads a uint16 as a number). */
  codec: number | bigint
  /** The 32-byte sha2-256 digest. */
  digest: Hex
}

/**
 * The CIDv1 behind an on-chain `{ codec, digest }`. Its `toString()` is the base32 form
 * (`bafy…`, `bafk…`). Throws `InvalidCidError` for a codec outside 1..0xffff (0 means no CID was
 * recorded) or a digest that is not 32 bytes of hex.
 *
 * @example
 * onchainToCid({
 *   codec: 0x55,
 *   digest: '0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
 * }).toString()
 * // 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq'
 */
export function onchainToCid({ codec, digest }: OnchainToCidParameters): CID {
  const value = `{ codec: ${String(codec)}, digest: ${String(digest)} }`
  const code = typeof codec === 'bigint' ? Number(codec) : codec
  if (!Number.isInteger(code) || code < 0 || code > MAX_ONCHAIN_CODEC)
    throw new InvalidCidError({ value, reason: 'the codec is not a 16-bit multicodec code' })
  if (code === 0)
    throw new InvalidCidError({ value, reason: 'codec 0 means the record holds no CID' })
  if (typeof digest !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(digest))
    throw new InvalidCidError({ value, reason: 'the digest is not 32 bytes of 0x-prefixed hex' })
  const bytes = base16.baseDecode(digest.slice(2).toLowerCase())
  return CID.createV1(code, Digest.create(SHA2_256_CODE, bytes))
}
