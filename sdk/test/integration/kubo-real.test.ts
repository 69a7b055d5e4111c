/**
 * The Kubo adapter against a real Kubo node (tools/kubo, v0.43.1), offline in a temporary
 * repository. CI builds the node first and fails rather than skips when it is missing.
 */
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeCid, type ImportSettingsOptions } from '../../src/cid/index.js'
import {
  ContentNotFoundError,
  createKuboStore,
  StorageRequestError,
} from '../../src/storage/index.js'
import { pseudoRandomBytes, sameBytes, splitBytes } from '../support/bytes.js'
import { type KuboNode, kuboBinary, startKubo } from '../support/kubo-node.js'

const binary = await kuboBinary()
let kubo: KuboNode
beforeAll(async () => {
  kubo = await startKubo(binary as string)
  console.log(`real Kubo ready in ${Math.round(kubo.startedInMs)} ms at ${kubo.url}`)
}, 90_000)
afterAll(async () => {
  await kubo?.stop()
})

const model = pseudoRandomBytes(3 * 1_048_576 + 11, 7)
const settings: [string, ImportSettingsOptions][] = [
  ['unixfs-v1-2025', {}],
  ['unixfs-v0-2015', { profile: 'unixfs-v0-2015' }],
  [
    'classic CIDv1',
    { cidVersion: 1, rawLeaves: true, chunkSize: 262_144, maxChildrenPerNode: 174 },
  ],
  ['small chunks, 3 levels', { chunkSize: 1024, maxChildrenPerNode: 4 }],
]

describe.skipIf(binary === undefined)('a real Kubo node', () => {
  test.each(settings)(
    'gives the CID computeCid computes for the %s settings, and reads the bytes back verified',
    async (_, options) => {
      const store = createKuboStore({ url: kubo.url })
      const bytes = options.chunkSize === 1024 ? model.subarray(0, 70_000) : model
      const expected = (await computeCid(bytes, options)).cid
      const fromBytes = await store.put(bytes, options)
      expect(fromBytes.cid.toString()).toBe(expected.toString())
      const fromStream = await store.put(Readable.from(splitBytes(bytes, [65_536])), options)
      expect(fromStream.cid.toString()).toBe(expected.toString())
      const read = options.chunkSize === 1024 ? { settings: options } : {}
      expect(sameBytes(await store.get(expected, read), bytes)).toBe(true)
      const chunks: Uint8Array[] = []
      for await (const chunk of store.cat(expected, read)) chunks.push(chunk)
      expect(chunks.reduce((n, c) => n + c.byteLength, 0)).toBe(bytes.byteLength)
    },
    60_000,
  )

  test('an empty file and a one-byte file get the CIDs computed here', async () => {
    const store = createKuboStore({ url: kubo.url })
    for (const bytes of [new Uint8Array(), new Uint8Array([42])]) {
      const { cid } = await store.put(bytes)
      expect(cid.toString()).toBe((await computeCid(bytes)).cid.toString())
      expect(sameBytes(await store.get(cid), bytes)).toBe(true)
    }
  })

  test('says when the node does not have a CID (offline: no network search)', async () => {
    const store = createKuboStore({ url: kubo.url })
    const { cid } = await computeCid(new TextEncoder().encode('never added to this node'))
    const error = await store.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
  })

  test('reports a node that is not there as a request error', async () => {
    const store = createKuboStore({ url: 'http://127.0.0.1:9' })
    const error = await store.put(new Uint8Array([1])).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageRequestError)
  })
})
