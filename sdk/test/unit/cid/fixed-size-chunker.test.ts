import { describe, expect, test } from 'vitest'
import { FixedSizeChunker } from '../../../src/cid/fixed-size-chunker.js'
import { pseudoRandomBytes, sameBytes, splitBytes } from '../../support/bytes.js'

/** The chunks a chunker emits for `bytes` written in pieces of `sizes`, copied as they come. */
async function chunksOf(bytes: Uint8Array, chunkSize: number, sizes: number[]) {
  const chunks: Uint8Array[] = []
  const chunker = new FixedSizeChunker(chunkSize, async (chunk) => {
    chunks.push(chunk.slice())
  })
  for (const piece of splitBytes(bytes, sizes)) await chunker.write(piece)
  await chunker.finish()
  return chunks
}

describe('FixedSizeChunker', () => {
  test.each([[[1]], [[7, 1000, 3]], [[4096]], [[10_000]], [[100_000]]])(
    'cuts any split of the input into the same chunks: pieces of %j',
    async (sizes) => {
      const bytes = pseudoRandomBytes(10 * 4096 + 123, 1)
      const chunks = await chunksOf(bytes, 4096, sizes)
      expect(chunks.map((chunk) => chunk.byteLength)).toEqual([...Array(10).fill(4096), 123])
      for (const [i, chunk] of chunks.entries())
        expect(sameBytes(chunk, bytes.subarray(i * 4096, i * 4096 + chunk.byteLength))).toBe(true)
    },
  )

  test('gives one empty chunk for empty input, and no trailing empty chunk at a boundary', async () => {
    expect((await chunksOf(new Uint8Array(0), 4096, [1])).map((c) => c.byteLength)).toEqual([0])
    const exact = await chunksOf(pseudoRandomBytes(8192), 4096, [3000])
    expect(exact.map((c) => c.byteLength)).toEqual([4096, 4096])
  })
})
