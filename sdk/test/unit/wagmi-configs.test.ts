import { expect, test } from 'vitest'
import * as sdk from '../../src/index.js'

/** Each contract with an address of its own, and its key in a deployment record. */
const keys = {
  accessManager: 'accessManager',
  daimmGovernor: 'governor',
  daimmToken: 'token',
  marketplace: 'market',
  modelRegistry: 'registry',
  royaltyInboxFactory: 'inboxFactory',
  royaltySplitter: 'splitter',
  scoringManager: 'scoring',
  slasher: 'slasher',
  sortitionPool: 'sortitionPool',
  stakeManager: 'stakeManager',
  timelockController: 'timelock',
  usageAnchors: 'usageAnchors',
} as const

test('every deployed contract has a wagmi config: its ABI and its address on every known chain', () => {
  const exported = sdk as unknown as Record<string, unknown>
  for (const [name, key] of Object.entries(keys)) {
    const config = exported[`${name}Config`] as { address: Record<number, string>; abi: unknown }
    expect(config.abi).toBe(exported[`${name}Abi`])
    expect(config.address).toBe(exported[`${name}Address`])
    const chains = Object.keys(sdk.deployments).map(Number)
    expect(Object.keys(config.address).map(Number)).toEqual(chains)
    for (const chainId of chains)
      expect(config.address[chainId]).toBe(sdk.getDeployment(chainId).contracts[key])
  }
  // Every contract of a deployment record is covered.
  expect(Object.values(keys).sort()).toEqual(Object.keys(sdk.getDeployment(31337).contracts).sort())
  // Typed for wagmi: the address map is keyed by chain id, the ABI is the literal one.
  const registry: { address: { 31337: `0x${string}` }; abi: typeof sdk.modelRegistryAbi } =
    sdk.modelRegistryConfig
  expect(registry.abi[0]).toBeDefined()
})
