import { createWalletClient, parseEther } from 'viem'
import { foundry } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { createDaimmContext, registry, sendOf } from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import {
  chain,
  clientOf,
  freshRegistration,
  giveEth,
  revertAfterFile,
  testAccount,
} from './local.js'

const { publicClient, testClient, transport, deployment } = chain
const sender = testAccount('send-without-waiting.sender')

describe('txOptions.wait: false returns the hash once sent', () => {
  revertAfterFile()

  test('a client write returns { hash } before its transaction is mined', async () => {
    await giveEth(sender)
    const daimm = clientOf(sender)
    await testClient.setAutomine(false)
    let sent: Awaited<ReturnType<typeof daimm.registry.register>> | { hash: `0x${string}` }
    try {
      const registration = freshRegistration()
      sent = await daimm.registry.register({ registration, txOptions: { wait: false } })
      expect(Object.keys(sent)).toEqual(['hash'])
      // Not mined yet: there is no receipt.
      await expect(publicClient.getTransactionReceipt({ hash: sent.hash })).rejects.toThrow()
    } finally {
      await testClient.setAutomine(true)
    }
    await testClient.mine({ blocks: 1 })
    const receipt = await publicClient.waitForTransactionReceipt({ hash: sent.hash })
    expect(receipt.status).toBe('success')
  })

  test('an approval first is awaited and returned; the call is sent without waiting', async () => {
    await fundFromGenesis(chain, sender.address, parseEther('10'))
    const daimm = clientOf(sender)
    const { hash, approval } = await daimm.staking.stake({
      amount: parseEther('1'),
      txOptions: { wait: false },
    })
    expect(approval?.receipt.status).toBe('success')
    expect(hash).not.toBe(approval?.hash)
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
    expect((await daimm.staking.getStake({ account: sender.address })).staked).toBe(parseEther('1'))
  })

  test('sendOf sends a standalone write without waiting', async () => {
    const ctx = createDaimmContext({
      publicClient,
      walletClient: createWalletClient({ account: sender, chain: foundry, transport }),
      deployment,
    })
    const sent = await sendOf(ctx, registry.register, { registration: freshRegistration() })
    expect(Object.keys(sent)).toEqual(['hash'])
    expect((await publicClient.waitForTransactionReceipt({ hash: sent.hash })).status).toBe(
      'success',
    )
  })
})
