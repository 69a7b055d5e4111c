/**
 * Encrypted Ethereum JSON keystores (Web3 Secret Storage, version 3), as geth, `cast wallet`,
 * Foundry and MetaMask export them: scrypt or PBKDF2-HMAC-SHA256, then AES-128-CTR, with a
 * keccak-256 MAC that tells a wrong password from a damaged file. Node.js only (`node:crypto`).
 */
import { createDecipheriv, pbkdf2, scrypt } from 'node:crypto'
import { scryptAsync } from '@noble/hashes/scrypt'
import { bytesToHex, type Hex, keccak256 } from 'viem'
import { DaimmError } from '../errors.js'

/** A keystore file that is not a V3 keystore the CLI can read; the message names the field. */
export class InvalidKeystoreError extends DaimmError {
  override name = 'InvalidKeystoreError'
}

/** The password does not open the keystore (its MAC does not match). */
export class KeystorePasswordError extends DaimmError {
  override name = 'KeystorePasswordError'
  constructor(source: string) {
    super(`Wrong password for ${source}: its MAC does not match.`, {
      metaMessages: [
        'Check DAIMM_KEYSTORE_PASSWORD (or what you typed); the keystore itself is not changed.',
      ],
    })
  }
}

/** scrypt parameters above these would take minutes or gigabytes: refused as damaged. */
const MAX_SCRYPT_MEMORY = 2 * 1024 ** 3
const MAX_PBKDF2_ROUNDS = 10_000_000

/** A keystore read and checked, ready to decrypt with a password. */
export type Keystore = {
  /** Names it in messages (its path). */
  source: string
  iv: Buffer
  ciphertext: Buffer
  mac: Buffer
  salt: Buffer
  dklen: number
  kdf: { name: 'scrypt'; n: number; r: number; p: number } | { name: 'pbkdf2'; c: number }
}

/**
 * Reads a V3 keystore without its password: everything but the password is checked here, so
 * that a file that is no keystore is said to be one before anyone is asked for a password.
 *
 * @throws {InvalidKeystoreError} for JSON that is not a V3 keystore with a supported KDF
 * (scrypt, pbkdf2 with hmac-sha256) and cipher (aes-128-ctr).
 */
export function parseKeystore(json: string, source = 'the keystore'): Keystore {
  const invalid = (what: string) => invalidKeystore(source, what)
  let root: unknown
  try {
    root = JSON.parse(json)
  } catch {
    throw invalid('it is not JSON')
  }
  if (!isRecord(root)) throw invalid('it is not a JSON object')
  if (root.version !== 3) throw invalid(`its version is ${JSON.stringify(root.version)}, not 3`)
  // geth writes `crypto`; some older tools wrote `Crypto`.
  const crypto = root.crypto ?? root.Crypto
  if (!isRecord(crypto)) throw invalid('it has no "crypto" object')
  if (crypto.cipher !== 'aes-128-ctr')
    throw invalid(`its cipher is ${JSON.stringify(crypto.cipher)}, and only aes-128-ctr is read`)
  const iv = hexField(crypto.cipherparams, 'iv', 16, invalid)
  const ciphertext = hexField(crypto, 'ciphertext', undefined, invalid)
  const mac = hexField(crypto, 'mac', 32, invalid)
  const params = crypto.kdfparams
  if (!isRecord(params)) throw invalid('it has no "crypto.kdfparams" object')
  const salt = hexField(params, 'salt', undefined, invalid)
  const dklen = positiveInteger(params.dklen, 'dklen', invalid)
  if (dklen < 32) throw invalid(`its dklen is ${dklen}, below the 32 bytes the MAC needs`)
  if (ciphertext.length !== 32) throw invalid(`its key is ${ciphertext.length} bytes, not 32`)
  const keystore = { source, iv, ciphertext, mac, salt, dklen }
  if (crypto.kdf === 'scrypt') {
    const n = positiveInteger(params.n, 'n', invalid)
    const r = positiveInteger(params.r, 'r', invalid)
    const p = positiveInteger(params.p, 'p', invalid)
    if ((n & (n - 1)) !== 0 || n < 2) throw invalid(`its scrypt n ${n} is not a power of two`)
    const memory = scryptMemory(n, r, p)
    if (memory > MAX_SCRYPT_MEMORY) throw invalid(`its scrypt parameters need ${memory} bytes`)
    return { ...keystore, kdf: { name: 'scrypt', n, r, p } }
  }
  if (crypto.kdf === 'pbkdf2') {
    if (params.prf !== 'hmac-sha256')
      throw invalid(`its pbkdf2 prf is ${JSON.stringify(params.prf)}, not hmac-sha256`)
    const c = positiveInteger(params.c, 'c', invalid)
    if (c > MAX_PBKDF2_ROUNDS) throw invalid(`its pbkdf2 count ${c} is implausibly high`)
    return { ...keystore, kdf: { name: 'pbkdf2', c } }
  }
  throw invalid(`its kdf is ${JSON.stringify(crypto.kdf)}, not scrypt or pbkdf2`)
}

