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
import { type ByteSource, readByteSource } from '../cid/byte-source.js'
import { DecryptionError } from './errors.js'

export const CONTENT_MAGIC = 'DAIMMENC'
export const CONTENT_VERSION = 1
export const HEADER_BYTES = 32
export const TAG_BYTES = 16
/** Plaintext bytes per chunk unless told otherwise: 64 KiB. */
export const DEFAULT_CHUNK_BYTES = 65_536
const MAX_CHUNK_BYTES = 16 * 1024 * 1024
/**
 * Chunks sealed or opened at once. WebCrypto is asynchronous: one call at a time pays its round
 * trip (a thread-pool job in Node.js) on every chunk; a few in flight overlap those round trips and
 * use a second core. Memory stays constant: at most this many chunks are held.
 */
const CHUNKS_IN_FLIGHT = 4
const FILE_KEY_INFO = new TextEncoder().encode('daimm-aead-v1 file key')

// WebCrypto's types as this runtime declares them (the SDK compiles without the DOM library).
type Subtle = typeof globalThis.crypto.subtle
type CryptoKey = Awaited<ReturnType<Subtle['importKey']>>
type AesGcmParams = Parameters<Subtle['encrypt']>[0]
type BufferSource = Parameters<Subtle['encrypt']>[2]

/** WebCrypto: in browsers, Node.js ≥ 20, Deno and Bun (a secure context in browsers: https or localhost). */
function subtle(): Subtle {
  const s = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle
  if (!s)
    throw new DecryptionError(
      'this runtime has no WebCrypto (crypto.subtle); in a browser, open the page over https or localhost',
    )
  return s
}

/** A fresh 256-bit content key. */
export function generateContentKey(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32))
}

async function fileKeyOf(contentKey: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  if (contentKey.byteLength !== 32) throw new DecryptionError('the content key is not 32 bytes')
  const s = subtle()
  const ikm = await s.importKey('raw', contentKey as BufferSource, 'HKDF', false, ['deriveKey'])
  return s.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: FILE_KEY_INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

function nonceOf(index: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(12)
  new DataView(nonce.buffer).setUint32(7, index)
  nonce[11] = last ? 1 : 0
  return nonce
}

const gcm = (header: Uint8Array, index: number, last: boolean): AesGcmParams => ({
  name: 'AES-GCM',
  iv: nonceOf(index, last) as BufferSource,
  additionalData: header as BufferSource,
  tagLength: TAG_BYTES * 8,
})

/**
 * Settles in order what was started in order, with at most `CHUNKS_IN_FLIGHT` pending. A rejection
 * is handled at once (so none goes unhandled when the stream stops early) and thrown when its turn
 * comes.
 */
class InOrder {
  private _pending: Promise<Uint8Array>[] = []
  get full() {
    return this._pending.length >= CHUNKS_IN_FLIGHT
  }
  get size() {
    return this._pending.length
  }
  add(work: Promise<Uint8Array>) {
    work.catch(() => {})
    this._pending.push(work)
  }
  next(): Promise<Uint8Array> {
    return this._pending.shift() as Promise<Uint8Array>
  }
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
    const out = new Uint8Array(n)
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
  const header = new Uint8Array(HEADER_BYTES)
  header.set(new TextEncoder().encode(CONTENT_MAGIC), 0)
  header[8] = CONTENT_VERSION
  header[9] = 1 // AES-256-GCM
  new DataView(header.buffer).setUint32(12, chunkSize)
  header.set(globalThis.crypto.getRandomValues(new Uint8Array(16)), 16)
  const key = await fileKeyOf(contentKey, header.subarray(16, 32))
  const s = subtle()
  // WebCrypto copies its input when called: the source may reuse its buffers afterwards.
  const seal = async (index: number, last: boolean, plain: Uint8Array) =>
    new Uint8Array(await s.encrypt(gcm(header, index, last), key, plain as BufferSource))
  yield header.slice()
  const pending = new ChunkQueue()
  const sealed = new InOrder()
  let index = 0
  for await (const chunk of readByteSource(source, { signal })) {
    pending.push(chunk)
    // Keep at least one byte back: the final chunk is only known at the end.
    while (pending.length > chunkSize) {
      sealed.add(seal(index++, false, pending.take(chunkSize)))
      if (sealed.full) yield await sealed.next()
    }
  }
  sealed.add(seal(index, true, pending.take(pending.length)))
  while (sealed.size) yield await sealed.next()
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
  const opened = new InOrder()
  let header: Uint8Array | undefined
  let key: CryptoKey | undefined
  let chunkSize = 0
  let index = 0
  const s = subtle()
  const open = async (sealed: Uint8Array, at: number, last: boolean) => {
    try {
      return new Uint8Array(
        await s.decrypt(
          gcm(header as Uint8Array, at, last),
          key as CryptoKey,
          sealed as BufferSource,
        ),
      )
    } catch {
      throw new DecryptionError(
        `chunk ${at} does not authenticate (tampered, reordered, cut short or another key)`,
      )
    }
  }
  for await (const chunk of readByteSource(source, { signal })) {
    pending.push(chunk)
    if (!header) {
      if (pending.length < HEADER_BYTES) continue
      // A copy of its own (a Node.js Buffer's `slice` would share memory).
      header = new Uint8Array(HEADER_BYTES)
      header.set(pending.take(HEADER_BYTES))
      if (new TextDecoder().decode(header.subarray(0, 8)) !== CONTENT_MAGIC)
        throw new DecryptionError('it is not a DAIMM encrypted artifact (no DAIMMENC header)')
      if (header[8] !== CONTENT_VERSION || header[9] !== 1)
        throw new DecryptionError(`unknown format version ${header[8]}.${header[9]}`)
      chunkSize = new DataView(header.buffer).getUint32(12)
      if (chunkSize < 16 || chunkSize > MAX_CHUNK_BYTES)
        throw new DecryptionError(`the header's chunk size ${chunkSize} is out of range`)
      key = await fileKeyOf(contentKey, header.subarray(16, 32))
    }
    const sealedSize = chunkSize + TAG_BYTES
    while (pending.length > sealedSize) {
      opened.add(open(pending.take(sealedSize), index++, false))
      // Each chunk is yielded only once it has authenticated, in order.
      if (opened.full) yield await opened.next()
    }
  }
  if (!header) throw new DecryptionError('it ends before its header')
  if (pending.length < TAG_BYTES) {
    // The chunks before are whole, but the stream is cut: none of it may be used.
    while (opened.size) await opened.next()
    throw new DecryptionError('it ends inside a chunk')
  }
  opened.add(open(pending.take(pending.length), index, true))
  while (opened.size) {
    const plain = await opened.next()
    if (plain.byteLength) yield plain
  }
}
