import type { ByteSource } from '../cid/byte-source.js'
import type { ComputeCidOptions } from '../cid/compute-cid.js'
import type { ImportSettingsOptions } from '../cid/import-settings.js'
import type { CID } from '../cid/index.js'

export type ReadContentOptions = {
  /**
   * The settings the content was imported with, to verify it against. Default: those its CID
   * implies (see `verifyCid`), or those recorded when it was stored.
   */
  settings?: ImportSettingsOptions | undefined
  /** Stops the read and rejects with the signal's reason. */
  signal?: AbortSignal | undefined
}

export type PutContentOptions = ComputeCidOptions

export type PutContentReturnType = {
  /** The content's CID under the settings used. */
  cid: CID
  /** Size of the content in bytes. */
  size: number
}

/** Reads content by CID, and never returns bytes that do not hash to it. */
export type ContentReader = {
  /**
   * The content, verified, in memory.
   * Throws `CidMismatchError` if it does not match and `ContentNotFoundError` if it is missing.
   */
  get(cid: CID | string, options?: ReadContentOptions): Promise<Uint8Array>
  /**
   * The content as a stream of chunks, verified as it passes: the last chunk is held back until
   * the whole content has been checked, and `CidMismatchError` is thrown in its place if it does
   * not match. Whatever was written from the earlier chunks must then be thrown away.
   */
  cat(cid: CID | string, options?: ReadContentOptions): AsyncIterable<Uint8Array>
}

/** Stores content under its CID, and reads it back verified. */
export type ContentStore = ContentReader & {
  /**
   * Stores the content and returns its CID under the given import settings (default
   * `unixfs-v1-2025`). A streamed source's chunks must not be changed after they are yielded.
   */
  put(source: ByteSource, options?: PutContentOptions): Promise<PutContentReturnType>
}
