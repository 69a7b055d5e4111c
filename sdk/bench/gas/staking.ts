/**
 * Staking gas, measured with 100 validators already staked: a new validator's first stake (which
 * also registers it and puts it in the validator set), a top-up, an unstake request and a
 * withdrawal after the unbonding period. Each transaction goes to a fresh timestamp, so every
 * stake change writes a new checkpoint (the worst case: a second change in the same second
 * overwrites it instead).
 */
import { type Account, encodeFunctionData, parseEther } from 'viem'
import { daimmTokenAbi, stakeManagerAbi } from '../../src/index.js'
import type { GasContext, GasMeasurement } from './context.js'
import { storageFloor, TRANSFER_LOG } from './floor.js'

const VALIDATORS = 100
const STAKE = parseEther('20000')
const TOP_UP = parseEther('5000')
const UNSTAKE = parseEther('3000')

// Event shapes (topics include the signature): see src/interfaces/IStakeManager.sol.
const STAKED_LOG = { topics: 2, dataBytes: 64 } // Staked(account, amount, newStake)
const REGISTERED_LOG = { topics: 2, dataBytes: 0 } // ValidatorRegistered(account)
const ACTIVATED_LOG = { topics: 2, dataBytes: 32 } // ValidatorActivated(account, position)
const UNSTAKE_REQUESTED_LOG = { topics: 2, dataBytes: 96 } // UnstakeRequested(account, amount, releaseAt, newStake)
const WITHDRAWN_LOG = { topics: 2, dataBytes: 64 } // Withdrawn(account, amount, requests)
const DEACTIVATED_LOG = { topics: 2, dataBytes: 32 } // ValidatorDeactivated(account, position)

