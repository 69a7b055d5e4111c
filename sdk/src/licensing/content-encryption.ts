/**
 * The encrypted artifact format, `daimm-aead-v1`: AES-256-GCM over fixed-size chunks, in the STREAM
 * construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015, as age and Tink's streaming AEAD use it).
 * It streams in constant memory both ways. See docs/licensing.md for the layout:
 *
 *   header (32 bytes) = "DAIMMENC" ‖ version 0x01 ‖ algorithm 0x01 ‖ 0x0000 ‖ chunkSize (uint32 BE) ‖ salt (16 bytes)
 *   chunk i           = AES-256-GCM(fileKey, nonce_i, plaintext_i, aad = header) ‖ tag (16 bytes)
 *   fileKey           = HKDF-SHA256(contentKey, salt, "daimm-aead-v1 file key", 32)
 *   nonce_i           = 0x00 × 7 ‖ i (uint32 BE) ‖ last (0x01 on the final chunk, else 0x00)
 *
 * Every chunk but the last holds exactly `chunkSize` plaintext bytes; the last holds 0 to
 * `chunkSize`. The final flag in the nonce makes a stream cut at a chunk boundary fail, the counter
 * makes reordered chunks fail, and the header as associated data makes a changed header fail.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { type ByteSource, readByteSource } from '../cid/byte-source.js'
import { DecryptionError } from './errors.js'

export const CONTENT_MAGIC = 'DAIMMENC'
export const CONTENT_VERSION = 1
export const HEADER_BYTES = 32
export const TAG_BYTES = 16
/** Plaintext bytes per chunk unless told otherwise: 64 KiB. */
export const DEFAULT_CHUNK_BYTES = 65_536
const MAX_CHUNK_BYTES = 16 * 1024 * 1024

/** A fresh 256-bit content key. */
export function generateContentKey(): Uint8Array {
  return new Uint8Array(randomBytes(32))
}

function fileKeyOf(contentKey: Uint8Array, salt: Uint8Array): Buffer {
  if (contentKey.byteLength !== 32) throw new DecryptionError('the content key is not 32 bytes')
  return Buffer.from(hkdfSync('sha256', contentKey, salt, 'daimm-aead-v1 file key', 32))
}

function nonceOf(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12)
  nonce.writeUInt32BE(index, 7)
  nonce[11] = last ? 1 : 0
  return nonce
}

function sealChunk(key: Buffer, header: Buffer, index: number, last: boolean, plain: Uint8Array) {
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(index, last))
  cipher.setAAD(header)
  const body = cipher.update(plain)
  cipher.final()
  return [body, cipher.getAuthTag()] as const
}

/**
 * Bytes received and not yet consumed, as a queue of the chunks they came in: taking `n` bytes
 * copies only when they straddle chunks (never when the source's chunks are whole multiples).
 */
class ChunkQueue {
  private _chunks: Uint8Array[] = []
  length = 0
  push(chunk: Uint8Array) {
    if (chunk.byteLength === 0) return
    this._chunks.push(chunk)
    this.length += chunk.byteLength
  }
  take(n: number): Uint8Array {
    const first = this._chunks[0]
    this.length -= n
    if (first && first.byteLength >= n) {
      if (first.byteLength === n) this._chunks.shift()
      else this._chunks[0] = first.subarray(n)
      return first.subarray(0, n)
    }
    const out = Buffer.allocUnsafe(n)
    let filled = 0
    while (filled < n) {
      const chunk = this._chunks[0] as Uint8Array
      const part = Math.min(chunk.byteLength, n - filled)
      out.set(chunk.subarray(0, part), filled)
      filled += part
      if (part === chunk.byteLength) this._chunks.shift()
      else this._chunks[0] = chunk.subarray(part)
    }
    return out
  }
}

export type EncryptContentOptions = {
  /** Plaintext bytes per chunk (default 64 KiB). */
  chunkSize?: number | undefined
  signal?: AbortSignal | undefined
}

/**
 * Encrypts a byte source to the `daimm-aead-v1` format, chunk by chunk, holding at most two chunks.
 *
 * @example
 * const key = generateContentKey()
 * await pipeline(Readable.from(encryptContent(createReadStream('model.onnx'), key)), createWriteStream('model.onnx.enc'))
 */
