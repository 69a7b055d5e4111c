/**
 * A content key wrapped to a licensee's X25519 public key, so that only the holder of the private
 * key can read it (an ECIES, as HPKE's base mode builds it from the same parts):
 *
 *   shared  = X25519(ephemeralPrivate, recipientPublic)
 *   kek     = HKDF-SHA256(shared, salt = ephemeralPublic ‖ recipientPublic, info = "daimm-key-wrap-v1" ‖ modelId, 32)
 *   wrapped = AES-256-GCM(kek, nonce = 0 × 12, contentKey, aad = modelId) ‖ tag
 *
 * The kek is used once (the ephemeral key is fresh), so a fixed nonce is safe. Keys travel as
 * base64url of their 32 raw bytes.
 */
import { gcm } from '@noble/ciphers/aes.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes } from '@noble/hashes/utils.js'
import { type Hex, hexToBytes, toHex } from 'viem'
import { fromBase64Url, toBase64Url } from './base64url.js'
import { DecryptionError } from './errors.js'

/**
 * A recipient's key pair; `publicKey` is what a request for a key sends. The private key is the
 * raw 32-byte X25519 scalar: keep it in memory, for one key release.
 */
export type WrappingKeyPair = { publicKey: string; privateKey: Uint8Array }

export type WrappedContentKey = {
  /** The gateway's ephemeral X25519 public key, base64url. */
  ephemeralPublicKey: string
  /** The content key sealed with AES-256-GCM and its tag, base64url. */
  ciphertext: string
}

// The same primitives in Node.js and browsers, synchronous (as this API has always been): X25519
// from @noble/curves (WebCrypto's X25519 is missing from some browsers), HKDF from @noble/hashes,
// and AES-256-GCM of the 32-byte key from @noble/ciphers (WebCrypto's is asynchronous only). The
// bytes are those of node:crypto's (test/unit/licensing/interop.test.ts).
const KEY_WRAP_INFO = new TextEncoder().encode('daimm-key-wrap-v1')
const ZERO_NONCE = new Uint8Array(12)

/** A fresh X25519 key pair to receive one content key. */
export function createWrappingKeyPair(): WrappingKeyPair {
  const privateKey = x25519.utils.randomPrivateKey()
  return { publicKey: toBase64Url(x25519.getPublicKey(privateKey)), privateKey }
}

function publicKeyOf(raw: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]{43}$/.test(raw))
    throw new DecryptionError('the public key is not 32 bytes of base64url')
  return fromBase64Url(raw)
}

/** X25519; an all-zero result (a small-order public key) is refused, as node:crypto refuses it. */
function sharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  try {
    return x25519.getSharedSecret(privateKey, publicKey)
  } catch {
    throw new DecryptionError('the public key is not a usable X25519 key')
  }
}

function kekOf(shared: Uint8Array, ephemeral: string, recipient: string, modelId: Hex): Uint8Array {
  const salt = concatBytes(fromBase64Url(ephemeral), fromBase64Url(recipient))
  const info = concatBytes(KEY_WRAP_INFO, modelIdBytes(modelId))
  return hkdf(sha256, shared, salt, info, 32)
}

const modelIdBytes = (modelId: Hex) => hexToBytes(toHex(BigInt(modelId), { size: 32 }))

/** Wraps a content key to a recipient's public key (what the gateway does on a key release). */
export function wrapContentKey({
  contentKey,
  recipientPublicKey,
  modelId,
}: {
  contentKey: Uint8Array
  recipientPublicKey: string
  modelId: Hex
}): WrappedContentKey {
  const recipient = publicKeyOf(recipientPublicKey)
  const ephemeral = x25519.utils.randomPrivateKey()
  const ephemeralPublicKey = toBase64Url(x25519.getPublicKey(ephemeral))
  const shared = sharedSecret(ephemeral, recipient)
  const kek = kekOf(shared, ephemeralPublicKey, recipientPublicKey, modelId)
  const sealed = gcm(kek, ZERO_NONCE, modelIdBytes(modelId)).encrypt(contentKey)
  return { ephemeralPublicKey, ciphertext: toBase64Url(sealed) }
}

/** Unwraps a content key with the recipient's private key. */
export function unwrapContentKey({
  wrapped,
  keyPair,
  modelId,
}: {
  wrapped: WrappedContentKey
  keyPair: WrappingKeyPair
  modelId: Hex
}): Uint8Array {
  const shared = sharedSecret(keyPair.privateKey, publicKeyOf(wrapped.ephemeralPublicKey))
  const kek = kekOf(shared, wrapped.ephemeralPublicKey, keyPair.publicKey, modelId)
  let sealed: Uint8Array
  try {
    sealed = fromBase64Url(wrapped.ciphertext)
  } catch {
    throw new DecryptionError('the wrapped key is not base64url')
  }
  if (sealed.byteLength !== 48) throw new DecryptionError('the wrapped key is not 48 bytes')
  try {
    return gcm(kek, ZERO_NONCE, modelIdBytes(modelId)).decrypt(sealed)
  } catch {
    throw new DecryptionError('the wrapped key was not wrapped to this key pair for this model')
  }
}
