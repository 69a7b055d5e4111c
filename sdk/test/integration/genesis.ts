import { type Address, createWalletClient, erc20Abi, type PublicClient, type Transport } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { expect } from 'vitest'
import { ANVIL_KEYS } from '../../src/cli/dev-accounts.js'
import type { Deployment } from '../../src/deployments.js'

type LocalChain = { publicClient: PublicClient; transport: Transport; deployment: Deployment }

/**
 * Anvil's dev accounts that pay test accounts: 9 down to 2, each holding 1,000,000 DAIMM from the
 * local genesis. Accounts 0 and 1 (the vesting beneficiaries, with most of the votes) are left to
 * the governance tests.
 */
const payers = [...ANVIL_KEYS.slice(2)].reverse().map((key) => privateKeyToAccount(key))

/**
 * Sends `value` DAIMM to `to` from the first dev account that holds enough: an ordinary transfer
 * from a genesis holder, no impersonation. The recipient's votes stay undelegated.
 */
export async function fundFromGenesis(
  { publicClient, transport, deployment }: LocalChain,
  to: Address,
  value: bigint,
): Promise<void> {
  const token = deployment.contracts.token
  for (const payer of payers) {
    if (payer.address.toLowerCase() === to.toLowerCase()) continue
    const balance = await publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [payer.address],
    })
    if (balance < value) continue
    const hash = await createWalletClient({
      account: payer,
      chain: foundry,
      transport,
    }).writeContract({
      address: token,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [to, value],
      // The payer is self-delegated: estimated in the second of its last checkpoint and mined a
      // second later, the transfer writes a new checkpoint slot. A fixed limit covers both.
      gas: 200_000n,
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    return
  }
  throw new Error(`No dev account holds ${value} DAIMM to pay ${to}.`)
}
