import { readFileSync } from 'node:fs'
import { type Address, type Hex, hashTypedData, keccak256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { marketplaceAbi, offerTypedData } from '../../src/index.js'

/**
 * The same fixture is checked by `test_hashSignedOffer_matchesViemFixture` in test/unit/Marketplace.t.sol against
 * the contract's `hashSignedOffer`: together they pin the Marketplace's EIP-712 digest to the SDK's typed data.
 */
type Fixture = {
  domain: { name: string; version: string; chainId: number; verifyingContract: Address }
  primaryType: 'Offer'
  types: { Offer: { name: string; type: string }[] }
  message: {
    modelId: string
    seller: Address
    token: Address
    price: string
    duration: number
    supplyCap: number
    commercial: boolean
    termsCid: Hex
    nonce: string
    deadline: string
  }
  typeHash: Hex
  digest: Hex
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/offer-digest.json', import.meta.url), 'utf8'),
)

const typed = offerTypedData({
  market: fixture.domain.verifyingContract,
  chainId: fixture.domain.chainId,
  offer: {
    ...fixture.message,
    modelId: toHex(BigInt(fixture.message.modelId), { size: 32 }),
    duration: BigInt(fixture.message.duration),
    price: BigInt(fixture.message.price),
    nonce: BigInt(fixture.message.nonce),
    deadline: BigInt(fixture.message.deadline),
  },
})

describe('Marketplace EIP-712 offer digest', () => {
  test("the SDK's offerTypedData is the fixture's domain and type", () => {
    expect(typed.domain).toEqual(fixture.domain)
    expect(typed.primaryType).toBe(fixture.primaryType)
    expect(typed.types).toEqual(fixture.types)
  })

  test("viem's hashTypedData of the SDK's typed data gives the fixture's digest", () => {
    expect(hashTypedData(typed)).toBe(fixture.digest)
  })

  test('the typed-data type is the contract ABI struct, field for field', () => {
    const buyWithSig = marketplaceAbi.find(
      (item) => item.type === 'function' && item.name === 'buyWithSig',
    )
    const offer = buyWithSig?.type === 'function' ? buyWithSig.inputs[0] : undefined
    const fields =
      offer && 'components' in offer
        ? offer.components.map(({ name, type }) => ({ name, type }))
        : []
    expect(fields).toEqual(typed.types.Offer)
    const encodedType = `Offer(${fields.map(({ name, type }) => `${type} ${name}`).join(',')})`
    expect(keccak256(toHex(encodedType))).toBe(fixture.typeHash)
  })
})
