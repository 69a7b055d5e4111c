import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  parseEther,
  zeroAddress,
} from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import {
  accessManagerAbi,
  daimmGovernorAbi,
  daimmTokenAbi,
  slasherAbi,
  stakeManagerAbi,
  timelockControllerAbi,
} from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import { giveEth, testAccount } from './local.js'

const rpcUrl = inject('rpcUrl')
const { contracts, deployer } = inject('deployment')
const transport = http(rpcUrl)
const publicClient = createPublicClient({ chain: foundry, transport })
const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
const chain = { publicClient, testClient, transport, deployment: inject('deployment') }

const token = { address: contracts.token, abi: daimmTokenAbi } as const
const governor = { address: contracts.governor, abi: daimmGovernorAbi } as const
const timelock = { address: contracts.timelock, abi: timelockControllerAbi } as const
const accessManager = { address: contracts.accessManager, abi: accessManagerAbi } as const
const stakeManager = { address: contracts.stakeManager, abi: stakeManagerAbi } as const
const slasher = { address: contracts.slasher, abi: slasherAbi } as const
const ADMIN_ROLE = 0n

describe('deployed protocol, read through the generated ABIs', () => {
  test('every contract of the deployment has code', async () => {
    for (const address of Object.values(contracts)) {
      expect(address).not.toBe(zeroAddress)
      expect(await publicClient.getCode({ address })).toMatch(/^0x[0-9a-f]{2,}$/)
    }
  })

  test('the token has its metadata and the treasury holds what the local genesis leaves', async () => {
    const [name, symbol, decimals, totalSupply, treasury] = await Promise.all([
      publicClient.readContract({ ...token, functionName: 'name' }),
      publicClient.readContract({ ...token, functionName: 'symbol' }),
      publicClient.readContract({ ...token, functionName: 'decimals' }),
      publicClient.readContract({ ...token, functionName: 'totalSupply' }),
      publicClient.readContract({
        ...token,
        functionName: 'balanceOf',
        args: [contracts.timelock],
      }),
    ])
    expect(name).toBe('DAIMM')
    expect(symbol).toBe('DAIMM')
    expect(decimals).toBe(18)
    expect(totalSupply).toBe(10n ** 27n)
    // Ten dev accounts × 1,000,000, two vesting wallets (150,000,000 and 100,000,000), the airdrop
    // (10 × 10,000): docs/deployment.md.
    expect(treasury).toBe(totalSupply - 10n ** 24n * (10n + 150n + 100n) - 10n ** 23n)
    // The treasury never votes; a dev account votes with its genesis grant from the first block.
    const [treasuryVotes, devVotes] = await Promise.all([
      publicClient.readContract({ ...token, functionName: 'getVotes', args: [contracts.timelock] }),
      publicClient.readContract({
        ...token,
        functionName: 'getVotes',
        args: ['0x90F79bf6EB2c4f870365E785982E1f101E93b906'],
      }),
    ])
    expect(treasuryVotes).toBe(0n)
    expect(devVotes).toBe(10n ** 24n)
  })

  test('the token counts votes by timestamp', async () => {
    const mode = await publicClient.readContract({ ...token, functionName: 'CLOCK_MODE' })
    expect(mode).toBe('mode=timestamp')
  })

  test('the governor votes with the token and executes through the timelock', async () => {
    const [votes, executor, minDelay] = await Promise.all([
      publicClient.readContract({ ...governor, functionName: 'token' }),
      publicClient.readContract({ ...governor, functionName: 'timelock' }),
      publicClient.readContract({ ...timelock, functionName: 'getMinDelay' }),
    ])
    expect(votes).toBe(contracts.token)
    expect(executor).toBe(contracts.timelock)
    expect(minDelay).toBeGreaterThan(0n)
  })

  test('the timelock administers the AccessManager and the deployer renounced', async () => {
    const [[timelockIsAdmin], [deployerIsAdmin]] = await Promise.all([
      publicClient.readContract({
        ...accessManager,
        functionName: 'hasRole',
        args: [ADMIN_ROLE, contracts.timelock],
      }),
      publicClient.readContract({
        ...accessManager,
        functionName: 'hasRole',
        args: [ADMIN_ROLE, deployer],
      }),
    ])
    expect(timelockIsAdmin).toBe(true)
    expect(deployerIsAdmin).toBe(false)
  })
})

