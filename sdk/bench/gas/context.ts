import {
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  type Log,
  parseEther,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { ANVIL_KEYS } from '../../src/cli/dev-accounts.js'
import { type Anvil, deployProtocol, startAnvil } from '../../src/cli/devnet.js'
import type { Deployment } from '../../src/deployments.js'
import { daimmTokenAbi } from '../../src/index.js'

/** Ethereum's per-transaction gas cap since Osaka (EIP-7825). Anvil does not enforce it by default. */
export const TX_GAS_CAP = 16_777_216n

/** One measured operation: `gasUsed` is the receipt's, 21,000 base included. */
export type GasMeasurement = {
  name: string
  gasUsed: bigint
  target: bigint
  /** 21,000 + calldata + 22,100 per new storage slot + logs, as computed for this operation. */
  floor?: bigint | undefined
  note?: string | undefined
}

export type GasContext = Awaited<ReturnType<typeof createGasContext>>

export type SentTransaction = { gasUsed: bigint; input: Hex; logs: Log[] }

/** A fresh anvil with the protocol deployed by the forge script, and helpers to send real transactions. */
export async function createGasContext() {
  const anvil: Anvil = await startAnvil()
  try {
    // CI measures right after the test run; on a slow machine forge may still need minutes to compile.
    const deployment: Deployment = await deployProtocol({
      rpcUrl: anvil.rpcUrl,
      timeoutMs: 900_000,
    })
    const transport = http(anvil.rpcUrl)
    // Anvil mines each transaction at once: poll for receipts every 50 ms, not viem's default 4 s.
    const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
    const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })

    /** A funded account derived from `label`, so measurements do not depend on anvil's account list. */
    async function actor(label: string): Promise<Account> {
      const account = privateKeyToAccount(keccak256(toHex(`daimm.bench.${label}`)))
      await testClient.setBalance({ address: account.address, value: parseEther('1000') })
      return account
    }

    /**
     * Sends a contract call from `account` and returns what a gas floor needs: the receipt's gas,
     * the calldata and the logs. Fails on revert and above the per-transaction cap.
     */
    async function send<
      const abi extends Abi,
      functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
    >(
      account: Account,
      call: {
        address: Address
        abi: abi
        functionName: functionName
        args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>
        value?: bigint
      },
    ): Promise<SentTransaction> {
      const wallet = createWalletClient({ account, chain: foundry, transport })
      // biome-ignore lint/suspicious/noExplicitAny: viem's writeContract generics cannot be forwarded
      const hash = await wallet.writeContract(call as any)
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success')
        throw new Error(`${String(call.functionName)} reverted (tx ${hash})`)
      if (receipt.gasUsed > TX_GAS_CAP)
        throw new Error(
          `${String(call.functionName)} used ${receipt.gasUsed} gas, over the ${TX_GAS_CAP} cap`,
        )
      const { input } = await publicClient.getTransaction({ hash })
      return { gasUsed: receipt.gasUsed, input, logs: receipt.logs }
    }

    /**
     * Pays DAIMM from anvil's dev accounts, which hold 1,000,000 each from the local genesis (no
     * impersonation): the first of accounts 9 down to 2 that holds enough pays. The recipient is a
     * fresh account that has not delegated, so measured transfers do not move votes.
     */
    let funding: Promise<void> = Promise.resolve()
    /** One payment at a time: concurrent ones would all see a payer's balance before any is sent. */
    function fund(to: Address, amount: bigint): Promise<void> {
      const next = funding.then(() => pay(to, amount))
      funding = next.catch(() => {})
      return next
    }

    async function pay(to: Address, amount: bigint): Promise<void> {
      for (const key of [...ANVIL_KEYS.slice(2)].reverse()) {
        const holder = privateKeyToAccount(key)
        const balance = await publicClient.readContract({
          address: deployment.contracts.token,
          abi: daimmTokenAbi,
          functionName: 'balanceOf',
          args: [holder.address],
        })
        if (balance < amount) continue
        // A fixed gas limit: the payer is self-delegated, and a transfer estimated in the second of
        // its last checkpoint but mined a second later writes a new checkpoint slot (22,100 more).
        const hash = await createWalletClient({
          account: holder,
          chain: foundry,
          transport,
        }).writeContract({
          address: deployment.contracts.token,
          abi: daimmTokenAbi,
          functionName: 'transfer',
          args: [to, amount],
          gas: 200_000n,
        })
        const receipt = await publicClient.waitForTransactionReceipt({ hash })
        if (receipt.status !== 'success') throw new Error(`funding ${to} reverted (tx ${hash})`)
        return
      }
      throw new Error(`No dev account holds ${amount} DAIMM to fund ${to}`)
    }

    /** Moves the chain's clock forward by `seconds` and mines a block. */
    async function advance(seconds: number): Promise<void> {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    }

    return {
      deployment,
      publicClient,
      testClient,
      transport,
      actor,
      send,
      fund,
      advance,
      stop: anvil.stop,
    }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}

/** Deterministic 32-byte value for fixtures. */
export function bytes32(label: string): Hex {
  return keccak256(toHex(label))
}