/**
 * Decrypts a V3 keystore (its JSON, or as `parseKeystore` read it) with its password and returns
 * the private key as `0x` hex. `source` names the keystore in error messages (its path); neither
 * the password nor the key ever appears in one.
 *
 * @throws {InvalidKeystoreError} for JSON that is not a V3 keystore the CLI reads.
 * @throws {KeystorePasswordError} when the password is wrong.
 * @example
 * const key = await decryptKeystore(await readFile('key.json', 'utf8'), password, 'key.json')
 * const account = privateKeyToAccount(key)
 */
export async function decryptKeystore(
  keystore: string | Keystore,
  password: string,
  source = 'the keystore',
): Promise<Hex> {
  const { iv, ciphertext, mac, salt, dklen, kdf, ...rest } =
    typeof keystore === 'string' ? parseKeystore(keystore, source) : keystore
  let derived: Buffer
  if (kdf.name === 'scrypt') {
    const { n, r, p } = kdf
    const memory = scryptMemory(n, r, p)
    derived = await new Promise<Buffer>((done, fail) =>
      scrypt(password, salt, dklen, { N: n, r, p, maxmem: 2 * memory + 1024 ** 2 }, (error, key) =>
        error ? fail(error) : done(key),
      ),
    ).catch(async () => {
      // OpenSSL refuses some valid parameters (n ≥ 2^(16r), as in the spec's own test vector):
      // the pure-JavaScript scrypt computes the same key, more slowly.
      const key = await scryptAsync(password, salt, {
        N: n,
        r,
        p,
        dkLen: dklen,
        maxmem: 2 * memory,
      })
      return Buffer.from(key)
    })
  } else {
    derived = await new Promise((done, fail) =>
      pbkdf2(password, salt, kdf.c, dklen, 'sha256', (error, key) =>
        error ? fail(invalidKeystore(rest.source, `pbkdf2 failed (${error.message})`)) : done(key),
      ),
    )
  }
  const expected = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]))
  if (expected !== bytesToHex(mac)) throw new KeystorePasswordError(rest.source)
  const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  return bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]))
}

function invalidKeystore(source: string, what: string): InvalidKeystoreError {
  // `the keystore key.json` starts a sentence; a bare path keeps its case.
  const subject = source.replace(/^the /, 'The ')
  return new InvalidKeystoreError(`${subject} is not a V3 Ethereum keystore: ${what}.`, {
    metaMessages: [
      'Give a keystore file as geth, `cast wallet import` or MetaMask export it, or the key in DAIMM_PRIVATE_KEY.',
    ],
  })
}

/** What scrypt needs, in bytes: its V array and its B blocks. */
function scryptMemory(n: number, r: number, p: number): number {
  return 128 * n * r + 128 * r * p
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hexField(
  parent: unknown,
  name: string,
  length: number | undefined,
  invalid: (what: string) => Error,
): Buffer {
  const value = isRecord(parent) ? parent[name] : undefined
  const text = typeof value === 'string' ? value.replace(/^0x/, '') : undefined
  if (text === undefined || !/^([0-9a-fA-F]{2})+$/.test(text))
    throw invalid(`its "${name}" is not hex`)
  const bytes = Buffer.from(text, 'hex')
  if (length !== undefined && bytes.length !== length)
    throw invalid(`its "${name}" is ${bytes.length} bytes, not ${length}`)
  return bytes
}

function positiveInteger(value: unknown, name: string, invalid: (what: string) => Error): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw invalid(`its kdfparams.${name} is not a positive integer`)
  return value as number
}