describe('voting power, written through the generated ABIs', () => {
  // An account of its own: it starts with no DAIMM and no delegate (anvil's dev accounts hold
  // genesis DAIMM, self-delegated).
  const voter = testAccount('protocol.voter')
  const amount = parseEther('250000')
  let snapshot: Hex

  beforeAll(async () => {
    snapshot = await testClient.snapshot()
  })
  afterAll(async () => {
    await testClient.revert({ id: snapshot })
  })

  test('tokens sent from a genesis holder become votes once delegated', async () => {
    await giveEth(voter)
    await fundFromGenesis(chain, voter.address, amount)
    expect(
      await publicClient.readContract({
        ...token,
        functionName: 'balanceOf',
        args: [voter.address],
      }),
    ).toBe(amount)
    expect(
      await publicClient.readContract({
        ...token,
        functionName: 'getVotes',
        args: [voter.address],
      }),
    ).toBe(0n)

    const wallet = createWalletClient({ account: voter, chain: foundry, transport })
    const { request } = await publicClient.simulateContract({
      ...token,
      account: voter,
      functionName: 'delegate',
      args: [voter.address],
    })
    const receipt = await publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract(request),
    })
    expect(receipt.status).toBe('success')
    const { timestamp } = await publicClient.getBlock({ blockNumber: receipt.blockNumber })

    // Past votes are readable once the clock has moved past the delegation.
    await testClient.increaseTime({ seconds: 1 })
    await testClient.mine({ blocks: 1 })
    const [delegatee, votes, pastVotes] = await Promise.all([
      publicClient.readContract({ ...token, functionName: 'delegates', args: [voter.address] }),
      publicClient.readContract({ ...token, functionName: 'getVotes', args: [voter.address] }),
      publicClient.readContract({
        ...token,
        functionName: 'getPastVotes',
        args: [voter.address, timestamp],
      }),
    ])
    expect(delegatee).toBe(voter.address)
    expect(votes).toBe(amount)
    expect(pastVotes).toBe(amount)
  })
})

describe('staking, written through the generated ABIs', () => {
  // An account of its own: it starts with ETH but no DAIMM.
  const staker = testAccount('protocol.staker')
  const wallet = createWalletClient({ account: staker, chain: foundry, transport })
  const amount = parseEther('20000')
  let snapshot: Hex

  beforeAll(async () => {
    snapshot = await testClient.snapshot()
  })
  afterAll(async () => {
    await testClient.revert({ id: snapshot })
  })

  test('the Slasher is linked and its windows fit the unbonding period', async () => {
    const [linked, window, period] = await Promise.all([
      publicClient.readContract({ ...stakeManager, functionName: 'slasher' }),
      publicClient.readContract({ ...slasher, functionName: 'slashingWindow' }),
      publicClient.readContract({ ...stakeManager, functionName: 'unbondingPeriod' }),
    ])
    expect(linked).toBe(contracts.slasher)
    expect(window).toBeLessThanOrEqual(period)
  })

  test('a validator stakes, unbonds, and withdraws only after the unbonding period', async () => {
    await giveEth(staker)
    await fundFromGenesis(chain, staker.address, amount)
    const approve = await publicClient.simulateContract({
      ...token,
      account: staker,
      functionName: 'approve',
      args: [contracts.stakeManager, amount],
    })
    await confirm(await wallet.writeContract(approve.request))
    const stake = await publicClient.simulateContract({
      ...stakeManager,
      account: staker,
      functionName: 'stakeAsValidator',
      args: [amount],
    })
    await confirm(await wallet.writeContract(stake.request))
    expect(
      await publicClient.readContract({
        ...stakeManager,
        functionName: 'isValidator',
        args: [staker.address],
      }),
    ).toBe(true)

    const unstake = await publicClient.simulateContract({
      ...stakeManager,
      account: staker,
      functionName: 'requestUnstake',
      args: [amount],
    })
    await confirm(await wallet.writeContract(unstake.request))
    await expect(
      publicClient.simulateContract({ ...stakeManager, account: staker, functionName: 'withdraw' }),
    ).rejects.toThrow(/StakeManagerNothingToWithdraw/)

    const period = await publicClient.readContract({
      ...stakeManager,
      functionName: 'unbondingPeriod',
    })
    await testClient.increaseTime({ seconds: Number(period) })
    await testClient.mine({ blocks: 1 })
    const withdraw = await publicClient.simulateContract({
      ...stakeManager,
      account: staker,
      functionName: 'withdraw',
    })
    expect(withdraw.result).toBe(amount)
    await confirm(await wallet.writeContract(withdraw.request))
    expect(
      await publicClient.readContract({
        ...token,
        functionName: 'balanceOf',
        args: [staker.address],
      }),
    ).toBe(amount)
  })
})

async function confirm(hash: Hex): Promise<void> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
}
