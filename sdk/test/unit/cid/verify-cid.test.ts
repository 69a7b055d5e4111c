import { describe, expect, test } from 'vitest'
import {
  CID,
  CidMismatchError,
  computeCid,
  resolveImportSettings,
  UnsupportedCidError,
  verifyCid,
} from '../../../src/cid/index.js'
import { pseudoRandomBytes, splitBytes } from '../../support/bytes.js'

const file = pseudoRandomBytes(3 * 1_048_576 + 5, 11)
const classic = {
  cidVersion: 1,
  rawLeaves: true,
  chunkSize: 262_144,
  maxChildrenPerNode: 174,
} as const

describe('verifyCid', () => {
  test('accepts content under the settings its CID implies', async () => {
    for (const options of [{}, { profile: 'unixfs-v0-2015' } as const, classic]) {
      const { cid } = await computeCid(file, options)
      expect(await verifyCid(splitBytes(file, [100_000]), cid)).toEqual({ size: file.byteLength })
      expect(await verifyCid(file, cid.toString())).toEqual({ size: file.byteLength })
    }
  })

  test('accepts a raw CID as one block, whatever its size', async () => {
    const { cid } = await computeCid(file.subarray(0, 1000))
    expect(cid.code).toBe(0x55)
    await expect(verifyCid(file.subarray(0, 1000), cid)).resolves.toEqual({ size: 1000 })
  })

  test('uses the settings it is given', async () => {
    const tiny = { chunkSize: 1024, maxChildrenPerNode: 4 }
    const { cid } = await computeCid(file, tiny)
    await expect(verifyCid(file, cid)).rejects.toBeInstanceOf(CidMismatchError)
    await expect(verifyCid(file, cid, { settings: tiny })).resolves.toEqual({
      size: file.byteLength,
    })
  })

  test('rejects changed content, saying what it hashes to', async () => {
    const { cid } = await computeCid(file)
    const tampered = file.slice()
    tampered[2_000_000] = (tampered[2_000_000] ?? 0) ^ 1
    const error = await verifyCid(tampered, cid, { source: 'https://gw.example/ipfs/x' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CidMismatchError)
    const mismatch = error as CidMismatchError
    expect(mismatch.shortMessage).toBe(
      `Content from https://gw.example/ipfs/x does not match its CID ${cid}.`,
    )
    expect(mismatch.expected).toBe(cid.toString())
    expect(mismatch.actual.map(({ settings }) => settings)).toEqual([
      'unixfs-v1-2025 (CIDv1, raw leaves, 1 MiB chunks, 1024 links per node)',
      'CIDv1, raw leaves, 256 KiB chunks, 174 links per node',
      'unixfs-v0-2015 (CIDv0, dag-pb leaves, 256 KiB chunks, 174 links per node)',
    ])
    expect(mismatch.actual[0]?.cid).toBe((await computeCid(tampered)).cid.toString())
  })

  test('accepts content of a CIDv0 named by its CIDv1', async () => {
    const { cid } = await computeCid(file, { profile: 'unixfs-v0-2015' })
    await expect(verifyCid(file, cid.toV1())).resolves.toEqual({ size: file.byteLength })
  })

  test('rejects a CIDv0 with other content', async () => {
    const { cid } = await computeCid(file, { profile: 'unixfs-v0-2015' })
    await expect(verifyCid(file.subarray(1), cid)).rejects.toThrow(
      /With unixfs-v0-2015 \(CIDv0, dag-pb leaves, 256 KiB chunks, 174 links per node\) it hashes to Qm/,
    )
  })

  test('refuses CIDs it cannot check', async () => {
    const dagCbor = CID.createV1(
      0x71,
      CID.parse('bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq').multihash,
    )
    await expect(verifyCid(file, dagCbor)).rejects.toThrow(UnsupportedCidError)
    await expect(verifyCid(file, dagCbor)).rejects.toThrow(/codec 0x71 is not a UnixFS file/)
    const settings = resolveImportSettings()
    expect(settings.chunkSize).toBe(1_048_576)
  })
})