export async function stakingSuite(ctx: GasContext): Promise<GasMeasurement[]> {
  const { contracts } = ctx.deployment
  const stakeManager = { address: contracts.stakeManager, abi: stakeManagerAbi } as const
  const token = { address: contracts.token, abi: daimmTokenAbi } as const

  async function approve(account: Account, amount: bigint): Promise<void> {
    await ctx.send(account, {
      ...token,
      functionName: 'approve',
      args: [stakeManager.address, amount],
    })
  }

  // 100 validators in the set. Each keeps some DAIMM unstaked, as holders usually do, so that
  // balances stay non-zero and the measured transfers write no new token slot.
  for (let i = 0; i < VALIDATORS; i++) {
    const validator = await ctx.actor(`staking.validator.${i}`)
    await ctx.fund(validator.address, STAKE * 2n)
    await approve(validator, STAKE)
    await ctx.send(validator, { ...stakeManager, functionName: 'stakeAsValidator', args: [STAKE] })
  }
  const count = await ctx.publicClient.readContract({
    ...stakeManager,
    functionName: 'validatorCount',
  })
  if (count !== BigInt(VALIDATORS))
    throw new Error(`expected ${VALIDATORS} validators, found ${count}`)

  const newcomer = await ctx.actor('staking.newcomer')
  await ctx.fund(newcomer.address, STAKE * 2n)
  const measurements: GasMeasurement[] = []

  // First stake: a new account slot, the checkpoint array's length and first element, and the
  // validator set's new position slot.
  await approve(newcomer, STAKE)
  await ctx.advance(1)
  measurements.push({
    name: 'stake',
    gasUsed: (
      await ctx.send(newcomer, {
        ...stakeManager,
        functionName: 'stakeAsValidator',
        args: [STAKE],
      })
    ).gasUsed,
    target: 160_000n,
    floor: storageFloor({
      calldata: encodeFunctionData({
        ...stakeManager,
        functionName: 'stakeAsValidator',
        args: [STAKE],
      }),
      newSlots: 4,
      logs: [TRANSFER_LOG, REGISTERED_LOG, ACTIVATED_LOG, STAKED_LOG],
    }),
    note: `new validator, ${VALIDATORS} already staked; registers and joins the set`,
  })

  // Top-up: one new checkpoint.
  await approve(newcomer, TOP_UP)
  await ctx.advance(1)
  measurements.push({
    name: 'stake_topup',
    gasUsed: (await ctx.send(newcomer, { ...stakeManager, functionName: 'stake', args: [TOP_UP] }))
      .gasUsed,
    target: 100_000n,
    floor: storageFloor({
      calldata: encodeFunctionData({ ...stakeManager, functionName: 'stake', args: [TOP_UP] }),
      newSlots: 1,
      logs: [TRANSFER_LOG, STAKED_LOG],
    }),
    note: 'validator stays in the set',
  })

  // Unstake request: one new checkpoint and the queue's first request slot.
  await ctx.advance(1)
  measurements.push({
    name: 'requestUnstake',
    gasUsed: (
      await ctx.send(newcomer, {
        ...stakeManager,
        functionName: 'requestUnstake',
        args: [UNSTAKE],
      })
    ).gasUsed,
    target: 130_000n,
    floor: storageFloor({
      calldata: encodeFunctionData({
        ...stakeManager,
        functionName: 'requestUnstake',
        args: [UNSTAKE],
      }),
      newSlots: 2,
      logs: [UNSTAKE_REQUESTED_LOG],
    }),
    note: 'first request in the queue; stays above the validator minimum',
  })

  // Withdrawal after the unbonding period: no new slot (the request slot is left for reuse).
  const period = await ctx.publicClient.readContract({
    ...stakeManager,
    functionName: 'unbondingPeriod',
  })
  await ctx.advance(Number(period) + 1)
  measurements.push({
    name: 'withdraw',
    gasUsed: (await ctx.send(newcomer, { ...stakeManager, functionName: 'withdraw', args: [] }))
      .gasUsed,
    target: 70_000n,
    floor: storageFloor({
      calldata: encodeFunctionData({ ...stakeManager, functionName: 'withdraw', args: [] }),
      newSlots: 0,
      logs: [TRANSFER_LOG, WITHDRAWN_LOG],
    }),
    note: 'one matured request, to an account that holds DAIMM',
  })

  // Worst cases of the same operations, for context. A validator that unstakes below the minimum
  // also leaves the set: the last member moves into its position (two non-zero writes, one clear).
  const leaver = await ctx.actor('staking.validator.0')
  await ctx.advance(1)
  measurements.push({
    name: 'requestUnstake_leavingSet',
    gasUsed: (
      await ctx.send(leaver, {
        ...stakeManager,
        functionName: 'requestUnstake',
        args: [STAKE],
      })
    ).gasUsed,
    target: 130_000n,
    floor: storageFloor({
      calldata: encodeFunctionData({
        ...stakeManager,
        functionName: 'requestUnstake',
        args: [STAKE],
      }),
      newSlots: 2,
      logs: [DEACTIVATED_LOG, UNSTAKE_REQUESTED_LOG],
    }),
    note: 'unstakes everything and leaves the validator set (swap and pop)',
  })

  // A staker who staked its whole balance withdraws into an empty token balance: the token writes a
  // new balance slot, so the target is the 70,000 above plus that slot.
  const allIn = await ctx.actor('staking.allIn')
  await ctx.fund(allIn.address, STAKE)
  await approve(allIn, STAKE)
  await ctx.send(allIn, { ...stakeManager, functionName: 'stake', args: [STAKE] })
  await ctx.send(allIn, { ...stakeManager, functionName: 'requestUnstake', args: [STAKE] })
  await ctx.advance(Number(period) + 1)
  measurements.push({
    name: 'withdraw_toEmptyBalance',
    gasUsed: (await ctx.send(allIn, { ...stakeManager, functionName: 'withdraw', args: [] }))
      .gasUsed,
    target: 70_000n + 22_100n,
    floor: storageFloor({
      calldata: encodeFunctionData({ ...stakeManager, functionName: 'withdraw', args: [] }),
      newSlots: 1,
      logs: [TRANSFER_LOG, WITHDRAWN_LOG],
    }),
    note: 'the token writes a new balance slot for the staker',
  })

  return measurements
}
