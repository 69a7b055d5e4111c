import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeCid, type ImportSettingsOptions } from '../../../src/cid/index.js'
import {
  ContentNotFoundError,
  createKuboStore,
  ImportSettingsIgnoredError,
  StorageRequestError,
} from '../../../src/storage/index.js'
import { pseudoRandomBytes, sameBytes, splitBytes } from '../../support/bytes.js'
import { type FakeKubo, startFakeKubo } from '../../support/kubo-server.js'

let kubo: FakeKubo
let oldKubo: FakeKubo
beforeAll(async () => {
  kubo = await startFakeKubo()
  oldKubo = await startFakeKubo({ ignoreMaxFileLinks: true })
})
afterAll(async () => {
  await kubo.close()
  await oldKubo.close()
})

const model = pseudoRandomBytes(3 * 1_048_576 + 11, 5)
const settings: [string, ImportSettingsOptions][] = [
  ['unixfs-v1-2025', {}],
  ['unixfs-v0-2015', { profile: 'unixfs-v0-2015' }],
  [
    'classic CIDv1',
    { cidVersion: 1, rawLeaves: true, chunkSize: 262_144, maxChildrenPerNode: 174 },
  ],
  ['small chunks, 3 levels', { chunkSize: 1024, maxChildrenPerNode: 4 }],
]

describe('createKuboStore', () => {
  test.each(settings)(
    'adds bytes and a stream with the %s settings, and reads them back',
    async (_, options) => {
      const store = createKuboStore({ url: kubo.url })
      const expected = (await computeCid(model, options)).cid
      const fromBytes = await store.put(model, options)
      expect(fromBytes).toEqual({ cid: expected, size: model.byteLength })
      const fromStream = await store.put(Readable.from(splitBytes(model, [65_536])), options)
      expect(fromStream.cid.toString()).toBe(expected.toString())
      // Small chunks are not among the settings a CID implies: those must be given to verify.
      const read = options.chunkSize === 1024 ? { settings: options } : {}
      expect(sameBytes(await store.get(expected, read), model)).toBe(true)
    },
  )

  test('spells out every import option to /api/v0/add', async () => {
    const store = createKuboStore({ url: `${kubo.url}/`, pin: false })
    await store.put(new Uint8Array([1, 2, 3]), { profile: 'unixfs-v0-2015' })
    const add = kubo.requests.filter((request) => request.startsWith('POST /api/v0/add')).at(-1)
    expect(add).toBe(
      'POST /api/v0/add?cid-version=0&raw-leaves=false&chunker=size-262144&max-file-links=174&hash=sha2-256&trickle=false&inline=false&wrap-with-directory=false&pin=false&quieter=true&progress=false',
    )
  })

  test('reports progress while streaming an upload', async () => {
    const store = createKuboStore({ url: kubo.url })
    const reported: number[] = []
    await store.put(splitBytes(model, [100_000]), { onProgress: (n) => reported.push(n) })
    expect(reported.at(-1)).toBe(model.byteLength)
  })

  test('catches a node that ignores max-file-links', async () => {
    const store = createKuboStore({ url: oldKubo.url })
    const wide = pseudoRandomBytes(5 * 1024, 3)
    const error = await store
      .put(wide, { chunkSize: 1024, maxChildrenPerNode: 4 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportSettingsIgnoredError)
    expect((error as Error).message).toMatch(/`max-file-links` needs Kubo 0.35 or later/)
  })

  test('says when the node does not have a CID', async () => {
    const store = createKuboStore({ url: kubo.url })
    const { cid } = await computeCid(new TextEncoder().encode('never added'))
    const error = await store.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as Error).message).toMatch(`Kubo at ${kubo.url}/ does not have ${cid}.`)
    expect((error as ContentNotFoundError).details).toMatch(/block was not found locally/)
  })

  test('explains a URL that is not the RPC API', async () => {
    const store = createKuboStore({ url: `${kubo.url}/not-rpc` })
    const error = await store.put(new Uint8Array([1])).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageRequestError)
    expect((error as StorageRequestError).status).toBe(404)
    expect((error as Error).message).toMatch(/No Kubo RPC API here/)
  })

  test('passes on an error of the source being uploaded', async () => {
    const store = createKuboStore({ url: kubo.url })
    async function* failing() {
      yield new Uint8Array(10)
      throw new Error('disk went away')
    }
    await expect(store.put(failing())).rejects.toThrow('disk went away')
  })
})
