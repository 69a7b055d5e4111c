import {
  type Account,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  erc20Abi,
  http,
  type PublicClient,
  parseEther,
  type TestClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { createDaimmClient, type DaimmClient } from '../../client.js'
import type { Deployment } from '../../deployments.js'
import { DevnetError } from '../errors.js'

/**
 * The private keys of anvil's ten default accounts (mnemonic `test test … junk`). They are public:
 * never send anything of value to them on a real chain.
 */
const ANVIL_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
  '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
] as const

/** Someone in the story: a name for the output, an anvil dev account and a DAIMM client for it. */
export type Actor = { name: string; account: Account; address: Address; daimm: DaimmClient }

/** The local node with the protocol on it, and what the story needs to act on it. */
export type DemoChain = {
  publicClient: PublicClient
  testClient: TestClient
  deployment: Deployment
  /** The actor of anvil's default account `index` (0–9), called `name`. */
  actor(index: number, name: string): Actor
  /** Moves the node's clock to one second past `moment` and mines a block then. */
  advancePast(moment: Date): Promise<void>
  /** Mines one block, with the clock at least one second on. */
  tick(): Promise<void>
  /** Reads an account's DAIMM balance. */
  balanceOf(address: Address): Promise<bigint>
  /**
   * Runs `act` with a DAIMM client that sends as the timelock (the treasury), by impersonating it
   * on the node, as only a devnet allows.
   */
  asTreasury<T>(act: (treasury: DaimmClient, send: TreasurySend) => Promise<T>): Promise<T>
}

/** Sends DAIMM from the treasury to `to`. */
export type TreasurySend = (to: Address, amount: bigint) => Promise<void>

export async function connectDemoChain(rpcUrl: string, deployment: Deployment): Promise<DemoChain> {
  // The node mines each transaction at once: poll for receipts often rather than every 4 s.
  const transport = http(rpcUrl, { retryCount: 0 })
  const options = { chain: foundry, transport, pollingInterval: 20, cacheTime: 0 } as const
  const publicClient = createPublicClient(options)
  const testClient = createTestClient({ ...options, mode: 'anvil' })
  const { token, timelock } = deployment.contracts

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
      const seconds = BigInt(Math.floor(moment.getTime() / 1000)) + 1n - timestamp
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
    async asTreasury(act) {
      await testClient.impersonateAccount({ address: timelock })
      try {
        await testClient.setBalance({ address: timelock, value: parseEther('1') })
        const walletClient = createWalletClient({ ...options, account: timelock })
        const treasury = createDaimmClient({ publicClient, walletClient, deployment })
        const send: TreasurySend = async (to, amount) => {
          const hash = await walletClient.writeContract({
            address: token,
            abi: erc20Abi,
            functionName: 'transfer',
            args: [to, amount],
          })
          const receipt = await publicClient.waitForTransactionReceipt({ hash })
          if (receipt.status !== 'success')
            throw new DevnetError(`The treasury's transfer to ${to} reverted (${hash}).`)
        }
        return await act(treasury, send)
      } finally {
        await testClient.stopImpersonatingAccount({ address: timelock })
      }
    },
  }
}
