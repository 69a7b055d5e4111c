import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  parseEther,
} from 'viem'
import { foundry } from 'viem/chains'
import { expect, test } from 'vitest'
import {
  type ContractError,
  createDaimmClient,
  daimmTokenAbi,
  stakeManagerAbi,
} from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import { advance, chain, clientOf, giveEth, revertAfterFile, testAccount } from './local.js'
import { asTimelock } from './treasury.js'

const { publicClient, deployment } = chain
// An account of its own, with no DAIMM of its own (anvil's dev accounts hold genesis DAIMM).
const validator = testAccount('staking.validator')
const daimm = clientOf(validator)

// Its transactions are undone afterwards, so that other files see the deployment as deployed.
revertAfterFile()

test('a validator stakes, unbonds after the period, and withdraws through the client', async () => {
  const { token, stakeManager } = deployment.contracts
  await giveEth(validator)
  await fundFromGenesis(chain, validator.address, parseEther('20000'))

  await daimm.staking.stake({ amount: parseEther('20000'), asValidator: true })
  expect(await daimm.staking.getStake({ account: validator.address })).toMatchObject({
    staked: parseEther('20000'),
    unbonding: 0n,
    isValidator: true,
  })

  await daimm.staking.requestUnstake({ amount: parseEther('5000') })
  const early = await daimm.staking.withdraw().catch((e: unknown) => e)
  expect((early as ContractError).errorName).toBe('StakeManagerNothingToWithdraw')
  expect((early as ContractError).shortMessage).toMatch(/^Nothing has finished unbonding yet/)

  const period = await publicClient.readContract({
    address: stakeManager,
    abi: stakeManagerAbi,
    functionName: 'unbondingPeriod',
  })
  await advance(period + 1n)
  await daimm.staking.withdraw()
  expect(await daimm.staking.getStake({ account: validator.address })).toMatchObject({
    staked: parseEther('15000'),
    unbonding: 0n,
    withdrawable: 0n,
  })
  expect(
    await publicClient.readContract({
      address: token,
      abi: daimmTokenAbi,
      functionName: 'balanceOf',
      args: [validator.address],
    }),
  ).toBe(parseEther('5000'))
})

test('a write estimated in the second of the last stake change still fits when mined a second later', async () => {
  await fundFromGenesis(chain, validator.address, parseEther('1000'))
  // The stake lands at a second ahead of the clock; until the clock gets there, new blocks share it.
  const latest = await publicClient.getBlock()
  await chain.testClient.setNextBlockTimestamp({ timestamp: latest.timestamp + 100n })
  const staked = await daimm.staking.stake({ amount: parseEther('1000') })
  const { timestamp } = await publicClient.getBlock({ blockNumber: staked.receipt.blockNumber })

  // The unstake is estimated in that second, where its checkpoint is a rewrite; the clock then ticks
  // before it is mined, so it writes a fresh checkpoint slot, 20,000 gas more than estimated.
  const ticking = createPublicClient({
    chain: foundry,
    transport: custom({
      async request({ method, params }) {
        const result = await publicClient.request({ method, params } as never)
        // viem estimates through eth_fillTransaction where the node has it, else eth_estimateGas.
        if (method === 'eth_estimateGas' || method === 'eth_fillTransaction')
          await chain.testClient.setNextBlockTimestamp({ timestamp: timestamp + 1n })
        return result
      },
    }),
  })
  const walletClient = createWalletClient({
    account: validator,
    chain: foundry,
    transport: chain.transport,
  })
  const client = createDaimmClient({ publicClient: ticking, walletClient, deployment })
  const { receipt } = await client.staking.requestUnstake({ amount: parseEther('1000') })
  expect(receipt.status).toBe('success')
  expect((await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp).toBe(
    timestamp + 1n,
  )
})

test('a staker leaves and rejoins the validator set; anyone syncs it out after the minimum rises', async () => {
  const { stakeManager } = deployment.contracts
  await daimm.staking.setValidator({ validator: false })
  expect((await daimm.staking.getStake({ account: validator.address })).isValidator).toBe(false)
  const again = await daimm.staking.setValidator({ validator: false }).catch((e: unknown) => e)
  expect((again as ContractError).errorName).toBe('StakeManagerValidatorRegistrationUnchanged')
  expect((again as ContractError).shortMessage).toMatch(/is not registered as a validator/)

  await daimm.staking.setValidator({ validator: true })
  const { staked, isValidator } = await daimm.staking.getStake({ account: validator.address })
  expect(isValidator).toBe(true)

  // Governance raises the validator minimum above its stake: it no longer counts as a validator, but
  // it keeps its place in the set's list until someone syncs it.
  const contributorMin = await publicClient.readContract({
    address: stakeManager,
    abi: stakeManagerAbi,
    functionName: 'contributorMinStake',
  })
  await asTimelock(chain, {
    to: stakeManager,
    data: encodeFunctionData({
      abi: stakeManagerAbi,
      functionName: 'setMinimumStakes',
      args: [contributorMin, staked + 1n],
    }),
  })
  const count = () =>
    publicClient.readContract({
      address: stakeManager,
      abi: stakeManagerAbi,
      functionName: 'validatorCount',
    })
  const listed = await count()
  expect((await daimm.staking.getStake({ account: validator.address })).isValidator).toBe(false)
  const keeper = testAccount('staking.keeper')
  await giveEth(keeper)
  await clientOf(keeper).staking.syncValidator({ validator: validator.address })
  expect(await count()).toBe(listed - 1n)
})
