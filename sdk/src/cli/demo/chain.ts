import {
  type Account,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  erc20Abi,
  http,
  type PublicClient,
  type TestClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { createDaimmClient, type DaimmClient } from '../../client.js'
import type { Deployment } from '../../deployments.js'
import { ANVIL_KEYS } from '../dev-accounts.js'
import { DevnetError } from '../errors.js'

/** Someone in the story: a name for the output, an anvil dev account and a DAIMM client for it. */
export type Actor = { name: string; account: Account; address: Address; daimm: DaimmClient }

/** The local node with the protocol on it, and what the story needs to act on it. */
export type DemoChain = {
  publicClient: PublicClient
  testClient: TestClient
  deployment: Deployment
  /** The actor of anvil's default account `index` (0–9), called `name`. */
  actor(index: number, name: string): Actor
  /** Moves the node's clock to one second past `moment` (seconds since the epoch) and mines a block then. */
  advancePast(moment: bigint): Promise<void>
  /** Mines one block, with the clock at least one second on. */
  tick(): Promise<void>
  /** Reads an account's DAIMM balance. */
  balanceOf(address: Address): Promise<bigint>
}

export async function connectDemoChain(rpcUrl: string, deployment: Deployment): Promise<DemoChain> {
  // The node mines each transaction at once: poll for receipts often rather than every 4 s.
  const transport = http(rpcUrl, { retryCount: 0 })
  const options = { chain: foundry, transport, pollingInterval: 20, cacheTime: 0 } as const
  const publicClient = createPublicClient(options)
  const testClient = createTestClient({ ...options, mode: 'anvil' })
  const { token } = deployment.contracts

  const unlocked = new Set(
    (await createWalletClient(options).getAddresses()).map((a) => a.toLowerCase()),
  )
  const actor = (index: number, name: string): Actor => {
    const key = ANVIL_KEYS[index]
    if (!key) throw new DevnetError(`anvil has ten default accounts; there is no account ${index}.`)
    const account = privateKeyToAccount(key)
    if (!unlocked.has(account.address.toLowerCase()))
      throw new DevnetError(
        `${account.address} is not one of the node's dev accounts: the demo needs anvil's default mnemonic.`,
      )
    const walletClient = createWalletClient({ ...options, account })
    const daimm = createDaimmClient({ publicClient, walletClient, deployment })
    return { name, account, address: account.address, daimm }
  }

  const tick = async () => {
    await testClient.increaseTime({ seconds: 1 })
    await testClient.mine({ blocks: 1 })
  }

  return {
    publicClient,
    testClient,
    deployment,
    actor,
    tick,
    async advancePast(moment) {
      const { timestamp } = await publicClient.getBlock()
      const seconds = moment + 1n - timestamp
      if (seconds > 0n) await testClient.increaseTime({ seconds: Number(seconds) })
      await testClient.mine({ blocks: 1 })
    },
    balanceOf: (address) =>
      publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [address],
      }),
  }
}
