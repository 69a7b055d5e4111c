import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeCid } from '../../../src/cid/index.js'
import {
  computeFileCid,
  FileReadError,
  fingerprintFile,
  hashArtifactFile,
} from '../../../src/node.js'
import { pseudoRandomBytes } from '../../support/bytes.js'

let directory: string
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'daimm-file-'))
})
afterAll(() => rm(directory, { recursive: true, force: true }))

describe('file hashing', () => {
  test.each([
    ['empty', 0],
    ['several reads', 3 * 1_048_576 + 7],
  ])('gives the CID, fingerprint and size of a file: %s', async (_, size) => {
    const bytes = pseudoRandomBytes(size, 13)
    const path = join(directory, `${size}.bin`)
    await writeFile(path, bytes)
    for (const options of [
      {},
      { profile: 'unixfs-v0-2015' } as const,
      { chunkSize: 1000, maxChildrenPerNode: 3 },
    ]) {
      const expected = await computeCid(bytes, options)
      expect((await computeFileCid(path, options)).cid.toString()).toBe(expected.cid.toString())
      const artifact = await hashArtifactFile(path, options)
      expect(artifact.cid.toString()).toBe(expected.cid.toString())
      expect(artifact.size).toBe(size)
      expect(artifact.fingerprint).toBe(`0x${createHash('sha256').update(bytes).digest('hex')}`)
    }
    expect(await fingerprintFile(path)).toBe(
      `0x${createHash('sha256').update(bytes).digest('hex')}`,
    )
  })

  test('explains a missing file and a directory', async () => {
    const missing = join(directory, 'nope.onnx')
    const error = await computeFileCid(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileReadError)
    expect((error as FileReadError).code).toBe('ENOENT')
    expect((error as Error).message).toMatch(`No such file: ${missing}.\n\nCheck the path`)
    await expect(hashArtifactFile(directory)).rejects.toThrow(
      `${directory} is a directory, not a file.`,
    )
  })
})
