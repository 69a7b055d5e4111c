import type { Hex } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type CidInput, cidToBytes, type ModelId, toTokenId } from '../registry/types.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'
import { toMetricId } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.openRound, scoringManager.RoundOpened] as const

export type OpenRoundParameters = {
  /** The registered model or dataset to score. */
  subjectId: ModelId
  /** The benchmark dataset's CID (string, `CID` or binary hex). */
  datasetCid: CidInput
  /** The benchmark metric: a name of up to 32 bytes (`'accuracy'`), or a bytes32 as hex. */
  metric: string
  /** Validator reward in DAIMM wei, at least `minBudgetPerSeat × committeeSize`. */
  budget: bigint
  /** Seats, 1 to `maxCommitteeSize` (see `getScoringParameters`). */
  committeeSize: number
} & SenderParameters

export type OpenRoundReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  roundId: bigint
  /** Recorded with the result in the registry. */
  benchmarkId: Hex
  /** Members weigh their active stake at the end of this second (the one before opening). */
  /** Seconds since the epoch. */
  snapshotAt: bigint
  /** The block whose hash seeds the draw: `drawCommittee` works from the next block on. */
  seedBlock: bigint
}

/**
 * Opens a scoring round on a registered subject, paying its budget in DAIMM. When the
 * ScoringManager's allowance is short, an `approve` of exactly the budget is sent first. Opening
 * freezes the sortition pool's weights until the round's committee is drawn, which anyone may do
 * with `drawCommittee` from the next block on.
 *
 * @example
 * const { roundId } = await daimm.scoring.openRound({
 *   subjectId: model.id,
 *   datasetCid: 'bafkrei…',
 *   metric: 'accuracy',
 *   budget: parseEther('50'),
 *   committeeSize: 5,
 * })
 */
export async function openRound(
  ctx: DaimmContext,
  { subjectId, datasetCid, metric, budget, committeeSize, account }: OpenRoundParameters,
): Promise<OpenRoundReturnType> {
  const { token, scoring } = ctx.deployment.contracts
  const result = await simulateAndWrite(ctx, {
    address: scoring,
    abi: scoringManagerAbi,
    functionName: 'openRound',
    args: [
      toTokenId(subjectId),
      cidToBytes(datasetCid),
      toMetricId(metric),
      budget,
      BigInt(committeeSize),
    ],
    approval: { token, spender: scoring, amount: budget },
    account,
  })
  const opened = eventOf(scoringManagerAbi, result, 'RoundOpened', 'openRound').args
  return {
    ...result,
    roundId: opened.roundId,
    benchmarkId: opened.benchmarkId,
    snapshotAt: BigInt(opened.snapshotAt),
    seedBlock: opened.seedBlock,
  }
}
