import { importByteStream } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { describe, expect, test } from 'vitest'
import {
  cidProfiles,
  computeCid,
  type ImportSettings,
  resolveImportSettings,
} from '../../../src/cid/index.js'
import { pseudoRandomBytes, splitBytes } from '../../support/bytes.js'
import { importerCid } from '../../support/importer.js'

const settingsUnderTest: [string, ImportSettings][] = [
  ['unixfs-v1-2025', cidProfiles['unixfs-v1-2025']],
  ['unixfs-v0-2015', cidProfiles['unixfs-v0-2015']],
  [
    'classic ipfs add --cid-version 1',
    resolveImportSettings({
      cidVersion: 1,
      rawLeaves: true,
      chunkSize: 262_144,
      maxChildrenPerNode: 174,
    }),
  ],
]

/** Sizes around every edge of the importer: empty, one byte, the first chunk, the first full level. */
function edgeSizes({ chunkSize: c, maxChildrenPerNode: w }: ImportSettings) {
  return [
    ['empty', 0],
    ['1 byte', 1],
    ['one chunk - 1', c - 1],
    ['exactly one chunk', c],
    ['one chunk + 1', c + 1],
    ['width x chunk', w * c],
    ['width x chunk + 1 (two levels)', w * c + 1],
  ] as const
}

describe.each(settingsUnderTest)('computeCid matches ipfs-unixfs-importer: %s', (_, settings) => {
  const small = edgeSizes(settings).filter(([, size]) => size <= 64 * 1_048_576)
  test.each(small)('%s', async (_, size) => {
    const bytes = pseudoRandomBytes(size, size + 1)
    const expected = await importerCid(bytes, settings)
    const { cid, size: hashed } = await computeCid(bytes, settings)
    expect(cid.toString()).toBe(expected.toString())
    expect(hashed).toBe(size)
  })

  test('a 3-level tree with 1 KiB chunks and 4 links per node', async () => {
    const tiny = { ...settings, chunkSize: 1024, maxChildrenPerNode: 4 }
    // 16 leaves fill two levels exactly; 17 need a third, and 70 KiB + 5 leaves partial groups on
    // every level.
    for (const size of [16 * 1024, 16 * 1024 + 1, 70 * 1024 + 5, 64 * 1024 * 4 + 3]) {
      const bytes = pseudoRandomBytes(size, size)
      const expected = await importerCid(bytes, tiny)
      const { cid } = await computeCid(splitBytes(bytes, [1000, 1, 4097, 3]), tiny)
      expect(cid.toString(), `${size} bytes`).toBe(expected.toString())
    }
  })
})

describe('computeCid matches ipfs-unixfs-importer on 1 GiB trees of unixfs-v1-2025', () => {
  const settings = cidProfiles['unixfs-v1-2025']
  const large = edgeSizes(settings).filter(([, size]) => size > 64 * 1_048_576)

  /** Distinct 1 MiB chunks (a counter stamped on one random block), then `extra` bytes. */
  function* stream(size: number): Generator<Uint8Array> {
    const block = pseudoRandomBytes(settings.chunkSize, 7)
    for (let offset = 0, i = 0; offset < size; offset += block.byteLength, i++) {
      const chunk = block.slice(0, Math.min(block.byteLength, size - offset))
      if (chunk.byteLength >= 4) new DataView(chunk.buffer).setUint32(0, i)
      yield chunk
    }
  }

  test.each(large)('%s', { timeout: 120_000 }, async (_, size) => {
    const entry = await importByteStream(stream(size), { put: async () => {} } as never, {
      cidVersion: 1,
      rawLeaves: true,
      chunker: fixedSize({ chunkSize: settings.chunkSize }),
      layout: balanced({ maxChildrenPerNode: settings.maxChildrenPerNode }),
    })
    const { cid, size: hashed } = await computeCid(stream(size))
    expect(cid.toString()).toBe(entry.cid.toString())
    expect(hashed).toBe(size)
  })
})
