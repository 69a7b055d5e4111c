import type { AbiParameter } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  ContractError,
  daimmTokenAbi,
  marketplaceAbi,
  modelRegistryAbi,
  royaltyInboxAbi,
  royaltyInboxFactoryAbi,
  royaltySplitterAbi,
  scoringManagerAbi,
  slasherAbi,
  sortitionPoolAbi,
  stakeManagerAbi,
} from '../../src/index.js'

/** Errors of OpenZeppelin's plumbing (proxies, initializers, guards) that no user call can meet. */
const plumbing = new Set([
  'AccessManagedInvalidAuthority',
  'AccessManagedRequiredDelay',
  'AddressEmptyCode',
  'ERC1967InvalidImplementation',
  'ERC1967NonPayable',
  'ExpectedPause',
  'FailedCall',
  'InvalidInitialization',
  'NotInitializing',
  'ReentrancyGuardReentrantCall',
  'SafeCastOverflowedUintDowncast',
  'UUPSUnauthorizedCallContext',
  'UUPSUnsupportedProxiableUUID',
])

/** A decoded value of the parameter's type, as viem returns it. */
function sample({ type }: AbiParameter): unknown {
  if (type === 'address') return '0x0000000000000000000000000000000000000001'
  if (type === 'bool') return false
  if (type === 'bytes') return '0x01'
  if (type.startsWith('bytes')) return `0x${'11'.repeat(Number(type.slice(5)))}`
  return Number(type.replace(/^u?int/, '')) <= 48 ? 1 : 1n
}

describe('every custom error a user call can meet is explained', () => {
  const errors = new Map<string, readonly AbiParameter[]>()
  for (const item of [
    ...modelRegistryAbi,
    ...daimmTokenAbi,
    ...stakeManagerAbi,
    ...slasherAbi,
    ...royaltyInboxAbi,
    ...royaltyInboxFactoryAbi,
    ...royaltySplitterAbi,
    ...marketplaceAbi,
    ...scoringManagerAbi,
    ...sortitionPoolAbi,
  ])
    if (item.type === 'error' && !plumbing.has(item.name)) errors.set(item.name, item.inputs)
  test.each([...errors])('%s', (errorName, inputs) => {
    const args = inputs.map(sample)
    const { shortMessage } = new ContractError({
      errorName,
      args,
      data: undefined,
      functionName: 'call',
      cause: undefined,
    })
    expect(shortMessage).not.toMatch(/^call reverted with/)
    expect(shortMessage).not.toMatch(/undefined|NaN/)
  })
})
