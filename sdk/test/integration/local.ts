import {
  type Account,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  sha256,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import {
  type ContractError,
  createDaimmClient,
  type DaimmClient,
  onchainToCid,
  type Registration,
} from '../../src/index.js'

/** The anvil node of the integration run, with the protocol deployed on it. */
const transport = http(inject('rpcUrl'))
const deployment = inject('deployment')
const publicClient = createPublicClient({ chain: foundry, transport })
const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
export const chain = { publicClient, testClient, transport, deployment }

/** An account of its own for `label`, so that test files never share one. */
export function testAccount(label: string): Account {
  return privateKeyToAccount(keccak256(toHex(`daimm.test.${label}`)))
}

/** Gives each account 100 ETH on the node. */
export async function giveEth(...accounts: Account[]): Promise<void> {
  for (const { address } of accounts)
    await testClient.setBalance({ address, value: parseEther('100') })
}

/** A DAIMM client whose writes are sent by `account`. */
export function clientOf(account: Account): DaimmClient {
  return createDaimmClient({
    publicClient,
    walletClient: createWalletClient({ account, chain: foundry, transport }),
    deployment,
  })
}

/** Moves the node's clock forward and mines a block at the new time. */
export async function advance(seconds: number | bigint): Promise<void> {
  await testClient.increaseTime({ seconds: Number(seconds) })
  await testClient.mine({ blocks: 1 })
}

/** The error a call that must revert rejects with (a decoded `ContractError`); fails the test if it succeeds. */
export function revertOf(call: Promise<unknown>): Promise<ContractError> {
  return call.then(
    () => expect.unreachable('the call should have reverted'),
    (error: unknown) => error as ContractError,
  )
}

/** Moves the node's clock to one second past `moment` (a deadline) and mines a block then. */
export async function advancePast(moment: bigint): Promise<void> {
  const { timestamp } = await publicClient.getBlock()
  const seconds = moment + 1n - timestamp
  if (seconds > 0n) await advance(seconds)
}

/** Takes a snapshot; the returned function reverts to it, undoing everything the file did. */
export async function snapshot(): Promise<() => Promise<void>> {
  const id = await testClient.snapshot()
  return async () => {
    await testClient.revert({ id })
  }
}

/**
 * Snapshots the node before the tests of the file (or `describe` block) that calls it, and reverts
 * to the snapshot after them, so that the next file sees the deployment as it was.
 */
export function revertAfterFile(): void {
  let revert: (() => Promise<void>) | undefined
  beforeAll(async () => {
    revert = await snapshot()
  })
  afterAll(async () => {
    await revert?.()
  })
}

/** A registration for fresh random bytes, so test files and reruns never collide. */
export function freshRegistration(overrides: Partial<Registration> = {}): Registration {
  const artifact = toHex(crypto.getRandomValues(new Uint8Array(64)))
  const fingerprint = sha256(artifact)
  return {
    fingerprint,
    artifactCid: onchainToCid({ codec: 0x55, digest: fingerprint }).toString(),
    // The binary form is accepted too.
    metadataCid: `0x01701220${sha256(toHex(`card ${artifact}`)).slice(2)}`,
    ...overrides,
  }
}
