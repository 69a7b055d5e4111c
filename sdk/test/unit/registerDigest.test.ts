import { readFileSync } from 'node:fs'
import { type Address, type Hex, hashTypedData, keccak256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { cidFromBytes, modelRegistryAbi, registrationTypedData } from '../../src/index.js'

/**
 * The same fixture is signed and accepted by a registry in `test_registerWithSig_acceptsViemFixtureDigest`
 * (test/unit/ModelRegistry.t.sol): together they pin the ModelRegistry's EIP-712 digest to the SDK's typed data.
 */
type Fixture = {
  domain: { name: string; version: string; chainId: number; verifyingContract: Address }
  primaryType: 'Register'
  types: { Register: { name: string; type: string }[] }
  message: {
    publisher: Address
    fingerprint: Hex
    artifactCid: Hex
    metadataCid: Hex
    kind: number
    parent: string
    relation: number
    notBefore: string
    nonce: string
    deadline: string
  }
  typeHash: Hex
  digest: Hex
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/register-digest.json', import.meta.url), 'utf8'),
)
const m = fixture.message
const typed = registrationTypedData({
  registry: fixture.domain.verifyingContract,
  chainId: fixture.domain.chainId,
  publisher: m.publisher,
  registration: {
    fingerprint: m.fingerprint,
    artifactCid: cidFromBytes(m.artifactCid),
    metadataCid: cidFromBytes(m.metadataCid),
    kind: m.kind === 1 ? 'dataset' : 'model',
  },
  notBefore: BigInt(m.notBefore),
  nonce: BigInt(m.nonce),
  deadline: BigInt(m.deadline),
})

describe('ModelRegistry EIP-712 registration digest', () => {
  test("the SDK's registrationTypedData is the fixture's domain, type and message", () => {
    expect(typed.domain).toEqual(fixture.domain)
    expect(typed.primaryType).toBe(fixture.primaryType)
    expect(typed.types).toEqual(fixture.types)
  })

  test("viem's hashTypedData of the SDK's typed data gives the fixture's digest", () => {
    expect(hashTypedData(typed)).toBe(fixture.digest)
  })

  test("the type string hashes to the fixture's type hash, and the ABI takes notBefore", () => {
    const fields = fixture.types.Register.map(({ name, type }) => `${type} ${name}`).join(',')
    expect(keccak256(toHex(`Register(${fields})`))).toBe(fixture.typeHash)
    const registerWithSig = modelRegistryAbi.find(
      (item) => item.type === 'function' && item.name === 'registerWithSig',
    )
    const inputs =
      registerWithSig?.type === 'function' ? registerWithSig.inputs.map((i) => i.name) : []
    expect(inputs).toEqual(['registration', 'publisher', 'notBefore', 'deadline', 'signature'])
  })
})
