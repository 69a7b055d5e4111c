import type { Address } from 'viem'
import * as stakeManager from '../../generated/abi/stakeManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'

/** The stakeManager ABI items this action uses (errors decode from the protocol's table). */
const stakeManagerAbi = [
  stakeManager.isValidator,
  stakeManager.lockedOf,
  stakeManager.stakeOf,
  stakeManager.unbondingOf,
  stakeManager.unbondingRequests,
  stakeManager.withdrawableOf,
] as const

export type GetStakeParameters = { account: Address } & ReadParameters
export type GetStakeReturnType = {
  /** Active stake. */
  staked: bigint
  /** Requested to unstake, not yet withdrawn (still slashable). */
  unbonding: bigint
  /** Active stake held by open scoring rounds. */
  locked: bigint
  /** Unbonding stake whose period has passed. */
  withdrawable: bigint
  isValidator: boolean
  requests: readonly { amount: bigint /** Seconds since the epoch. */; releaseAt: bigint }[]
}

/**
 * Everything a wallet shows about an account's stake, in one call batch.
 *
 * @example
 * const { staked, unbonding, withdrawable } = await daimm.staking.getStake({ account })
 */
export async function getStake(
  ctx: DaimmContext,
  { account, blockNumber }: GetStakeParameters,
): Promise<GetStakeReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const stakeManager = {
    address: ctx.deployment.contracts.stakeManager,
    abi: stakeManagerAbi,
  } as const
  const args = [account] as const
  const [staked, unbonding, locked, withdrawable, isValidator, requests] = await Promise.all([
    client.readContract({ ...stakeManager, functionName: 'stakeOf', args }),
    client.readContract({ ...stakeManager, functionName: 'unbondingOf', args }),
    client.readContract({ ...stakeManager, functionName: 'lockedOf', args }),
    client.readContract({ ...stakeManager, functionName: 'withdrawableOf', args }),
    client.readContract({ ...stakeManager, functionName: 'isValidator', args }),
    client.readContract({ ...stakeManager, functionName: 'unbondingRequests', args }),
  ])
  return {
    staked,
    unbonding,
    locked,
    withdrawable,
    isValidator,
    requests: requests.map((r) => ({
      amount: r.amount,
      releaseAt: BigInt(r.releaseAt),
    })),
  }
}
