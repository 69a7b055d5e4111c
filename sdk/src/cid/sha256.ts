import { sha256 as nobleSha256 } from '@noble/hashes/sha2'

/** SHA-256 of a whole file, fed in pieces. */
export type Sha256Stream = {
  update(data: Uint8Array): void
  digest(): Uint8Array
}

/** The SHA-256 implementation hashing runs on. */
export type Sha256Engine = {
  /** Which implementation this is, for benchmarks and bug reports. */
  readonly name: 'node:crypto' | 'webcrypto' | '@noble/hashes'
  /**
   * SHA-256 of one block. The bytes are read before the promise settles, but callers must not
   * change them until it has.
   */
  digest(data: Uint8Array): Promise<Uint8Array>
  /** An incremental hash (WebCrypto has none, so browsers use @noble/hashes for it). */
  createStream(): Sha256Stream
}

type NodeCrypto = {
  createHash(algorithm: 'sha256'): {
    update(data: Uint8Array): unknown
    digest(): Uint8Array
  }
}

type SubtleDigest = {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>
}

/**
 * The fastest SHA-256 this runtime offers without importing a Node.js built-in, so that this
 * module bundles for browsers unchanged:
 * - Node.js ≥ 20.16 (and Deno, Bun): `node:crypto` through `process.getBuiltinModule`, the API
 *   Node.js provides for exactly this (≈ 1.25 GB/s on one core with SHA extensions);
 * - browsers and older Node.js: WebCrypto for blocks (≈ 0.9 GB/s in Node.js 20), and
 *   @noble/hashes for the incremental whole-file hash (≈ 0.12 GB/s, plain JavaScript);
 * - elsewhere (no secure context): @noble/hashes for both.
 */
export const sha256Engine: Sha256Engine = availableSha256Engines()[0] ?? nobleEngine()

/** Every engine this runtime can run, fastest first (tests compare them). */
export function availableSha256Engines(): Sha256Engine[] {
  const engines: Sha256Engine[] = []
  const nodeCrypto = loadNodeCrypto()
  if (nodeCrypto) engines.push(nodeCryptoEngine(nodeCrypto))
  const subtle = (globalThis as { crypto?: { subtle?: SubtleDigest } }).crypto?.subtle
  if (subtle && typeof subtle.digest === 'function') engines.push(webCryptoEngine(subtle))
  engines.push(nobleEngine())
  return engines
}

function loadNodeCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process
  try {
    const crypto = process?.getBuiltinModule?.('crypto') as Partial<NodeCrypto> | undefined
    return typeof crypto?.createHash === 'function' ? (crypto as NodeCrypto) : undefined
  } catch {
    return undefined
  }
}

function nodeCryptoEngine(crypto: NodeCrypto): Sha256Engine {
  const hash = (data: Uint8Array) => {
    const digest = crypto.createHash('sha256').update(data) as ReturnType<NodeCrypto['createHash']>
    return asPlainBytes(digest.digest())
  }
  return {
    name: 'node:crypto',
    digest: (data) => Promise.resolve(hash(data)),
    createStream: () => {
      const state = crypto.createHash('sha256')
      return {
        update: (data) => {
          state.update(data)
        },
        digest: () => asPlainBytes(state.digest()),
      }
    },
  }
}

function webCryptoEngine(subtle: SubtleDigest): Sha256Engine {
  return {
    name: 'webcrypto',
    digest: async (data) => new Uint8Array(await subtle.digest('SHA-256', data)),
    createStream: nobleStream,
  }
}

function nobleEngine(): Sha256Engine {
  return {
    name: '@noble/hashes',
    digest: (data) => Promise.resolve(nobleSha256(data)),
    createStream: nobleStream,
  }
}

function nobleStream(): Sha256Stream {
  const state = nobleSha256.create()
  return {
    update: (data) => {
      state.update(data)
    },
    digest: () => state.digest(),
  }
}

/** A Node.js Buffer as a plain Uint8Array over the same memory, so results compare by value. */
function asPlainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
