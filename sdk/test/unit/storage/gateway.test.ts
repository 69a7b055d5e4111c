import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeCid } from '../../../src/cid/index.js'
import {
  CidMismatchError,
  ContentNotFoundError,
  createGatewayReader,
  StorageRequestError,
} from '../../../src/storage/index.js'
import { pseudoRandomBytes, sameBytes } from '../../support/bytes.js'
import { type FakeGateway, startFakeGateway } from '../../support/gateway-server.js'

let gateway: FakeGateway
beforeAll(async () => {
  gateway = await startFakeGateway()
})
afterAll(() => gateway.close())

async function serve(bytes: Uint8Array, options = {}) {
  const { cid } = await computeCid(bytes, options)
  gateway.content.set(cid.toV1().toString(), bytes)
  return cid
}

describe('createGatewayReader', () => {
  test('reads and verifies content under each profile and as a raw block', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    const model = pseudoRandomBytes(2 * 1_048_576 + 3, 1)
    for (const options of [
      {},
      { profile: 'unixfs-v0-2015' } as const,
      { cidVersion: 1, rawLeaves: true, chunkSize: 262_144, maxChildrenPerNode: 174 } as const,
    ]) {
      const cid = await serve(model, options)
      expect(sameBytes(await reader.get(cid), model)).toBe(true)
      expect(sameBytes(await reader.get(cid.toString()), model)).toBe(true)
    }
    const card = new TextEncoder().encode('{"name":"tiny model"}')
    expect(sameBytes(await reader.get(await serve(card)), card)).toBe(true)
    const empty = new Uint8Array(0)
    expect(
      sameBytes(await reader.get(await serve(empty, { profile: 'unixfs-v0-2015' })), empty),
    ).toBe(true)
  })

  test('rejects content a tampering gateway changed, never returning it', async () => {
    const reader = createGatewayReader({ url: `${gateway.url}/` })
    const model = pseudoRandomBytes(3 * 262_144, 2)
    const cid = await serve(model, { profile: 'unixfs-v0-2015' })
    gateway.tamper = true
    try {
      const error = await reader.get(cid).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CidMismatchError)
      expect((error as CidMismatchError).shortMessage).toBe(
        `Content from ${gateway.url}/ipfs/${cid} does not match its CID ${cid}.`,
      )
      // Streamed, everything but the end passes, then the error comes instead of the last chunk.
      let streamed = 0
      await expect(
        (async () => {
          for await (const chunk of reader.cat(cid)) streamed += chunk.byteLength
        })(),
      ).rejects.toThrow(CidMismatchError)
      expect(streamed).toBeLessThan(model.byteLength)
    } finally {
      gateway.tamper = false
    }
  })

  test('says when the gateway does not have the content', async () => {
    const reader = createGatewayReader({ url: gateway.url })
    const { cid } = await computeCid(new TextEncoder().encode('nobody has this'))
    const error = await reader.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as Error).message).toMatch(`The gateway ${gateway.url}/ does not have ${cid}.`)
  })

  test('says when no gateway answers', async () => {
    const reader = createGatewayReader({ url: 'http://127.0.0.1:9' })
    const { cid } = await computeCid(new Uint8Array([1]))
    const error = await reader.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageRequestError)
    expect((error as Error).message).toMatch(
      /^Request to http:\/\/127.0.0.1:9\/ipfs\/bafk\w+ failed: no answer.\n\nCheck the URL/,
    )
  })

  test('refuses a CID it cannot verify before downloading anything', async () => {
    const before = gateway.requests.length
    const reader = createGatewayReader({ url: gateway.url })
    await expect(
      reader.get('bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'),
    ).rejects.toThrow(/codec 0x71 is not a UnixFS file/)
    expect(gateway.requests.length).toBe(before)
  })
})
