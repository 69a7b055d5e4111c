import { toHex } from 'viem'
import { expect, test } from 'vitest'
import {
  InvalidSignedOfferError,
  parseSignedOffer,
  type SignedOffer,
  serializeSignedOffer,
} from '../../src/index.js'

const offer: SignedOffer = {
  modelId: toHex(2n ** 255n + 1n, { size: 32 }),
  seller: '0x00000000000000000000000000000000000000aA',
  token: '0x0000000000000000000000000000000000000000',
  price: 10n ** 18n,
  duration: 86_400n,
  supplyCap: 3,
  commercial: true,
  termsCid: `0x01551220${'ab'.repeat(32)}`,
  nonce: 5n,
  deadline: 1_900_000_000n,
}
const signature = `0x${'11'.repeat(65)}` as const

test('a signed offer survives JSON: serialize, parse, equal', () => {
  expect(() => JSON.stringify({ offer })).toThrow(/BigInt/)
  const text = serializeSignedOffer({ offer, signature, chainId: 31337 })
  expect(JSON.parse(text).offer.price).toBe('1000000000000000000')
  const parsed = parseSignedOffer(text)
  expect(parsed).toEqual({
    offer: { ...offer, seller: '0x00000000000000000000000000000000000000AA' },
    signature,
    chainId: 31337,
  })
  // Already parsed JSON is taken too.
  expect(parseSignedOffer(JSON.parse(text))).toEqual(parsed)
  // The model id is written as 0x hex; a text from before (decimal) reads back the same offer.
  expect(JSON.parse(text).offer.modelId).toBe(offer.modelId)
  const decimal = text.replace(offer.modelId, (2n ** 255n + 1n).toString())
  expect(parseSignedOffer(decimal)).toEqual(parsed)
})

test.each([
  ['not json', 'it is not JSON'],
  ['{}', '"offer" is missing'],
  [JSON.stringify({ offer: { modelId: '1' } }), '"offer.seller" is missing'],
  [
    serializeSignedOffer({ offer, signature }).replace(
      '"price":"1000000000000000000"',
      '"price":-1',
    ),
    '"offer.price" is -1, not an amount in base units as a decimal string',
  ],
  [serializeSignedOffer({ offer, signature: '0x' }), '"signature" is "0x", not hex bytes (0x…)'],
])('%s is refused', (text, reason) => {
  const error = (() => {
    try {
      parseSignedOffer(text)
    } catch (e) {
      return e
    }
  })() as InvalidSignedOfferError
  expect(error).toBeInstanceOf(InvalidSignedOfferError)
  expect(error.reason).toContain(reason)
})
