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
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto'
import { type Hex, hexToBytes, toHex } from 'viem'
import { DecryptionError } from './errors.js'

/** A recipient's key pair; `publicKey` is what a request for a key sends. */
export type WrappingKeyPair = { publicKey: string; privateKey: KeyObject }

export type WrappedContentKey = {
  /** The gateway's ephemeral X25519 public key, base64url. */
  ephemeralPublicKey: string
  /** The content key sealed with AES-256-GCM and its tag, base64url. */
  ciphertext: string
}

/** A fresh X25519 key pair to receive one content key. */
export function createWrappingKeyPair(): WrappingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519')
  return { publicKey: rawOf(publicKey), privateKey }
}

const rawOf = (key: KeyObject): string => key.export({ format: 'jwk' }).x as string

function publicKeyOf(raw: string): KeyObject {
  if (!/^[A-Za-z0-9_-]{43}$/.test(raw))
    throw new DecryptionError('the public key is not 32 bytes of base64url')
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' })
}

function kekOf(shared: Buffer, ephemeral: string, recipient: string, modelId: Hex): Buffer {
  const salt = Buffer.concat([
    Buffer.from(ephemeral, 'base64url'),
    Buffer.from(recipient, 'base64url'),
  ])
  const info = Buffer.concat([Buffer.from('daimm-key-wrap-v1'), modelIdBytes(modelId)])
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32))
}

const modelIdBytes = (modelId: Hex) => Buffer.from(hexToBytes(toHex(BigInt(modelId), { size: 32 })))

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
  const ephemeral = generateKeyPairSync('x25519')
  const ephemeralPublicKey = rawOf(ephemeral.publicKey)
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient })
  const kek = kekOf(shared, ephemeralPublicKey, recipientPublicKey, modelId)
  const cipher = createCipheriv('aes-256-gcm', kek, Buffer.alloc(12))
  cipher.setAAD(modelIdBytes(modelId))
  const sealed = Buffer.concat([cipher.update(contentKey), cipher.final(), cipher.getAuthTag()])
  return { ephemeralPublicKey, ciphertext: sealed.toString('base64url') }
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
  const shared = diffieHellman({
    privateKey: keyPair.privateKey,
    publicKey: publicKeyOf(wrapped.ephemeralPublicKey),
  })
  const kek = kekOf(shared, wrapped.ephemeralPublicKey, keyPair.publicKey, modelId)
  const sealed = Buffer.from(wrapped.ciphertext, 'base64url')
  if (sealed.byteLength !== 48) throw new DecryptionError('the wrapped key is not 48 bytes')
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.alloc(12))
  decipher.setAAD(modelIdBytes(modelId))
  decipher.setAuthTag(sealed.subarray(32))
  const key = decipher.update(sealed.subarray(0, 32))
  try {
    decipher.final()
  } catch {
    throw new DecryptionError('the wrapped key was not wrapped to this key pair for this model')
  }
  return new Uint8Array(key)
}
