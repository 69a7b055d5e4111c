import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { importBytes } from 'ipfs-unixfs-importer'
import { describe, expect, test } from 'vitest'
import {
  computeCid,
  fingerprint,
  hashArtifact,
  InvalidByteSourceError,
  InvalidImportSettingsError,
  resolveImportSettings,
} from '../../../src/cid/index.js'
import { availableSha256Engines } from '../../../src/cid/sha256.js'
import { UnixfsFileHasher } from '../../../src/cid/unixfs-file-hasher.js'
import { pseudoRandomBytes, splitBytes } from '../../support/bytes.js'

const tiny = { chunkSize: 1024, maxChildrenPerNode: 4 } as const
const bytes = pseudoRandomBytes(70 * 1024 + 5, 42)

describe('computeCid', () => {
  test('gives the CIDs Kubo gives an empty file', async () => {
    const empty = new Uint8Array(0)
    expect((await computeCid(empty)).cid.toString()).toBe(
      'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
    )
    expect((await computeCid(empty, { profile: 'unixfs-v0-2015' })).cid.toString()).toBe(
      'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH',
    )
  })

  test('uses the profiles the importer defines for IPIP-499', async () => {
    const file = pseudoRandomBytes(3 * 1_048_576 + 17, 3)
    for (const profile of ['unixfs-v1-2025', 'unixfs-v0-2015'] as const) {
      const imported = await importBytes(file, { put: async () => {} } as never, { profile })
      expect((await computeCid(file, { profile })).cid.toString(), profile).toBe(
        imported.cid.toString(),
      )
    }
  })

  test('gives the same CID for bytes, chunk iterables, streams and Blobs', async () => {
    const expected = (await computeCid(bytes, tiny)).cid.toString()
    const sources = {
      'odd-sized chunks': () => splitBytes(bytes, [1, 1023, 1025, 7, 5000]),
      'an async iterable': async function* () {
        yield* splitBytes(bytes, [333])
      },
      'a ReadableStream': () => new Blob([bytes]).stream(),
      'a Blob': () => new Blob([bytes.subarray(0, 5), bytes.subarray(5)]),
      'a Node.js Readable': () => Readable.from(splitBytes(bytes, [65_536]), { objectMode: true }),
      'one-byte chunks': () => splitBytes(bytes, [1]),
    }
    for (const [name, source] of Object.entries(sources))
      expect((await computeCid(source(), tiny)).cid.toString(), name).toBe(expected)
  })

  test('gives the same CID on every SHA-256 engine of the runtime', async () => {
    const engines = availableSha256Engines()
    expect(engines.map(({ name }) => name)).toEqual(['node:crypto', 'webcrypto', '@noble/hashes'])
    for (const settings of [
      resolveImportSettings(tiny),
      resolveImportSettings({ ...tiny, profile: 'unixfs-v0-2015' }),
    ]) {
      const cids = new Set<string>()
      for (const engine of engines) {
        const hasher = new UnixfsFileHasher(settings, { engine })
        for (const chunk of splitBytes(bytes, [4000])) await hasher.write(chunk)
        cids.add((await hasher.finish()).cid.toString())
      }
      expect(cids.size).toBe(1)
    }
  })

  test('reports progress after each chunk, ending at the size', async () => {
    const reported: number[] = []
    const { size } = await computeCid(bytes, { ...tiny, onProgress: (n) => reported.push(n) })
    expect(reported).toHaveLength(Math.ceil(bytes.byteLength / 1024))
    expect(reported.at(-1)).toBe(size)
    expect(reported).toEqual([...reported].sort((a, b) => a - b))
  })

  test('stops when its signal aborts', async () => {
    const controller = new AbortController()
    async function* endless() {
      for (;;) {
        yield new Uint8Array(1024)
        controller.abort(new Error('user cancelled'))
      }
    }
    await expect(computeCid(endless(), { signal: controller.signal })).rejects.toThrow(
      'user cancelled',
    )
  })

  test.each([
    ['a string', 'hello', /Cannot read bytes from a string[\s\S]*TextEncoder/],
    ['an ArrayBuffer', new ArrayBuffer(4), /from an ArrayBuffer[\s\S]*new Uint8Array\(buffer\)/],
    ['a number', 42, /from a number/],
    ['null', null, /from null/],
    ['an iterable of numbers', [1, 2, 3], /iterable that yielded a number/],
  ])('rejects %s with a typed error', async (_, source, message) => {
    const promise = computeCid(source as never)
    await expect(promise).rejects.toBeInstanceOf(InvalidByteSourceError)
    await expect(computeCid(source as never)).rejects.toThrow(message)
  })

  test.each([
    [
      'profile',
      { profile: 'unixfs-v2' },
      /profile: "unixfs-v2". Expected unixfs-v1-2025 or unixfs-v0-2015/,
    ],
    ['cidVersion', { cidVersion: 2 }, /cidVersion: 2. Expected 0 or 1/],
    ['rawLeaves', { rawLeaves: 'yes' }, /rawLeaves: "yes"/],
    ['chunkSize', { chunkSize: 0 }, /chunkSize: 0. Expected a whole number of bytes/],
    ['chunkSize', { chunkSize: 1.5 }, /chunkSize: 1.5/],
    [
      'maxChildrenPerNode',
      { maxChildrenPerNode: 1 },
      /maxChildrenPerNode: 1. Expected a whole number of at least 2/,
    ],
  ])('rejects a bad %s', async (option, options, message) => {
    const error = await computeCid(bytes, options as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidImportSettingsError)
    expect((error as InvalidImportSettingsError).option).toBe(option)
    expect((error as Error).message).toMatch(message)
  })
})

describe('fingerprint', () => {
  test('is the SHA-256 of the whole content, as 0x hex', async () => {
    expect(await fingerprint(new TextEncoder().encode('hello'))).toBe(
      '0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    )
    const expected = `0x${createHash('sha256').update(bytes).digest('hex')}`
    expect(await fingerprint(splitBytes(bytes, [777]))).toBe(expected)
    expect(await fingerprint(new Blob([bytes]).stream())).toBe(expected)
  })
})

describe('hashArtifact', () => {
  test('gives the CID, fingerprint and size of one read', async () => {
    let reads = 0
    function* once() {
      reads++
      yield* splitBytes(bytes, [5000])
    }
    const artifact = await hashArtifact(once(), { profile: 'unixfs-v0-2015' })
    expect(reads).toBe(1)
    expect(artifact).toEqual({
      cid: (await computeCid(bytes, { profile: 'unixfs-v0-2015' })).cid,
      fingerprint: await fingerprint(bytes),
      size: bytes.byteLength,
    })
  })

  test('hashes "hello" as documented', async () => {
    const { cid, fingerprint } = await hashArtifact(new TextEncoder().encode('hello'))
    expect(cid.toString()).toBe('bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq')
    expect(fingerprint).toBe('0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824')
  })
})
