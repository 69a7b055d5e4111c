import {
  type Address,
  createWalletClient,
  type Hex,
  type PublicClient,
  parseEther,
  type TestClient,
  type TransactionReceipt,
  type Transport,
} from 'viem'
import { foundry } from 'viem/chains'
import { expect } from 'vitest'
import type { Deployment } from '../../src/deployments.js'
import { fundFromGenesis } from './genesis.js'

type LocalChain = {
  publicClient: PublicClient
  testClient: TestClient
  transport: Transport
  deployment: Deployment
}

/**
 * Sends a call as the timelock (admin and arbiter) by impersonating it on the local node, and
 * checks it succeeded. For role-gated calls (rulings, parameters) in tests about those modules;
 * never for tokens: `fundFromGenesis` pays from genesis holders.
 */
export async function asTimelock(
  { publicClient, testClient, transport, deployment }: LocalChain,
  call: { to: Address; data: Hex },
): Promise<TransactionReceipt> {
  const { timelock } = deployment.contracts
  await testClient.impersonateAccount({ address: timelock })
  try {
    await testClient.setBalance({ address: timelock, value: parseEther('1') })
    const hash = await createWalletClient({ chain: foundry, transport }).sendTransaction({
      account: timelock,
      ...call,
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    return receipt
  } finally {
    await testClient.stopImpersonatingAccount({ address: timelock })
  }
}

/**
 * @deprecated Tokens come from genesis holders now: use `fundFromGenesis` (./genesis.ts). Kept for
 * tests written against the old name; it no longer impersonates the timelock.
 */
export async function fundFromTreasury(
  chain: LocalChain,
  to: Address,
  value: bigint,
): Promise<void> {
  await fundFromGenesis(chain, to, value)
}
