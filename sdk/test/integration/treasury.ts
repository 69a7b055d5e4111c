import {
  type Address,
  createWalletClient,
  encodeFunctionData,
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
import { daimmTokenAbi } from '../../src/index.js'

type LocalChain = {
  publicClient: PublicClient
  testClient: TestClient
  transport: Transport
  deployment: Deployment
}

/**
 * Sends a call as the timelock (treasury, admin and arbiter) by impersonating it on the local
 * node, and checks it succeeded.
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

/** Moves DAIMM out of the treasury by acting as the timelock on the local node. */
export async function fundFromTreasury(
  chain: LocalChain,
  to: Address,
  value: bigint,
): Promise<void> {
  await asTimelock(chain, {
    to: chain.deployment.contracts.token,
    data: encodeFunctionData({ abi: daimmTokenAbi, functionName: 'transfer', args: [to, value] }),
  })
}
