/**
 * Cuts a stream of byte chunks of any sizes into chunks of exactly `chunkSize` bytes, the last one
 * shorter, as the importer's fixed-size chunker does: an empty input gives one empty chunk.
 *
 * It holds at most one chunk. A chunk handed to `onChunk` is only valid until the promise `onChunk`
 * returns has settled: the buffer behind it is reused.
 *
 * @example
 * const chunker = new FixedSizeChunker(262_144, async (chunk) => leaves.push(await hash(chunk)))
 * for await (const bytes of stream) await chunker.write(bytes)
 * await chunker.finish()
 */
export class FixedSizeChunker {
  readonly #chunkSize: number
  readonly #onChunk: (chunk: Uint8Array) => Promise<void>
  #buffer: Uint8Array | undefined
  #filled = 0
  #emitted = false

  constructor(chunkSize: number, onChunk: (chunk: Uint8Array) => Promise<void>) {
    this.#chunkSize = chunkSize
    this.#onChunk = onChunk
  }

  async write(bytes: Uint8Array): Promise<void> {
    const size = this.#chunkSize
    let offset = 0
    while (offset < bytes.byteLength) {
      // Whole chunks straight from the input, without a copy.
      if (this.#filled === 0 && bytes.byteLength - offset >= size) {
        await this.#emit(bytes.subarray(offset, offset + size))
        offset += size
        continue
      }
      this.#buffer ??= new Uint8Array(size)
      const taken = Math.min(size - this.#filled, bytes.byteLength - offset)
      this.#buffer.set(bytes.subarray(offset, offset + taken), this.#filled)
      this.#filled += taken
      offset += taken
      if (this.#filled === size) {
        await this.#emit(this.#buffer)
        this.#filled = 0
      }
    }
  }

  /** Emits what is left: the short last chunk, or an empty one if nothing came at all. */
  async finish(): Promise<void> {
    if (this.#filled > 0 || !this.#emitted)
      await this.#emit(this.#buffer?.subarray(0, this.#filled) ?? new Uint8Array(0))
    this.#filled = 0
  }

  async #emit(chunk: Uint8Array): Promise<void> {
    this.#emitted = true
    await this.#onChunk(chunk)
  }
}
