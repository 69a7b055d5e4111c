import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { CidMismatchError, computeCid } from '../../../src/cid/index.js'
import { createLocalStore, FileReadError } from '../../../src/node.js'
import { ContentNotFoundError } from '../../../src/storage/index.js'
import { pseudoRandomBytes, sameBytes, splitBytes } from '../../support/bytes.js'

let directory: string
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'daimm-store-'))
})
afterEach(() => rm(directory, { recursive: true, force: true }))

const model = pseudoRandomBytes(2 * 1_048_576 + 100, 9)

describe('createLocalStore', () => {
  test('stores bytes under their CID and reads them back verified', async () => {
    const store = createLocalStore({ directory: join(directory, 'store') })
    const { cid, size } = await store.put(model)
    expect(cid.toString()).toBe((await computeCid(model)).cid.toString())
    expect(size).toBe(model.byteLength)
    expect(store.pathOf(cid)).toBe(join(directory, 'store', cid.toString()))
    expect(sameBytes(await readFile(store.pathOf(cid)), model)).toBe(true)
    expect(sameBytes(await store.get(cid), model)).toBe(true)
    expect(await store.has(cid)).toBe(true)
    expect(await store.has(cid.toString())).toBe(true)
  })

  test('stores streams and files, and lists what it holds', async () => {
    const store = createLocalStore({ directory })
    const card = new TextEncoder().encode('{"name":"tiny"}')
    const first = await store.put(splitBytes(model, [65_536, 3]))
    const file = join(directory, 'card.json')
    await writeFile(file, card)
    const second = await store.putFile(file)
    expect(second.cid.toString()).toBe((await computeCid(card)).cid.toString())
    expect((await store.list()).map(String).sort()).toEqual(
      [first.cid.toString(), second.cid.toString()].sort(),
    )
    // No temporary files left behind.
    expect((await readdir(directory)).filter((name) => name.startsWith('.'))).toEqual([])
  })

  test('keeps CIDv0 content under its CIDv1, findable by both, and verifies it with its settings', async () => {
    const store = createLocalStore({ directory, settings: { profile: 'unixfs-v0-2015' } })
    const { cid } = await store.put(model)
    expect(cid.toString()).toMatch(/^Qm/)
    expect(await store.has(cid.toV1())).toBe(true)
    expect((await store.list()).map(String)).toEqual([cid.toV1().toString()])
    expect(sameBytes(await store.get(cid.toV1()), model)).toBe(true)
    const tiny = await store.put(model, { chunkSize: 1024, maxChildrenPerNode: 4 })
    expect(sameBytes(await store.get(tiny.cid), model)).toBe(true)
  })

  test('rejects a stored file that was changed on disk', async () => {
    const store = createLocalStore({ directory })
    const { cid } = await store.put(model)
    const changed = model.slice()
    changed[10] = (changed[10] ?? 0) ^ 1
    await writeFile(store.pathOf(cid), changed)
    const error = await store.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CidMismatchError)
    expect((error as Error).message).toMatch(`Content from ${store.pathOf(cid)} does not match`)
  })

  test('says what it does not have, and deletes', async () => {
    const store = createLocalStore({ directory: join(directory, 'empty') })
    const { cid } = await computeCid(model)
    expect(await store.has(cid)).toBe(false)
    expect(await store.list()).toEqual([])
    const error = await store.get(cid).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentNotFoundError)
    expect((error as Error).message).toBe(
      `The local store ${join(directory, 'empty')} does not have ${cid}.`,
    )
    await store.put(model)
    expect(await store.delete(cid)).toBe(true)
    expect(await store.delete(cid)).toBe(false)
    expect(await store.has(cid)).toBe(false)
  })

  test('fails clearly on a missing file, leaving nothing behind', async () => {
    const store = createLocalStore({ directory })
    const missing = join(directory, 'missing.onnx')
    const error = await store.putFile(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileReadError)
    expect((error as Error).message).toMatch(`No such file: ${missing}.`)
    expect(await readdir(directory)).toEqual([])
  })

  test('removes its temporary file when the source fails', async () => {
    const store = createLocalStore({ directory })
    async function* failing() {
      yield new Uint8Array(100)
      throw new Error('connection lost')
    }
    await expect(store.put(failing())).rejects.toThrow('connection lost')
    expect(await readdir(directory)).toEqual([])
  })
})
