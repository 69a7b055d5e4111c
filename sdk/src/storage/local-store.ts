/**
 * A content-addressed directory on disk (Node.js only, exported by `@daimm/sdk/node`).
 */
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type ByteSource, readByteSource } from '../cid/byte-source.js'
import { FileReadError } from '../cid/errors.js'
import {
  type ImportSettings,
  type ImportSettingsOptions,
  resolveImportSettings,
} from '../cid/import-settings.js'
import type { CID } from '../cid/index.js'
import { parseCid } from '../cid/parse-cid.js'
import { UnixfsFileHasher } from '../cid/unixfs-file-hasher.js'
import { ContentNotFoundError } from './errors.js'
import type {
  ContentStore,
  PutContentOptions,
  PutContentReturnType,
  ReadContentOptions,
} from './types.js'
import { collectBytes, verifiedChunks } from './verified-read.js'

export type LocalStoreOptions = {
  /** The directory to keep content in; created on the first `put`. */
  directory: string
  /**
   * Import settings of a `put` whose options name none (no profile, version, leaves, chunk size
   * or width). Default: `unixfs-v1-2025`.
   */
  settings?: ImportSettingsOptions | undefined
}

export type LocalStore = ContentStore & {
  /** The directory, as an absolute path. */
  readonly directory: string
  /** Stores a file from disk, streaming it. */
  putFile(path: string, options?: PutContentOptions): Promise<PutContentReturnType>
  /** Whether the store holds the content of `cid` (a CIDv0 and its CIDv1 are the same). */
  has(cid: CID | string): Promise<boolean>
  /** The CIDs of everything stored, as CIDv1, sorted. */
  list(): Promise<CID[]>
  /** Removes the content of `cid`; false if it was not there. */
  delete(cid: CID | string): Promise<boolean>
  /**
   * Where the content of `cid` is (or would be) on disk, to hand to a library that reads files.
   * Reading it there skips verification.
   */
  pathOf(cid: CID | string): string
}

/** What is recorded next to each content file: how it was imported, to verify it against. */
type ContentRecord = { size: number; settings: ImportSettings }

/**
 * A content-addressed local store: each content in a file named by its CID (as CIDv1, so that
 * `Qm…` and `bafy…` forms of one DAG are one entry), with a small JSON record of the import
 * settings beside it. Writes go to a temporary file renamed into place, so a reader never sees a
 * partial file; reads re-hash the content and throw `CidMismatchError` if the file was changed.
 *
 * @example
 * import { createLocalStore } from '@daimm/sdk/node'
 * const store = createLocalStore({ directory: '.daimm/store' })
 * const { cid } = await store.putFile('./model.onnx')
 * const bytes = await store.get(cid) // verified
 */
export function createLocalStore(options: LocalStoreOptions): LocalStore {
  const directory = resolve(options.directory)
  const pathOf = (cid: CID | string) => join(directory, parseCid(cid).toV1().toString())
  const recordPathOf = (cid: CID | string) => `${pathOf(cid)}.json`

  async function put(
    source: ByteSource,
    putOptions: PutContentOptions = {},
  ): Promise<PutContentReturnType> {
    const settings = resolveImportSettings(
      namesImportSettings(putOptions) ? putOptions : (options.settings ?? {}),
    )
    const hasher = new UnixfsFileHasher(settings, { onProgress: putOptions.onProgress })
    await mkdir(directory, { recursive: true })
    const temporary = join(directory, `.put-${randomUUID()}`)
    const handle = await open(temporary, 'wx')
    try {
      for await (const chunk of readByteSource(source, { signal: putOptions.signal })) {
        // The disk write runs on libuv's pool while this thread hashes.
        const writing = writeAll(handle, chunk)
        await hasher.write(chunk)
        await writing
      }
      await handle.datasync()
      await handle.close()
      const { cid, size } = await hasher.finish()
      const record: ContentRecord = { size, settings }
      await writeFile(recordPathOf(cid), `${JSON.stringify(record)}\n`)
      await rename(temporary, pathOf(cid))
      return { cid, size }
    } catch (error) {
      await handle.close().catch(() => {})
      await rm(temporary, { force: true })
      throw error
    }
  }

  function cat(cid: CID | string, readOptions: ReadContentOptions = {}): AsyncIterable<Uint8Array> {
    const expected = parseCid(cid)
    const path = pathOf(expected)
    async function* content() {
      try {
        await stat(path)
      } catch (cause) {
        if ((cause as { code?: string }).code === 'ENOENT')
          throw new ContentNotFoundError({
            cid: expected.toString(),
            where: `The local store ${directory}`,
          })
        throw new FileReadError({ path, cause })
      }
      yield* readByteSource(createReadStream(path, { signal: readOptions.signal }))
    }
    return (async function* () {
      const settings = readOptions.settings ?? (await readRecord(recordPathOf(expected)))?.settings
      yield* verifiedChunks(content(), expected, { settings, source: path })
    })()
  }

  return {
    directory,
    put,
    putFile: async (path, putOptions) => {
      const stream = createReadStream(path)
      // Fail on a missing file or a directory before anything is written.
      await new Promise<void>((ready, fail) => {
        stream
          .once('ready', ready)
          .once('error', (cause) => fail(new FileReadError({ path, cause })))
      })
      return put(stream, putOptions)
    },
    cat,
    get: async (cid, readOptions) => collectBytes(cat(cid, readOptions)),
    has: async (cid) => {
      try {
        return (await stat(pathOf(cid))).isFile()
      } catch {
        return false
      }
    },
    list: async () => {
      const names = await readdir(directory).catch((error: { code?: string }) => {
        if (error.code === 'ENOENT') return []
        throw error
      })
      const cids: CID[] = []
      for (const name of names.sort()) {
        if (name.startsWith('.') || name.endsWith('.json')) continue
        try {
          cids.push(parseCid(name))
        } catch {
          // Not ours: left alone.
        }
      }
      return cids
    },
    delete: async (cid) => {
      const path = pathOf(cid)
      const existed = await stat(path).then(
        () => true,
        () => false,
      )
      await rm(path, { force: true })
      await rm(recordPathOf(cid), { force: true })
      return existed
    },
    pathOf,
  }
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, chunk: Uint8Array) {
  for (let offset = 0; offset < chunk.byteLength; ) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset)
    offset += bytesWritten
  }
}

/** The record of a content file, or undefined if it is missing or unreadable (then the CID's usual settings are tried). */
async function readRecord(path: string): Promise<ContentRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as Partial<ContentRecord>
    return record.settings
      ? { size: Number(record.size), settings: resolveImportSettings(record.settings) }
      : undefined
  } catch {
    return undefined
  }
}

function namesImportSettings(options: ImportSettingsOptions): boolean {
  const keys = ['profile', 'cidVersion', 'rawLeaves', 'chunkSize', 'maxChildrenPerNode'] as const
  return keys.some((key) => options[key] !== undefined)
}
