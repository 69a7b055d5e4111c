import type { CID } from 'multiformats/cid'
import { bytesToHex, type Hex } from 'viem'
import { cidV1String, readCid, SHA2_256_CODE } from './cid-bytes.js'
import { UnsupportedCidError } from './errors.js'

/**
 * A CID as the ModelRegistry stores it: the multicodec code of the content (16 bits) and the
 * sha2-256 digest, which together give back the CIDv1.
 */
export type OnchainCid = {
  /** Multicodec code, e.g. 0x55 (raw) or 0x70 (dag-pb); at most 0xffff. */
  codec: number
  /** The 32-byte sha2-256 digest. */
  digest: Hex
}

/** Largest codec the registry's 16-bit field holds. */
export const MAX_ONCHAIN_CODEC = 0xffff

/**
 * The on-chain form of a CID. CIDv0 is dag-pb, so it becomes codec 0x70 with the same digest.
 * Takes a CID string, a CID object or a binary CID. Throws `UnsupportedCidError` for a multihash
 * other than sha2-256, or a codec above 0xffff, and `InvalidCidError` for a value that is not a CID.
 *
 * @example
 * cidToOnchain('bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq')
 * // { codec: 0x55, digest: '0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' }
 */
export function cidToOnchain(value: CID | string | Uint8Array): OnchainCid {
  const cid = readCid(value)
  if (cid.multihash.code !== SHA2_256_CODE || cid.multihash.size !== 32)
    throw new UnsupportedCidError({
      cid: cidV1String(cid.bytes),
      reason: `its multihash is ${describeMultihash(cid.multihash.code, cid.multihash.size)}, and the registry stores only sha2-256 digests`,
      accepted:
        'CIDv0, or CIDv1 with a sha2-256 (0x12) multihash of 32 bytes and a codec up to 0xffff',
    })
  if (cid.code > MAX_ONCHAIN_CODEC)
    throw new UnsupportedCidError({
      cid: cidV1String(cid.bytes),
      reason: `its codec 0x${cid.code.toString(16)} does not fit the registry's 16-bit codec field`,
      accepted:
        'codecs from 0x1 to 0xffff, such as raw (0x55), dag-pb (0x70), dag-cbor (0x71) or dag-json (0x0129)',
    })
  return { codec: cid.code, digest: bytesToHex(cid.multihash.digest) }
}

function describeMultihash(code: number, size: number): string {
  const names: Record<number, string> = {
    0: 'identity',
    17: 'sha1',
    18: 'sha2-256',
    19: 'sha2-512',
    22: 'sha3-256',
    27: 'keccak-256',
    30: 'blake3',
    45600: 'blake2b-256',
  }
  const name = names[code]
  return `${name ? `${name} (0x${code.toString(16)})` : `0x${code.toString(16)}`} of ${size} bytes`
}
