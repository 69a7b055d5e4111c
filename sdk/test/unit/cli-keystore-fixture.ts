import { createCipheriv, randomBytes, scryptSync } from 'node:crypto'
import { bytesToHex, type Hex, hexToBytes, keccak256 } from 'viem'

/** scrypt parameters light enough for tests (geth's defaults are n 262144, r 8, p 1). */
export const testScrypt: ScryptParameters = { n: 1024, r: 8, p: 1 }

type ScryptParameters = { n: number; r: number; p: number }

/**
 * An Ethereum V3 keystore of `privateKey`, encrypted here with node:crypto the way the Web3
 * Secret Storage definition says (scrypt, aes-128-ctr, keccak-256 MAC), independently of the
 * CLI's decryption.
 */
export function encryptKeystore(
  privateKey: Hex,
  password: string,
  { n, r, p }: ScryptParameters = testScrypt,
): string {
  const salt = randomBytes(32)
  const iv = randomBytes(16)
  const derived = scryptSync(password, salt, 32, { N: n, r, p, maxmem: 256 * n * r })
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(privateKey)), cipher.final()])
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]))
  return JSON.stringify({
    version: 3,
    id: crypto.randomUUID(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'scrypt',
      kdfparams: { dklen: 32, n, r, p, salt: salt.toString('hex') },
      mac: bytesToHex(hexToBytes(mac)).slice(2),
    },
  })
}
