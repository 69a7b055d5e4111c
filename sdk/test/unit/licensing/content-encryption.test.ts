import { createHash, randomBytes } from 'node:crypto'
import { recoverTypedDataAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import {
  gatewayRequestDomain,
  gatewayRequestTypes,
  signGatewayRequest,
} from '../../../src/licensing/gateway-request.js'
import {
  DecryptionError,
  decryptContent,
  encryptContent,
  encryptedSize,
  generateContentKey,
} from '../../../src/licensing/index.js'
import {
  createWrappingKeyPair,
  unwrapContentKey,
  wrapContentKey,
} from '../../../src/licensing/key-wrap.js'

const collect = async (chunks: AsyncIterable<Uint8Array>) => {
  const parts: Uint8Array[] = []
  for await (const c of chunks) parts.push(c)
  return Buffer.concat(parts)
}
/** Splits bytes into pieces of odd sizes, as a network would deliver them. */
function* pieces(bytes: Uint8Array, size = 777) {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size)
}

describe('daimm-aead-v1', () => {
  const key = generateContentKey()

  test.each([0, 1, 15, 16, 17, 64, 65, 1000, 4096])(
    'round-trips %i bytes in 16-byte chunks, at the documented size',
    async (n) => {
      const plain = randomBytes(n)
      const sealed = await collect(encryptContent(pieces(plain, 7), key, { chunkSize: 16 }))
      expect(sealed.byteLength).toBe(encryptedSize(n, 16))
      expect(sealed.subarray(0, 8).toString('ascii')).toBe('DAIMMENC')
      expect(await collect(decryptContent(pieces(sealed, 5), key))).toEqual(plain)
    },
  )

  test('round-trips 3 MiB in 64 KiB chunks, and encrypting twice gives different bytes', async () => {
    const plain = randomBytes(3 * 1024 * 1024 + 5)
    const a = await collect(encryptContent(pieces(plain, 100_000), key))
    const b = await collect(encryptContent(plain, key))
    expect(a.equals(b)).toBe(false)
    const back = await collect(decryptContent(pieces(a, 65_000), key))
    expect(createHash('sha256').update(back).digest('hex')).toBe(
      createHash('sha256').update(plain).digest('hex'),
    )
  })

  const plain = randomBytes(100)
  const sealedOf = () => collect(encryptContent(plain, key, { chunkSize: 32 }))
  const fails = async (bytes: Uint8Array, k = key) =>
    expect(collect(decryptContent(bytes, k))).rejects.toBeInstanceOf(DecryptionError)
  const sealedChunk = 32 + 16

  test('a stream cut at a chunk boundary fails (the final flag)', async () => {
    const sealed = await sealedOf()
    await fails(sealed.subarray(0, 32 + 2 * sealedChunk))
  })
  test('a stream cut inside a chunk, or before its header, fails', async () => {
    const sealed = await sealedOf()
    await fails(sealed.subarray(0, sealed.byteLength - 3))
    await fails(sealed.subarray(0, 20))
  })
  test('reordered chunks fail (the counter)', async () => {
    const sealed = await sealedOf()
    const swapped = Buffer.concat([
      sealed.subarray(0, 32),
      sealed.subarray(32 + sealedChunk, 32 + 2 * sealedChunk),
      sealed.subarray(32, 32 + sealedChunk),
      sealed.subarray(32 + 2 * sealedChunk),
    ])
    await fails(swapped)
  })
  test('a flipped bit anywhere fails: header, body, tag', async () => {
    const sealed = await sealedOf()
    for (const at of [13, 20, 40, 32 + sealedChunk - 1, sealed.byteLength - 1]) {
      const copy = Buffer.from(sealed)
      copy[at] = (copy[at] as number) ^ 1
      await fails(copy)
    }
  })
  test('another key fails', async () => {
    await fails(await sealedOf(), generateContentKey())
  })
  test('plaintext is refused as not an encrypted artifact', async () => {
    await expect(collect(decryptContent(randomBytes(100), key))).rejects.toThrow(/DAIMMENC/)
  })
})

describe('key wrapping', () => {
  const modelId = `0x${'ab'.repeat(32)}` as const
  test('only the key pair it was wrapped to, for that model, unwraps it', () => {
    const contentKey = generateContentKey()
    const pair = createWrappingKeyPair()
    const wrapped = wrapContentKey({ contentKey, recipientPublicKey: pair.publicKey, modelId })
    expect(Buffer.from(wrapped.ciphertext, 'base64url').includes(Buffer.from(contentKey))).toBe(
      false,
    )
    expect(unwrapContentKey({ wrapped, keyPair: pair, modelId })).toEqual(contentKey)
    expect(() => unwrapContentKey({ wrapped, keyPair: createWrappingKeyPair(), modelId })).toThrow(
      DecryptionError,
    )
    expect(() =>
      unwrapContentKey({ wrapped, keyPair: pair, modelId: `0x${'cd'.repeat(32)}` }),
    ).toThrow(DecryptionError)
  })
})

describe('signGatewayRequest', () => {
  test('signs the EIP-712 request the headers describe', async () => {
    const account = privateKeyToAccount(`0x${'11'.repeat(32)}`)
    const body = JSON.stringify({ publicKey: 'x' })
    const headers = await signGatewayRequest({
      signer: account,
      chainId: 31337,
      url: 'http://127.0.0.1:8080/v1/models/0x01/key?x=1',
      method: 'post',
      body,
    })
    expect(headers['daimm-signer']).toBe(account.address)
    const expires = Number(headers['daimm-expires-at'])
    expect(expires - Date.now() / 1000).toBeGreaterThan(50)
    expect(expires - Date.now() / 1000).toBeLessThanOrEqual(60)
    const signer = await recoverTypedDataAddress({
      domain: gatewayRequestDomain(31337),
      types: gatewayRequestTypes,
      primaryType: 'GatewayRequest',
      message: {
        gateway: 'http://127.0.0.1:8080',
        method: 'POST',
        path: '/v1/models/0x01/key?x=1',
        bodyHash: `0x${createHash('sha256').update(body).digest('hex')}`,
        nonce: BigInt(headers['daimm-nonce'] as string),
        expiresAt: BigInt(expires),
      },
      signature: headers['daimm-signature'] as `0x${string}`,
    })
    expect(signer).toBe(account.address)
  })
})
