import { describe, expect, test } from 'vitest'
import {
  DaimmError,
  deployments,
  getDeployment,
  InvalidDeploymentError,
  knownChainIds,
  parseDeployment,
  UnknownDeploymentError,
} from '../../src/index.js'

describe('getDeployment', () => {
  test('returns the bundled deployment of a known chain', () => {
    const deployment = getDeployment(31337)
    expect(deployment).toEqual(deployments[31337])
    expect(deployment.chainId).toBe(31337)
    expect(Object.keys(deployment.contracts)).toEqual(
      expect.arrayContaining([
        'accessManager',
        'governor',
        'inboxFactory',
        'market',
        'registry',
        'scoring',
        'slasher',
        'sortitionPool',
        'splitter',
        'stakeManager',
        'timelock',
        'token',
      ]),
    )
    for (const address of Object.values(deployment.contracts))
      expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/)
    expect(knownChainIds).toContain(31337)
  })

  test('returns a copy that callers cannot use to change the bundled one', () => {
    const deployment = getDeployment(31337)
    deployment.contracts.token = '0x0000000000000000000000000000000000000001'
    expect(getDeployment(31337).contracts.token).toBe(deployments[31337].contracts.token)
  })

  test('throws a typed error for an unknown chain, saying how to pass a custom deployment', () => {
    let caught: unknown
    try {
      getDeployment(1)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UnknownDeploymentError)
    expect(caught).toBeInstanceOf(DaimmError)
    const error = caught as UnknownDeploymentError
    expect(error.name).toBe('UnknownDeploymentError')
    expect(error.chainId).toBe(1)
    expect(error.knownChainIds).toContain(31337)
    expect(error.message).toMatch(/No known DAIMM deployment for chain 1/)
    expect(error.message).toMatch(/parseDeployment\(json\)/)
  })
})

describe('parseDeployment', () => {
  const json = JSON.parse(JSON.stringify(deployments[31337]))

  test('accepts what script/Deploy.s.sol writes', () => {
    expect(parseDeployment(json)).toEqual(getDeployment(31337))
  })

  test('checksums lower-case addresses', () => {
    const lower = { ...json, deployer: json.deployer.toLowerCase() }
    expect(parseDeployment(lower).deployer).toBe(json.deployer)
  })

  test.each([
    ['not an object', 'deployment', null],
    ['no contracts', 'contracts', { ...json, contracts: undefined }],
    [
      'a bad address',
      'contracts.token',
      { ...json, contracts: { ...json.contracts, token: '0x1234' } },
    ],
    ['a bad checksum', 'guardian', { ...json, guardian: json.guardian.replace('f39F', 'F39f') }],
    ['a short salt', 'salt', { ...json, salt: '0x1234' }],
    ['a string chain id', 'chainId', { ...json, chainId: '31337' }],
  ])('rejects %s, naming the field', (_, path, value) => {
    expect(() => parseDeployment(value)).toThrow(InvalidDeploymentError)
    expect(() => parseDeployment(value)).toThrow(`Invalid DAIMM deployment: ${path} must be`)
  })
})
