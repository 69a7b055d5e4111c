import { CID as OtherCID } from 'multiformats'
import { base36 } from 'multiformats/bases/base36'
import * as json from 'multiformats/codecs/json'
import * as Digest from 'multiformats/hashes/digest'
import { identity } from 'multiformats/hashes/identity'
import { describe, expect, test } from 'vitest'
import {
  CID,
  cidToOnchain,
  DaimmError,
  InvalidCidError,
  onchainToCid,
  parseCid,
  UnsupportedCidError,
} from '../../../src/index.js'

const digest = '0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'
const rawCid = 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq'
const v0 = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH'

function caught(fn: () => unknown): DaimmError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(DaimmError)
    return error as DaimmError
  }
  throw new Error('expected a throw')
}

describe('cidToOnchain', () => {
  test('gives codec and sha2-256 digest of a CIDv1', () => {
    expect(cidToOnchain(rawCid)).toEqual({ codec: 0x55, digest })
    expect(cidToOnchain(CID.parse(rawCid))).toEqual({ codec: 0x55, digest })
  })

  test('reads CIDv0 as dag-pb with the same digest, and round-trips to its CIDv1', () => {
    const onchain = cidToOnchain(v0)
    expect(onchain.codec).toBe(0x70)
    const back = onchainToCid(onchain)
    expect(back.version).toBe(1)
    expect(back.toString()).toBe(CID.parse(v0).toV1().toString())
    expect(back.toV0().toString()).toBe(v0)
  })

  test('accepts base36 and base58btc strings and CIDs from another multiformats copy', () => {
    const cid = CID.parse(rawCid)
    expect(cidToOnchain(cid.toString(base36))).toEqual({ codec: 0x55, digest })
    expect(cidToOnchain(OtherCID.parse(rawCid) as never)).toEqual({ codec: 0x55, digest })
    expect(cidToOnchain(` ${rawCid}\n`)).toEqual({ codec: 0x55, digest })
  })

  test('rejects a multihash other than sha2-256, naming it and what is accepted', () => {
    const cid = CID.createV1(0x55, identity.digest(new Uint8Array([1, 2, 3])))
    const error = caught(() => cidToOnchain(cid))
    expect(error).toBeInstanceOf(UnsupportedCidError)
    expect(error.shortMessage).toBe(
      `CID ${cid} is not supported: its multihash is identity (0x0) of 3 bytes, and the registry stores only sha2-256 digests.`,
    )
    expect(error.message).toMatch(/Accepted: CIDv0, or CIDv1 with a sha2-256 \(0x12\) multihash/)
    const blake = CID.createV1(0x55, Digest.create(0xb220, new Uint8Array(32)))
    expect(caught(() => cidToOnchain(blake)).message).toMatch(/blake2b-256 \(0xb220\) of 32 bytes/)
  })

  test('rejects a codec that does not fit 16 bits', () => {
    const cid = CID.createV1(0x10000, CID.parse(rawCid).multihash)
    const error = caught(() => cidToOnchain(cid))
    expect(error).toBeInstanceOf(UnsupportedCidError)
    expect(error.message).toMatch(/codec 0x10000 does not fit the registry's 16-bit codec field/)
    expect((error as UnsupportedCidError).cid).toBe(cid.toString())
  })

  test('accepts the largest 16-bit codec', () => {
    const cid = CID.createV1(0xffff, CID.parse(rawCid).multihash)
    expect(onchainToCid(cidToOnchain(cid)).equals(cid)).toBe(true)
  })

  test.each([['not a cid'], [''], ['bafy'], ['Qm123']])(
    'rejects the string %j as not a CID',
    (value) => {
      const error = caught(() => cidToOnchain(value))
      expect(error).toBeInstanceOf(InvalidCidError)
      expect(error.shortMessage).toBe(
        `${JSON.stringify(value)} is not a valid CID: it does not decode as a CID.`,
      )
      expect(error.message).toMatch(
        /Expected a CIDv1 string \(bafy…, bafk…\), a CIDv0 string \(Qm…\)/,
      )
      expect(error.message).toMatch(/Details: /)
    },
  )

  test('rejects values that are neither CIDs nor strings', () => {
    expect(() => parseCid({} as never)).toThrow(InvalidCidError)
    expect(() => parseCid(42 as never)).toThrow(
      '42 is not a valid CID: expected a CID object or string.',
    )
  })
})

describe('onchainToCid', () => {
  test('gives the CIDv1, base32 as a string', () => {
    const cid = onchainToCid({ codec: 0x55, digest })
    expect(cid.toString()).toBe(rawCid)
    expect(
      onchainToCid({
        codec: 0x55n,
        digest: digest.toUpperCase().replace('0X', '0x') as never,
      }).toString(),
    ).toBe(rawCid)
  })

  test('round-trips raw, dag-pb, dag-cbor, json and dag-json CIDs', () => {
    const multihash = CID.parse(rawCid).multihash
    for (const code of [0x55, 0x70, 0x71, json.code, 0x0129]) {
      const cid = CID.createV1(code, multihash)
      expect(onchainToCid(cidToOnchain(cid)).toString()).toBe(cid.toString())
      expect(cidToOnchain(onchainToCid({ codec: code, digest }))).toEqual({ codec: code, digest })
    }
  })

  test.each([
    ['codec 0 (no CID recorded)', { codec: 0, digest }, /codec 0 means the record holds no CID/],
    [
      'a codec over 16 bits',
      { codec: 0x10000, digest },
      /the codec is not a 16-bit multicodec code/,
    ],
    ['a negative codec', { codec: -1, digest }, /not a 16-bit multicodec code/],
    ['a fractional codec', { codec: 1.5, digest }, /not a 16-bit multicodec code/],
    [
      'a short digest',
      { codec: 0x55, digest: '0x1234' },
      /the digest is not 32 bytes of 0x-prefixed hex/,
    ],
    [
      'a digest without 0x',
      { codec: 0x55, digest: digest.slice(2) },
      /not 32 bytes of 0x-prefixed hex/,
    ],
    ['a non-hex digest', { codec: 0x55, digest: `0x${'zz'.repeat(32)}` }, /not 32 bytes/],
  ])('rejects %s', (_, value, message) => {
    const error = caught(() => onchainToCid(value as never))
    expect(error).toBeInstanceOf(InvalidCidError)
    expect(error.message).toMatch(message)
  })
})
