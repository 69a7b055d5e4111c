import type { CID } from 'multiformats/cid'
import { BalancedDag } from './balanced-dag.js'
import { FixedSizeChunker } from './fixed-size-chunker.js'
import type { ImportSettings } from './import-settings.js'
import { type Sha256Engine, sha256Engine } from './sha256.js'
import { encodeLeaf } from './unixfs-nodes.js'

export type UnixfsFileHasherOptions = {
  /** Called after each chunk with the number of bytes hashed so far. */
  onProgress?: ((bytesHashed: number) => void) | undefined
  /** Default: the fastest SHA-256 of this runtime. */
  engine?: Sha256Engine | undefined
}

/**
 * The CID a UnixFS importer gives a file, computed from its bytes as they stream past, in memory
 * bounded by one chunk plus the open links of the DAG. Nothing is stored.
 *
 * @example
 * const hasher = new UnixfsFileHasher(resolveImportSettings())
 * for await (const bytes of stream) await hasher.write(bytes)
 * const { cid, size } = await hasher.finish()
 */
export class UnixfsFileHasher {
  readonly settings: ImportSettings
  readonly #chunker: FixedSizeChunker
  readonly #dag: BalancedDag
  #size = 0

  constructor(
    settings: ImportSettings,
    { onProgress, engine = sha256Engine }: UnixfsFileHasherOptions = {},
  ) {
    this.settings = settings
    this.#dag = new BalancedDag(settings, engine)
    this.#chunker = new FixedSizeChunker(settings.chunkSize, async (chunk) => {
      await this.#dag.addLeaf(await encodeLeaf(chunk, settings, engine))
      this.#size += chunk.byteLength
      onProgress?.(this.#size)
    })
  }

  /** Hashes the next bytes of the file. They may be reused once the promise settles. */
  write(bytes: Uint8Array): Promise<void> {
    return this.#chunker.write(bytes)
  }

  /** The file's CID and size in bytes. Call once, after the last write. */
  async finish(): Promise<{ cid: CID; size: number }> {
    await this.#chunker.finish()
    const root = await this.#dag.finish()
    return { cid: root.cid, size: this.#size }
  }
}
