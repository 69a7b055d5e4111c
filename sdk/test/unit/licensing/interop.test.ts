/**
 * The licensing code runs on WebCrypto and @noble (so that it runs in browsers too); it was first
 * written on node:crypto. The bytes on the wire must not have changed: a vector made by the
 * node:crypto code decrypts and unwraps, and the format and the key wrap, written here again on
 * node:crypto as docs/licensing.md describes them, read what the SDK writes and the reverse.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type Hex, hexToBytes, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  createWrappingKeyPair,
  DecryptionError,
  decryptContent,
  encryptContent,
  unwrapContentKey,
  wrapContentKey,
} from '../../../src/licensing/index.js'

const vector = JSON.parse(
  readFileSync(new URL('./node-crypto-vector.json', import.meta.url), 'utf8'),
) as {
  contentKey: string
  plaintext: string
  chunkSize: number
  ciphertext: string
  modelId: Hex
  recipient: { publicKey: string; privateKey: string }
  wrapped: { ephemeralPublicKey: string; ciphertext: string }
}

const collect = async (chunks: AsyncIterable<Uint8Array>) => {
  const parts: Uint8Array[] = []
  for await (const c of chunks) parts.push(c)
  return Buffer.concat(parts)
}
function* pieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size)
}

// daimm-aead-v1 on node:crypto, straight from docs/licensing.md.
const nodeFileKey = (contentKey: Uint8Array, salt: Uint8Array) =>
  Buffer.from(hkdfSync('sha256', contentKey, salt, 'daimm-aead-v1 file key', 32))
function nodeNonce(index: number, last: boolean) {
  const nonce = Buffer.alloc(12)
  nonce.writeUInt32BE(index, 7)
  nonce[11] = last ? 1 : 0
  return nonce
}
function nodeEncrypt(plain: Buffer, contentKey: Uint8Array, chunkSize: number): Buffer {
  const header = Buffer.alloc(32)
  header.write('DAIMMENC', 0, 'ascii')
  header[8] = 1
  header[9] = 1
  header.writeUInt32BE(chunkSize, 12)
  randomBytes(16).copy(header, 16)
  const key = nodeFileKey(contentKey, header.subarray(16))
  const out = [header]
  const chunks = Math.max(1, Math.ceil(plain.byteLength / chunkSize))
  for (let i = 0; i < chunks; i++) {
    const cipher = createCipheriv('aes-256-gcm', key, nodeNonce(i, i === chunks - 1))
    cipher.setAAD(header)
    out.push(cipher.update(plain.subarray(i * chunkSize, (i + 1) * chunkSize)), cipher.final())
    out.push(cipher.getAuthTag())
  }
  return Buffer.concat(out)
}
function nodeDecrypt(sealed: Buffer, contentKey: Uint8Array): Buffer {
  const header = sealed.subarray(0, 32)
  const sealedChunk = header.readUInt32BE(12) + 16
  const key = nodeFileKey(contentKey, header.subarray(16))
  const out: Buffer[] = []
  const body = sealed.subarray(32)
  const chunks = Math.max(1, Math.ceil(body.byteLength / sealedChunk))
  for (let i = 0; i < chunks; i++) {
    const chunk = body.subarray(i * sealedChunk, (i + 1) * sealedChunk)
    const decipher = createDecipheriv('aes-256-gcm', key, nodeNonce(i, i === chunks - 1))
    decipher.setAAD(header)
    decipher.setAuthTag(chunk.subarray(chunk.byteLength - 16))
    out.push(decipher.update(chunk.subarray(0, chunk.byteLength - 16)), decipher.final())
  }
  return Buffer.concat(out)
}

// daimm-key-wrap-v1 on node:crypto.
const modelIdBytes = (modelId: Hex) => Buffer.from(hexToBytes(toHex(BigInt(modelId), { size: 32 })))
const rawOf = (key: KeyObject) => key.export({ format: 'jwk' }).x as string
const publicOf = (x: string) =>
  createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' })
const kekOf = (shared: Buffer, ephemeral: string, recipient: string, modelId: Hex) =>
  Buffer.from(
    hkdfSync(
      'sha256',
      shared,
      Buffer.concat([Buffer.from(ephemeral, 'base64url'), Buffer.from(recipient, 'base64url')]),
      Buffer.concat([Buffer.from('daimm-key-wrap-v1'), modelIdBytes(modelId)]),
      32,
    ),
  )
function nodeWrap(contentKey: Uint8Array, recipient: string, modelId: Hex) {
  const ephemeral = generateKeyPairSync('x25519')
  const ephemeralPublicKey = rawOf(ephemeral.publicKey)
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicOf(recipient) })
  const cipher = createCipheriv(
    'aes-256-gcm',
    kekOf(shared, ephemeralPublicKey, recipient, modelId),
    Buffer.alloc(12),
  )
  cipher.setAAD(modelIdBytes(modelId))
  const sealed = Buffer.concat([cipher.update(contentKey), cipher.final(), cipher.getAuthTag()])
  return { ephemeralPublicKey, ciphertext: sealed.toString('base64url') }
}
function nodeUnwrap(
  wrapped: { ephemeralPublicKey: string; ciphertext: string },
  privateKey: KeyObject,
  modelId: Hex,
) {
  const publicKey = rawOf(createPublicKey(privateKey))
  const shared = diffieHellman({ privateKey, publicKey: publicOf(wrapped.ephemeralPublicKey) })
  const decipher = createDecipheriv(
    'aes-256-gcm',
    kekOf(shared, wrapped.ephemeralPublicKey, publicKey, modelId),
    Buffer.alloc(12),
  )
  decipher.setAAD(modelIdBytes(modelId))
  const sealed = Buffer.from(wrapped.ciphertext, 'base64url')
  decipher.setAuthTag(sealed.subarray(32))
  return Buffer.concat([decipher.update(sealed.subarray(0, 32)), decipher.final()])
}
const nodePrivateKey = (d: string, x: string) =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d, x }, format: 'jwk' })

describe('the committed vector, made by the node:crypto implementation', () => {
  test('decrypts to its plaintext, in pieces of any size', async () => {
    const key = hexToBytes(`0x${vector.contentKey}`)
    const sealed = hexToBytes(`0x${vector.ciphertext}`)
    for (const size of [1, 7, 48, 1000])
      expect((await collect(decryptContent(pieces(sealed, size), key))).toString('hex')).toBe(
        vector.plaintext,
      )
  })
  test('its wrapped key unwraps with the recipient private key, for that model only', () => {
    const keyPair = {
      publicKey: vector.recipient.publicKey,
      privateKey: new Uint8Array(Buffer.from(vector.recipient.privateKey, 'base64url')),
    }
    expect(
      Buffer.from(
        unwrapContentKey({ wrapped: vector.wrapped, keyPair, modelId: vector.modelId }),
      ).toString('hex'),
    ).toBe(vector.contentKey)
    expect(() =>
      unwrapContentKey({ wrapped: vector.wrapped, keyPair, modelId: `0x${'00'.repeat(31)}01` }),
    ).toThrow(DecryptionError)
  })
  test('a changed byte of its ciphertext fails', async () => {
    const sealed = hexToBytes(`0x${vector.ciphertext}`)
    sealed[100] = (sealed[100] as number) ^ 0x80
    await expect(
      collect(decryptContent(sealed, hexToBytes(`0x${vector.contentKey}`))),
    ).rejects.toBeInstanceOf(DecryptionError)
  })
})

describe('node:crypto and the SDK read each other', () => {
  const key = new Uint8Array(randomBytes(32))
  test.each([
    [0, 16],
    [1, 16],
    [1_048_576 + 3, 65_536],
    [300_000, 4096],
  ])('%i bytes in %i-byte chunks, both ways', async (n, chunkSize) => {
    const plain = randomBytes(n)
    const byNode = nodeEncrypt(plain, key, chunkSize)
    expect((await collect(decryptContent(pieces(byNode, 9999), key))).equals(plain)).toBe(true)
    const bySdk = await collect(encryptContent(pieces(plain, 12_345), key, { chunkSize }))
    expect(bySdk.byteLength).toBe(byNode.byteLength)
    expect(nodeDecrypt(bySdk, key).equals(plain)).toBe(true)
  })

  test('a key wrapped by node:crypto unwraps here, and the reverse', () => {
    const modelId = `0x${'ab'.repeat(32)}` as const
    const contentKey = new Uint8Array(randomBytes(32))
    const pair = createWrappingKeyPair()
    expect(
      unwrapContentKey({
        wrapped: nodeWrap(contentKey, pair.publicKey, modelId),
        keyPair: pair,
        modelId,
      }),
    ).toEqual(contentKey)
    const nodePair = generateKeyPairSync('x25519')
    const wrapped = wrapContentKey({
      contentKey,
      recipientPublicKey: rawOf(nodePair.publicKey),
      modelId,
    })
    expect(new Uint8Array(nodeUnwrap(wrapped, nodePair.privateKey, modelId))).toEqual(contentKey)
    // The private key node:crypto would have made from the same scalar gives the same public key.
    const jwk = nodePrivateKey(Buffer.from(pair.privateKey).toString('base64url'), pair.publicKey)
    expect(rawOf(createPublicKey(jwk))).toBe(pair.publicKey)
  })

  test('a small-order public key is refused, as node:crypto refuses it', () => {
    const zero = Buffer.alloc(32).toString('base64url')
    expect(() =>
      wrapContentKey({ contentKey: new Uint8Array(32), recipientPublicKey: zero, modelId: '0x01' }),
    ).toThrow(DecryptionError)
    expect(() =>
      diffieHellman({
        privateKey: generateKeyPairSync('x25519').privateKey,
        publicKey: publicOf(zero),
      }),
    ).toThrow()
  })
})
