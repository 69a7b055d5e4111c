import {
  type Address,
  createWalletClient,
  type PublicClient,
  parseEther,
  type TestClient,
  type Transport,
} from 'viem'
import { foundry } from 'viem/chains'
import { expect } from 'vitest'
import type { Deployment } from '../../src/deployments.js'
import { daimmTokenAbi } from '../../src/index.js'

/** Moves DAIMM out of the treasury by acting as the timelock on the local node. */
export async function fundFromTreasury(
  {
    publicClient,
    testClient,
    transport,
    deployment,
  }: {
    publicClient: PublicClient
    testClient: TestClient
    transport: Transport
    deployment: Deployment
  },
  to: Address,
  value: bigint,
): Promise<void> {
  const { timelock, token } = deployment.contracts
  await testClient.impersonateAccount({ address: timelock })
  try {
    await testClient.setBalance({ address: timelock, value: parseEther('1') })
    const hash = await createWalletClient({ chain: foundry, transport }).writeContract({
      address: token,
      abi: daimmTokenAbi,
      account: timelock,
      functionName: 'transfer',
      args: [to, value],
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
  } finally {
    await testClient.stopImpersonatingAccount({ address: timelock })
  }
}
