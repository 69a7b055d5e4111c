import { base36 } from 'multiformats/bases/base36'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { describe, expect, test } from 'vitest'
import { cidV1String, decodeCid, encodeCidV1, readCid } from '../../../src/cid/cid-bytes.js'
import { InvalidCidError } from '../../../src/cid/errors.js'

/** A deterministic stream of bytes, so a failure names its case. */
function bytesOf(seed: number, length: number): Uint8Array {
  let state = seed * 2654435761
  return Uint8Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) >>> 0
    return state >>> 24
  })
}

const codecs = [
  0x55, 0x70, 0x71, 0x0200, 0x0129, 0x7f, 0x80, 0x3fff, 0x4000, 0xffff, 0x10000, 0x300000,
]
const hashes: [number, number][] = [
  [0x12, 32],
  [0x00, 3],
  [0x13, 64],
  [0xb220, 32],
  [0x12, 20],
]

/** Every CID the light codec must read as multiformats does: v1 over codecs and multihashes, and v0. */
function sampleCids(): CID[] {
  const cids: CID[] = []
  for (const [i, code] of codecs.entries())
    for (const [j, [hash, size]] of hashes.entries())
      cids.push(CID.createV1(code, Digest.create(hash, bytesOf(i * 10 + j, size))))
  for (let i = 0; i < 8; i++) cids.push(CID.createV0(Digest.create(0x12, bytesOf(100 + i, 32))))
  // Digests with leading zero bytes exercise the base-x leading-zero rule.
  cids.push(CID.createV1(0x55, Digest.create(0x12, new Uint8Array(32))))
  return cids
}

describe('the light CID codec agrees with multiformats', () => {
  test('on the parts of strings in every base CID.parse reads, of objects and of bytes', () => {
    for (const cid of sampleCids()) {
      const expected = {
        bytes: cid.bytes,
        version: cid.version,
        code: cid.code,
        multihash: {
          code: cid.multihash.code,
          size: cid.multihash.size,
          digest: cid.multihash.digest,
        },
      }
      const strings =
        cid.version === 0
          ? [cid.toString(), cid.toString(base58btc)]
          : [cid.toString(), cid.toString(base36), cid.toString(base58btc)]
      for (const text of strings) expect(readCid(text), text).toEqual(expected)
      expect(readCid(cid)).toEqual(expected)
      expect(decodeCid(cid.bytes)).toEqual(expected)
    }
  })

  test('on the binary CIDv1 and its base32 string', () => {
    for (const cid of sampleCids().filter(
      (c) => c.multihash.code === 0x12 && c.multihash.size === 32,
    )) {
      const v1 = cid.toV1()
      expect(encodeCidV1(v1.code, v1.multihash.digest)).toEqual(v1.bytes)
      expect(cidV1String(v1.bytes)).toBe(v1.toString())
    }
  })

  test('on what is refused: each string is refused by both, or read alike', () => {
    const good = CID.parse('bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq').toString()
    const v0 = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH'
    const candidates = [
      '',
      'b',
      'bafy',
      'Qm123',
      'not a cid',
      'BAFKREIBM6JG3UX5QUMHCN2B3FLC3TYU6DMLB4XA7U5BF44YEGNRJHC4YEQ',
      `${good}a`,
      good.slice(0, -1),
      `${good.slice(0, -1)}r`,
      `${v0}1`,
      v0.slice(0, -1),
      `z${v0}`,
      'k0',
      'f01551220',
    ]
    // Every one-character change of a valid CID, too.
    for (let i = 1; i < good.length; i += 3)
      candidates.push(`${good.slice(0, i)}7${good.slice(i + 1)}`)
    for (const text of candidates) {
      let theirs: CID | undefined
      try {
        theirs = CID.parse(text)
      } catch {}
      if (theirs === undefined) expect(() => readCid(text), text).toThrow(InvalidCidError)
      else expect(readCid(text).bytes, text).toEqual(theirs.bytes)
    }
  })

  test('refuses bytes that are no CID, and objects that are not CIDs', () => {
    for (const bytes of [
      new Uint8Array(),
      Uint8Array.of(2, 0x55, 0x12, 0),
      Uint8Array.of(1, 0x55, 0x12, 2, 1),
    ])
      expect(() => readCid(bytes)).toThrow(InvalidCidError)
    expect(() => readCid({ bytes: new Uint8Array(36) } as never)).toThrow(
      'is not a valid CID: expected a CID object or string.',
    )
  })
})
