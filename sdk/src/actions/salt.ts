import { type Hex, toHex } from 'viem'

/** 32 random bytes, as the secret of a commitment. */
export function randomSalt(): Hex {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)))
}