export async function* encryptContent(
  source: ByteSource,
  contentKey: Uint8Array,
  { chunkSize = DEFAULT_CHUNK_BYTES, signal }: EncryptContentOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  if (!Number.isInteger(chunkSize) || chunkSize < 16 || chunkSize > MAX_CHUNK_BYTES)
    throw new RangeError(`chunkSize must be an integer from 16 to ${MAX_CHUNK_BYTES}`)
  const header = Buffer.alloc(HEADER_BYTES)
  header.write(CONTENT_MAGIC, 0, 'ascii')
  header[8] = CONTENT_VERSION
  header[9] = 1 // AES-256-GCM
  header.writeUInt32BE(chunkSize, 12)
  const salt = randomBytes(16)
  salt.copy(header, 16)
  const key = fileKeyOf(contentKey, salt)
  yield new Uint8Array(header)
  const pending = new ChunkQueue()
  let index = 0
  for await (const chunk of readByteSource(source, { signal })) {
    pending.push(chunk)
    // Keep at least one byte back: the final chunk is only known at the end.
    while (pending.length > chunkSize)
      yield* sealChunk(key, header, index++, false, pending.take(chunkSize))
  }
  yield* sealChunk(key, header, index, true, pending.take(pending.length))
}

/** The size of the ciphertext of `plaintextBytes` bytes. */
export function encryptedSize(plaintextBytes: number, chunkSize = DEFAULT_CHUNK_BYTES): number {
  const chunks = Math.max(1, Math.ceil(plaintextBytes / chunkSize))
  return HEADER_BYTES + plaintextBytes + chunks * TAG_BYTES
}

/**
 * Decrypts a `daimm-aead-v1` stream, chunk by chunk. Each chunk is authenticated before it is
 * yielded; a stream that is cut short, reordered or changed throws `DecryptionError` at the chunk
 * concerned, so whatever was written from earlier chunks must be thrown away then.
 */
export async function* decryptContent(
  source: ByteSource,
  contentKey: Uint8Array,
  { signal }: { signal?: AbortSignal | undefined } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const pending = new ChunkQueue()
  let header: Buffer | undefined
  let key: Buffer | undefined
  let chunkSize = 0
  let index = 0
  const open = (sealed: Uint8Array, last: boolean) => {
    const decipher = createDecipheriv('aes-256-gcm', key as Buffer, nonceOf(index, last))
    decipher.setAAD(header as Buffer)
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES))
    const plain = decipher.update(sealed.subarray(0, sealed.byteLength - TAG_BYTES))
    try {
      decipher.final()
    } catch {
      throw new DecryptionError(
        `chunk ${index} does not authenticate (tampered, reordered, cut short or another key)`,
      )
    }
    index++
    return plain
  }
  for await (const chunk of readByteSource(source, { signal })) {
    pending.push(chunk)
    if (!header) {
      if (pending.length < HEADER_BYTES) continue
      header = Buffer.from(pending.take(HEADER_BYTES))
      if (header.subarray(0, 8).toString('ascii') !== CONTENT_MAGIC)
        throw new DecryptionError('it is not a DAIMM encrypted artifact (no DAIMMENC header)')
      if (header[8] !== CONTENT_VERSION || header[9] !== 1)
        throw new DecryptionError(`unknown format version ${header[8]}.${header[9]}`)
      chunkSize = header.readUInt32BE(12)
      if (chunkSize < 16 || chunkSize > MAX_CHUNK_BYTES)
        throw new DecryptionError(`the header's chunk size ${chunkSize} is out of range`)
      key = fileKeyOf(contentKey, header.subarray(16, 32))
    }
    const sealedSize = chunkSize + TAG_BYTES
    while (pending.length > sealedSize) yield open(pending.take(sealedSize), false)
  }
  if (!header) throw new DecryptionError('it ends before its header')
  if (pending.length < TAG_BYTES) throw new DecryptionError('it ends inside a chunk')
  const last = open(pending.take(pending.length), true)
  if (last.byteLength) yield last
}
