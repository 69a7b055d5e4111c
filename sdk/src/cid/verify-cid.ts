import * as dagPb from '@ipld/dag-pb'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { type ByteSource, readByteSource } from './byte-source.js'
import { SHA2_256_CODE } from './cid-bytes.js'
import { CidMismatchError, UnsupportedCidError } from './errors.js'
import {
  cidProfiles,
  describeImportSettings,
  type ImportSettings,
  type ImportSettingsOptions,
  resolveImportSettings,
} from './import-settings.js'
import { parseCid } from './parse-cid.js'
import { sha256Engine } from './sha256.js'
import { UnixfsFileHasher } from './unixfs-file-hasher.js'

export type VerifyCidOptions = {
  /**
   * The settings the content was imported with, when known. Default: those the CID implies —
   * `unixfs-v0-2015` for a CIDv0; for a CIDv1 dag-pb root, `unixfs-v1-2025`, the classic
   * `ipfs add --cid-version 1` (raw leaves, 256 KiB chunks, 174 links) and `unixfs-v0-2015` (a
   * CIDv0 written as CIDv1), tried in one pass. A raw CID is one block: the SHA-256 of the whole
   * content.
   */
  settings?: ImportSettingsOptions | undefined
  /** Where the content comes from, for the error message. Default: `the content`. */
  source?: string | undefined
  /** Stops reading and rejects with the signal's reason. */
  signal?: AbortSignal | undefined
}

/** The classic `ipfs add --cid-version 1`. */
const CLASSIC_CID_V1: ImportSettings = {
  ...cidProfiles['unixfs-v0-2015'],
  cidVersion: 1,
  rawLeaves: true,
}

/** Checks streamed content against a CID: see `createCidVerifier`. */
export type CidVerifier = {
  /** The CID checked against. */
  readonly cid: CID
  /** Hashes the next chunk; it may be reused once the promise settles. */
  write(bytes: Uint8Array): Promise<void>
  /** Resolves to the content's size in bytes if it matches; throws `CidMismatchError` if not. */
  finish(): Promise<{ size: number }>
}

type Candidate = {
  settings: string
  write(bytes: Uint8Array): Promise<void> | void
  finish(): Promise<CID>
}

/**
 * Checks content against a CID as it streams past: `write` each chunk, then `finish`, which
 * throws `CidMismatchError` unless the content hashes to the CID under one of the settings tried.
 *
 * @example
 * const verifier = createCidVerifier(cid, { source: url })
 * for await (const chunk of body) await verifier.write(chunk)
 * await verifier.finish() // throws on tampered content
 */
export function createCidVerifier(
  cid: CID | string,
  options: Omit<VerifyCidOptions, 'signal'> = {},
): CidVerifier {
  const expected = parseCid(cid)
  const candidates = candidatesFor(expected, options.settings)
  let size = 0
  return {
    cid: expected,
    async write(bytes: Uint8Array): Promise<void> {
      size += bytes.byteLength
      for (const candidate of candidates) await candidate.write(bytes)
    },
    async finish(): Promise<{ size: number }> {
      const actual: { cid: string; settings: string }[] = []
      for (const candidate of candidates) {
        const cid = await candidate.finish()
        // A CIDv0 and its CIDv1 name the same DAG.
        if (cid.toV1().equals(expected.toV1())) return { size }
        actual.push({ cid: cid.toString(), settings: candidate.settings })
      }
      throw new CidMismatchError({
        expected: expected.toString(),
        actual,
        source: options.source ?? 'the content',
      })
    },
  }
}

/**
 * Checks that content hashes to a CID, reading it once; resolves to its size in bytes, or throws
 * `CidMismatchError`. See `VerifyCidOptions` for the settings tried.
 *
 * @example
 * await verifyCid(bytes, 'bafybei…') // { size: 3145728 }
 */
export async function verifyCid(
  source: ByteSource,
  cid: CID | string,
  options: VerifyCidOptions = {},
): Promise<{ size: number }> {
  const verifier = createCidVerifier(cid, options)
  for await (const chunk of readByteSource(source, { signal: options.signal }))
    await verifier.write(chunk)
  return verifier.finish()
}

function candidatesFor(cid: CID, settings: ImportSettingsOptions | undefined): Candidate[] {
  if (cid.multihash.code !== SHA2_256_CODE || cid.multihash.size !== 32)
    throw new UnsupportedCidError({
      cid: cid.toString(),
      reason: 'its multihash is not sha2-256, so its content cannot be checked here',
      accepted: 'CIDs with a sha2-256 multihash',
    })
  if (cid.code === raw.code) return [rawBlock()]
  if (cid.code !== dagPb.code)
    throw new UnsupportedCidError({
      cid: cid.toString(),
      reason: `its codec 0x${cid.code.toString(16)} is not a UnixFS file`,
      accepted: 'raw (0x55) and dag-pb (0x70) CIDs of files',
    })
  if (settings) return [unixfsFile(resolveImportSettings(settings))]
  if (cid.version === 0) return [unixfsFile(cidProfiles['unixfs-v0-2015'])]
  // Subdomain gateways name CIDv0 content by its CIDv1, so a plain `ipfs add` is a candidate too.
  return [
    unixfsFile(cidProfiles['unixfs-v1-2025']),
    unixfsFile(CLASSIC_CID_V1),
    unixfsFile(cidProfiles['unixfs-v0-2015']),
  ]
}

function unixfsFile(settings: ImportSettings): Candidate {
  const hasher = new UnixfsFileHasher(settings)
  return {
    settings: describeImportSettings(settings),
    write: (bytes) => hasher.write(bytes),
    finish: async () => (await hasher.finish()).cid,
  }
}

function rawBlock(): Candidate {
  const hash = sha256Engine.createStream()
  return {
    settings: 'a single raw block',
    write: (bytes) => hash.update(bytes),
    finish: async () => CID.createV1(raw.code, Digest.create(SHA2_256_CODE, hash.digest())),
  }
}
