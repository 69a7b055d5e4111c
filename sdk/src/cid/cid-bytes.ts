import type { CID } from 'multiformats/cid'
import { bytesToHex } from 'viem'
import { InvalidCidError } from './errors.js'

/**
 * CIDs read and written without multiformats, whose CID class and bases would cost every dApp
 * that imports a namespace about 4 KB gz. The actions only read a CID (CIDv0 `Qm…`, or CIDv1 in
 * base32, base36 or base58btc, as `CID.parse` does) and write the binary CIDv1 and its base32
 * string. `test/unit/cid/cid-bytes.test.ts` holds it equal to multiformats.
 */

/** What a CID says: version, content codec, and its multihash; and its binary form. */
export type CidParts = {
  bytes: Uint8Array
  version: 0 | 1
  code: number
  multihash: { code: number; size: number; digest: Uint8Array }
}

export const SHA2_256_CODE = 0x12
const DAG_PB_CODE = 0x70

/** The parts of a CID given as a string, a CID object (of any multiformats copy) or its bytes. */
export function readCid(value: CID | string | Uint8Array): CidParts {
  if (typeof value === 'string')
    try {
      const text = value.trim()
      const cid = decodeCid(decodeCidString(text))
      if (cid.version === 0 && text[0] !== 'Q')
        throw new SyntaxError('a CIDv0 string has no multibase prefix')
      return cid
    } catch (cause) {
      throw new InvalidCidError({
        value: JSON.stringify(value),
        reason: 'it does not decode as a CID',
        cause,
      })
    }
  const bytes = value instanceof Uint8Array ? value : cidObjectBytes(value)
  if (!bytes)
    throw new InvalidCidError({ value: String(value), reason: 'expected a CID object or string' })
  try {
    return decodeCid(bytes)
  } catch (cause) {
    throw new InvalidCidError({ value: bytesToHex(bytes), reason: 'it is not a binary CID', cause })
  }
}

/** The binary CIDv1 of a content codec and a sha2-256 digest. */
export function encodeCidV1(code: number, digest: Uint8Array): Uint8Array {
  return Uint8Array.of(
    ...varint(1),
    ...varint(code),
    SHA2_256_CODE,
    ...varint(digest.length),
    ...digest,
  )
}

/** A binary CIDv1 as its string: multibase base32 (`bafy…`, `bafk…`), as multiformats prints it. */
export function cidV1String(bytes: Uint8Array): string {
  return `b${encodeBase32(bytes)}`
}

/** The parts of a binary CID; throws on anything `CID.decode` refuses. */
export function decodeCid(bytes: Uint8Array): CidParts {
  let offset = 0
  const next = (): number => {
    let value = 0
    for (let shift = 1; offset < bytes.length && shift < 2 ** 63; shift *= 128) {
      const byte = bytes[offset++] as number
      value += (byte & 0x7f) * shift
      if (byte < 0x80) {
        if (!Number.isSafeInteger(value)) break
        return value
      }
    }
    throw new RangeError('could not decode a varint')
  }
  // CIDv0 is a bare sha2-256 multihash: its first byte, 0x12, is no CID version.
  const first = next()
  const bare = first === SHA2_256_CODE
  if (bare) offset = 0
  const version = bare ? 0 : first
  const code = bare ? DAG_PB_CODE : next()
  if (version !== 0 && version !== 1) throw new RangeError(`invalid CID version ${version}`)
  const hashCode = next()
  const size = next()
  const digest = bytes.slice(offset, offset + size)
  if (digest.length !== size || offset + size !== bytes.length)
    throw new RangeError('incorrect length')
  if (version === 0 && (code !== DAG_PB_CODE || hashCode !== SHA2_256_CODE))
    throw new RangeError('a CIDv0 is a dag-pb sha2-256 CID')
  return { bytes, version, code, multihash: { code: hashCode, size, digest } }
}

/** The bytes behind a CID string, by its multibase prefix (`Qm…` is CIDv0, base58btc unprefixed). */
function decodeCidString(text: string): Uint8Array {
  if (text[0] === 'Q') return decodeBaseX(text, BASE58BTC)
  const body = text.slice(1)
  if (text[0] === 'z') return decodeBaseX(body, BASE58BTC)
  if (text[0] === 'k') return decodeBaseX(body, BASE36)
  if (text[0] === 'b') return decodeBase32(body)
  throw new SyntaxError(
    'a CID string is CIDv0 (Qm…) or multibase base32 (b), base36 (k) or base58btc (z)',
  )
}

/** `CID.asCID`'s test: a CID of any multiformats copy carries its bytes under `'/'`. */
function cidObjectBytes(value: unknown): Uint8Array | undefined {
  const cid = value as { bytes?: unknown; '/'?: unknown; asCID?: unknown } | null
  if (typeof cid !== 'object' || cid === null || !(cid.bytes instanceof Uint8Array)) return
  if (cid['/'] === cid.bytes || cid.asCID === cid) return cid.bytes
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'
const BASE58BTC = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** RFC 4648 base32, lower case, unpadded. */
function encodeBase32(bytes: Uint8Array): string {
  let text = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff
    bits += 8
    for (; bits >= 5; bits -= 5) text += BASE32[(buffer >> (bits - 5)) & 31]
  }
  if (bits > 0) text += BASE32[(buffer << (5 - bits)) & 31]
  return text
}

function decodeBase32(text: string): Uint8Array {
  const out = new Uint8Array(((text.length * 5) / 8) | 0)
  let buffer = 0
  let bits = 0
  let written = 0
  for (const char of text) {
    const value = BASE32.indexOf(char)
    if (value < 0) throw new SyntaxError(`${JSON.stringify(char)} is not a base32 character`)
    buffer = ((buffer << 5) | value) & 0xfff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[written++] = buffer >> bits
    }
  }
  // As multiformats: leftover bits must be padding, fewer than 5 and all zero.
  if (bits >= 5 || (buffer << (8 - bits)) & 0xff) throw new SyntaxError('unexpected end of data')
  return out
}

/** base-x (base58btc, base36): a big number, with each leading zero digit a leading zero byte. */
function decodeBaseX(text: string, alphabet: string): Uint8Array {
  let number = 0n
  for (const char of text) {
    const digit = alphabet.indexOf(char)
    if (digit < 0)
      throw new SyntaxError(`${JSON.stringify(char)} is not a base${alphabet.length} character`)
    number = number * BigInt(alphabet.length) + BigInt(digit)
  }
  let zeros = 0
  while (text[zeros] === alphabet[0]) zeros++
  const hex = number === 0n ? '' : number.toString(16)
  const body = hex.padStart(hex.length + (hex.length % 2), '0')
  const out = new Uint8Array(zeros + body.length / 2)
  for (let i = 0; i < body.length / 2; i++)
    out[zeros + i] = Number.parseInt(body.slice(2 * i, 2 * i + 2), 16)
  return out
}

function varint(value: number): number[] {
  const out: number[] = []
  for (; value >= 0x80; value = Math.floor(value / 128)) out.push((value & 0x7f) | 0x80)
  out.push(value)
  return out
}
