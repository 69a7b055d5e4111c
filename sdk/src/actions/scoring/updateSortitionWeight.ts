import { type Address, parseEventLogs } from 'viem'
import * as sortitionPool from '../../generated/abi/sortitionPool.js'
import { type DaimmContext, type SenderParameters, senderAddressOf } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The sortitionPool ABI items this action uses (errors decode from the protocol's table). */
const sortitionPoolAbi = [
  sortitionPool.updateWeight,
  sortitionPool.weightOf,
  sortitionPool.WeightSet,
] as const

export type UpdateSortitionWeightParameters = {
  /** Whose weight to sync. Default: the sender. */
  validator?: Address | undefined
} & SenderParameters
export type UpdateSortitionWeightReturnType = WriteReturnType<typeof sortitionPoolAbi> & {
  /** The validator's pool weight now: its active stake while in the validator set, else 0. */
  weight: bigint
  /** Whether the weight moved (`WeightSet`); an up-to-date weight is left as it was. */
  changed: boolean
}

/**
 * Syncs a validator's weight in the sortition pool with its stake, so that draws see it.
 * Validators send it after staking (or anyone, for any validator). It reverts while an opened
 * round waits for its committee draw, which freezes the weights: draw that round first.
 *
 * @throws {ContractError} `SortitionPoolFrozen` while a round waits for its draw: call
 * `drawCommittee` on it, or retry once it is drawn.
 * @example
 * await daimm.staking.stake({ amount: parseEther('10000'), asValidator: true })
 * await daimm.scoring.updateWeight()
 */
export async function updateSortitionWeight(
  ctx: DaimmContext,
  { validator, account }: UpdateSortitionWeightParameters = {},
): Promise<UpdateSortitionWeightReturnType> {
  const pool = ctx.deployment.contracts.sortitionPool
  const whose = validator ?? senderAddressOf(ctx, account, 'updateWeight')
  const result = await simulateAndWrite(ctx, {
    address: pool,
    abi: sortitionPoolAbi,
    functionName: 'updateWeight',
    args: [whose],
    account,
  })
  const [set] = parseEventLogs({
    abi: sortitionPoolAbi,
    logs: result.receipt.logs,
    eventName: 'WeightSet',
  })
  if (set) return { ...result, weight: set.args.weight, changed: true }
  const weight = await ctx.publicClient.readContract({
    address: pool,
    abi: sortitionPoolAbi,
    functionName: 'weightOf',
    args: [whose],
    blockNumber: result.receipt.blockNumber,
  })
  return { ...result, weight, changed: false }
}
