import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { assetKinds, toModelId } from '../registry/types.js'
import { readOrExplain } from '../write.js'
import { type Round, roundStatuses } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.round] as const

export type GetRoundParameters = { roundId: bigint } & ReadParameters
/** Null when no round has that id. */
export type GetRoundReturnType = Round | null

/**
 * Reads a scoring round: its subject, benchmark, budget, committee size, windows, status and,
 * once finalized, its result.
 *
 * @example
 * const round = await daimm.scoring.getRound({ roundId })
 * if (round?.status === 'drawn' && round.revealDeadline! < BigInt(Math.floor(Date.now() / 1000)))
 *   await daimm.scoring.finalize({ roundId })
 */
export async function getRound(
  ctx: DaimmContext,
  { roundId, blockNumber }: GetRoundParameters,
): Promise<GetRoundReturnType> {
  const client = await readClient(ctx, blockNumber)
  const r = await readOrExplain('round', () =>
    client.readContract({
      address: ctx.deployment.contracts.scoring,
      abi: scoringManagerAbi,
      functionName: 'round',
      args: [roundId],
    }),
  )
  const status = roundStatuses[r.status] ?? 'none'
  if (status === 'none') return null
  const seconds = (at: number) => (at === 0 ? null : BigInt(at))
  return {
    id: roundId,
    status,
    subjectId: toModelId(r.subjectId),
    subjectKind: assetKinds[r.kind] ?? 'model',
    subjectOwner: r.subjectOwner,
    benchmarkId: r.benchmarkId,
    funder: r.funder,
    budget: r.budget,
    committeeSize: r.committeeSize,
    seats: r.seats,
    snapshotAt: BigInt(r.snapshotAt),
    seedBlock: BigInt(r.seedBlock),
    commitDeadline: seconds(r.commitDeadline),
    revealDeadline: seconds(r.revealDeadline),
    result:
      status === 'finalized'
        ? {
            consensus: r.consensus,
            bandLow: r.bandLow,
            bandHigh: r.bandHigh,
            rewardedWeight: r.rewardedWeight,
          }
        : null,
  }
}
