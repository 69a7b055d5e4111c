/**
 * Hashing files by path, in Node.js: the node-only variants of `computeCid`, `fingerprint` and
 * `hashArtifact`, exported by `@daimm/sdk/node`.
 */
import { open } from 'node:fs/promises'
import { type ComputeCidOptions, type ComputeCidReturnType, computeCid } from './compute-cid.js'
import { FileReadError } from './errors.js'
import { type FingerprintOptions, fingerprint } from './fingerprint.js'
import {
  type HashArtifactOptions,
  type HashArtifactReturnType,
  hashArtifact,
} from './hash-artifact.js'
import { resolveImportSettings } from './import-settings.js'

/** Bytes read from disk per call: whole chunks, so that leaves hash without a copy. */
const READ_SIZE = 1_048_576

/**
 * The CID of a file on disk, as `computeCid` gives it for its bytes. Reads in constant memory
 * (two 1 MiB buffers, whatever the file size). Throws `FileReadError` for a missing file or a
 * directory.
 *
 * @example
 * import { computeFileCid } from '@daimm/sdk/node'
 * const { cid, size } = await computeFileCid('./model.onnx')
 */
export async function computeFileCid(
  path: string,
  options: ComputeCidOptions = {},
): Promise<ComputeCidReturnType> {
  const { chunkSize } = resolveImportSettings(options)
  return readingFile(path, (chunks) => computeCid(chunks, options), chunkSize)
}

/**
 * The fingerprint (SHA-256, the model id) of a file on disk, as `fingerprint` gives it for its
 * bytes.
 *
 * @example
 * import { fingerprintFile } from '@daimm/sdk/node'
 * const modelId = BigInt(await fingerprintFile('./model.onnx'))
 */
export function fingerprintFile(path: string, options: FingerprintOptions = {}) {
  return readingFile(path, (chunks) => fingerprint(chunks, options), READ_SIZE)
}

/**
 * CID, fingerprint and size of a file on disk, read once, as `hashArtifact` gives them.
 *
 * @example
 * import { hashArtifactFile } from '@daimm/sdk/node'
 * const { cid, fingerprint, size } = await hashArtifactFile('./model.onnx', { profile: 'unixfs-v0-2015' })
 */
export async function hashArtifactFile(
  path: string,
  options: HashArtifactOptions = {},
): Promise<HashArtifactReturnType> {
  const { chunkSize } = resolveImportSettings(options)
  return readingFile(path, (chunks) => hashArtifact(chunks, options), chunkSize)
}

async function readingFile<T>(
  path: string,
  hash: (chunks: AsyncIterable<Uint8Array>) => Promise<T>,
  chunkSize: number,
): Promise<T> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
    // Opening a directory succeeds on Linux; reading it fails with EISDIR. Say so up front.
    if ((await handle.stat()).isDirectory()) {
      await handle.close()
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), {
        code: 'EISDIR',
      })
    }
  } catch (cause) {
    throw new FileReadError({ path, cause })
  }
  // Whole chunks per read when chunks are small; at least one chunk when they are large.
  const readSize = chunkSize * Math.max(1, Math.floor(READ_SIZE / chunkSize))
  try {
    return await hash(readChunks(handle, readSize, path))
  } finally {
    await handle.close()
  }
}

/**
 * The file's bytes in reads of `readSize`, into two buffers used in turn: the next read runs while
 * the caller hashes the current chunk. A chunk is only valid until the next one is asked for, which
 * suits hashing, not keeping.
 */
async function* readChunks(
  handle: Awaited<ReturnType<typeof open>>,
  readSize: number,
  path: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const buffers = [new Uint8Array(readSize), new Uint8Array(readSize)] as const
  let turn = 0
  const read = (buffer: Uint8Array) =>
    handle.read(buffer, 0, buffer.byteLength, null).catch((cause: unknown) => {
      throw new FileReadError({ path, cause })
    })
  let next = read(buffers[0])
  try {
    for (;;) {
      const { bytesRead, buffer } = await next
      if (bytesRead === 0) return
      turn ^= 1
      next = read(turn ? buffers[1] : buffers[0])
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    // Stopped early: let the read in flight finish before the file is closed.
    await next.catch(() => {})
  }
}
